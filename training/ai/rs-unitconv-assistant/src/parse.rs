//! Parsing of unit expressions such as `km/h`, `m/s^2` or `kg*m/s^2`.

use crate::units::{lookup, Dimension, UnitDef};
use crate::ConvError;

/// A possibly compound unit, reduced to a factor and a dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct CompoundUnit {
    /// The expression as the user wrote it, for messages.
    pub text: String,
    pub factor: f64,
    pub dimension: Dimension,
    /// Set only when the expression is a single absolute temperature unit
    /// (`degC`, `degF`). In compound units like `degC/min` the offset makes
    /// no sense, so such units are treated as temperature *differences*.
    pub offset: Option<f64>,
}

/// Parses a unit expression.
///
/// Grammar (whitespace around operators is allowed):
///
/// ```text
/// expr := term (('*' | '·' | '/') term)*
/// term := name ('^' integer)?
/// ```
///
/// Everything after a `/` is in the denominator, so `W/m*K` means
/// `W/(m*K)`; that's how people write units, even if it isn't how
/// arithmetic works.
pub fn parse_unit(text: &str) -> Result<CompoundUnit, ConvError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ConvError::Syntax("empty unit".into()));
    }

    let mut factor = 1.0;
    let mut dimension = Dimension::NONE;
    let mut in_denominator = false;
    let mut terms: Vec<&'static UnitDef> = Vec::new();
    let mut expect_term = true;

    let mut rest = trimmed;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if expect_term {
            let (name, power, tail) = split_term(rest)?;
            let def = lookup(name).ok_or_else(|| ConvError::UnknownUnit(name.to_string()))?;
            let power = if in_denominator { -power } else { power };
            factor *= def.factor.powi(i32::from(power));
            dimension = dimension * def.dimension.powi(power);
            terms.push(def);
            rest = tail;
            expect_term = false;
        } else {
            let mut chars = rest.chars();
            match chars.next() {
                Some('*') | Some('·') => {}
                Some('/') => {
                    if in_denominator {
                        return Err(ConvError::Syntax(format!("more than one '/' in {trimmed:?}")));
                    }
                    in_denominator = true;
                }
                Some(c) => return Err(ConvError::Syntax(format!("unexpected {c:?} in {trimmed:?}"))),
                None => break,
            }
            rest = chars.as_str();
            expect_term = true;
        }
    }
    if expect_term {
        return Err(ConvError::Syntax(format!("{trimmed:?} ends with an operator")));
    }

    let offset = match terms.as_slice() {
        [single] if single.offset != 0.0 && !in_denominator && factor == single.factor => Some(single.offset),
        _ => None,
    };

    Ok(CompoundUnit { text: trimmed.to_string(), factor, dimension, offset })
}

/// Splits `name^power` off the front of `s`, returning (name, power, rest).
fn split_term(s: &str) -> Result<(&str, i8, &str), ConvError> {
    let end = s
        .char_indices()
        .find(|&(_, c)| matches!(c, '*' | '/' | '^' | '·') || c.is_whitespace())
        .map_or(s.len(), |(i, _)| i);
    let name = &s[..end];
    if name.is_empty() {
        return Err(ConvError::Syntax(format!("expected a unit name at {s:?}")));
    }

    let rest = s[end..].trim_start();
    if let Some(after_caret) = rest.strip_prefix('^') {
        let after_caret = after_caret.trim_start();
        let digits_end = after_caret
            .char_indices()
            .find(|&(i, c)| !(c.is_ascii_digit() || (i == 0 && c == '-')))
            .map_or(after_caret.len(), |(i, _)| i);
        let power: i8 = after_caret[..digits_end]
            .parse()
            .map_err(|_| ConvError::Syntax(format!("bad exponent after {name:?}")))?;
        if power == 0 {
            return Err(ConvError::Syntax(format!("exponent 0 on {name:?} is meaningless")));
        }
        return Ok((name, power, &after_caret[digits_end..]));
    }
    Ok((name, 1, rest))
}

/// Parses a full query: `<number> <unit> (to|in|->) <unit>`.
pub fn parse_query(query: &str) -> Result<(f64, CompoundUnit, CompoundUnit), ConvError> {
    let q = query.trim();
    let (left, right) = [" to ", " in ", "->"]
        .iter()
        .find_map(|sep| q.split_once(sep))
        .ok_or_else(|| ConvError::Syntax("expected '<value> <unit> to <unit>'".into()))?;

    let left = left.trim();
    let number_end = left
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '_') || (i == 0 && matches!(c, '-' | '+'))))
        .map_or(left.len(), |(i, _)| i);
    let number_text = left[..number_end].replace('_', "");
    let value: f64 = number_text
        .parse()
        .map_err(|_| ConvError::Syntax(format!("{:?} is not a number", &left[..number_end])))?;
    if !value.is_finite() {
        return Err(ConvError::Syntax("value must be finite".into()));
    }

    Ok((value, parse_unit(&left[number_end..])?, parse_unit(right)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compound_units() {
        let kmh = parse_unit("km/h").unwrap();
        assert!((kmh.factor - 1000.0 / 3600.0).abs() < 1e-12);
        assert_eq!(kmh.dimension, Dimension([1, 0, -1, 0, 0]));

        let accel = parse_unit("m / s^2").unwrap();
        assert_eq!(accel.dimension, Dimension([1, 0, -2, 0, 0]));

        let area = parse_unit("ft^2").unwrap();
        assert!((area.factor - 0.3048 * 0.3048).abs() < 1e-12);
    }

    #[test]
    fn temperature_offset_only_for_plain_units() {
        assert!(parse_unit("degC").unwrap().offset.is_some());
        assert!(parse_unit("degC/min").unwrap().offset.is_none());
    }

    #[test]
    fn syntax_errors() {
        assert!(matches!(parse_unit("m/"), Err(ConvError::Syntax(_))));
        assert!(matches!(parse_unit("m/s/s"), Err(ConvError::Syntax(_))));
        assert!(matches!(parse_unit("m^0"), Err(ConvError::Syntax(_))));
        assert!(matches!(parse_unit("furlong"), Err(ConvError::UnknownUnit(_))));
    }

    #[test]
    fn queries() {
        let (v, from, to) = parse_query("1_500 m to km").unwrap();
        assert_eq!(v, 1500.0);
        assert_eq!(from.text, "m");
        assert_eq!(to.text, "km");
        assert!(parse_query("fast m to km").is_err());
        assert!(parse_query("3 m").is_err());
    }
}
