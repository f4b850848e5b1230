//! Integration tests exercising the public API of the `rpn` crate.

use rpn::{Calculator, Error};

fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn calculator_keeps_variables_between_evaluations() {
    let mut calc = Calculator::new();

    calc.eval("100 =principal").unwrap();
    calc.eval("0.05 =rate").unwrap();
    calc.eval("10 =years").unwrap();

    // Compound interest: principal * (1 + rate) ^ years
    let amount = calc.eval("principal 1 rate + years ^ *").unwrap();

    assert!(approx_eq(amount, 162.889_462_677_744_1), "got {amount}");
}

#[test]
fn preset_variables_are_visible_to_expressions() {
    let mut calc = Calculator::new();
    calc.set("pi", std::f64::consts::PI);
    calc.set("r", 2.0);

    let area = calc.eval("pi r 2 ^ *").unwrap();

    assert!(approx_eq(area, 4.0 * std::f64::consts::PI));
}

#[test]
fn reassigning_a_variable_overwrites_it() {
    let mut calc = Calculator::new();
    calc.eval("1 =x").unwrap();
    calc.eval("x 1 + =x").unwrap();
    calc.eval("x 1 + =x").unwrap();

    assert_eq!(calc.get("x"), Some(3.0));
}

#[test]
fn a_failed_evaluation_does_not_store_later_assignments() {
    let mut calc = Calculator::new();

    let result = calc.eval("1 0 / =z");

    assert_eq!(result, Err(Error::DivisionByZero));
    assert_eq!(calc.get("z"), None);
}

#[test]
fn assignments_made_before_an_error_are_kept() {
    // Evaluation is not transactional: earlier stores in the same expression persist.
    let mut calc = Calculator::new();

    let result = calc.eval("5 =a a bogus");

    assert_eq!(result, Err(Error::UnknownVariable("bogus".into())));
    assert_eq!(calc.get("a"), Some(5.0));
}

#[test]
fn errors_implement_std_error() {
    fn takes_std_error(_: &dyn std::error::Error) {}

    let err = Calculator::new().eval("1 2").unwrap_err();
    takes_std_error(&err);
    assert_eq!(err.to_string(), "expression left 2 values on the stack");
}

#[test]
fn sqrt_of_negative_is_nan_not_an_error() {
    let v = Calculator::new().eval("-4 sqrt").unwrap();
    assert!(v.is_nan());
}

#[test]
fn scientific_notation_is_accepted() {
    assert_eq!(Calculator::new().eval("1e3 2.5E-1 *"), Ok(250.0));
}

#[test]
fn many_independent_calculators_do_not_share_state() {
    let mut a = Calculator::new();
    let mut b = Calculator::new();
    a.eval("1 =shared").unwrap();

    assert_eq!(b.eval("shared"), Err(Error::UnknownVariable("shared".into())));
}
