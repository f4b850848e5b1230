//! Parsing of Common Log Format lines.

use std::sync::OnceLock;

use regex::Regex;

/// A single parsed access log entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub ip: String,
    pub method: String,
    pub path: String,
    pub status: u16,
    pub bytes: u64,
}

fn log_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"^(\S+) \S+ \S+ \[[^\]]+\] "(\S+) (\S+) [^"]*" (\d{3}) (\d+|-)"#)
            .expect("log regex is valid")
    })
}

/// Parse one line in Common Log Format.
///
/// Returns `None` when the line does not match the expected format.
///
/// # Examples
///
/// ```
/// let line = r#"127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET /index.html HTTP/1.0" 200 2326"#;
/// let entry = parse_line(line).unwrap();
/// assert_eq!(entry.status, 200);
/// ```
pub fn parse_line(line: &str) -> Option<LogEntry> {
    let caps = log_regex().captures(line)?;
    let bytes = match &caps[5] {
        "-" => 0,
        value => value.parse().ok()?,
    };
    // Strip the query string so /search?q=a and /search?q=b count as the same path
    let path = caps[3].split('?').next().unwrap_or_default().to_string();

    Some(LogEntry {
        ip: caps[1].to_string(),
        method: caps[2].to_string(),
        path,
        status: caps[4].parse().ok()?,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_valid_line() {
        let line = r#"10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "POST /api/login?next=/ HTTP/1.1" 401 512"#;
        let entry = parse_line(line).expect("line should parse");
        assert_eq!(entry.ip, "10.0.0.1");
        assert_eq!(entry.method, "POST");
        assert_eq!(entry.path, "/api/login");
        assert_eq!(entry.status, 401);
        assert_eq!(entry.bytes, 512);
    }

    #[test]
    fn treats_dash_as_zero_bytes() {
        let line = r#"10.0.0.1 - - [10/Oct/2023:13:55:36 +0000] "GET / HTTP/1.1" 304 -"#;
        assert_eq!(parse_line(line).unwrap().bytes, 0);
    }

    #[test]
    fn rejects_malformed_lines() {
        assert!(parse_line("this is not a log line").is_none());
        assert!(parse_line("").is_none());
    }
}
