//! A small glob matcher supporting `*`, `?`, `[...]` classes and `**` path segments.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobError {
    UnclosedClass(usize),
    EmptyClass(usize),
    TrailingEscape,
}

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GlobError::UnclosedClass(i) => write!(f, "unclosed character class at {i}"),
            GlobError::EmptyClass(i) => write!(f, "empty character class at {i}"),
            GlobError::TrailingEscape => write!(f, "pattern ends with a backslash"),
        }
    }
}

impl std::error::Error for GlobError {}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Lit(char),
    Any,
    Star,
    GlobStar,
    Class {
        neg: bool,
        ranges: Vec<(char, char)>,
    },
}

#[derive(Debug, Clone)]
pub struct Glob {
    toks: Vec<Tok>,
}

impl Glob {
    pub fn new(pat: &str) -> Result<Self, GlobError> {
        let cs: Vec<char> = pat.chars().collect();
        let mut toks = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            match cs[i] {
                '\\' => {
                    let c = *cs.get(i + 1).ok_or(GlobError::TrailingEscape)?;
                    toks.push(Tok::Lit(c));
                    i += 2;
                }
                '?' => {
                    toks.push(Tok::Any);
                    i += 1;
                }
                '*' if cs.get(i + 1) == Some(&'*') => {
                    let at_start = i == 0 || cs[i - 1] == '/';
                    let at_end = i + 2 == cs.len() || cs[i + 2] == '/';
                    if at_start && at_end {
                        toks.push(Tok::GlobStar);
                        // swallow the separator after `**/`
                        i += if i + 2 < cs.len() { 3 } else { 2 };
                    } else {
                        toks.push(Tok::Star);
                        i += 2;
                    }
                }
                '*' => {
                    toks.push(Tok::Star);
                    i += 1;
                }
                '[' => {
                    let start = i;
                    i += 1;
                    let neg = matches!(cs.get(i), Some('!') | Some('^'));
                    if neg {
                        i += 1;
                    }
                    let mut ranges = Vec::new();
                    let mut first = true;
                    loop {
                        let c = *cs.get(i).ok_or(GlobError::UnclosedClass(start))?;
                        if c == ']' && !first {
                            i += 1;
                            break;
                        }
                        first = false;
                        if cs.get(i + 1) == Some(&'-') && cs.get(i + 2).map_or(false, |&e| e != ']')
                        {
                            ranges.push((c, cs[i + 2]));
                            i += 3;
                        } else {
                            ranges.push((c, c));
                            i += 1;
                        }
                    }
                    if ranges.is_empty() {
                        return Err(GlobError::EmptyClass(start));
                    }
                    toks.push(Tok::Class { neg, ranges });
                }
                c => {
                    toks.push(Tok::Lit(c));
                    i += 1;
                }
            }
        }
        Ok(Glob { toks })
    }

    pub fn is_match(&self, path: &str) -> bool {
        let cs: Vec<char> = path.chars().collect();
        match_at(&self.toks, &cs)
    }

    /// The literal prefix before the first wildcard, useful to narrow a directory walk.
    pub fn literal_prefix(&self) -> String {
        self.toks
            .iter()
            .map_while(|t| match t {
                Tok::Lit(c) => Some(*c),
                _ => None,
            })
            .collect()
    }
}

fn match_at(toks: &[Tok], s: &[char]) -> bool {
    let Some((t, rest)) = toks.split_first() else {
        return s.is_empty();
    };
    match t {
        Tok::Lit(c) => s.first() == Some(c) && match_at(rest, &s[1..]),
        Tok::Any => s.first().map_or(false, |&c| c != '/') && match_at(rest, &s[1..]),
        Tok::Class { neg, ranges } => match s.first() {
            Some(&c) if c != '/' => {
                let hit = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                hit != *neg && match_at(rest, &s[1..])
            }
            _ => false,
        },
        Tok::Star => {
            let limit = s.iter().position(|&c| c == '/').unwrap_or(s.len());
            (0..=limit).any(|k| match_at(rest, &s[k..]))
        }
        Tok::GlobStar => {
            // `**` matches zero or more whole segments; trailing `**` takes everything
            if rest.is_empty() || match_at(rest, s) {
                return true;
            }
            s.iter()
                .enumerate()
                .filter(|(_, &c)| c == '/')
                .any(|(k, _)| match_at(rest, &s[k + 1..]))
        }
    }
}

pub fn matches(pat: &str, path: &str) -> Result<bool, GlobError> {
    Glob::new(pat).map(|g| g.is_match(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_literal_only_pattern() {
        let g = Glob::new("abc").unwrap();
        assert_eq!(g.toks, vec![Tok::Lit('a'), Tok::Lit('b'), Tok::Lit('c')]);
    }

    #[test]
    fn double_star_inside_segment_is_plain_star() {
        let g = Glob::new("a**b").unwrap();
        assert_eq!(g.toks, vec![Tok::Lit('a'), Tok::Star, Tok::Lit('b')]);
    }

    #[test]
    fn globstar_swallows_following_slash() {
        let g = Glob::new("**/x").unwrap();
        assert_eq!(g.toks, vec![Tok::GlobStar, Tok::Lit('x')]);
    }

    #[test]
    fn class_with_range_and_negation() {
        let g = Glob::new("[!a-c]").unwrap();
        assert_eq!(
            g.toks,
            vec![Tok::Class {
                neg: true,
                ranges: vec![('a', 'c')]
            }]
        );
    }

    #[test]
    fn closing_bracket_first_is_literal() {
        let g = Glob::new("[]]").unwrap();
        assert_eq!(
            g.toks,
            vec![Tok::Class {
                neg: false,
                ranges: vec![(']', ']')]
            }]
        );
    }

    #[test]
    fn trailing_dash_is_literal() {
        let g = Glob::new("[a-]").unwrap();
        assert_eq!(
            g.toks,
            vec![Tok::Class {
                neg: false,
                ranges: vec![('a', 'a'), ('-', '-')]
            }]
        );
    }

    #[test]
    fn match_at_empty_tokens() {
        assert!(match_at(&[], &[]));
        assert!(!match_at(&[], &['a']));
    }
}
