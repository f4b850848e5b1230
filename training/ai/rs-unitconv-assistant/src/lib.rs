//! Unit conversion with dimensional analysis.
//!
//! ```
//! let kmh = unitconv::convert(100.0, "km/h", "mi/h").unwrap();
//! assert!((kmh - 62.137).abs() < 0.001);
//!
//! // Incompatible dimensions are an error, not a silently wrong number.
//! assert!(unitconv::convert(1.0, "kg", "m").is_err());
//! ```

mod parse;
pub mod units;

use std::fmt;

pub use parse::{parse_query, parse_unit, CompoundUnit};

/// Everything that can go wrong during a conversion.
#[derive(Debug, Clone, PartialEq)]
pub enum ConvError {
    UnknownUnit(String),
    Syntax(String),
    Incompatible { from: String, to: String, from_dim: String, to_dim: String },
}

impl fmt::Display for ConvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConvError::UnknownUnit(u) => write!(f, "unknown unit {u:?}"),
            ConvError::Syntax(msg) => write!(f, "syntax error: {msg}"),
            ConvError::Incompatible { from, to, from_dim, to_dim } => {
                write!(f, "cannot convert {from} ({from_dim}) to {to} ({to_dim})")
            }
        }
    }
}

impl std::error::Error for ConvError {}

/// Converts `value` between two already-parsed units.
pub fn convert_units(value: f64, from: &CompoundUnit, to: &CompoundUnit) -> Result<f64, ConvError> {
    if from.dimension != to.dimension {
        return Err(ConvError::Incompatible {
            from: from.text.clone(),
            to: to.text.clone(),
            from_dim: from.dimension.to_string(),
            to_dim: to.dimension.to_string(),
        });
    }
    // Go through SI: absolute value = value * factor + offset.
    let si = value * from.factor + from.offset.unwrap_or(0.0);
    Ok((si - to.offset.unwrap_or(0.0)) / to.factor)
}

/// Parses both unit expressions and converts.
pub fn convert(value: f64, from: &str, to: &str) -> Result<f64, ConvError> {
    convert_units(value, &parse_unit(from)?, &parse_unit(to)?)
}

/// Formats a result with a sensible number of significant digits, without
/// scientific notation for everyday magnitudes.
pub fn format_value(value: f64, significant: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return value.to_string();
    }
    let magnitude = value.abs().log10().floor() as i32;
    if !(-4..=12).contains(&magnitude) {
        return format!("{:.*e}", significant.saturating_sub(1), value);
    }
    let decimals = (significant as i32 - 1 - magnitude).max(0) as usize;
    let s = format!("{value:.decimals$}");
    // Trim trailing zeros in the fraction ("2.500000" -> "2.5").
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn temperatures() {
        assert!(close(convert(100.0, "degC", "degF").unwrap(), 212.0));
        assert!(close(convert(-40.0, "F", "C").unwrap(), -40.0));
        assert!(close(convert(0.0, "K", "celsius").unwrap(), -273.15));
    }

    #[test]
    fn data_sizes() {
        assert!(close(convert(1.0, "GiB", "MB").unwrap(), 1073.741824));
        assert!(close(convert(8.0, "bits", "B").unwrap(), 1.0));
    }

    #[test]
    fn volumes_via_length_cubed() {
        assert!(close(convert(1.0, "m^3", "L").unwrap(), 1000.0));
    }

    #[test]
    fn incompatible_dimensions() {
        let err = convert(1.0, "km/h", "kg").unwrap_err();
        assert_eq!(err.to_string(), "cannot convert km/h (length·time^-1) to kg (mass)");
    }

    #[test]
    fn formatting() {
        assert_eq!(format_value(62.13711922, 5), "62.137");
        assert_eq!(format_value(2.5, 6), "2.5");
        assert_eq!(format_value(1234567.0, 4), "1234567");
        assert_eq!(format_value(0.000012345, 3), "1.23e-5");
    }
}
