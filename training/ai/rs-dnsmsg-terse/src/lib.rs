use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

mod name;
pub use name::{read_name, write_name, Compressor};

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    Short(usize),
    Label(usize),
    Loop(usize),
    Rdata(u16),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Short(p) => write!(f, "truncated at {p}"),
            Error::Label(p) => write!(f, "bad label at {p}"),
            Error::Loop(p) => write!(f, "pointer loop at {p}"),
            Error::Rdata(t) => write!(f, "bad rdata for type {t}"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

pub const A: u16 = 1;
pub const NS: u16 = 2;
pub const CNAME: u16 = 5;
pub const MX: u16 = 15;
pub const TXT: u16 = 16;
pub const AAAA: u16 = 28;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    pub id: u16,
    pub flags: u16,
    pub qd: u16,
    pub an: u16,
    pub ns: u16,
    pub ar: u16,
}

impl Header {
    pub fn qr(&self) -> bool { self.flags & 0x8000 != 0 }
    pub fn rcode(&self) -> u8 { (self.flags & 0xf) as u8 }
    pub fn tc(&self) -> bool { self.flags & 0x0200 != 0 }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub name: String,
    pub qtype: u16,
    pub class: u16,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Rdata {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Name(String),
    Mx(u16, String),
    Txt(Vec<Vec<u8>>),
    Raw(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub name: String,
    pub rtype: u16,
    pub class: u16,
    pub ttl: u32,
    pub data: Rdata,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    pub hdr: Header,
    pub qs: Vec<Question>,
    pub answers: Vec<Record>,
    pub authority: Vec<Record>,
    pub extra: Vec<Record>,
}

pub(crate) fn u16_at(b: &[u8], p: usize) -> Result<u16> {
    b.get(p..p + 2).map(|s| u16::from_be_bytes([s[0], s[1]])).ok_or(Error::Short(p))
}

fn u32_at(b: &[u8], p: usize) -> Result<u32> {
    b.get(p..p + 4).map(|s| u32::from_be_bytes(s.try_into().unwrap())).ok_or(Error::Short(p))
}

fn rdata(b: &[u8], t: u16, p: usize, len: usize) -> Result<Rdata> {
    let raw = b.get(p..p + len).ok_or(Error::Short(p))?;
    Ok(match t {
        A if len == 4 => Rdata::A(Ipv4Addr::new(raw[0], raw[1], raw[2], raw[3])),
        AAAA if len == 16 => Rdata::Aaaa(Ipv6Addr::from(<[u8; 16]>::try_from(raw).unwrap())),
        A | AAAA => return Err(Error::Rdata(t)),
        NS | CNAME => Rdata::Name(read_name(b, p)?.0),
        MX => Rdata::Mx(u16_at(b, p)?, read_name(b, p + 2)?.0),
        TXT => {
            let mut v = vec![];
            let mut i = 0;
            while i < len {
                let n = raw[i] as usize;
                v.push(raw.get(i + 1..i + 1 + n).ok_or(Error::Rdata(t))?.to_vec());
                i += 1 + n;
            }
            Rdata::Txt(v)
        }
        _ => Rdata::Raw(raw.to_vec()),
    })
}

fn record(b: &[u8], p: usize) -> Result<(Record, usize)> {
    let (name, p) = read_name(b, p)?;
    let rtype = u16_at(b, p)?;
    let class = u16_at(b, p + 2)?;
    let ttl = u32_at(b, p + 4)?;
    let len = u16_at(b, p + 8)? as usize;
    let data = rdata(b, rtype, p + 10, len)?;
    Ok((Record { name, rtype, class, ttl, data }, p + 10 + len))
}

pub fn parse(b: &[u8]) -> Result<Message> {
    let h = Header {
        id: u16_at(b, 0)?,
        flags: u16_at(b, 2)?,
        qd: u16_at(b, 4)?,
        an: u16_at(b, 6)?,
        ns: u16_at(b, 8)?,
        ar: u16_at(b, 10)?,
    };
    let mut p = 12;
    let mut qs = Vec::with_capacity(h.qd as usize);
    for _ in 0..h.qd {
        let (name, q) = read_name(b, p)?;
        qs.push(Question { name, qtype: u16_at(b, q)?, class: u16_at(b, q + 2)? });
        p = q + 4;
    }
    let mut sec = |n: u16| -> Result<Vec<Record>> {
        let mut v = Vec::with_capacity(n as usize);
        for _ in 0..n {
            let (r, q) = record(b, p)?;
            v.push(r);
            p = q;
        }
        Ok(v)
    };
    let answers = sec(h.an)?;
    let authority = sec(h.ns)?;
    let extra = sec(h.ar)?;
    Ok(Message { hdr: h, qs, answers, authority, extra })
}

pub fn query(id: u16, name: &str, qtype: u16, rd: bool) -> Vec<u8> {
    let mut b = Vec::with_capacity(32 + name.len());
    b.extend(id.to_be_bytes());
    b.extend((if rd { 0x0100u16 } else { 0 }).to_be_bytes());
    b.extend([0, 1, 0, 0, 0, 0, 0, 0]);
    write_name(&mut b, name, None);
    b.extend(qtype.to_be_bytes());
    b.extend(1u16.to_be_bytes());
    b
}

pub fn encode(m: &Message) -> Vec<u8> {
    let mut b = Vec::with_capacity(512);
    let h = &m.hdr;
    for x in [h.id, h.flags, m.qs.len() as u16, m.answers.len() as u16, m.authority.len() as u16, m.extra.len() as u16] {
        b.extend(x.to_be_bytes());
    }
    let mut c = Compressor::default();
    for q in &m.qs {
        write_name(&mut b, &q.name, Some(&mut c));
        b.extend(q.qtype.to_be_bytes());
        b.extend(q.class.to_be_bytes());
    }
    for r in m.answers.iter().chain(&m.authority).chain(&m.extra) {
        write_name(&mut b, &r.name, Some(&mut c));
        b.extend(r.rtype.to_be_bytes());
        b.extend(r.class.to_be_bytes());
        b.extend(r.ttl.to_be_bytes());
        let at = b.len();
        b.extend([0, 0]);
        match &r.data {
            Rdata::A(ip) => b.extend(ip.octets()),
            Rdata::Aaaa(ip) => b.extend(ip.octets()),
            Rdata::Name(n) => write_name(&mut b, n, Some(&mut c)),
            Rdata::Mx(pref, n) => {
                b.extend(pref.to_be_bytes());
                write_name(&mut b, n, Some(&mut c));
            }
            Rdata::Txt(parts) => {
                for s in parts {
                    let s = &s[..s.len().min(255)];
                    b.push(s.len() as u8);
                    b.extend(s);
                }
            }
            Rdata::Raw(v) => b.extend(v),
        }
        let n = (b.len() - at - 2) as u16;
        b[at..at + 2].copy_from_slice(&n.to_be_bytes());
    }
    b
}
