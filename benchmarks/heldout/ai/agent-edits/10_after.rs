// minimal ini reader. no escapes, no multiline values, no interpolation.
// keys before any [section] go in section "".

use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Default)]
pub struct Ini {
    sections: HashMap<String, HashMap<String, String>>,
    order: Vec<String>,
}

#[derive(Debug, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub msg: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

impl Ini {
    pub fn parse(src: &str) -> Result<Ini, ParseError> {
        let mut ini = Ini::default();
        let mut cur = String::new();
        ini.order.push(cur.clone());
        for (i, raw) in src.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with(';') || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') {
                if !line.ends_with(']') {
                    return Err(ParseError { line: i + 1, msg: "unclosed section header" });
                }
                cur = line[1..line.len() - 1].trim().to_lowercase();
                if cur.is_empty() {
                    return Err(ParseError { line: i + 1, msg: "empty section name" });
                }
                if !ini.order.contains(&cur) {
                    ini.order.push(cur.clone());
                }
                continue;
            }
            let (k, v) = match line.find('=').or_else(|| line.find(':')) {
                Some(p) => (&line[..p], &line[p + 1..]),
                None => return Err(ParseError { line: i + 1, msg: "expected key = value" }),
            };
            let k = k.trim().to_lowercase();
            if k.is_empty() {
                return Err(ParseError { line: i + 1, msg: "empty key" });
            }
            // strip matching quotes
            let mut v = v.trim();
            if v.len() >= 2 && (v.starts_with('"') && v.ends_with('"') || v.starts_with('\'') && v.ends_with('\'')) {
                v = &v[1..v.len() - 1];
            }
            ini.sections.entry(cur.clone()).or_default().insert(k, v.to_string());
        }
        Ok(ini)
    }

    pub fn get(&self, section: &str, key: &str) -> Option<&str> {
        self.sections
            .get(&section.to_lowercase())
            .and_then(|s| s.get(&key.to_lowercase()))
            .map(|s| s.as_str())
    }

    pub fn get_or<'a>(&'a self, section: &str, key: &str, dflt: &'a str) -> &'a str {
        self.get(section, key).unwrap_or(dflt)
    }

    /// Parses a boolean value. Accepts true/false, yes/no, on/off and 1/0
    /// (case-insensitive). Returns `None` if the key is missing, `Some(Err)`
    /// if it is present but not a recognised boolean.
    pub fn get_bool(&self, section: &str, key: &str) -> Option<Result<bool, String>> {
        self.get(section, key).map(|v| match v.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(true),
            "false" | "no" | "off" | "0" => Ok(false),
            _ => Err(format!("[{section}] {key}: expected a boolean, got {v:?}")),
        })
    }

    /// Parses an integer value (any type implementing `FromStr`, e.g. u16 for ports).
    pub fn get_int<T: std::str::FromStr>(&self, section: &str, key: &str) -> Option<Result<T, String>> {
        self.get(section, key)
            .map(|v| v.parse::<T>().map_err(|_| format!("[{section}] {key}: expected an integer, got {v:?}")))
    }

    /// Splits a comma-separated value into trimmed, non-empty items.
    pub fn get_list(&self, section: &str, key: &str) -> Vec<&str> {
        self.get(section, key)
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    }

    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.order.iter().map(|s| s.as_str()).filter(move |s| self.sections.contains_key(*s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "
top = 1
; comment
[Server]
host = example.org
port: 8080
name = \"my server\"

[paths]
root=/srv
";

    #[test]
    fn basic() {
        let ini = Ini::parse(SAMPLE).unwrap();
        assert_eq!(ini.get("", "top"), Some("1"));
        assert_eq!(ini.get("server", "HOST"), Some("example.org"));
        assert_eq!(ini.get("server", "port"), Some("8080"));
        assert_eq!(ini.get("server", "name"), Some("my server"));
        assert_eq!(ini.get("paths", "root"), Some("/srv"));
        assert_eq!(ini.get("paths", "nope"), None);
        assert_eq!(ini.sections().collect::<Vec<_>>(), vec!["", "server", "paths"]);
    }

    #[test]
    fn typed_getters() {
        let ini = Ini::parse("[a]\ndebug = Yes\nfast = off\nbad = maybe\nport = 8080\nneg = -3\ntags = x, y,,z \n").unwrap();
        assert_eq!(ini.get_bool("a", "debug"), Some(Ok(true)));
        assert_eq!(ini.get_bool("a", "fast"), Some(Ok(false)));
        assert!(matches!(ini.get_bool("a", "bad"), Some(Err(_))));
        assert_eq!(ini.get_bool("a", "missing"), None);
        assert_eq!(ini.get_int::<u16>("a", "port"), Some(Ok(8080)));
        assert!(matches!(ini.get_int::<u16>("a", "neg"), Some(Err(_))));
        assert_eq!(ini.get_int::<i64>("a", "neg"), Some(Ok(-3)));
        assert_eq!(ini.get_list("a", "tags"), vec!["x", "y", "z"]);
        assert!(ini.get_list("a", "missing").is_empty());
    }

    #[test]
    fn errors() {
        assert_eq!(Ini::parse("[oops").unwrap_err().line, 1);
        assert_eq!(Ini::parse("a=1\nnovalue").unwrap_err().line, 2);
        assert!(Ini::parse("[ ]").is_err());
    }
}
