//! Interactive demo: loads `term<TAB>weight` lines from a file, then prints
//! suggestions for each line typed on standard input.
//!
//! ```text
//! cargo run --example complete -- terms.tsv
//! ```

use std::env;
use std::fs;
use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use autocomplete::Completer;

fn main() -> ExitCode {
    let Some(path) = env::args().nth(1) else {
        eprintln!("usage: complete <terms.tsv>");
        return ExitCode::from(2);
    };
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("error: cannot read {path}: {err}");
            return ExitCode::FAILURE;
        }
    };

    let mut index = Completer::new();
    for (line_no, line) in text.lines().enumerate() {
        // Skip blank lines and comments so the file can be annotated.
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        // A missing weight defaults to 1 rather than being an error: plain
        // word lists are a common input.
        let (term, weight) = match line.rsplit_once('\t') {
            Some((term, w)) => match w.trim().parse() {
                Ok(w) => (term, w),
                Err(_) => {
                    eprintln!("warning: line {}: bad weight {w:?}, skipped", line_no + 1);
                    continue;
                }
            },
            None => (line, 1),
        };
        if let Err(err) = index.insert(term, weight) {
            eprintln!("warning: line {}: {err}", line_no + 1);
        }
    }
    eprintln!("loaded {} terms; type a prefix (Ctrl-D to quit)", index.len());

    let stdin = io::stdin();
    let mut out = io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(prefix) = line else { break };
        let mut found = index.suggest(&prefix, 5);
        if found.is_empty() {
            // Nothing matched exactly; the user may have made a typo.
            found = index.suggest_fuzzy(&prefix, 5);
        }
        for s in &found {
            let _ = writeln!(out, "  {:>8}  {}", s.weight, s.term);
        }
        if found.is_empty() {
            let _ = writeln!(out, "  (no suggestions)");
        }
    }
    ExitCode::SUCCESS
}
