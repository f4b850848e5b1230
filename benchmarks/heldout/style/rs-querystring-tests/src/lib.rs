//! Parsing and building of `application/x-www-form-urlencoded` query strings.

use std::fmt;

/// Errors that can happen while decoding a query string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A `%` was not followed by two hex digits. Holds the byte offset of the `%`.
    BadEscape(usize),
    /// The decoded bytes were not valid UTF-8.
    InvalidUtf8,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadEscape(pos) => write!(f, "malformed percent escape at offset {pos}"),
            DecodeError::InvalidUtf8 => write!(f, "decoded value is not valid UTF-8"),
        }
    }
}

impl std::error::Error for DecodeError {}

fn hex_val(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes a single component, treating `+` as a space.
pub fn decode_component(s: &str) -> Result<String, DecodeError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex_val);
                let lo = bytes.get(i + 2).copied().and_then(hex_val);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    _ => return Err(DecodeError::BadEscape(i)),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| DecodeError::InvalidUtf8)
}

/// Percent-encodes a single component. Unreserved characters are kept,
/// spaces become `+`, everything else is `%XX` with uppercase hex.
pub fn encode_component(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[(b >> 4) as usize] as char);
                out.push(HEX[(b & 0xF) as usize] as char);
            }
        }
    }
    out
}

/// An ordered multimap of query parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a query string. A leading `?` is ignored, empty segments are
    /// skipped and a key without `=` gets an empty value.
    pub fn parse(input: &str) -> Result<Self, DecodeError> {
        let input = input.strip_prefix('?').unwrap_or(input);
        let mut pairs = Vec::new();
        let mut offset = 0;
        for seg in input.split('&') {
            if !seg.is_empty() {
                let (k, v) = seg.split_once('=').unwrap_or((seg, ""));
                let key = decode_component(k).map_err(|e| shift(e, offset))?;
                let val = decode_component(v).map_err(|e| shift(e, offset + k.len() + 1))?;
                pairs.push((key, val));
            }
            offset += seg.len() + 1;
        }
        Ok(Query { pairs })
    }

    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Returns the first value for `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Returns every value for `key` in insertion order.
    pub fn get_all(&self, key: &str) -> Vec<&str> {
        self.pairs.iter().filter(|(k, _)| k == key).map(|(_, v)| v.as_str()).collect()
    }

    pub fn contains(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    pub fn append(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((key.into(), value.into()));
    }

    /// Replaces all values for `key` with a single value, keeping the
    /// position of the first occurrence (or appending if absent).
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        let value = value.into();
        match self.pairs.iter().position(|(k, _)| k == key) {
            Some(idx) => {
                self.pairs[idx].1 = value;
                let mut i = 0;
                self.pairs.retain(|(k, _)| {
                    let keep = k != key || i == idx;
                    i += 1;
                    keep
                });
            }
            None => self.pairs.push((key.to_string(), value)),
        }
    }

    /// Removes every pair with `key`, returning how many were removed.
    pub fn remove(&mut self, key: &str) -> usize {
        let before = self.pairs.len();
        self.pairs.retain(|(k, _)| k != key);
        before - self.pairs.len()
    }

    /// Sorts pairs by key; values of equal keys keep their relative order.
    pub fn sort(&mut self) {
        self.pairs.sort_by(|a, b| a.0.cmp(&b.0));
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

fn shift(e: DecodeError, by: usize) -> DecodeError {
    match e {
        DecodeError::BadEscape(p) => DecodeError::BadEscape(p + by),
        other => other,
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                f.write_str("&")?;
            }
            write!(f, "{}={}", encode_component(k), encode_component(v))?;
        }
        Ok(())
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Query {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Query { pairs: iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_val_accepts_both_cases() {
        assert_eq!(hex_val(b'a'), Some(10));
        assert_eq!(hex_val(b'F'), Some(15));
        assert_eq!(hex_val(b'g'), None);
    }

    #[test]
    fn shift_moves_only_escape_offsets() {
        assert_eq!(shift(DecodeError::BadEscape(2), 5), DecodeError::BadEscape(7));
        assert_eq!(shift(DecodeError::InvalidUtf8, 5), DecodeError::InvalidUtf8);
    }

    #[test]
    fn set_collapses_duplicates_in_place() {
        let mut q = Query::parse("a=1&b=2&a=3").unwrap();
        q.set("a", "x");
        assert_eq!(q.to_string(), "a=x&b=2");
    }
}
