use std::{env, fs, process};

use ini::Ini;

fn load(p: &str) -> Ini {
    let s = fs::read_to_string(p).unwrap_or_else(|e| {
        eprintln!("{p}: {e}");
        process::exit(2)
    });
    s.parse().unwrap_or_else(|e| {
        eprintln!("{p}: {e}");
        process::exit(1)
    })
}

fn split(k: &str) -> (&str, &str) {
    k.rsplit_once('.').unwrap_or(("", k))
}

fn main() {
    let a: Vec<String> = env::args().skip(1).collect();
    let a: Vec<&str> = a.iter().map(|s| s.as_str()).collect();
    match a.as_slice() {
        ["get", f, k] => {
            let (s, k) = split(k);
            match load(f).get(s, k) {
                Some(v) => println!("{v}"),
                None => process::exit(1),
            }
        }
        ["set", f, k, v] => {
            let mut ini = load(f);
            let (s, k) = split(k);
            ini.set(s, k, *v);
            fs::write(f, ini.to_string()).unwrap_or_else(|e| {
                eprintln!("{f}: {e}");
                process::exit(2)
            });
        }
        ["sections", f] => load(f).sections().for_each(|s| println!("{s}")),
        ["merge", fs_ @ ..] if !fs_.is_empty() => {
            let mut out = Ini::default();
            for f in fs_ {
                out.merge(load(f));
            }
            print!("{out}");
        }
        ["check", fs_ @ ..] => {
            for f in fs_ {
                load(f);
            }
        }
        _ => {
            eprintln!("usage: ini get FILE SEC.KEY | set FILE SEC.KEY VAL | sections FILE | merge FILE... | check FILE...");
            process::exit(64);
        }
    }
}
