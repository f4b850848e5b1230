use std::io::{self, Result};

use super::{encode_u64, zigzag_decode, zigzag_encode, MAX_VARINT_LEN_U64};

fn invalid(msg: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// Extends [`Read`] with methods for reading variable length integers. (For
/// `std::io`.)
///
/// # Examples
///
/// ```rust
/// use std::io::Cursor;
/// use byteorder::varint::ReadVarintExt;
///
/// let mut rdr = Cursor::new(vec![0x96, 0x01, 0x03]);
/// assert_eq!(150, rdr.read_u64_varint().unwrap());
/// assert_eq!(-2, rdr.read_i64_varint().unwrap());
/// ```
///
/// [`Read`]: https://doc.rust-lang.org/std/io/trait.Read.html
pub trait ReadVarintExt: io::Read {
    /// Reads an unsigned variable length integer from the underlying reader.
    ///
    /// # Errors
    ///
    /// This method returns the same errors as [`Read::read_exact`], and an
    /// error of kind [`InvalidData`] when the encoding is too long or does
    /// not fit in a `u64`.
    ///
    /// [`Read::read_exact`]: https://doc.rust-lang.org/std/io/trait.Read.html#method.read_exact
    /// [`InvalidData`]: https://doc.rust-lang.org/std/io/enum.ErrorKind.html#variant.InvalidData
    fn read_u64_varint(&mut self) -> Result<u64> {
        let mut n: u64 = 0;
        let mut buf = [0; 1];
        for i in 0..MAX_VARINT_LEN_U64 {
            self.read_exact(&mut buf)?;
            let b = buf[0];
            if i == MAX_VARINT_LEN_U64 - 1 && b > 1 {
                return Err(invalid("varint overflows a u64"));
            }
            n |= ((b & 0x7F) as u64) << (7 * i);
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(invalid("varint is longer than 10 bytes"))
    }

    /// Reads a ZigZag encoded signed variable length integer from the
    /// underlying reader.
    ///
    /// # Errors
    ///
    /// This method returns the same errors as [`read_u64_varint`].
    ///
    /// [`read_u64_varint`]: #method.read_u64_varint
    fn read_i64_varint(&mut self) -> Result<i64> {
        self.read_u64_varint().map(zigzag_decode)
    }

    /// Reads an unsigned variable length integer that must fit in a `u32`.
    ///
    /// # Errors
    ///
    /// This method returns the same errors as [`read_u64_varint`], and an
    /// error of kind [`InvalidData`] when the number does not fit in a `u32`.
    ///
    /// [`read_u64_varint`]: #method.read_u64_varint
    /// [`InvalidData`]: https://doc.rust-lang.org/std/io/enum.ErrorKind.html#variant.InvalidData
    fn read_u32_varint(&mut self) -> Result<u32> {
        let n = self.read_u64_varint()?;
        if n > ::core::u32::MAX as u64 {
            return Err(invalid("varint overflows a u32"));
        }
        Ok(n as u32)
    }
}

/// All types that implement `Read` get methods defined in `ReadVarintExt`
/// for free.
impl<R: io::Read + ?Sized> ReadVarintExt for R {}

/// Extends [`Write`] with methods for writing variable length integers. (For
/// `std::io`.)
///
/// # Examples
///
/// ```rust
/// use byteorder::varint::WriteVarintExt;
///
/// let mut wtr = Vec::new();
/// wtr.write_u64_varint(150).unwrap();
/// wtr.write_i64_varint(-2).unwrap();
/// assert_eq!(wtr, vec![0x96, 0x01, 0x03]);
/// ```
///
/// [`Write`]: https://doc.rust-lang.org/std/io/trait.Write.html
pub trait WriteVarintExt: io::Write {
    /// Writes an unsigned variable length integer to the underlying writer.
    ///
    /// # Errors
    ///
    /// This method returns the same errors as [`Write::write_all`].
    ///
    /// [`Write::write_all`]: https://doc.rust-lang.org/std/io/trait.Write.html#method.write_all
    #[inline]
    fn write_u64_varint(&mut self, n: u64) -> Result<()> {
        let mut buf = [0; MAX_VARINT_LEN_U64];
        let len = encode_u64(&mut buf, n);
        self.write_all(&buf[..len])
    }

    /// Writes a signed variable length integer to the underlying writer, in
    /// its ZigZag form.
    ///
    /// # Errors
    ///
    /// This method returns the same errors as [`Write::write_all`].
    ///
    /// [`Write::write_all`]: https://doc.rust-lang.org/std/io/trait.Write.html#method.write_all
    #[inline]
    fn write_i64_varint(&mut self, n: i64) -> Result<()> {
        self.write_u64_varint(zigzag_encode(n))
    }
}

/// All types that implement `Write` get methods defined in `WriteVarintExt`
/// for free.
impl<W: io::Write + ?Sized> WriteVarintExt for W {}

#[cfg(test)]
mod test {
    use super::{ReadVarintExt, WriteVarintExt};
    use std::io::{Cursor, ErrorKind};

    #[test]
    fn roundtrip_io() {
        fn prop(xs: Vec<i64>) -> bool {
            let mut wtr = vec![];
            for &x in &xs {
                wtr.write_i64_varint(x).unwrap();
                wtr.write_u64_varint(x as u64).unwrap();
            }
            let mut rdr = Cursor::new(wtr);
            xs.iter().all(|&x| {
                rdr.read_i64_varint().unwrap() == x
                    && rdr.read_u64_varint().unwrap() == x as u64
            })
        }
        ::quickcheck::quickcheck(prop as fn(Vec<i64>) -> bool);
    }

    #[test]
    fn read_errors() {
        let mut rdr = Cursor::new(vec![0x80, 0x80]);
        let err = rdr.read_u64_varint().unwrap_err();
        assert_eq!(ErrorKind::UnexpectedEof, err.kind());

        let mut rdr = Cursor::new(vec![0x80; 12]);
        let err = rdr.read_u64_varint().unwrap_err();
        assert_eq!(ErrorKind::InvalidData, err.kind());

        let mut rdr = Cursor::new(vec![0x80, 0x80, 0x80, 0x80, 0x10]);
        let err = rdr.read_u32_varint().unwrap_err();
        assert_eq!(ErrorKind::InvalidData, err.kind());

        let mut rdr = Cursor::new(vec![0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        assert_eq!(::std::u32::MAX, rdr.read_u32_varint().unwrap());
    }
}
