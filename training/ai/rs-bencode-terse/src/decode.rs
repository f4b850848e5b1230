use crate::Value;
use std::collections::BTreeMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Eof,
    Unexpected(u8, usize),
    BadInt(usize),
    UnsortedKey(usize),
    DupKey(usize),
    TooDeep(usize),
    Trailing(usize),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Eof => f.write_str("unexpected end of input"),
            Error::Unexpected(b, at) => write!(f, "unexpected byte {:?} at {at}", *b as char),
            Error::BadInt(at) => write!(f, "malformed integer at {at}"),
            Error::UnsortedKey(at) => write!(f, "dict keys not sorted at {at}"),
            Error::DupKey(at) => write!(f, "duplicate dict key at {at}"),
            Error::TooDeep(at) => write!(f, "nesting too deep at {at}"),
            Error::Trailing(at) => write!(f, "trailing data at {at}"),
        }
    }
}

impl std::error::Error for Error {}

const MAX_DEPTH: usize = 256;

pub struct Decoder<'a> {
    buf: &'a [u8],
    pos: usize,
    strict: bool,
}

pub fn decode(buf: &[u8]) -> Result<Value, Error> {
    let mut d = Decoder::new(buf);
    let v = d.value(0)?;
    if d.pos != buf.len() {
        return Err(Error::Trailing(d.pos));
    }
    Ok(v)
}

impl<'a> Decoder<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self {
            buf,
            pos: 0,
            strict: true,
        }
    }

    pub fn lenient(mut self) -> Self {
        self.strict = false;
        self
    }

    pub fn pos(&self) -> usize {
        self.pos
    }

    pub fn next_value(&mut self) -> Option<Result<Value, Error>> {
        (self.pos < self.buf.len()).then(|| self.value(0))
    }

    /// Byte range of the raw encoding of `key` in the top-level dict, e.g. a torrent's `info`.
    pub fn raw_span(buf: &'a [u8], key: &str) -> Result<Option<(usize, usize)>, Error> {
        let mut d = Decoder::new(buf).lenient();
        d.expect(b'd')?;
        while d.peek()? != b'e' {
            let k = d.bytes()?;
            let st = d.pos;
            d.value(1)?;
            if k == key.as_bytes() {
                return Ok(Some((st, d.pos)));
            }
        }
        Ok(None)
    }

    fn peek(&self) -> Result<u8, Error> {
        self.buf.get(self.pos).copied().ok_or(Error::Eof)
    }

    fn expect(&mut self, b: u8) -> Result<(), Error> {
        match self.peek()? {
            c if c == b => {
                self.pos += 1;
                Ok(())
            }
            c => Err(Error::Unexpected(c, self.pos)),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::TooDeep(self.pos));
        }
        match self.peek()? {
            b'i' => {
                self.pos += 1;
                let n = self.int(b'e')?;
                Ok(Value::Int(n))
            }
            b'0'..=b'9' => self.bytes().map(Value::Bytes),
            b'l' => {
                self.pos += 1;
                let mut l = Vec::new();
                while self.peek()? != b'e' {
                    l.push(self.value(depth + 1)?);
                }
                self.pos += 1;
                Ok(Value::List(l))
            }
            b'd' => {
                self.pos += 1;
                let mut m = BTreeMap::new();
                let mut last: Option<Vec<u8>> = None;
                while self.peek()? != b'e' {
                    let at = self.pos;
                    let k = self.bytes()?;
                    if self.strict {
                        match last.as_deref().map(|l| l.cmp(&k[..])) {
                            Some(std::cmp::Ordering::Equal) => return Err(Error::DupKey(at)),
                            Some(std::cmp::Ordering::Greater) => {
                                return Err(Error::UnsortedKey(at))
                            }
                            _ => {}
                        }
                        last = Some(k.clone());
                    }
                    let v = self.value(depth + 1)?;
                    m.insert(k, v);
                }
                self.pos += 1;
                Ok(Value::Dict(m))
            }
            c => Err(Error::Unexpected(c, self.pos)),
        }
    }

    fn int(&mut self, end: u8) -> Result<i64, Error> {
        let st = self.pos;
        let rest = &self.buf[st..];
        let n = rest.iter().position(|&c| c == end).ok_or(Error::Eof)?;
        let s = std::str::from_utf8(&rest[..n]).map_err(|_| Error::BadInt(st))?;
        let digits = s.strip_prefix('-').unwrap_or(s);
        let canonical = !digits.is_empty()
            && digits.bytes().all(|c| c.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'))
            && s != "-0";
        if !canonical {
            return Err(Error::BadInt(st));
        }
        let v = s.parse().map_err(|_| Error::BadInt(st))?;
        self.pos += n + 1;
        Ok(v)
    }

    fn bytes(&mut self) -> Result<Vec<u8>, Error> {
        let st = self.pos;
        let n = self.int(b':')?;
        if n < 0 {
            return Err(Error::BadInt(st));
        }
        let end = self.pos.checked_add(n as usize).ok_or(Error::Eof)?;
        let b = self.buf.get(self.pos..end).ok_or(Error::Eof)?.to_vec();
        self.pos = end;
        Ok(b)
    }
}
