use std::fmt;
use std::net::Ipv4Addr;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    MissingPrefix,
    BadAddr(String),
    BadPrefix(String),
    HostBitsSet,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::MissingPrefix => write!(f, "missing /prefix"),
            ParseError::BadAddr(s) => write!(f, "invalid address {s:?}"),
            ParseError::BadPrefix(s) => write!(f, "invalid prefix length {s:?}"),
            ParseError::HostBitsSet => write!(f, "host bits set"),
        }
    }
}

impl std::error::Error for ParseError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Net {
    base: u32,
    len: u8,
}

fn mask(len: u8) -> u32 {
    if len == 0 { 0 } else { u32::MAX << (32 - len) }
}

impl Net {
    pub fn new(addr: Ipv4Addr, len: u8) -> Option<Net> {
        if len > 32 {
            return None;
        }
        Some(Net { base: u32::from(addr) & mask(len), len })
    }

    pub fn parse_strict(s: &str) -> Result<Net, ParseError> {
        let n: Net = s.parse()?;
        let (a, _) = s.split_once('/').unwrap();
        if a.parse::<Ipv4Addr>().map(u32::from).ok() != Some(n.base) {
            return Err(ParseError::HostBitsSet);
        }
        Ok(n)
    }

    pub fn network(&self) -> Ipv4Addr { self.base.into() }
    pub fn prefix_len(&self) -> u8 { self.len }
    pub fn broadcast(&self) -> Ipv4Addr { (self.base | !mask(self.len)).into() }
    pub fn size(&self) -> u64 { 1u64 << (32 - self.len) }

    pub fn contains(&self, ip: Ipv4Addr) -> bool {
        u32::from(ip) & mask(self.len) == self.base
    }

    pub fn contains_net(&self, other: &Net) -> bool {
        other.len >= self.len && other.base & mask(self.len) == self.base
    }

    pub fn overlaps(&self, other: &Net) -> bool {
        self.contains_net(other) || other.contains_net(self)
    }

    pub fn supernet(&self) -> Option<Net> {
        if self.len == 0 { None } else { Net::new(self.network(), self.len - 1) }
    }

    pub fn subnets(&self, new_len: u8) -> Option<impl Iterator<Item = Net>> {
        if new_len < self.len || new_len > 32 {
            return None;
        }
        let step = 1u64 << (32 - new_len);
        let count = 1u64 << (new_len - self.len);
        let base = self.base as u64;
        Some((0..count).map(move |i| Net { base: (base + i * step) as u32, len: new_len }))
    }

    pub fn hosts(&self) -> impl Iterator<Item = Ipv4Addr> {
        let (lo, hi) = match self.len {
            32 => (self.base as u64, self.base as u64),
            31 => (self.base as u64, self.base as u64 + 1),
            _ => (self.base as u64 + 1, self.base as u64 + self.size() - 2),
        };
        (lo..=hi).map(|x| Ipv4Addr::from(x as u32))
    }
}

impl FromStr for Net {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (a, p) = s.trim().split_once('/').ok_or(ParseError::MissingPrefix)?;
        let addr: Ipv4Addr = a.parse().map_err(|_| ParseError::BadAddr(a.to_string()))?;
        let len = p
            .parse::<u8>()
            .ok()
            .filter(|&l| l <= 32 && !p.starts_with('+'))
            .ok_or_else(|| ParseError::BadPrefix(p.to_string()))?;
        Ok(Net::new(addr, len).unwrap())
    }
}

impl fmt::Display for Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network(), self.len)
    }
}

/// Smallest list of networks covering exactly the union of the inputs.
pub fn aggregate(nets: &[Net]) -> Vec<Net> {
    let mut v: Vec<Net> = nets.to_vec();
    v.sort();
    let mut out: Vec<Net> = Vec::with_capacity(v.len());
    for n in v {
        if out.last().map_or(false, |l| l.contains_net(&n)) {
            continue;
        }
        out.push(n);
        while out.len() >= 2 {
            let b = out[out.len() - 1];
            let a = out[out.len() - 2];
            match (a.supernet(), b.supernet()) {
                (Some(sa), Some(sb)) if a.len == b.len && sa == sb && a != b => {
                    out.truncate(out.len() - 2);
                    out.push(sa);
                }
                _ => break,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Net {
        s.parse().unwrap()
    }

    #[test]
    fn mask_edges() {
        assert_eq!(mask(0), 0);
        assert_eq!(mask(1), 0x8000_0000);
        assert_eq!(mask(24), 0xffff_ff00);
        assert_eq!(mask(32), u32::MAX);
    }

    #[test]
    fn new_rejects_long_prefix() {
        assert!(Net::new(Ipv4Addr::LOCALHOST, 33).is_none());
        assert!(Net::new(Ipv4Addr::LOCALHOST, 32).is_some());
    }

    #[test]
    fn new_clears_host_bits() {
        let net = Net::new(Ipv4Addr::new(10, 1, 2, 3), 16).unwrap();
        assert_eq!(net.network(), Ipv4Addr::new(10, 1, 0, 0));
    }

    #[test]
    fn size_of_whole_space() {
        assert_eq!(n("0.0.0.0/0").size(), 1 << 32);
    }

    #[test]
    fn supernet_of_root_is_none() {
        assert_eq!(n("0.0.0.0/0").supernet(), None);
        assert_eq!(n("10.0.1.0/24").supernet(), Some(n("10.0.0.0/23")));
    }
}
