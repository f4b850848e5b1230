// cols: cut for csv-ish files.
//   cols [-d DELIM] [-o OUTDELIM] [-H] LIST [FILE]
// LIST is 1-based, like cut: 1,3  2-4  5-
// with -H the first line is a header and LIST may also use column names: id,name,3
// quoting is NOT handled, this is for our tsv/psv dumps.

use std::env;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process;

#[derive(Debug, Clone, Copy)]
enum Sel {
    One(usize),
    Range(usize, usize),
    From(usize),
}

fn die(msg: &str) -> ! {
    eprintln!("cols: {}", msg);
    process::exit(2);
}

fn parse_list(s: &str) -> Vec<Sel> {
    let mut out = vec![];
    for part in s.split(',') {
        let p = part.trim();
        let num = |t: &str| -> usize {
            match t.parse::<usize>() {
                Ok(n) if n > 0 => n - 1,
                _ => die(&format!("bad field number: {:?}", t)),
            }
        };
        if let Some(a) = p.strip_suffix('-') {
            out.push(Sel::From(num(a)));
        } else if let Some((a, b)) = p.split_once('-') {
            let (a, b) = (num(a), num(b));
            if b < a {
                die("decreasing range");
            }
            out.push(Sel::Range(a, b));
        } else {
            out.push(Sel::One(num(p)));
        }
    }
    out
}

/// Replaces column names in LIST with their 1-based positions in `header`,
/// so the result can go through parse_list. Numbers and ranges pass through.
fn resolve_names(list: &str, header: &[&str]) -> String {
    list.split(',')
        .map(|part| {
            let p = part.trim();
            let numeric = !p.is_empty() && p.chars().all(|c| c.is_ascii_digit() || c == '-');
            if numeric {
                return p.to_string();
            }
            match header.iter().position(|h| h.trim() == p) {
                Some(i) => (i + 1).to_string(),
                None => die(&format!("no column named {:?} in header", p)),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn pick<'a>(fields: &[&'a str], sels: &[Sel], out: &mut Vec<&'a str>) {
    out.clear();
    for s in sels {
        match *s {
            Sel::One(i) => {
                if let Some(f) = fields.get(i) {
                    out.push(f)
                }
            }
            Sel::Range(a, b) => {
                for i in a..=b.min(fields.len().saturating_sub(1)) {
                    out.push(fields[i]);
                }
            }
            Sel::From(a) => {
                for f in fields.iter().skip(a) {
                    out.push(f);
                }
            }
        }
    }
}

fn main() {
    let mut delim = String::from("\t");
    let mut odelim: Option<String> = None;
    let mut header = false;
    let mut rest = vec![];
    let mut args = env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-d" => delim = args.next().unwrap_or_else(|| die("-d needs an argument")),
            "-o" => odelim = Some(args.next().unwrap_or_else(|| die("-o needs an argument"))),
            "-H" | "--header" => header = true,
            _ => rest.push(a),
        }
    }
    if rest.is_empty() || rest.len() > 2 {
        die("usage: cols [-d DELIM] [-o OUTDELIM] [-H] LIST [FILE]");
    }
    let odelim = odelim.unwrap_or_else(|| delim.clone());

    let mut input: Box<dyn BufRead> = match rest.get(1) {
        Some(p) if p != "-" => Box::new(BufReader::new(File::open(p).unwrap_or_else(|e| die(&format!("{}: {}", p, e))))),
        _ => Box::new(BufReader::new(io::stdin())),
    };
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());

    let sels = if header {
        // read the header line ourselves, resolve names, and print the picked header
        let mut first = String::new();
        if let Err(e) = input.read_line(&mut first) {
            die(&e.to_string());
        }
        let first = first.trim_end_matches(['\n', '\r']);
        let names: Vec<&str> = first.split(delim.as_str()).collect();
        let sels = parse_list(&resolve_names(&rest[0], &names));
        let mut picked = Vec::with_capacity(names.len());
        pick(&names, &sels, &mut picked);
        if writeln!(w, "{}", picked.join(&odelim)).is_err() {
            return;
        }
        sels
    } else {
        parse_list(&rest[0])
    };
    for line in input.lines() {
        let line = match line {
            Ok(l) => l,
            Err(e) => die(&e.to_string()),
        };
        let fields: Vec<&str> = line.split(delim.as_str()).collect();
        let mut picked = Vec::with_capacity(fields.len());
        pick(&fields, &sels, &mut picked);
        // broken pipe (| head) -> just stop
        if writeln!(w, "{}", picked.join(&odelim)).is_err() {
            return;
        }
    }
}
