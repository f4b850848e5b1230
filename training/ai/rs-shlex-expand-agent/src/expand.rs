// Copyright 2015 Nicholas Allegra (comex).
// Licensed under the Apache License, Version 2.0 <https://www.apache.org/licenses/LICENSE-2.0> or
// the MIT license <https://opensource.org/licenses/MIT>, at your option. This file may not be
// copied, modified, or distributed except according to those terms.

//! Parameter expansion for strings that will later be passed to `split`.

use alloc::vec::Vec;
use alloc::string::String;
#[cfg(test)]
use alloc::vec;
#[cfg(test)]
use alloc::borrow::ToOwned;

use quote;

#[derive(PartialEq, Clone, Copy)]
enum State { Plain, Single, Double }

/// Expands `$NAME`, `${NAME}`, `${NAME:-default}` and `${NAME-default}` in `in_str`, looking
/// names up with `lookup`.  Nothing is expanded inside single quotes, and `\$` is left alone so
/// that `split` can turn it into a literal `$`.
///
/// Unlike the shell, the values returned by `lookup` are quoted, so `split(&expand(...)?)` returns
/// each value as part of a single word no matter what spaces or quotes it contains.  Defaults are
/// copied as written, quotes and all.  An unset variable with no default expands to nothing.
///
/// Returns None if a `${` is not closed or does not start with a valid name.  Unterminated quotes
/// are left for `split` to report.
pub fn expand<F>(in_str: &str, mut lookup: F) -> Option<String>
    where F: FnMut(&str) -> Option<String>
{
    let bytes = in_str.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut state = State::Plain;
    let mut i = 0;
    while i < bytes.len() {
        let ch = bytes[i];
        match (state, ch as char) {
            (State::Plain, '\'') => state = State::Single,
            (State::Single, '\'') => state = State::Plain,
            (State::Plain, '"') => state = State::Double,
            (State::Double, '"') => state = State::Plain,
            (State::Plain, '\\') | (State::Double, '\\') => {
                out.push(ch);
                i += 1;
                if i < bytes.len() { out.push(bytes[i]); }
                i += 1;
                continue;
            },
            (State::Plain, '$') | (State::Double, '$') => {
                if let Some((name, default, len)) = parse_param(&bytes[i + 1..])? {
                    match lookup(name) {
                        Some(ref v) if !(v.is_empty() && default.colon) => {
                            push_value(&mut out, v, state);
                        },
                        // the default is part of the input, so it is copied as written
                        Some(_) | None => if let Some(text) = default.text {
                            out.extend_from_slice(text.as_bytes());
                        },
                    }
                    i += 1 + len;
                    continue;
                }
            },
            _ => {},
        }
        out.push(ch);
        i += 1;
    }
    unsafe { Some(String::from_utf8_unchecked(out)) }
}

struct Fallback<'a> {
    text: Option<&'a str>,
    colon: bool,
}

fn is_name_start(ch: u8) -> bool { ch == b'_' || (ch as char).is_ascii_alphabetic() }
fn is_name_char(ch: u8) -> bool { ch == b'_' || (ch as char).is_ascii_alphanumeric() }

// Ok(None) means the `$` is not the start of a parameter and is kept as is.
fn parse_param(rest: &[u8]) -> Option<Option<(&str, Fallback, usize)>> {
    let no_default = Fallback { text: None, colon: false };
    match rest.first() {
        Some(&b'{') => {},
        Some(&ch) if is_name_start(ch) => {
            let len = rest.iter().take_while(|&&c| is_name_char(c)).count();
            let name = unsafe { core::str::from_utf8_unchecked(&rest[..len]) };
            return Some(Some((name, no_default, len)));
        },
        _ => return Some(None),
    }
    let close = rest.iter().position(|&c| c == b'}')?;
    let inner = &rest[1..close];
    if inner.is_empty() || !is_name_start(inner[0]) { return None; }
    let name_len = inner.iter().take_while(|&&c| is_name_char(c)).count();
    let name = unsafe { core::str::from_utf8_unchecked(&inner[..name_len]) };
    let tail = &inner[name_len..];
    let default = if tail.is_empty() {
        no_default
    } else if tail.starts_with(b":-") {
        Fallback { text: Some(unsafe { core::str::from_utf8_unchecked(&tail[2..]) }), colon: true }
    } else if tail[0] == b'-' {
        Fallback { text: Some(unsafe { core::str::from_utf8_unchecked(&tail[1..]) }), colon: false }
    } else {
        return None;
    };
    Some(Some((name, default, close + 1)))
}

fn push_value(out: &mut Vec<u8>, value: &str, state: State) {
    if state == State::Double {
        for c in value.bytes() {
            match c as char {
                '$' | '`' | '"' | '\\' => out.push('\\' as u8),
                _ => ()
            }
            out.push(c);
        }
    } else if !value.is_empty() {
        out.extend_from_slice(quote(value).as_bytes());
    }
}

#[cfg(test)]
fn env(name: &str) -> Option<String> {
    match name {
        "HOME" => Some("/home/alice".to_owned()),
        "EMPTY" => Some("".to_owned()),
        "SPACED" => Some("two words".to_owned()),
        "NASTY" => Some("a\"b$c\\d'e".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
static EXPAND_TEST_ITEMS: &'static [(&'static str, Option<&'static str>)] = &[
    ("foo", Some("foo")),
    ("$HOME/bin", Some("/home/alice/bin")),
    ("${HOME}bin", Some("/home/alicebin")),
    ("x${UNSET}y", Some("xy")),
    ("$UNSET", Some("")),
    ("${UNSET:-fallback}", Some("fallback")),
    ("${EMPTY:-fallback}", Some("fallback")),
    ("${EMPTY-fallback}", Some("")),
    ("${HOME:-fallback}", Some("/home/alice")),
    ("'$HOME'", Some("'$HOME'")),
    ("\"$HOME\"", Some("\"/home/alice\"")),
    ("\\$HOME", Some("\\$HOME")),
    ("\"\\$HOME\"", Some("\"\\$HOME\"")),
    ("$SPACED", Some("\"two words\"")),
    ("\"$SPACED\"", Some("\"two words\"")),
    ("cost: $5", Some("cost: $5")),
    ("$", Some("$")),
    ("${", None),
    ("${HOME", None),
    ("${}", None),
    ("${1x}", None),
    ("${HOME:x}", None),
];

#[test]
fn test_expand() {
    for &(input, output) in EXPAND_TEST_ITEMS {
        assert_eq!(expand(input, env), output.map(|o| o.to_owned()), "{}", input);
    }
}

#[test]
fn test_expand_then_split() {
    use split;
    assert_eq!(split(&expand("ls $SPACED \"$NASTY\" $NASTY", env).unwrap()),
               Some(vec!["ls".to_owned(), "two words".to_owned(),
                         "a\"b$c\\d'e".to_owned(), "a\"b$c\\d'e".to_owned()]));
    assert_eq!(split(&expand("a $UNSET b", env).unwrap()),
               Some(vec!["a".to_owned(), "b".to_owned()]));
}

#[test]
fn test_expand_lookup_calls() {
    let mut seen = Vec::new();
    expand("$A '$B' \"$C\" ${D:-x}", |name| { seen.push(name.to_owned()); None }).unwrap();
    assert_eq!(seen, vec!["A", "C", "D"]);
}
