use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, PartialEq)]
pub struct Error {
    pub line: usize,
    pub msg: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for Error {}

type Sec = BTreeMap<String, String>;

#[derive(Debug, Default, Clone)]
pub struct Ini {
    secs: BTreeMap<String, Sec>,
}

fn err(line: usize, msg: impl Into<String>) -> Error {
    Error { line, msg: msg.into() }
}

fn unquote(v: &str, ln: usize) -> Result<String, Error> {
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        let inner = &v[1..v.len() - 1];
        if b[0] == b'\'' {
            return Ok(inner.to_string());
        }
        let mut out = String::with_capacity(inner.len());
        let mut it = inner.chars();
        while let Some(c) = it.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some(x) => return Err(err(ln, format!("bad escape \\{x}"))),
                None => return Err(err(ln, "trailing backslash")),
            }
        }
        return Ok(out);
    }
    let v = match v.find(" ;").or_else(|| v.find(" #")) {
        Some(i) => v[..i].trim_end(),
        None => v,
    };
    Ok(v.to_string())
}

impl FromStr for Ini {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let mut ini = Ini::default();
        let mut cur = String::new();
        let mut last: Option<String> = None;
        for (i, raw) in s.lines().enumerate() {
            let ln = i + 1;
            if raw.starts_with([' ', '\t']) && !raw.trim().is_empty() {
                if let Some(k) = &last {
                    let v = ini.secs.get_mut(&cur).and_then(|s| s.get_mut(k)).unwrap();
                    v.push('\n');
                    v.push_str(raw.trim());
                    continue;
                }
            }
            let l = raw.trim();
            if l.is_empty() || l.starts_with([';', '#']) {
                last = None;
                continue;
            }
            if let Some(r) = l.strip_prefix('[') {
                let name = r.strip_suffix(']').ok_or_else(|| err(ln, "unclosed ["))?.trim();
                if name.is_empty() {
                    return Err(err(ln, "empty section name"));
                }
                cur = name.to_lowercase();
                ini.secs.entry(cur.clone()).or_default();
                last = None;
                continue;
            }
            let (k, v) = l
                .split_once('=')
                .or_else(|| l.split_once(':'))
                .ok_or_else(|| err(ln, format!("expected key=value, got {l:?}")))?;
            let k = k.trim().to_lowercase();
            if k.is_empty() {
                return Err(err(ln, "empty key"));
            }
            let v = unquote(v.trim(), ln)?;
            ini.secs.entry(cur.clone()).or_default().insert(k.clone(), v);
            last = Some(k);
        }
        Ok(ini)
    }
}

impl Ini {
    pub fn get(&self, sec: &str, key: &str) -> Option<&str> {
        self.secs.get(&sec.to_lowercase())?.get(&key.to_lowercase()).map(|s| s.as_str())
    }

    pub fn get_or<'a>(&'a self, sec: &str, key: &str, d: &'a str) -> &'a str {
        self.get(sec, key).unwrap_or(d)
    }

    pub fn parse<T: FromStr>(&self, sec: &str, key: &str) -> Option<Result<T, T::Err>> {
        self.get(sec, key).map(str::parse)
    }

    pub fn bool(&self, sec: &str, key: &str) -> Option<bool> {
        match self.get(sec, key)?.to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        }
    }

    pub fn set(&mut self, sec: &str, key: &str, v: impl Into<String>) {
        self.secs.entry(sec.to_lowercase()).or_default().insert(key.to_lowercase(), v.into());
    }

    pub fn sections(&self) -> impl Iterator<Item = &str> {
        self.secs.keys().map(|s| s.as_str()).filter(|s| !s.is_empty())
    }

    pub fn section(&self, sec: &str) -> Option<&Sec> {
        self.secs.get(&sec.to_lowercase())
    }

    pub fn merge(&mut self, o: Ini) {
        for (s, kv) in o.secs {
            self.secs.entry(s).or_default().extend(kv);
        }
    }
}

impl fmt::Display for Ini {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut first = true;
        for (s, kv) in &self.secs {
            if kv.is_empty() {
                continue;
            }
            if !s.is_empty() {
                if !first {
                    writeln!(f)?;
                }
                writeln!(f, "[{s}]")?;
            }
            first = false;
            for (k, v) in kv {
                if v.contains(['\n', ';', '#', '"']) || v.trim() != v {
                    writeln!(f, "{k} = {v:?}")?;
                } else {
                    writeln!(f, "{k} = {v}")?;
                }
            }
        }
        Ok(())
    }
}
