//! Generate a table of contents for a Markdown file and insert it between
//! `<!-- toc -->` and `<!-- /toc -->` markers.
//!
//! Usage: md-toc [--check] [--max-depth N] README.md
//!
//! With `--check` the file is not modified; the exit code is 1 if the
//! TOC is out of date (handy in CI).

use std::collections::HashMap;
use std::fs;
use std::process::ExitCode;

const START: &str = "<!-- toc -->";
const END: &str = "<!-- /toc -->";

/// A heading found in the document.
#[derive(Debug, PartialEq)]
struct Heading {
    level: usize,
    text: String,
    anchor: String,
}

/// Turn heading text into a GitHub-style anchor.
///
/// Lowercase, drop punctuation except `-` and `_`, spaces become `-`.
/// Duplicate anchors get `-1`, `-2`, ... appended, as GitHub does.
fn slug(text: &str, seen: &mut HashMap<String, usize>) -> String {
    let base: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    let n = seen.entry(base.clone()).or_insert(0);
    let out = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
    *n += 1;
    out
}

/// Strip inline markup that shouldn't appear in the TOC link text.
fn plain(text: &str) -> String {
    text.replace('`', "").replace("**", "").replace('*', "")
}

/// Collect ATX headings (`#`, `##`, ...), skipping fenced code blocks.
fn headings(doc: &str, max_depth: usize) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    let mut in_fence = false;

    for line in doc.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let level = trimmed.chars().take_while(|&c| c == '#').count();
        // A heading needs 1-6 hashes followed by a space.
        if level == 0 || level > 6 || !trimmed[level..].starts_with(' ') {
            continue;
        }
        let text = plain(trimmed[level..].trim().trim_end_matches('#').trim());
        if text.is_empty() {
            continue;
        }
        let anchor = slug(&text, &mut seen);
        // The document title (level 1) is usually not part of the TOC.
        if level >= 2 && level <= max_depth {
            out.push(Heading { level, text, anchor });
        }
    }
    out
}

/// Render the TOC as a nested bullet list.
fn render(hs: &[Heading]) -> String {
    let min = hs.iter().map(|h| h.level).min().unwrap_or(2);
    hs.iter()
        .map(|h| format!("{}- [{}](#{})\n", "  ".repeat(h.level - min), h.text, h.anchor))
        .collect()
}

/// Replace whatever is between the markers with `toc`.
fn splice(doc: &str, toc: &str) -> Option<String> {
    let s = doc.find(START)?;
    let e = doc[s..].find(END)? + s;
    Some(format!("{}{START}\n{toc}{}", &doc[..s], &doc[e..]))
}

fn main() -> ExitCode {
    let mut check = false;
    let mut max_depth = 3;
    let mut path = None;

    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--max-depth" => {
                max_depth = match args.next().and_then(|v| v.parse().ok()) {
                    Some(n) => n,
                    None => {
                        eprintln!("--max-depth needs a number");
                        return ExitCode::from(2);
                    }
                }
            }
            _ => path = Some(a),
        }
    }

    let Some(path) = path else {
        eprintln!("usage: md-toc [--check] [--max-depth N] FILE");
        return ExitCode::from(2);
    };

    let doc = match fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("md-toc: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };

    let toc = render(&headings(&doc, max_depth));
    let Some(updated) = splice(&doc, &toc) else {
        eprintln!("md-toc: {path}: no {START} ... {END} markers found");
        return ExitCode::FAILURE;
    };

    if updated == doc {
        return ExitCode::SUCCESS;
    }
    if check {
        eprintln!("md-toc: {path}: table of contents is out of date");
        return ExitCode::FAILURE;
    }
    if let Err(e) = fs::write(&path, updated) {
        eprintln!("md-toc: {path}: {e}");
        return ExitCode::FAILURE;
    }
    println!("updated {path}");
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_github_style() {
        let mut seen = HashMap::new();
        assert_eq!(slug("Getting Started!", &mut seen), "getting-started");
        assert_eq!(slug("Getting Started", &mut seen), "getting-started-1");
        assert_eq!(slug("API: v2 (beta)", &mut seen), "api-v2-beta");
    }

    #[test]
    fn skips_code_fences_and_title() {
        let doc = "# Title\n## A\n```\n## not a heading\n```\n### B\n#### too deep\n";
        let hs = headings(doc, 3);
        assert_eq!(hs.len(), 2);
        assert_eq!(render(&hs), "- [A](#a)\n  - [B](#b)\n");
    }

    #[test]
    fn splice_replaces_between_markers() {
        let doc = "intro\n<!-- toc -->\nold\n<!-- /toc -->\nrest\n";
        let out = splice(doc, "- [X](#x)\n").unwrap();
        assert_eq!(out, "intro\n<!-- toc -->\n- [X](#x)\n<!-- /toc -->\nrest\n");
        assert!(splice("no markers", "").is_none());
    }
}
