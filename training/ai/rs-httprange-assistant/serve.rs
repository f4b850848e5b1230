//! Serving byte ranges out of any seekable reader.

use std::io::{self, Read, Seek, SeekFrom, Write};

use crate::{content_range, parse_range_header, resolve, unsatisfied_content_range, RangeError};

/// What the caller should send back.
#[derive(Debug, PartialEq, Eq)]
pub struct Reply {
    /// 200, 206 or 416.
    pub status: u16,
    /// Extra headers to set, as `(name, value)` pairs.
    pub headers: Vec<(&'static str, String)>,
}

/// Copies the requested ranges of `source` (which is `length` bytes long) to
/// `out` and reports the status line and headers to send.
///
/// * No `Range` header, or a unit other than `bytes`: the whole body, 200.
/// * One satisfiable range: that slice, 206 with `Content-Range`.
/// * Several ranges: a `multipart/byteranges` body with `boundary`, 206.
/// * Nothing satisfiable: an empty body, 416 with `Content-Range: bytes */len`.
///
/// # Errors
///
/// I/O errors from `source` or `out` are returned as-is. A malformed header
/// is also treated as "send everything", which is what most servers do,
/// rather than as an error.
pub fn serve<R, W>(
    source: &mut R,
    length: u64,
    range_header: Option<&str>,
    boundary: &str,
    out: &mut W,
) -> io::Result<Reply>
where
    R: Read + Seek,
    W: Write,
{
    let specs = match range_header.map(parse_range_header) {
        Some(Ok(specs)) => specs,
        // Absent, malformed or unsupported: ignore the header entirely.
        None | Some(Err(_)) => return send_full(source, length, out),
    };

    let ranges = match resolve(&specs, length) {
        Ok(ranges) => ranges,
        Err(RangeError::NotSatisfiable { length }) => {
            return Ok(Reply {
                status: 416,
                headers: vec![("Content-Range", unsatisfied_content_range(length))],
            });
        }
        Err(_) => unreachable!("resolve only fails with NotSatisfiable"),
    };

    if let [only] = ranges.as_slice() {
        copy_range(source, *only.start(), *only.end(), out)?;
        return Ok(Reply {
            status: 206,
            headers: vec![
                ("Content-Range", content_range(only, length)),
                (
                    "Content-Length",
                    (only.end() - only.start() + 1).to_string(),
                ),
            ],
        });
    }

    // Several ranges: each part gets its own small header block.
    for r in &ranges {
        write!(out, "\r\n--{boundary}\r\n")?;
        write!(out, "Content-Range: {}\r\n\r\n", content_range(r, length))?;
        copy_range(source, *r.start(), *r.end(), out)?;
    }
    write!(out, "\r\n--{boundary}--\r\n")?;

    Ok(Reply {
        status: 206,
        headers: vec![(
            "Content-Type",
            format!("multipart/byteranges; boundary={boundary}"),
        )],
    })
}

fn send_full<R: Read + Seek, W: Write>(
    source: &mut R,
    length: u64,
    out: &mut W,
) -> io::Result<Reply> {
    source.seek(SeekFrom::Start(0))?;
    let copied = io::copy(&mut source.take(length), out)?;
    Ok(Reply {
        status: 200,
        headers: vec![("Content-Length", copied.to_string())],
    })
}

/// Copies bytes `start..=end` of `source` into `out`, failing if the source is
/// shorter than promised (which would otherwise send a truncated body with a
/// header that claims more).
fn copy_range<R: Read + Seek, W: Write>(
    source: &mut R,
    start: u64,
    end: u64,
    out: &mut W,
) -> io::Result<()> {
    let want = end - start + 1;
    source.seek(SeekFrom::Start(start))?;
    let got = io::copy(&mut source.take(want), out)?;
    if got != want {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("source ended after {got} of {want} bytes at offset {start}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn run(header: Option<&str>) -> (Reply, String) {
        let data = b"0123456789abcdefghij";
        let mut out = Vec::new();
        let reply = serve(&mut Cursor::new(&data[..]), 20, header, "XYZ", &mut out).unwrap();
        (reply, String::from_utf8(out).unwrap())
    }

    #[test]
    fn single_range() {
        let (reply, body) = run(Some("bytes=2-5"));
        assert_eq!(reply.status, 206);
        assert_eq!(body, "2345");
        assert_eq!(
            reply.headers[0],
            ("Content-Range", "bytes 2-5/20".to_string())
        );
    }

    #[test]
    fn multiple_ranges_are_multipart() {
        let (reply, body) = run(Some("bytes=0-1,-2"));
        assert_eq!(reply.status, 206);
        assert!(body.contains("Content-Range: bytes 0-1/20\r\n\r\n01"));
        assert!(body.contains("Content-Range: bytes 18-19/20\r\n\r\nij"));
        assert!(body.ends_with("--XYZ--\r\n"));
    }

    #[test]
    fn fallbacks() {
        assert_eq!(run(None).0.status, 200);
        assert_eq!(run(Some("bytes=oops")).1.len(), 20);
        let (reply, body) = run(Some("bytes=50-"));
        assert_eq!(reply.status, 416);
        assert!(body.is_empty());
    }

    #[test]
    fn short_source_is_an_error() {
        let mut out = Vec::new();
        let err = serve(
            &mut Cursor::new(&b"abc"[..]),
            10,
            Some("bytes=0-9"),
            "b",
            &mut out,
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }
}
