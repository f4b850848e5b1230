use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq(usize, usize),
    Del(usize),
    Ins(usize),
}

pub fn diff<T: PartialEq>(a: &[T], b: &[T]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (n + m) as usize;
    if max == 0 {
        return vec![];
    }
    let off = max as isize;
    let mut v = vec![0isize; 2 * max + 2];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    'outer: for d in 0..=max as isize {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let i = (k + off) as usize;
            let mut x = if k == -d || (k != d && v[i - 1] < v[i + 1]) {
                v[i + 1]
            } else {
                v[i - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[i] = x;
            if x >= n && y >= m {
                break 'outer;
            }
            k += 2;
        }
    }
    backtrack(&trace, n, m, off)
}

fn backtrack(trace: &[Vec<isize>], n: isize, m: isize, off: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let pk = if k == -d || (k != d && v[(k - 1 + off) as usize] < v[(k + 1 + off) as usize]) {
            k + 1
        } else {
            k - 1
        };
        let px = v[(pk + off) as usize];
        let py = px - pk;
        while x > px && y > py {
            x -= 1;
            y -= 1;
            ops.push(Op::Eq(x as usize, y as usize));
        }
        if d > 0 {
            if x == px {
                ops.push(Op::Ins(py as usize));
            } else {
                ops.push(Op::Del(px as usize));
            }
        }
        x = px;
        y = py;
    }
    ops.reverse();
    ops
}

#[derive(Debug, PartialEq)]
pub struct Hunk {
    pub a: (usize, usize),
    pub b: (usize, usize),
    pub ops: Vec<Op>,
}

pub fn hunks(ops: &[Op], ctx: usize) -> Vec<Hunk> {
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !matches!(o, Op::Eq(..)))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < changed.len() {
        let lo = changed[i].saturating_sub(ctx);
        let mut hi = changed[i];
        while i + 1 < changed.len() && changed[i + 1] - hi <= 2 * ctx + 1 {
            i += 1;
            hi = changed[i];
        }
        let hi = (hi + ctx + 1).min(ops.len());
        let span = &ops[lo..hi];
        let (mut a0, mut b0) = pos(ops, lo);
        let (mut na, mut nb) = (0, 0);
        for o in span {
            match o {
                Op::Eq(..) => {
                    na += 1;
                    nb += 1;
                }
                Op::Del(_) => na += 1,
                Op::Ins(_) => nb += 1,
            }
        }
        if na > 0 {
            a0 += 1;
        }
        if nb > 0 {
            b0 += 1;
        }
        out.push(Hunk { a: (a0, na), b: (b0, nb), ops: span.to_vec() });
        i += 1;
    }
    out
}

fn pos(ops: &[Op], upto: usize) -> (usize, usize) {
    ops[..upto].iter().fold((0, 0), |(a, b), o| match o {
        Op::Eq(..) => (a + 1, b + 1),
        Op::Del(_) => (a + 1, b),
        Op::Ins(_) => (a, b + 1),
    })
}

pub fn unified(a: &[&str], b: &[&str], na: &str, nb: &str, ctx: usize) -> String {
    let ops = diff(a, b);
    let hs = hunks(&ops, ctx);
    let mut s = String::new();
    if hs.is_empty() {
        return s;
    }
    let _ = writeln!(s, "--- {na}\n+++ {nb}");
    for h in hs {
        let _ = writeln!(s, "@@ -{} +{} @@", range(h.a), range(h.b));
        for o in h.ops {
            let _ = match o {
                Op::Eq(i, _) => writeln!(s, " {}", a[i]),
                Op::Del(i) => writeln!(s, "-{}", a[i]),
                Op::Ins(j) => writeln!(s, "+{}", b[j]),
            };
        }
    }
    s
}

fn range((start, len): (usize, usize)) -> String {
    if len == 1 {
        start.to_string()
    } else {
        format!("{start},{len}")
    }
}

pub fn stat(ops: &[Op]) -> (usize, usize) {
    ops.iter().fold((0, 0), |(i, d), o| match o {
        Op::Ins(_) => (i + 1, d),
        Op::Del(_) => (i, d + 1),
        _ => (i, d),
    })
}

#[cfg(test)]
mod t {
    use super::*;

    fn apply<'a>(a: &[&'a str], b: &[&'a str], ops: &[Op]) -> Vec<&'a str> {
        ops.iter()
            .filter_map(|o| match *o {
                Op::Eq(i, _) => Some(a[i]),
                Op::Ins(j) => Some(b[j]),
                Op::Del(_) => None,
            })
            .collect()
    }

    #[test]
    fn roundtrip() {
        let a: Vec<_> = "a b c a b b a".split(' ').collect();
        let b: Vec<_> = "c b a b a c".split(' ').collect();
        let ops = diff(&a, &b);
        assert_eq!(apply(&a, &b, &ops), b);
        assert_eq!(stat(&ops), (2, 3));
    }

    #[test]
    fn empty_sides() {
        assert!(diff::<u8>(&[], &[]).is_empty());
        assert_eq!(diff(&[1], &[]), vec![Op::Del(0)]);
        assert_eq!(diff(&[], &[1, 2]), vec![Op::Ins(0), Op::Ins(1)]);
    }

    #[test]
    fn hunk_header() {
        let a = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let b = ["1", "2", "3", "4", "x", "6", "7", "8", "9"];
        let u = unified(&a, &b, "a", "b", 1);
        assert!(u.contains("@@ -4,3 +4,3 @@\n 4\n-5\n+x\n 6\n"), "{u}");
    }
}
