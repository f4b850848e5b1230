mod walk;

use std::path::PathBuf;
use std::process::ExitCode;

struct Opts {
    roots: Vec<PathBuf>,
    depth: usize,
    top: Option<usize>,
    apparent: bool,
    follow: bool,
    min: u64,
}

fn usage() -> ! {
    eprintln!("usage: dsz [-d DEPTH] [-n TOP] [-m MIN] [-a] [-L] [PATH...]");
    std::process::exit(2)
}

fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mul) = match s.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => {
            let m = match s[i..].to_ascii_lowercase().trim_end_matches('b') {
                "" => 1u64,
                "k" => 1 << 10,
                "m" => 1 << 20,
                "g" => 1 << 30,
                "t" => 1 << 40,
                _ => return None,
            };
            (&s[..i], m)
        }
        None => (s, 1),
    };
    let n: f64 = num.trim().parse().ok()?;
    (n >= 0.0).then(|| (n * mul as f64) as u64)
}

fn opts() -> Opts {
    let mut o = Opts {
        roots: vec![],
        depth: 1,
        top: None,
        apparent: false,
        follow: false,
        min: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-d" => {
                o.depth = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "-n" => {
                o.top = Some(
                    args.next()
                        .and_then(|v| v.parse().ok())
                        .unwrap_or_else(|| usage()),
                )
            }
            "-m" => {
                o.min = args
                    .next()
                    .as_deref()
                    .and_then(parse_size)
                    .unwrap_or_else(|| usage())
            }
            "-a" => o.apparent = true,
            "-L" => o.follow = true,
            "-h" | "--help" => usage(),
            s if s.starts_with('-') && s.len() > 1 => usage(),
            _ => o.roots.push(a.into()),
        }
    }
    if o.roots.is_empty() {
        o.roots.push(".".into());
    }
    o
}

pub fn human(n: u64) -> String {
    const U: [&str; 6] = ["B", "K", "M", "G", "T", "P"];
    let mut f = n as f64;
    let mut i = 0;
    while f >= 1024.0 && i < U.len() - 1 {
        f /= 1024.0;
        i += 1;
    }
    if i == 0 {
        format!("{n}B")
    } else if f < 10.0 {
        format!("{f:.1}{}", U[i])
    } else {
        format!("{f:.0}{}", U[i])
    }
}

fn main() -> ExitCode {
    let o = opts();
    let cfg = walk::Cfg {
        apparent: o.apparent,
        follow: o.follow,
    };
    let mut failed = false;
    for root in &o.roots {
        let t = match walk::scan(root, &cfg) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("dsz: {}: {e}", root.display());
                failed = true;
                continue;
            }
        };
        for e in &t.errors {
            eprintln!("dsz: {e}");
        }
        failed |= !t.errors.is_empty();
        let mut rows: Vec<_> = t
            .flatten(o.depth)
            .into_iter()
            .filter(|(_, n)| *n >= o.min)
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        if let Some(k) = o.top {
            rows.truncate(k);
        }
        for (p, n) in rows {
            println!("{:>7}  {}", human(n), p.display());
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10"), Some(10));
        assert_eq!(parse_size("1k"), Some(1024));
        assert_eq!(parse_size("1.5MB"), Some(1572864));
        assert_eq!(parse_size("3x"), None);
        assert_eq!(human(1023), "1023B");
        assert_eq!(human(1536), "1.5K");
        assert_eq!(human(50 << 20), "50M");
    }
}
