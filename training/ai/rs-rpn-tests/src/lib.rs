//! A small reverse-Polish-notation calculator with variables.

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    StackUnderflow { op: String, needed: usize, had: usize },
    DivisionByZero,
    UnknownToken(String),
    UnknownVariable(String),
    LeftoverValues(usize),
    Empty,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::StackUnderflow { op, needed, had } => {
                write!(f, "'{op}' needs {needed} value(s), stack has {had}")
            }
            Error::DivisionByZero => write!(f, "division by zero"),
            Error::UnknownToken(t) => write!(f, "unknown token '{t}'"),
            Error::UnknownVariable(v) => write!(f, "unknown variable '{v}'"),
            Error::LeftoverValues(n) => write!(f, "expression left {n} values on the stack"),
            Error::Empty => write!(f, "empty expression"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Default)]
pub struct Calculator {
    vars: HashMap<String, f64>,
}

impl Calculator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&mut self, name: &str, value: f64) {
        self.vars.insert(name.to_string(), value);
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.vars.get(name).copied()
    }

    /// Evaluates an expression. `=name` pops the top value and stores it.
    pub fn eval(&mut self, expr: &str) -> Result<f64, Error> {
        let mut stack: Vec<f64> = Vec::new();
        let mut last_stored = None;
        for tok in expr.split_whitespace() {
            if let Ok(n) = tok.parse::<f64>() {
                stack.push(n);
                continue;
            }
            if let Some(name) = tok.strip_prefix('=') {
                let v = pop(&mut stack, tok, 1)?[0];
                self.vars.insert(name.to_string(), v);
                last_stored = Some(v);
                continue;
            }
            match tok {
                "+" | "-" | "*" | "/" | "^" | "%" => {
                    let ab = pop(&mut stack, tok, 2)?;
                    let (a, b) = (ab[0], ab[1]);
                    stack.push(match tok {
                        "+" => a + b,
                        "-" => a - b,
                        "*" => a * b,
                        "/" if b == 0.0 => return Err(Error::DivisionByZero),
                        "/" => a / b,
                        "%" if b == 0.0 => return Err(Error::DivisionByZero),
                        "%" => a.rem_euclid(b),
                        _ => a.powf(b),
                    });
                }
                "neg" => {
                    let a = pop(&mut stack, tok, 1)?[0];
                    stack.push(-a);
                }
                "sqrt" => {
                    let a = pop(&mut stack, tok, 1)?[0];
                    stack.push(a.sqrt());
                }
                "dup" => {
                    let a = pop(&mut stack, tok, 1)?[0];
                    stack.extend([a, a]);
                }
                "swap" => {
                    let ab = pop(&mut stack, tok, 2)?;
                    stack.extend([ab[1], ab[0]]);
                }
                "sum" => {
                    let s = stack.drain(..).sum();
                    stack.push(s);
                }
                _ if tok.chars().all(|c| c.is_ascii_alphabetic() || c == '_') => {
                    let v = self.get(tok).ok_or_else(|| Error::UnknownVariable(tok.to_string()))?;
                    stack.push(v);
                }
                _ => return Err(Error::UnknownToken(tok.to_string())),
            }
        }
        match (stack.len(), last_stored) {
            (1, _) => Ok(stack[0]),
            (0, Some(v)) => Ok(v),
            (0, None) => Err(Error::Empty),
            (n, _) => Err(Error::LeftoverValues(n)),
        }
    }
}

fn pop(stack: &mut Vec<f64>, op: &str, n: usize) -> Result<Vec<f64>, Error> {
    if stack.len() < n {
        return Err(Error::StackUnderflow { op: op.to_string(), needed: n, had: stack.len() });
    }
    Ok(stack.split_off(stack.len() - n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(expr: &str) -> Result<f64, Error> {
        Calculator::new().eval(expr)
    }

    #[test]
    fn single_number_evaluates_to_itself() {
        assert_eq!(eval("42"), Ok(42.0));
        assert_eq!(eval("-3.5"), Ok(-3.5));
    }

    #[test]
    fn basic_binary_operators() {
        assert_eq!(eval("2 3 +"), Ok(5.0));
        assert_eq!(eval("2 3 -"), Ok(-1.0));
        assert_eq!(eval("2 3 *"), Ok(6.0));
        assert_eq!(eval("3 2 /"), Ok(1.5));
        assert_eq!(eval("2 10 ^"), Ok(1024.0));
    }

    #[test]
    fn operand_order_is_left_then_right() {
        // "10 4 -" means 10 - 4, not 4 - 10
        assert_eq!(eval("10 4 -"), Ok(6.0));
        assert_eq!(eval("1 2 swap -"), Ok(1.0));
    }

    #[test]
    fn modulo_is_euclidean() {
        assert_eq!(eval("7 3 %"), Ok(1.0));
        assert_eq!(eval("-7 3 %"), Ok(2.0));
    }

    #[test]
    fn nested_expression() {
        // (1 + 2) * (3 + 4) = 21
        assert_eq!(eval("1 2 + 3 4 + *"), Ok(21.0));
    }

    #[test]
    fn unary_operators() {
        assert_eq!(eval("5 neg"), Ok(-5.0));
        assert_eq!(eval("16 sqrt"), Ok(4.0));
        assert_eq!(eval("3 dup *"), Ok(9.0));
    }

    #[test]
    fn sum_collapses_the_whole_stack() {
        assert_eq!(eval("1 2 3 4 sum"), Ok(10.0));
        assert_eq!(eval("sum"), Ok(0.0));
    }

    #[test]
    fn extra_whitespace_is_ignored() {
        assert_eq!(eval("  1\t2 \n +  "), Ok(3.0));
    }

    #[test]
    fn division_by_zero_is_an_error() {
        assert_eq!(eval("1 0 /"), Err(Error::DivisionByZero));
        assert_eq!(eval("1 0 %"), Err(Error::DivisionByZero));
    }

    #[test]
    fn underflow_reports_operator_and_depth() {
        assert_eq!(
            eval("1 +"),
            Err(Error::StackUnderflow { op: "+".into(), needed: 2, had: 1 })
        );
        assert_eq!(
            eval("neg"),
            Err(Error::StackUnderflow { op: "neg".into(), needed: 1, had: 0 })
        );
    }

    #[test]
    fn empty_input_is_an_error() {
        assert_eq!(eval(""), Err(Error::Empty));
        assert_eq!(eval("   "), Err(Error::Empty));
    }

    #[test]
    fn leftover_values_are_an_error() {
        assert_eq!(eval("1 2 3 +"), Err(Error::LeftoverValues(2)));
    }

    #[test]
    fn unknown_token() {
        assert_eq!(eval("1 2 &"), Err(Error::UnknownToken("&".into())));
    }

    #[test]
    fn variables_can_be_stored_and_read() {
        let mut c = Calculator::new();
        assert_eq!(c.eval("2 3 * =x"), Ok(6.0));
        assert_eq!(c.get("x"), Some(6.0));
        assert_eq!(c.eval("x x +"), Ok(12.0));
    }

    #[test]
    fn unknown_variable_is_an_error() {
        assert_eq!(eval("y 1 +"), Err(Error::UnknownVariable("y".into())));
    }

    #[test]
    fn error_messages_are_readable() {
        let err = eval("1 +").unwrap_err();
        assert_eq!(err.to_string(), "'+' needs 2 value(s), stack has 1");
        assert_eq!(Error::LeftoverValues(3).to_string(), "expression left 3 values on the stack");
    }
}
