// Copyright 2014 The Rust Project Developers. See the COPYRIGHT
// file at the top-level directory of this distribution and at
// http://rust-lang.org/COPYRIGHT.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

//! Brace expansion (`{a,b}`) on top of the glob patterns in the crate root.

use std::collections::HashSet;
use std::path::PathBuf;

use {glob_with, GlobResult, MatchOptions, Paths, PatternError};

const ERROR_UNCLOSED_BRACE: &str = "unclosed brace";
const ERROR_UNOPENED_BRACE: &str = "unmatched closing brace";
const ERROR_TOO_MANY_EXPANSIONS: &str = "brace expansion produces too many patterns";

/// The largest number of patterns a single brace pattern may expand to.
pub const MAX_BRACE_EXPANSIONS: usize = 1024;

/// Expand the braces in a pattern, as a shell does before globbing.
///
/// `{a,b,c}` is replaced by each of its comma separated alternatives in turn,
/// so `src/{lib,main}.rs` becomes `src/lib.rs` and `src/main.rs`. Braces may be
/// nested, and an alternative may be empty (`a{,.bak}`). A pair of braces
/// without a comma in it is left as it is, and so is anything inside `[...]`,
/// so `[{]` can be used to match a literal brace.
///
/// The patterns are returned in the order the alternatives are written and
/// are not checked with `Pattern::new`; this only fails for unbalanced braces
/// or when more than `MAX_BRACE_EXPANSIONS` patterns would be produced.
///
/// # Examples
///
/// ```rust
/// use glob::expand_braces;
///
/// assert_eq!(
///     expand_braces("img/*.{png,jp{e,}g}").unwrap(),
///     vec!["img/*.png", "img/*.jpeg", "img/*.jpg"]
/// );
/// ```
pub fn expand_braces(pattern: &str) -> Result<Vec<String>, PatternError> {
    let chars = pattern.chars().collect::<Vec<_>>();
    check_balanced(&chars)?;
    let mut out = Vec::new();
    expand_into(&chars, String::new(), &mut out)?;
    Ok(out)
}

fn bracket_end(chars: &[char], i: usize) -> Option<usize> {
    // same rules as `Pattern::new`: a `]` right after `[` or `[!` is literal
    let mut j = i + 1;
    if chars.get(j) == Some(&'!') {
        j += 1;
    }
    if chars.get(j) == Some(&']') {
        j += 1;
    }
    chars[j..].iter().position(|&c| c == ']').map(|p| j + p)
}

// an unclosed `[` is left for `Pattern::new` to report
fn skip_bracket(chars: &[char], i: usize) -> usize {
    bracket_end(chars, i).unwrap_or(i)
}

fn check_balanced(chars: &[char]) -> Result<(), PatternError> {
    let mut open = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => i = skip_bracket(chars, i),
            '{' => open.push(i),
            '}' => {
                if open.pop().is_none() {
                    return Err(PatternError {
                        pos: i,
                        msg: ERROR_UNOPENED_BRACE,
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    match open.first() {
        Some(&pos) => Err(PatternError {
            pos,
            msg: ERROR_UNCLOSED_BRACE,
        }),
        None => Ok(()),
    }
}

/// Find the first brace group that has a comma at its own level, returning
/// the index of its `{`, of each top level `,` and of its `}`.
fn first_group(chars: &[char]) -> Option<(usize, Vec<usize>, usize)> {
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '[' => i = skip_bracket(chars, i),
            '{' => {
                let mut depth = 0;
                let mut commas = Vec::new();
                let mut j = i;
                while j < chars.len() {
                    match chars[j] {
                        '[' => j = skip_bracket(chars, j),
                        '{' => depth += 1,
                        ',' if depth == 1 => commas.push(j),
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                if !commas.is_empty() {
                    return Some((i, commas, j));
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn expand_into(chars: &[char], prefix: String, out: &mut Vec<String>) -> Result<(), PatternError> {
    let (open, commas, close) = match first_group(chars) {
        Some(group) => group,
        None => {
            if out.len() == MAX_BRACE_EXPANSIONS {
                return Err(PatternError {
                    pos: 0,
                    msg: ERROR_TOO_MANY_EXPANSIONS,
                });
            }
            out.push(prefix + &chars.iter().collect::<String>());
            return Ok(());
        }
    };

    let head = chars[..open].iter().collect::<String>();
    let tail = &chars[close + 1..];
    let mut start = open + 1;
    for end in commas.into_iter().chain(Some(close)) {
        let mut rest = chars[start..end].to_vec();
        rest.extend_from_slice(tail);
        expand_into(&rest, prefix.clone() + &head, out)?;
        start = end + 1;
    }
    Ok(())
}

/// An iterator that yields the paths matching any of the patterns a brace
/// pattern expands to.
///
/// Each path is yielded once, even if more than one of the patterns matches
/// it. See the `glob_braces` function for more details.
pub struct BracePaths {
    pending: Vec<Paths>,
    current: Option<Paths>,
    seen: HashSet<PathBuf>,
}

/// Return an iterator that produces all the `Path`s that match the given
/// pattern after brace expansion, using default match options.
///
/// This is equivalent to calling `glob_braces_with(pattern,
/// MatchOptions::new())`.
///
/// # Examples
///
/// ```rust,no_run
/// use glob::glob_braces;
///
/// for entry in glob_braces("src/**/*.{rs,toml}").expect("Failed to read glob pattern") {
///     match entry {
///         Ok(path) => println!("{:?}", path.display()),
///         Err(e) => println!("{:?}", e),
///     }
/// }
/// ```
pub fn glob_braces(pattern: &str) -> Result<BracePaths, PatternError> {
    glob_braces_with(pattern, MatchOptions::new())
}

/// Return an iterator that produces all the `Path`s that match the given
/// pattern after brace expansion, using the specified match options.
///
/// Each expanded pattern is checked before any iteration starts, so an
/// invalid alternative is reported even if an earlier one is valid. The
/// results of each pattern are yielded in alphabetical order, one pattern
/// after the other, in the order the alternatives are written.
pub fn glob_braces_with(pattern: &str, options: MatchOptions) -> Result<BracePaths, PatternError> {
    let mut pending = Vec::new();
    for expanded in expand_braces(pattern)? {
        pending.push(glob_with(&expanded, options)?);
    }
    pending.reverse();

    Ok(BracePaths {
        pending,
        current: None,
        seen: HashSet::new(),
    })
}

impl Iterator for BracePaths {
    type Item = GlobResult;

    fn next(&mut self) -> Option<GlobResult> {
        loop {
            if self.current.is_none() {
                self.current = Some(self.pending.pop()?);
            }
            match self.current.as_mut().unwrap().next() {
                Some(Ok(path)) => {
                    if self.seen.insert(path.clone()) {
                        return Some(Ok(path));
                    }
                }
                Some(Err(err)) => return Some(Err(err)),
                None => self.current = None,
            }
        }
    }
}

#[cfg(test)]
mod test {
    use super::{expand_braces, glob_braces, MAX_BRACE_EXPANSIONS};

    fn expand(pattern: &str) -> Vec<String> {
        expand_braces(pattern).unwrap()
    }

    #[test]
    fn test_expand_simple() {
        assert_eq!(expand("a{b,c}d"), vec!["abd", "acd"]);
        assert_eq!(expand("{x,y,z}"), vec!["x", "y", "z"]);
        assert_eq!(expand("no braces"), vec!["no braces"]);
        assert_eq!(expand(""), vec![""]);
    }

    #[test]
    fn test_expand_nested_and_sequential() {
        assert_eq!(expand("{a,b{1,2}}"), vec!["a", "b1", "b2"]);
        assert_eq!(expand("{a,b}{1,2}"), vec!["a1", "a2", "b1", "b2"]);
        assert_eq!(expand("*.{tar.{gz,xz},zip}"), vec!["*.tar.gz", "*.tar.xz", "*.zip"]);
    }

    #[test]
    fn test_expand_empty_alternatives() {
        assert_eq!(expand("file{,.bak}"), vec!["file", "file.bak"]);
        assert_eq!(expand("{,}"), vec!["", ""]);
    }

    #[test]
    fn test_expand_keeps_literal_braces() {
        assert_eq!(expand("a{b}c"), vec!["a{b}c"]);
        assert_eq!(expand("{}"), vec!["{}"]);
        assert_eq!(expand("{x}{1,2}"), vec!["{x}1", "{x}2"]);
        assert_eq!(expand("[{]a,b[}]"), vec!["[{]a,b[}]"]);
        assert_eq!(expand("{[,],x}"), vec!["[,]", "x"]);
        assert_eq!(expand("{[]{],y}"), vec!["[]{]", "y"]);
    }

    #[test]
    fn test_expand_errors() {
        assert!(expand_braces("a{b,c").unwrap_err().pos == 1);
        assert!(expand_braces("{a,{b,c}").unwrap_err().pos == 0);
        assert!(expand_braces("a,b}").unwrap_err().pos == 3);
        assert!(expand_braces("{a,b}}").unwrap_err().pos == 5);
        assert!(expand_braces("[{]}").unwrap_err().pos == 3);
        assert!(glob_braces("{a,b").err().unwrap().pos == 0);
        // the second alternative is not a valid pattern
        assert!(glob_braces("{a,b/**c}").err().unwrap().pos == 4);
    }

    #[test]
    fn test_expand_limit() {
        // 4^5 = 1024 is allowed, one more alternative is not
        let ok = "{a,b,c,d}".repeat(5);
        assert!(expand_braces(&ok).unwrap().len() == MAX_BRACE_EXPANSIONS);
        let too_many = format!("{}{{x,y}}", ok);
        assert!(expand_braces(&too_many).is_err());
    }
}
