//! Parsing and resolving HTTP `Range` request headers (RFC 9110, section 14).
//!
//! A client can ask for parts of a resource with a header such as
//! `Range: bytes=0-499, -200`. The server has to:
//!
//! 1. parse the header into a list of byte-range specs,
//! 2. resolve each spec against the actual length of the resource, and
//! 3. answer `206 Partial Content` with the satisfiable ranges, or
//!    `416 Range Not Satisfiable` if none of them can be served.
//!
//! This crate handles steps 1 and 2; building the response is left to the
//! caller ([`serve`] does it for seekable readers), with [`content_range`] to
//! format the matching header.

use std::fmt;
use std::ops::RangeInclusive;

pub mod serve;

/// The largest number of ranges we accept in one header. Servers commonly cap
/// this to avoid requests that ask for thousands of tiny overlapping ranges.
pub const MAX_RANGES: usize = 32;

/// One range as written by the client, before we know the resource length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteRangeSpec {
    /// `first-last`, both inclusive.
    FromTo(u64, u64),
    /// `first-`: from `first` to the end.
    From(u64),
    /// `-n`: the last `n` bytes.
    Suffix(u64),
}

/// Why a `Range` header could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RangeError {
    /// The unit was not `bytes`. Servers should ignore such headers and send
    /// the full resource, so callers usually treat this as "no range".
    UnsupportedUnit(String),
    /// The header was not valid syntax.
    Malformed(String),
    /// The header listed more than [`MAX_RANGES`] ranges.
    TooManyRanges(usize),
    /// None of the ranges overlap the resource (answer with 416).
    NotSatisfiable { length: u64 },
}

impl fmt::Display for RangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RangeError::UnsupportedUnit(u) => write!(f, "unsupported range unit {u:?}"),
            RangeError::Malformed(why) => write!(f, "malformed Range header: {why}"),
            RangeError::TooManyRanges(n) => {
                write!(f, "too many ranges ({n}, at most {MAX_RANGES} allowed)")
            }
            RangeError::NotSatisfiable { length } => {
                write!(
                    f,
                    "no range is satisfiable for a resource of {length} bytes"
                )
            }
        }
    }
}

impl std::error::Error for RangeError {}

/// Parses the value of a `Range` header, e.g. `bytes=0-99,200-`.
///
/// Whitespace around commas and the `=` is tolerated, as real clients send it.
///
/// # Errors
///
/// Returns [`RangeError::UnsupportedUnit`], [`RangeError::Malformed`] or
/// [`RangeError::TooManyRanges`].
pub fn parse_range_header(value: &str) -> Result<Vec<ByteRangeSpec>, RangeError> {
    let (unit, set) = value
        .split_once('=')
        .ok_or_else(|| RangeError::Malformed("missing '='".into()))?;

    let unit = unit.trim();
    if !unit.eq_ignore_ascii_case("bytes") {
        return Err(RangeError::UnsupportedUnit(unit.to_string()));
    }

    let mut specs = Vec::new();
    for part in set.split(',') {
        let part = part.trim();
        // RFC 9110 allows empty list elements ("bytes=0-1,,2-3"); skip them.
        if part.is_empty() {
            continue;
        }
        specs.push(parse_spec(part)?);
        if specs.len() > MAX_RANGES {
            // Count the rest only so the error message is accurate.
            let total = set.split(',').filter(|p| !p.trim().is_empty()).count();
            return Err(RangeError::TooManyRanges(total));
        }
    }

    if specs.is_empty() {
        return Err(RangeError::Malformed("no ranges given".into()));
    }
    Ok(specs)
}

/// Parses a single `first-last`, `first-` or `-suffix` spec.
fn parse_spec(part: &str) -> Result<ByteRangeSpec, RangeError> {
    let (first, last) = part
        .split_once('-')
        .ok_or_else(|| RangeError::Malformed(format!("{part:?} has no '-'")))?;
    let (first, last) = (first.trim(), last.trim());

    match (first.is_empty(), last.is_empty()) {
        (true, true) => Err(RangeError::Malformed("empty range '-'".into())),
        (true, false) => Ok(ByteRangeSpec::Suffix(parse_num(last)?)),
        (false, true) => Ok(ByteRangeSpec::From(parse_num(first)?)),
        (false, false) => {
            let (a, b) = (parse_num(first)?, parse_num(last)?);
            if a > b {
                // An inverted range is a syntax error, not merely unsatisfiable.
                return Err(RangeError::Malformed(format!(
                    "{part:?} ends before it starts"
                )));
            }
            Ok(ByteRangeSpec::FromTo(a, b))
        }
    }
}

/// Parses a non-negative decimal integer. `u64::from_str` would also accept a
/// leading `+`, which the grammar does not allow, so check digits explicitly.
fn parse_num(s: &str) -> Result<u64, RangeError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RangeError::Malformed(format!("{s:?} is not a number")));
    }
    s.parse()
        .map_err(|_| RangeError::Malformed(format!("{s:?} is too large")))
}

/// Resolves parsed specs against a resource of `length` bytes.
///
/// Unsatisfiable specs (starting at or past the end, or a zero-length suffix)
/// are dropped. Overlapping or adjacent ranges are merged, as RFC 9110
/// suggests, and the result is sorted by start offset.
///
/// # Errors
///
/// Returns [`RangeError::NotSatisfiable`] if nothing is left.
pub fn resolve(
    specs: &[ByteRangeSpec],
    length: u64,
) -> Result<Vec<RangeInclusive<u64>>, RangeError> {
    let mut ranges: Vec<RangeInclusive<u64>> = specs
        .iter()
        .filter_map(|spec| match *spec {
            ByteRangeSpec::FromTo(a, _) | ByteRangeSpec::From(a) if a >= length => None,
            // The last byte is clamped: asking for more than exists is fine.
            ByteRangeSpec::FromTo(a, b) => Some(a..=b.min(length - 1)),
            ByteRangeSpec::From(a) => Some(a..=length - 1),
            ByteRangeSpec::Suffix(0) => None,
            ByteRangeSpec::Suffix(_) if length == 0 => None,
            ByteRangeSpec::Suffix(n) => Some(length.saturating_sub(n)..=length - 1),
        })
        .collect();

    if ranges.is_empty() {
        return Err(RangeError::NotSatisfiable { length });
    }

    ranges.sort_by_key(|r| *r.start());
    let mut merged: Vec<RangeInclusive<u64>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            // `end + 1 >= start` also merges ranges that merely touch.
            Some(prev) if prev.end().saturating_add(1) >= *r.start() => {
                let end = (*prev.end()).max(*r.end());
                *prev = *prev.start()..=end;
            }
            _ => merged.push(r),
        }
    }
    Ok(merged)
}

/// Formats a `Content-Range` header value for one served range, e.g.
/// `bytes 0-499/1234`.
pub fn content_range(range: &RangeInclusive<u64>, length: u64) -> String {
    format!("bytes {}-{}/{}", range.start(), range.end(), length)
}

/// Formats the `Content-Range` value sent with a 416 response: `bytes */1234`.
pub fn unsatisfied_content_range(length: u64) -> String {
    format!("bytes */{length}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use ByteRangeSpec::*;

    #[test]
    fn parses_all_three_forms() {
        assert_eq!(
            parse_range_header("bytes=0-499, 500- ,-200").unwrap(),
            vec![FromTo(0, 499), From(500), Suffix(200)]
        );
    }

    #[test]
    fn rejects_bad_syntax() {
        for bad in [
            "bytes",
            "bytes=",
            "bytes=-",
            "bytes=5-1",
            "bytes=a-b",
            "bytes=+1-2",
        ] {
            assert!(
                matches!(parse_range_header(bad), Err(RangeError::Malformed(_))),
                "{bad} should be malformed"
            );
        }
        assert_eq!(
            parse_range_header("items=0-1"),
            Err(RangeError::UnsupportedUnit("items".into()))
        );
    }

    #[test]
    fn caps_number_of_ranges() {
        let many = format!("bytes={}", vec!["0-0"; MAX_RANGES + 3].join(","));
        assert_eq!(
            parse_range_header(&many),
            Err(RangeError::TooManyRanges(MAX_RANGES + 3))
        );
    }

    #[test]
    fn resolves_and_merges() {
        let specs = [FromTo(0, 9), FromTo(5, 20), Suffix(5), From(100)];
        assert_eq!(resolve(&specs, 50).unwrap(), vec![0..=20, 45..=49]);
        assert_eq!(
            resolve(&[FromTo(0, 4), FromTo(5, 9)], 50).unwrap(),
            vec![0..=9]
        );
        assert_eq!(resolve(&[Suffix(500)], 10).unwrap(), vec![0..=9]);
    }

    #[test]
    fn unsatisfiable() {
        assert_eq!(
            resolve(&[From(10), Suffix(0)], 10),
            Err(RangeError::NotSatisfiable { length: 10 })
        );
        assert!(resolve(&[Suffix(3)], 0).is_err());
        assert_eq!(unsatisfied_content_range(10), "bytes */10");
        assert_eq!(content_range(&(0..=4), 10), "bytes 0-4/10");
    }
}
