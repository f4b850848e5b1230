//! The unit table and dimensional analysis.
//!
//! Every unit is expressed as a factor times a product of SI base units
//! raised to integer powers. Two units can be converted into each other
//! exactly when their dimension vectors are equal.

use std::fmt;
use std::ops::{Div, Mul};

/// Exponents of the base dimensions, in the order of [`BASE_NAMES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dimension(pub [i8; 5]);

/// Base dimensions: length, mass, time, temperature, amount of data.
pub const BASE_NAMES: [&str; 5] = ["length", "mass", "time", "temperature", "data"];

impl Dimension {
    pub const NONE: Dimension = Dimension([0; 5]);
    pub const LENGTH: Dimension = Dimension([1, 0, 0, 0, 0]);
    pub const MASS: Dimension = Dimension([0, 1, 0, 0, 0]);
    pub const TIME: Dimension = Dimension([0, 0, 1, 0, 0]);
    pub const TEMPERATURE: Dimension = Dimension([0, 0, 0, 1, 0]);
    pub const DATA: Dimension = Dimension([0, 0, 0, 0, 1]);

    pub fn powi(self, n: i8) -> Dimension {
        let mut out = self.0;
        for e in &mut out {
            *e *= n;
        }
        Dimension(out)
    }
}

impl Mul for Dimension {
    type Output = Dimension;
    fn mul(self, rhs: Dimension) -> Dimension {
        let mut out = self.0;
        for (a, b) in out.iter_mut().zip(rhs.0) {
            *a += b;
        }
        Dimension(out)
    }
}

impl Div for Dimension {
    type Output = Dimension;
    fn div(self, rhs: Dimension) -> Dimension {
        self * rhs.powi(-1)
    }
}

impl fmt::Display for Dimension {
    /// Human-readable form such as `length·time^-1`, used in error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = BASE_NAMES
            .iter()
            .zip(self.0)
            .filter(|(_, e)| *e != 0)
            .map(|(name, e)| if e == 1 { name.to_string() } else { format!("{name}^{e}") })
            .collect();
        if parts.is_empty() {
            f.write_str("dimensionless")
        } else {
            f.write_str(&parts.join("·"))
        }
    }
}

/// A unit as stored in the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UnitDef {
    pub symbol: &'static str,
    pub dimension: Dimension,
    /// Multiply a value in this unit by `factor` to get SI base units.
    pub factor: f64,
    /// Added after scaling; non-zero only for temperature scales.
    pub offset: f64,
}

const fn unit(symbol: &'static str, dimension: Dimension, factor: f64) -> UnitDef {
    UnitDef { symbol, dimension, factor, offset: 0.0 }
}

/// All known units. Aliases (plural names, spelled-out names) are resolved
/// in [`lookup`] so this table stays one line per unit.
pub const UNITS: &[UnitDef] = &[
    // Length
    unit("m", Dimension::LENGTH, 1.0),
    unit("km", Dimension::LENGTH, 1_000.0),
    unit("cm", Dimension::LENGTH, 0.01),
    unit("mm", Dimension::LENGTH, 0.001),
    unit("in", Dimension::LENGTH, 0.0254),
    unit("ft", Dimension::LENGTH, 0.3048),
    unit("yd", Dimension::LENGTH, 0.9144),
    unit("mi", Dimension::LENGTH, 1_609.344),
    unit("nmi", Dimension::LENGTH, 1_852.0),
    // Mass
    unit("kg", Dimension::MASS, 1.0),
    unit("g", Dimension::MASS, 0.001),
    unit("mg", Dimension::MASS, 1e-6),
    unit("t", Dimension::MASS, 1_000.0),
    unit("lb", Dimension::MASS, 0.453_592_37),
    unit("oz", Dimension::MASS, 0.028_349_523_125),
    // Time
    unit("s", Dimension::TIME, 1.0),
    unit("ms", Dimension::TIME, 0.001),
    unit("min", Dimension::TIME, 60.0),
    unit("h", Dimension::TIME, 3_600.0),
    unit("d", Dimension::TIME, 86_400.0),
    unit("wk", Dimension::TIME, 604_800.0),
    // Temperature (absolute scales only; see `offset`)
    unit("K", Dimension::TEMPERATURE, 1.0),
    UnitDef { symbol: "degC", dimension: Dimension::TEMPERATURE, factor: 1.0, offset: 273.15 },
    UnitDef { symbol: "degF", dimension: Dimension::TEMPERATURE, factor: 5.0 / 9.0, offset: 459.67 * 5.0 / 9.0 },
    // Data, base unit: byte
    unit("B", Dimension::DATA, 1.0),
    unit("bit", Dimension::DATA, 0.125),
    unit("kB", Dimension::DATA, 1e3),
    unit("MB", Dimension::DATA, 1e6),
    unit("GB", Dimension::DATA, 1e9),
    unit("KiB", Dimension::DATA, 1024.0),
    unit("MiB", Dimension::DATA, 1_048_576.0),
    unit("GiB", Dimension::DATA, 1_073_741_824.0),
    // Volume, as length^3
    unit("L", Dimension([3, 0, 0, 0, 0]), 0.001),
    unit("mL", Dimension([3, 0, 0, 0, 0]), 1e-6),
    unit("gal", Dimension([3, 0, 0, 0, 0]), 0.003_785_411_784),
];

const ALIASES: &[(&str, &str)] = &[
    ("meter", "m"), ("meters", "m"), ("metre", "m"), ("metres", "m"),
    ("kilometer", "km"), ("kilometers", "km"), ("inch", "in"), ("inches", "in"),
    ("foot", "ft"), ("feet", "ft"), ("mile", "mi"), ("miles", "mi"),
    ("gram", "g"), ("grams", "g"), ("kilogram", "kg"), ("kilograms", "kg"),
    ("pound", "lb"), ("pounds", "lb"), ("lbs", "lb"), ("ounce", "oz"), ("ounces", "oz"),
    ("sec", "s"), ("second", "s"), ("seconds", "s"), ("minute", "min"), ("minutes", "min"),
    ("hr", "h"), ("hour", "h"), ("hours", "h"), ("day", "d"), ("days", "d"),
    ("week", "wk"), ("weeks", "wk"), ("C", "degC"), ("°C", "degC"), ("celsius", "degC"),
    ("F", "degF"), ("°F", "degF"), ("fahrenheit", "degF"), ("kelvin", "K"),
    ("byte", "B"), ("bytes", "B"), ("bits", "bit"), ("l", "L"), ("liter", "L"), ("litre", "L"),
    ("liters", "L"), ("litres", "L"), ("ml", "mL"), ("gallon", "gal"), ("gallons", "gal"),
];

/// Finds a unit by symbol or alias. Symbols are case-sensitive (`mB` is not
/// `MB`), aliases are matched case-insensitively.
pub fn lookup(name: &str) -> Option<&'static UnitDef> {
    if let Some(u) = UNITS.iter().find(|u| u.symbol == name) {
        return Some(u);
    }
    let target = ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map(|(_, symbol)| *symbol)?;
    UNITS.iter().find(|u| u.symbol == target)
}
