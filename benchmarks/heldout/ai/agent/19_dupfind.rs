// dupfind: report duplicate files under one or more directories.
// Groups by size first, then by a hash of the first 64 KiB, then by full hash,
// so most files are never read in full.

use std::collections::HashMap;
use std::fs::{self, File};
use std::hash::Hasher;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const HEAD: usize = 64 * 1024;

struct Opts {
    roots: Vec<PathBuf>,
    min_size: u64,
    follow_hidden: bool,
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts { roots: vec![], min_size: 1, follow_hidden: false };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--min-size" => {
                let v = it.next().ok_or("--min-size needs a value")?;
                o.min_size = v.parse().map_err(|_| format!("bad size: {v}"))?;
            }
            "--hidden" => o.follow_hidden = true,
            "-h" | "--help" => return Err("usage: dupfind [--min-size BYTES] [--hidden] DIR...".into()),
            _ => o.roots.push(PathBuf::from(a)),
        }
    }
    if o.roots.is_empty() {
        o.roots.push(PathBuf::from("."));
    }
    Ok(o)
}

fn walk(dir: &Path, o: &Opts, out: &mut HashMap<u64, Vec<PathBuf>>) -> io::Result<()> {
    for ent in fs::read_dir(dir)? {
        let ent = ent?;
        let name = ent.file_name();
        if !o.follow_hidden && name.to_string_lossy().starts_with('.') {
            continue;
        }
        let ft = ent.file_type()?; // does not follow symlinks
        let path = ent.path();
        if ft.is_dir() {
            if let Err(e) = walk(&path, o, out) {
                eprintln!("dupfind: {}: {e}", path.display());
            }
        } else if ft.is_file() {
            let len = ent.metadata()?.len();
            if len >= o.min_size {
                out.entry(len).or_default().push(path);
            }
        }
    }
    Ok(())
}

fn hash_file(path: &Path, limit: Option<usize>) -> io::Result<u64> {
    let mut r = BufReader::with_capacity(HEAD, File::open(path)?);
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut buf = vec![0u8; HEAD];
    let mut left = limit.unwrap_or(usize::MAX);
    while left > 0 {
        let n = r.read(&mut buf[..HEAD.min(left)])?;
        if n == 0 {
            break;
        }
        h.write(&buf[..n]);
        left -= n;
    }
    Ok(h.finish())
}

fn regroup(groups: Vec<Vec<PathBuf>>, limit: Option<usize>) -> Vec<Vec<PathBuf>> {
    let mut out = Vec::new();
    for g in groups {
        let mut by: HashMap<u64, Vec<PathBuf>> = HashMap::new();
        for p in g {
            match hash_file(&p, limit) {
                Ok(h) => by.entry(h).or_default().push(p),
                Err(e) => eprintln!("dupfind: {}: {e}", p.display()),
            }
        }
        out.extend(by.into_values().filter(|v| v.len() > 1));
    }
    out
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };

    let mut by_size: HashMap<u64, Vec<PathBuf>> = HashMap::new();
    for root in &o.roots {
        if let Err(e) = walk(root, &o, &mut by_size) {
            eprintln!("dupfind: {}: {e}", root.display());
        }
    }

    let sizes: HashMap<PathBuf, u64> = by_size
        .iter()
        .flat_map(|(s, ps)| ps.iter().map(move |p| (p.clone(), *s)))
        .collect();
    let candidates: Vec<_> = by_size.into_values().filter(|v| v.len() > 1).collect();
    let mut dups = regroup(regroup(candidates, Some(HEAD)), None);

    // biggest waste first
    dups.sort_by_key(|g| std::cmp::Reverse(sizes[&g[0]] * (g.len() as u64 - 1)));
    let mut wasted = 0u64;
    for g in &mut dups {
        g.sort();
        let size = sizes[&g[0]];
        wasted += size * (g.len() as u64 - 1);
        println!("{} bytes x {}", size, g.len());
        for p in g.iter() {
            println!("  {}", p.display());
        }
    }
    eprintln!("{} groups, {:.1} MiB reclaimable", dups.len(), wasted as f64 / 1048576.0);
    if dups.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
