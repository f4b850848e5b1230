//! Relative times: "3h ago", "in 2 days", "now"
use std::error::Error as StdError;
use std::fmt;
use std::time::{Duration, SystemTime};

use crate::duration::{self, parse_duration, format_duration};

/// Error parsing relative time
#[derive(Debug, PartialEq, Clone)]
pub enum Error {
    /// Neither `ago` suffix nor `in` prefix found
    ///
    /// A bare duration like `3h` is ambiguous, so one of them is required.
    NoDirection,
    /// The duration part could not be parsed
    Duration(duration::Error),
    /// The resulting time can't be represented by `SystemTime`
    OutOfRange,
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Duration(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoDirection => write!(f,
                "relative time needs a direction, \
                for example `3h ago` or `in 3h`"),
            Error::Duration(e) => write!(f, "{}", e),
            Error::OutOfRange => write!(f, "time is out of range"),
        }
    }
}

impl From<duration::Error> for Error {
    fn from(e: duration::Error) -> Error {
        Error::Duration(e)
    }
}

/// A wrapper type that allows you to Display a relative time
#[derive(Debug, Clone)]
pub struct FormattedRelative {
    delta: Duration,
    future: bool,
}

/// Parse a time relative to `now`
///
/// Accepted forms are `<duration> ago`, `in <duration>` and `now`,
/// where duration is anything `parse_duration` accepts. Words are
/// case-sensitive, like units in `parse_duration`.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use humantime::parse_relative;
///
/// let now = UNIX_EPOCH + Duration::new(100_000, 0);
/// assert_eq!(parse_relative("2h 30min ago", now),
///            Ok(UNIX_EPOCH + Duration::new(91_000, 0)));
/// assert_eq!(parse_relative("in 1 day", now),
///            Ok(UNIX_EPOCH + Duration::new(186_400, 0)));
/// assert_eq!(parse_relative("now", now), Ok(now));
/// ```
pub fn parse_relative(s: &str, now: SystemTime)
    -> Result<SystemTime, Error>
{
    let s = s.trim();
    if s == "now" {
        return Ok(now);
    }
    if let Some(rest) = s.strip_suffix("ago") {
        // "3hago" is not a thing, require some whitespace before "ago"
        if rest.ends_with(char::is_whitespace) {
            let delta = parse_duration(rest)?;
            return now.checked_sub(delta).ok_or(Error::OutOfRange);
        }
    }
    if let Some(rest) = s.strip_prefix("in") {
        if rest.starts_with(char::is_whitespace) {
            let delta = parse_duration(rest)?;
            return now.checked_add(delta).ok_or(Error::OutOfRange);
        }
    }
    Err(Error::NoDirection)
}

/// Formats `time` relative to `now` into a human-readable string
///
/// Sub-second precision is dropped, so the output stays short. Times
/// less than a second away are formatted as `now`. The output is
/// accepted by `parse_relative`.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use humantime::format_relative;
///
/// let now = UNIX_EPOCH + Duration::new(100_000, 0);
/// let then = UNIX_EPOCH + Duration::new(90_570, 250_000_000);
/// assert_eq!(format_relative(then, now).to_string(), "2h 37m 9s ago");
/// let later = now + Duration::new(60, 0);
/// assert_eq!(format_relative(later, now).to_string(), "in 1m");
/// ```
pub fn format_relative(time: SystemTime, now: SystemTime)
    -> FormattedRelative
{
    match now.duration_since(time) {
        Ok(delta) => FormattedRelative { delta, future: false },
        Err(e) => FormattedRelative { delta: e.duration(), future: true },
    }
}

impl FormattedRelative {
    /// Returns the distance between the two times, rounded down
    /// to whole seconds.
    pub fn get_ref(&self) -> Duration {
        Duration::from_secs(self.delta.as_secs())
    }
    /// Returns true if the time is after `now`
    pub fn is_future(&self) -> bool {
        self.future
    }
}

impl fmt::Display for FormattedRelative {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let secs = self.delta.as_secs();
        if secs == 0 {
            return f.write_str("now");
        }
        let rounded = format_duration(Duration::from_secs(secs));
        if self.future {
            write!(f, "in {}", rounded)
        } else {
            write!(f, "{} ago", rounded)
        }
    }
}

#[cfg(test)]
mod test {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};

    use super::{parse_relative, format_relative, Error};
    use crate::duration;

    fn now() -> SystemTime {
        UNIX_EPOCH + Duration::new(1_000_000_000, 0)
    }

    fn secs(s: u64) -> Duration {
        Duration::new(s, 0)
    }

    #[test]
    fn test_parse() {
        assert_eq!(parse_relative("now", now()), Ok(now()));
        assert_eq!(parse_relative("  now ", now()), Ok(now()));
        assert_eq!(parse_relative("5s ago", now()), Ok(now() - secs(5)));
        assert_eq!(parse_relative("in 5s", now()), Ok(now() + secs(5)));
        assert_eq!(parse_relative("1h 2m ago", now()),
                   Ok(now() - secs(3720)));
        assert_eq!(parse_relative("in\t2 days", now()),
                   Ok(now() + secs(172_800)));
    }

    #[test]
    fn test_parse_errors() {
        assert_eq!(parse_relative("5s", now()), Err(Error::NoDirection));
        assert_eq!(parse_relative("5sago", now()), Err(Error::NoDirection));
        assert_eq!(parse_relative("into 5s", now()),
                   Err(Error::NoDirection));
        assert_eq!(parse_relative("", now()), Err(Error::NoDirection));
        assert_eq!(parse_relative("in", now()), Err(Error::NoDirection));
        assert_eq!(parse_relative("in  ", now()), Err(Error::NoDirection));
        assert_eq!(parse_relative("in x", now()),
                   Err(Error::Duration(duration::Error::NumberExpected(0))));
        assert_eq!(parse_relative("5 parsecs ago", now()),
            Err(Error::Duration(duration::Error::UnknownUnit {
                start: 2, end: 9, unit: "parsecs".to_string(), value: 5,
            })));
        assert_eq!(parse_relative("500000000000 years ago", now()),
                   Err(Error::OutOfRange));
    }

    #[test]
    fn test_format() {
        assert_eq!(format_relative(now(), now()).to_string(), "now");
        assert_eq!(format_relative(now() - Duration::new(0, 999_999_999),
                                   now()).to_string(), "now");
        assert_eq!(format_relative(now() - secs(90), now()).to_string(),
                   "1m 30s ago");
        assert_eq!(format_relative(now() + secs(86400), now()).to_string(),
                   "in 1day");
        assert!(format_relative(now() + secs(1), now()).is_future());
        assert!(!format_relative(now() - secs(1), now()).is_future());
    }

    #[test]
    fn roundtrip() {
        for &s in &[1, 59, 61, 3599, 3601, 86399, 86401, 10_000_000] {
            for &t in &[now() - secs(s), now() + secs(s)] {
                let text = format_relative(t, now()).to_string();
                assert_eq!(parse_relative(&text, now()), Ok(t), "{}", text);
            }
        }
    }
}
