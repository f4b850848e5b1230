use std::collections::HashMap;

use crate::{u16_at, Error, Result};

#[derive(Default)]
pub struct Compressor {
    seen: HashMap<String, u16>,
}

pub fn read_name(b: &[u8], start: usize) -> Result<(String, usize)> {
    let mut out = String::new();
    let mut p = start;
    let mut end = None;
    let mut hops = 0;
    loop {
        let len = *b.get(p).ok_or(Error::Short(p))? as usize;
        match len & 0xc0 {
            0xc0 => {
                let ptr = (u16_at(b, p)? & 0x3fff) as usize;
                end.get_or_insert(p + 2);
                hops += 1;
                if hops > 64 || ptr >= b.len() {
                    return Err(Error::Loop(p));
                }
                p = ptr;
            }
            0 if len == 0 => {
                if out.is_empty() {
                    out.push('.');
                }
                return Ok((out, end.unwrap_or(p + 1)));
            }
            0 => {
                let lbl = b.get(p + 1..p + 1 + len).ok_or(Error::Short(p))?;
                if out.len() + len > 254 {
                    return Err(Error::Label(p));
                }
                for &c in lbl {
                    match c {
                        b'.' | b'\\' => {
                            out.push('\\');
                            out.push(c as char);
                        }
                        0x21..=0x7e => out.push(c as char),
                        _ => out.push_str(&format!("\\{:03}", c)),
                    }
                }
                out.push('.');
                p += 1 + len;
            }
            _ => return Err(Error::Label(p)),
        }
    }
}

fn labels(name: &str) -> Vec<&str> {
    name.trim_end_matches('.').split('.').filter(|l| !l.is_empty()).collect()
}

pub fn write_name(b: &mut Vec<u8>, name: &str, mut c: Option<&mut Compressor>) {
    let ls = labels(name);
    for i in 0..ls.len() {
        let suffix = ls[i..].join(".").to_ascii_lowercase();
        if let Some(c) = c.as_deref_mut() {
            if let Some(&off) = c.seen.get(&suffix) {
                b.extend((0xc000 | off).to_be_bytes());
                return;
            }
            if b.len() < 0x3fff {
                c.seen.insert(suffix, b.len() as u16);
            }
        }
        let l = &ls[i].as_bytes()[..ls[i].len().min(63)];
        b.push(l.len() as u8);
        b.extend(l);
    }
    b.push(0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::*;

    #[test]
    fn compresses_suffixes() {
        let mut c = Compressor::default();
        let mut b = vec![0u8; 12];
        write_name(&mut b, "www.example.com.", Some(&mut c));
        let first = b.len();
        write_name(&mut b, "mail.example.com", Some(&mut c));
        assert_eq!(b.len() - first, 1 + 4 + 2);
        assert_eq!(read_name(&b, first).unwrap(), ("mail.example.com.".into(), b.len()));
    }

    #[test]
    fn loop_detected() {
        let b = [0xc0, 0x00];
        assert_eq!(read_name(&b, 0), Err(Error::Loop(0)));
    }

    #[test]
    fn root() {
        let mut b = vec![];
        write_name(&mut b, ".", None);
        assert_eq!(b, [0]);
        assert_eq!(read_name(&b, 0).unwrap().0, ".");
    }

    #[test]
    fn roundtrip_message() {
        let m = Message {
            hdr: Header { id: 7, flags: 0x8180, ..Default::default() },
            qs: vec![Question { name: "example.org.".into(), qtype: MX, class: 1 }],
            answers: vec![
                Record { name: "example.org.".into(), rtype: MX, class: 1, ttl: 300, data: Rdata::Mx(10, "mx1.example.org.".into()) },
                Record { name: "mx1.example.org.".into(), rtype: A, class: 1, ttl: 60, data: Rdata::A("192.0.2.1".parse().unwrap()) },
                Record { name: "example.org.".into(), rtype: TXT, class: 1, ttl: 60, data: Rdata::Txt(vec![b"v=spf1 -all".to_vec()]) },
            ],
            ..Default::default()
        };
        let raw = encode(&m);
        let mut back = parse(&raw).unwrap();
        back.hdr.an = 0;
        back.hdr.qd = 0;
        assert_eq!(back, m);
        assert!(back.hdr.qr());
        assert_eq!(back.hdr.rcode(), 0);
    }

    #[test]
    fn query_bytes() {
        let q = query(0xbeef, "a.io", AAAA, true);
        assert_eq!(&q[..4], &[0xbe, 0xef, 0x01, 0x00]);
        assert_eq!(&q[12..], &[1, b'a', 2, b'i', b'o', 0, 0, 28, 0, 1]);
        assert_eq!(parse(&q[..20]), Err(Error::Short(20)));
    }
}
