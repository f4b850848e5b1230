//! Encoding and decoding of individual log records.

use std::fmt;
use std::io::{self, Read, Write};

use crate::crc::Crc32;

/// Size of the fixed header in front of every payload: length + checksum.
pub(crate) const HEADER_LEN: usize = 8;

/// Largest payload accepted, 16 MiB.
///
/// The limit exists mainly to make corrupted length fields harmless: without
/// it, a flipped bit in a length could make replay try to allocate gigabytes.
pub const MAX_RECORD_LEN: u32 = 16 * 1024 * 1024;

/// Why a record could not be read.
#[derive(Debug)]
pub enum RecordError {
    /// The file ended in the middle of a record: a torn write.
    Truncated { offset: u64 },
    /// The checksum does not match the contents.
    ChecksumMismatch { offset: u64, len: u32, expected: u32, actual: u32 },
    /// The length field is larger than [`MAX_RECORD_LEN`].
    TooLarge { offset: u64, len: u32 },
    /// An I/O error other than end-of-file.
    Io(io::Error),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Truncated { offset } => write!(f, "record at offset {offset} is truncated"),
            RecordError::ChecksumMismatch { offset, expected, actual, .. } => write!(
                f,
                "checksum mismatch in record at offset {offset}: stored {expected:#010x}, computed {actual:#010x}"
            ),
            RecordError::TooLarge { offset, len } => {
                write!(f, "record at offset {offset} claims {len} bytes (limit {MAX_RECORD_LEN})")
            }
            RecordError::Io(e) => write!(f, "I/O error while reading record: {e}"),
        }
    }
}

impl std::error::Error for RecordError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RecordError::Io(e) => Some(e),
            _ => None,
        }
    }
}

/// Checksum over the little-endian length followed by the payload.
fn checksum(len: u32, payload: &[u8]) -> u32 {
    let mut h = Crc32::new();
    h.update(&len.to_le_bytes());
    h.update(payload);
    h.finish()
}

/// Writes one framed record and returns the number of bytes written.
///
/// The header and payload are written with a single `write_all` of a combined
/// buffer, so a successful call never leaves a header without its payload in
/// the OS page cache. (A crash can still tear the write on disk; that is what
/// the checksum is for.)
pub(crate) fn write_record<W: Write>(out: &mut W, payload: &[u8]) -> io::Result<u64> {
    let len = u32::try_from(payload.len())
        .ok()
        .filter(|&l| l <= MAX_RECORD_LEN)
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("payload of {} bytes exceeds the {MAX_RECORD_LEN}-byte limit", payload.len()),
            )
        })?;

    let mut buf = Vec::with_capacity(HEADER_LEN + payload.len());
    buf.extend_from_slice(&len.to_le_bytes());
    buf.extend_from_slice(&checksum(len, payload).to_le_bytes());
    buf.extend_from_slice(payload);
    out.write_all(&buf)?;
    Ok(buf.len() as u64)
}

/// Reads exactly `buf.len()` bytes, distinguishing a clean EOF before the
/// first byte (`Ok(false)`) from an EOF part-way through (`Truncated`).
fn read_full<R: Read>(input: &mut R, buf: &mut [u8], offset: u64) -> Result<bool, RecordError> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err(RecordError::Truncated { offset }),
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(RecordError::Io(e)),
        }
    }
    Ok(true)
}

/// Reads the record starting at `offset`.
///
/// Returns `Ok(None)` at a clean end of file, `Ok(Some((payload, size)))`
/// for a valid record, where `size` includes the header.
pub(crate) fn read_record<R: Read>(input: &mut R, offset: u64) -> Result<Option<(Vec<u8>, u64)>, RecordError> {
    let mut header = [0u8; HEADER_LEN];
    if !read_full(input, &mut header, offset)? {
        return Ok(None);
    }

    let len = u32::from_le_bytes(header[0..4].try_into().expect("slice of length 4"));
    let stored = u32::from_le_bytes(header[4..8].try_into().expect("slice of length 4"));
    if len > MAX_RECORD_LEN {
        return Err(RecordError::TooLarge { offset, len });
    }

    let mut payload = vec![0u8; len as usize];
    if !read_full(input, &mut payload, offset)? && len > 0 {
        // EOF right after a complete header: the payload never made it.
        return Err(RecordError::Truncated { offset });
    }

    let actual = checksum(len, &payload);
    if actual != stored {
        return Err(RecordError::ChecksumMismatch { offset, len, expected: stored, actual });
    }
    Ok(Some((payload, HEADER_LEN as u64 + u64::from(len))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn round_trip() {
        let mut buf = Vec::new();
        let n = write_record(&mut buf, b"hello").unwrap();
        assert_eq!(n, (HEADER_LEN + 5) as u64);

        let mut cur = Cursor::new(buf);
        let (payload, size) = read_record(&mut cur, 0).unwrap().unwrap();
        assert_eq!(payload, b"hello");
        assert_eq!(size, n);
        assert!(read_record(&mut cur, size).unwrap().is_none());
    }

    #[test]
    fn empty_payload_is_allowed() {
        let mut buf = Vec::new();
        write_record(&mut buf, b"").unwrap();
        let (payload, _) = read_record(&mut Cursor::new(buf), 0).unwrap().unwrap();
        assert!(payload.is_empty());
    }

    #[test]
    fn detects_corruption_and_truncation() {
        let mut buf = Vec::new();
        write_record(&mut buf, b"important").unwrap();

        let mut flipped = buf.clone();
        *flipped.last_mut().unwrap() ^= 0x01;
        assert!(matches!(
            read_record(&mut Cursor::new(flipped), 0),
            Err(RecordError::ChecksumMismatch { .. })
        ));

        let torn = &buf[..buf.len() - 3];
        assert!(matches!(read_record(&mut Cursor::new(torn), 0), Err(RecordError::Truncated { .. })));
    }
}
