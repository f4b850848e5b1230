use std::io::{self, Read, Write};
use std::process::exit;

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let mut inp = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut inp) {
        eprintln!("read: {e}");
        exit(1);
    }
    let out = match mode.as_str() {
        "c" | "-c" => huff::encode(&inp),
        "d" | "-d" => match huff::decode(&inp) {
            Some(v) => v,
            None => {
                eprintln!("corrupt input");
                exit(2);
            }
        },
        "s" | "-s" => {
            let c = huff::encode(&inp);
            let r = if inp.is_empty() { 0.0 } else { c.len() as f64 / inp.len() as f64 };
            println!("{} -> {} ({:.1}%)", inp.len(), c.len(), r * 100.0);
            return;
        }
        "f" | "-f" => {
            let mut f = [0usize; 256];
            for &b in &inp {
                f[b as usize] += 1;
            }
            let mut v: Vec<(usize, u8)> = f.iter().enumerate().filter(|x| *x.1 > 0).map(|(b, &n)| (n, b as u8)).collect();
            v.sort_by(|a, b| b.cmp(a));
            for (n, b) in v.into_iter().take(10) {
                let c = if b.is_ascii_graphic() { b as char } else { '.' };
                println!("{b:3} {c} {n}");
            }
            return;
        }
        _ => {
            eprintln!("usage: huff c|d|s|f < in > out");
            exit(64);
        }
    };
    io::stdout().write_all(&out).unwrap_or_else(|e| {
        eprintln!("write: {e}");
        exit(1);
    });
}
