mod bits;

use bits::{BitR, BitW};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

enum Node {
    Leaf(u8),
    Int(Box<Node>, Box<Node>),
}

fn build(freq: &[u64; 256]) -> Option<Node> {
    let mut h = BinaryHeap::new();
    let mut pool: Vec<Option<Node>> = Vec::new();
    for (b, &f) in freq.iter().enumerate() {
        if f > 0 {
            pool.push(Some(Node::Leaf(b as u8)));
            h.push(Reverse((f, pool.len() - 1)));
        }
    }
    if h.is_empty() {
        return None;
    }
    while h.len() > 1 {
        let Reverse((fa, a)) = h.pop().unwrap();
        let Reverse((fb, b)) = h.pop().unwrap();
        let n = Node::Int(Box::new(pool[a].take().unwrap()), Box::new(pool[b].take().unwrap()));
        pool.push(Some(n));
        h.push(Reverse((fa + fb, pool.len() - 1)));
    }
    let Reverse((_, i)) = h.pop().unwrap();
    pool[i].take()
}

fn lens(n: &Node, d: u8, out: &mut [u8; 256]) {
    match n {
        Node::Leaf(b) => out[*b as usize] = d.max(1),
        Node::Int(l, r) => {
            lens(l, d + 1, out);
            lens(r, d + 1, out);
        }
    }
}

// canonical codes: sort by (len, sym), assign increasing
fn canon(ln: &[u8; 256]) -> Vec<(u8, u8, u64)> {
    let mut s: Vec<(u8, u8)> = (0..256).filter(|&i| ln[i] > 0).map(|i| (ln[i], i as u8)).collect();
    s.sort();
    let mut out = Vec::with_capacity(s.len());
    let (mut code, mut prev) = (0u64, 0u8);
    for (l, sym) in s {
        if prev != 0 {
            code = (code + 1) << (l - prev);
        }
        prev = l;
        out.push((sym, l, code));
    }
    out
}

pub fn encode(src: &[u8]) -> Vec<u8> {
    let mut freq = [0u64; 256];
    for &b in src {
        freq[b as usize] += 1;
    }
    let mut w = BitW::new();
    w.put_n(src.len() as u64, 32);
    let Some(root) = build(&freq) else {
        return w.finish();
    };
    let mut ln = [0u8; 256];
    lens(&root, 0, &mut ln);
    for &l in ln.iter() {
        w.put_n(l as u64, 6);
    }
    let mut tbl = [(0u8, 0u64); 256];
    for (sym, l, c) in canon(&ln) {
        tbl[sym as usize] = (l, c);
    }
    for &b in src {
        let (l, c) = tbl[b as usize];
        w.put_n(c, l);
    }
    w.finish()
}

pub fn decode(d: &[u8]) -> Option<Vec<u8>> {
    let mut r = BitR::new(d);
    let n = r.get_n(32)? as usize;
    if n == 0 {
        return Some(Vec::new());
    }
    let mut ln = [0u8; 256];
    for l in ln.iter_mut() {
        *l = r.get_n(6)? as u8;
    }
    let codes = canon(&ln);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let (mut c, mut l) = (0u64, 0u8);
        loop {
            c = (c << 1) | r.get()? as u64;
            l += 1;
            if let Some(&(s, _, _)) = codes.iter().find(|&&(_, cl, cc)| cl == l && cc == c) {
                out.push(s);
                break;
            }
            if l > 63 {
                return None;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod t {
    use super::*;

    #[test]
    fn rt() {
        for s in ["", "a", "aaaa", "abracadabra", "the quick brown fox jumps over the lazy dog"] {
            assert_eq!(decode(&encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
        let all: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        assert_eq!(decode(&encode(&all)).unwrap(), all);
    }

    #[test]
    fn shrinks() {
        let s = "aaaaaaaaaabbbbbccd".repeat(100);
        assert!(encode(s.as_bytes()).len() < s.len() / 2);
    }
}
