//! Formatting of binary data as a canonical hex dump, in the spirit of
//! `hexdump -C` and `xxd`:
//!
//! ```text
//! 00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a        |Hello, world!.|
//! 0000000e
//! ```
//!
//! The [`Dumper`] works incrementally: feed it any number of byte chunks with
//! [`Dumper::write`] and call [`Dumper::finish`] at the end. This means even
//! very large files can be dumped with constant memory.

use std::fmt;
use std::io::{self, Write};

/// Options controlling the layout of each output line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Number of bytes shown per line. Must be between 1 and 64.
    pub width: usize,
    /// Insert an extra space after every `group` bytes (0 disables grouping).
    pub group: usize,
    /// Print hex digits in upper case (`AB` instead of `ab`).
    pub uppercase: bool,
    /// Replace runs of identical lines with a single `*` line, as `hexdump`
    /// does by default. Useful for files with long zero-filled regions.
    pub squeeze: bool,
    /// Value added to every printed offset, e.g. when dumping from the middle
    /// of a file with `--skip`.
    pub base_offset: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            width: 16,
            group: 8,
            uppercase: false,
            squeeze: true,
            base_offset: 0,
        }
    }
}

/// Errors caused by invalid [`Options`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsError {
    /// The requested line width is outside the supported range.
    InvalidWidth(usize),
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::InvalidWidth(w) => {
                write!(f, "line width must be between 1 and 64, got {w}")
            }
        }
    }
}

impl std::error::Error for OptionsError {}

/// An incremental hex dump writer.
///
/// Bytes are buffered until a full line is available; partial lines are
/// printed by [`Dumper::finish`].
pub struct Dumper<W: Write> {
    out: W,
    opts: Options,
    /// Bytes of the line currently being assembled.
    pending: Vec<u8>,
    /// The last line that was printed, used to detect repeats when squeezing.
    previous: Option<Vec<u8>>,
    /// Whether a `*` marker has already been printed for the current run.
    in_repeat: bool,
    /// Number of bytes consumed so far (not including `base_offset`).
    consumed: u64,
}

impl<W: Write> Dumper<W> {
    /// Creates a new dumper writing to `out`.
    ///
    /// # Errors
    ///
    /// Returns [`OptionsError::InvalidWidth`] if `opts.width` is 0 or
    /// larger than 64.
    pub fn new(out: W, opts: Options) -> Result<Self, OptionsError> {
        if opts.width == 0 || opts.width > 64 {
            return Err(OptionsError::InvalidWidth(opts.width));
        }
        Ok(Self {
            out,
            pending: Vec::with_capacity(opts.width),
            opts,
            previous: None,
            in_repeat: false,
            consumed: 0,
        })
    }

    /// Feeds a chunk of data into the dumper, printing every line that
    /// becomes complete.
    pub fn write(&mut self, mut data: &[u8]) -> io::Result<()> {
        while !data.is_empty() {
            // Fill the pending line up to the configured width.
            let take = (self.opts.width - self.pending.len()).min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];

            if self.pending.len() == self.opts.width {
                let line = std::mem::take(&mut self.pending);
                self.emit(&line)?;
                // Reuse the allocation for the next line.
                self.pending = line;
                self.pending.clear();
            }
        }
        Ok(())
    }

    /// Prints any partial final line followed by the total length, and
    /// returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            // A short last line is never a repeat of a full one.
            self.in_repeat = false;
            self.previous = None;
            self.emit(&line)?;
        }
        writeln!(self.out, "{:08x}", self.opts.base_offset + self.consumed)?;
        self.out.flush()?;
        Ok(self.out)
    }

    /// Formats a single line (or a `*` marker when squeezing repeats).
    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        let offset = self.opts.base_offset + self.consumed;
        self.consumed += line.len() as u64;

        if self.opts.squeeze && self.previous.as_deref() == Some(line) {
            if !self.in_repeat {
                writeln!(self.out, "*")?;
                self.in_repeat = true;
            }
            return Ok(());
        }
        self.in_repeat = false;
        self.previous = Some(line.to_vec());

        let text = format_line(offset, line, &self.opts);
        self.out.write_all(text.as_bytes())
    }
}

/// Formats one line of output, including the trailing newline.
///
/// Short lines are padded so that the ASCII column always lines up.
pub fn format_line(offset: u64, bytes: &[u8], opts: &Options) -> String {
    let mut s = String::with_capacity(16 + opts.width * 4);
    s.push_str(&format!("{offset:08x}  "));

    for i in 0..opts.width {
        match bytes.get(i) {
            Some(b) if opts.uppercase => s.push_str(&format!("{b:02X} ")),
            Some(b) => s.push_str(&format!("{b:02x} ")),
            None => s.push_str("   "),
        }
        // Extra space between groups, but not after the last column.
        if opts.group > 0 && (i + 1) % opts.group == 0 && i + 1 < opts.width {
            s.push(' ');
        }
    }

    s.push(' ');
    s.push('|');
    // Only printable ASCII is shown as-is; everything else becomes a dot so
    // that control characters cannot mess up the terminal.
    s.extend(bytes.iter().map(|&b| {
        if b.is_ascii_graphic() || b == b' ' {
            b as char
        } else {
            '.'
        }
    }));
    s.push('|');
    s.push('\n');
    s
}

/// Convenience function that dumps a complete buffer into a `String`.
pub fn dump_to_string(data: &[u8], opts: Options) -> Result<String, OptionsError> {
    let mut dumper = Dumper::new(Vec::new(), opts)?;
    // Writing into a Vec<u8> cannot fail, so these unwraps are safe.
    dumper.write(data).expect("writing to a Vec never fails");
    let bytes = dumper.finish().expect("writing to a Vec never fails");
    Ok(String::from_utf8(bytes).expect("hex dump output is always ASCII"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dumps_short_input_with_padding() {
        let out = dump_to_string(b"Hello, world!\n", Options::default()).unwrap();
        assert_eq!(
            out,
            "00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a        |Hello, world!.|\n\
             0000000e\n"
        );
    }

    #[test]
    fn squeezes_repeated_lines() {
        let data = [0u8; 64];
        let out = dump_to_string(&data, Options::default()).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[0].starts_with("00000000  00 00"));
        assert_eq!(lines[1], "*");
        assert_eq!(lines[2], "00000040");
    }

    #[test]
    fn chunked_input_matches_single_write() {
        let data: Vec<u8> = (0..=255).collect();
        let whole = dump_to_string(&data, Options::default()).unwrap();

        let mut d = Dumper::new(Vec::new(), Options::default()).unwrap();
        for chunk in data.chunks(7) {
            d.write(chunk).unwrap();
        }
        let chunked = String::from_utf8(d.finish().unwrap()).unwrap();
        assert_eq!(whole, chunked);
    }

    #[test]
    fn rejects_invalid_width() {
        let opts = Options {
            width: 0,
            ..Options::default()
        };
        assert_eq!(
            Dumper::new(Vec::new(), opts).err(),
            Some(OptionsError::InvalidWidth(0))
        );
    }
}
