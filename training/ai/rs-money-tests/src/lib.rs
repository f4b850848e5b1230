use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    pub code: &'static str,
    pub exponent: u32,
}

pub const EUR: Currency = Currency { code: "EUR", exponent: 2 };
pub const USD: Currency = Currency { code: "USD", exponent: 2 };
pub const JPY: Currency = Currency { code: "JPY", exponent: 0 };
pub const KWD: Currency = Currency { code: "KWD", exponent: 3 };

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    CurrencyMismatch(&'static str, &'static str),
    Overflow,
    EmptyRatios,
    ZeroRatios,
    Parse(String),
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::CurrencyMismatch(a, b) => write!(f, "cannot combine {a} with {b}"),
            MoneyError::Overflow => f.write_str("amount overflow"),
            MoneyError::EmptyRatios => f.write_str("no ratios given"),
            MoneyError::ZeroRatios => f.write_str("ratios sum to zero"),
            MoneyError::Parse(s) => write!(f, "cannot parse amount {s:?}"),
        }
    }
}

impl std::error::Error for MoneyError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    pub fn zero(currency: Currency) -> Self {
        Money::from_minor(0, currency)
    }

    pub fn parse(s: &str, currency: Currency) -> Result<Self, MoneyError> {
        let err = || MoneyError::Parse(s.to_string());
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
        if whole.is_empty() || frac.len() > currency.exponent as usize {
            return Err(err());
        }
        if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        let scale = 10i64.pow(currency.exponent);
        let w: i64 = whole.parse().map_err(|_| err())?;
        let padded = format!("{:0<width$}", frac, width = currency.exponent as usize);
        let f: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| err())? };
        let minor = w.checked_mul(scale).and_then(|v| v.checked_add(f)).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_minor(if neg { -minor } else { minor }, currency))
    }

    pub fn minor(&self) -> i64 {
        self.minor
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    fn same(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch(self.currency.code, other.currency.code));
        }
        Ok(())
    }

    pub fn checked_add(&self, other: Money) -> Result<Money, MoneyError> {
        self.same(&other)?;
        let v = self.minor.checked_add(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_minor(v, self.currency))
    }

    pub fn checked_sub(&self, other: Money) -> Result<Money, MoneyError> {
        self.same(&other)?;
        let v = self.minor.checked_sub(other.minor).ok_or(MoneyError::Overflow)?;
        Ok(Money::from_minor(v, self.currency))
    }

    /// Multiply by `bps` basis points, rounding half to even.
    pub fn percent_bps(&self, bps: i64) -> Result<Money, MoneyError> {
        let p = (self.minor as i128) * (bps as i128);
        let (q, r) = (p.div_euclid(10_000), p.rem_euclid(10_000));
        let q = match r.cmp(&5_000) {
            std::cmp::Ordering::Greater => q + 1,
            std::cmp::Ordering::Equal if q % 2 != 0 => q + 1,
            _ => q,
        };
        let v = i64::try_from(q).map_err(|_| MoneyError::Overflow)?;
        Ok(Money::from_minor(v, self.currency))
    }

    /// Split by ratios; leftover minor units go to the largest remainders first.
    pub fn allocate(&self, ratios: &[u32]) -> Result<Vec<Money>, MoneyError> {
        if ratios.is_empty() {
            return Err(MoneyError::EmptyRatios);
        }
        let total: u64 = ratios.iter().map(|&r| r as u64).sum();
        if total == 0 {
            return Err(MoneyError::ZeroRatios);
        }
        let amount = self.minor as i128;
        let mut parts: Vec<i128> = Vec::with_capacity(ratios.len());
        let mut rems: Vec<(i128, usize)> = Vec::with_capacity(ratios.len());
        for (i, &r) in ratios.iter().enumerate() {
            let exact = amount * r as i128;
            parts.push(exact.div_euclid(total as i128));
            rems.push((exact.rem_euclid(total as i128), i));
        }
        let mut left = amount - parts.iter().sum::<i128>();
        rems.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, i) in rems.iter().cycle() {
            if left == 0 {
                break;
            }
            parts[*i] += 1;
            left -= 1;
        }
        Ok(parts.into_iter().map(|p| Money::from_minor(p as i64, self.currency)).collect())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.minor < 0 { "-" } else { "" };
        let abs = self.minor.unsigned_abs();
        let e = self.currency.exponent;
        if e == 0 {
            return write!(f, "{sign}{abs} {}", self.currency.code);
        }
        let scale = 10u64.pow(e);
        write!(f, "{sign}{}.{:0w$} {}", abs / scale, abs % scale, self.currency.code, w = e as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_accepts_matching_currency() {
        let a = Money::from_minor(1, EUR);
        assert!(a.same(&Money::zero(EUR)).is_ok());
    }

    #[test]
    fn same_reports_both_codes() {
        let err = Money::zero(EUR).same(&Money::zero(USD)).unwrap_err();
        assert_eq!(err, MoneyError::CurrencyMismatch("EUR", "USD"));
        assert_eq!(err.to_string(), "cannot combine EUR with USD");
    }

    #[test]
    fn zero_is_zero() {
        assert_eq!(Money::zero(JPY).minor(), 0);
        assert_eq!(Money::zero(JPY).currency(), JPY);
    }
}
