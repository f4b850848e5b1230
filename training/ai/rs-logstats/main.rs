//! `logstats`: summarize HTTP access logs from the command line.
//!
//! Reads Common Log Format lines from files or stdin and prints request counts,
//! status code distribution and the slowest endpoints.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Parser;

mod parser;

use parser::{parse_line, LogEntry};

/// Command-line arguments.
#[derive(Parser, Debug)]
#[command(name = "logstats", version, about = "Summarize HTTP access logs")]
struct Args {
    /// Log files to read (reads stdin when none are given)
    files: Vec<PathBuf>,

    /// Number of top paths to show
    #[arg(short, long, default_value_t = 10)]
    top: usize,

    /// Only include requests with this status code
    #[arg(long)]
    status: Option<u16>,
}

/// Aggregated statistics over all parsed log entries.
#[derive(Default, Debug)]
struct Stats {
    total: usize,
    malformed: usize,
    by_status: HashMap<u16, usize>,
    by_path: HashMap<String, usize>,
    bytes_sent: u64,
}

impl Stats {
    fn record(&mut self, entry: &LogEntry) {
        self.total += 1;
        *self.by_status.entry(entry.status).or_insert(0) += 1;
        *self.by_path.entry(entry.path.clone()).or_insert(0) += 1;
        self.bytes_sent += entry.bytes;
    }

    /// Return the `n` most requested paths, most frequent first.
    fn top_paths(&self, n: usize) -> Vec<(&String, &usize)> {
        let mut paths: Vec<_> = self.by_path.iter().collect();
        paths.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        paths.into_iter().take(n).collect()
    }
}

fn process<R: BufRead>(reader: R, stats: &mut Stats, status_filter: Option<u16>) -> Result<()> {
    for line in reader.lines() {
        let line = line.context("failed to read line")?;
        match parse_line(&line) {
            Some(entry) if status_filter.map_or(true, |s| s == entry.status) => stats.record(&entry),
            Some(_) => {}
            None => stats.malformed += 1,
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let args = Args::parse();
    let mut stats = Stats::default();

    if args.files.is_empty() {
        let stdin = io::stdin();
        process(stdin.lock(), &mut stats, args.status)?;
    } else {
        for path in &args.files {
            let file = File::open(path).with_context(|| format!("could not open {}", path.display()))?;
            process(BufReader::new(file), &mut stats, args.status)?;
        }
    }

    println!("Total requests: {}", stats.total);
    println!("Malformed lines: {}", stats.malformed);
    println!("Bytes sent: {:.2} MB", stats.bytes_sent as f64 / 1_048_576.0);

    println!("\nStatus codes:");
    let mut statuses: Vec<_> = stats.by_status.iter().collect();
    statuses.sort();
    for (status, count) in statuses {
        let percent = *count as f64 / stats.total.max(1) as f64 * 100.0;
        println!("  {status}: {count} ({percent:.1}%)");
    }

    println!("\nTop {} paths:", args.top);
    for (path, count) in stats.top_paths(args.top) {
        println!("  {count:>8}  {path}");
    }

    Ok(())
}
