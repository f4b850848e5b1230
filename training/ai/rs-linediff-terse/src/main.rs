use std::{env, fs, process};

use linediff::{diff, stat, unified};

fn usage() -> ! {
    eprintln!("usage: ldiff [-U n] [--stat] OLD NEW");
    process::exit(2)
}

fn read(p: &str) -> String {
    if p == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).unwrap_or_else(|e| {
            eprintln!("ldiff: stdin: {e}");
            process::exit(2)
        });
        return s;
    }
    fs::read_to_string(p).unwrap_or_else(|e| {
        eprintln!("ldiff: {p}: {e}");
        process::exit(2)
    })
}

fn main() {
    let mut ctx = 3;
    let mut only_stat = false;
    let mut files = vec![];
    let mut args = env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-U" => ctx = args.next().and_then(|n| n.parse().ok()).unwrap_or_else(|| usage()),
            "--stat" => only_stat = true,
            "-h" | "--help" => usage(),
            _ if a.starts_with("-U") => ctx = a[2..].parse().unwrap_or_else(|_| usage()),
            _ => files.push(a),
        }
    }
    if files.len() != 2 {
        usage();
    }
    let (x, y) = (read(&files[0]), read(&files[1]));
    let a: Vec<&str> = x.lines().collect();
    let b: Vec<&str> = y.lines().collect();
    if only_stat {
        let (ins, del) = stat(&diff(&a, &b));
        println!("{} insertions(+), {} deletions(-)", ins, del);
        process::exit((ins + del > 0) as i32);
    }
    let out = unified(&a, &b, &files[0], &files[1], ctx);
    print!("{out}");
    process::exit(!out.is_empty() as i32);
}
