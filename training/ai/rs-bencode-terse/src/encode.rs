use crate::Value;
use std::io::{self, Write};

pub fn encode(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write(&mut out, v).expect("Vec<u8> write");
    out
}

pub fn write<W: Write>(w: &mut W, v: &Value) -> io::Result<()> {
    match v {
        Value::Int(n) => write!(w, "i{n}e"),
        Value::Bytes(b) => bytes(w, b),
        Value::List(l) => {
            w.write_all(b"l")?;
            l.iter().try_for_each(|x| write(w, x))?;
            w.write_all(b"e")
        }
        Value::Dict(d) => {
            w.write_all(b"d")?;
            for (k, x) in d {
                bytes(w, k)?;
                write(w, x)?;
            }
            w.write_all(b"e")
        }
    }
}

fn bytes<W: Write>(w: &mut W, b: &[u8]) -> io::Result<()> {
    write!(w, "{}:", b.len())?;
    w.write_all(b)
}

#[cfg(test)]
mod tests {
    use crate::{decode, dict, Decoder, Error, Value};

    #[test]
    fn roundtrip() {
        let v = dict! {
            "announce" => "http://t.example/a",
            "info" => dict! { "length" => 12345i64, "name" => "a.iso", "pieces" => vec![0u8, 1, 255] },
            "tags" => vec!["x", "y"],
        };
        let b = super::encode(&v);
        assert_eq!(decode(&b).unwrap(), v);
        let (s, e) = Decoder::raw_span(&b, "info").unwrap().unwrap();
        assert_eq!(decode(&b[s..e]).unwrap(), *v.get("info").unwrap());
        assert_eq!(
            v.path(&["info", "name"]).and_then(Value::as_str),
            Some("a.iso")
        );
    }

    #[test]
    fn rejects() {
        for (src, err) in [
            (&b"i03e"[..], Error::BadInt(1)),
            (b"i-0e", Error::BadInt(1)),
            (b"ie", Error::BadInt(1)),
            (b"d1:bi1e1:ai2ee", Error::UnsortedKey(7)),
            (b"d1:ai1e1:ai2ee", Error::DupKey(7)),
            (b"5:abc", Error::Eof),
            (b"i1ei2e", Error::Trailing(3)),
            (b"x", Error::Unexpected(b'x', 0)),
        ] {
            assert_eq!(decode(src), Err(err), "{}", String::from_utf8_lossy(src));
        }
        assert!(matches!(decode(&[b'l'; 300]), Err(Error::TooDeep(_))));
    }

    #[test]
    fn stream() {
        let mut d = Decoder::new(b"i1e3:abcle");
        let got: Vec<_> = std::iter::from_fn(|| d.next_value())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            got,
            vec![Value::Int(1), Value::from("abc"), Value::List(vec![])]
        );
    }
}
