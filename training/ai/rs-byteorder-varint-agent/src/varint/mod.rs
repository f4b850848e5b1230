/*!
Variable length integers in the LEB128 encoding used by Protocol Buffers,
WebAssembly and DWARF.

Each byte holds seven bits of the number, least significant group first, and
the high bit of a byte is set when more bytes follow. Small numbers therefore
take a single byte, while a `u64` takes at most [`MAX_VARINT_LEN_U64`] bytes.
Signed numbers are first mapped to unsigned ones with the "ZigZag" mapping
(`0, -1, 1, -2, ...` becomes `0, 1, 2, 3, ...`), so that numbers close to zero
stay short whatever their sign.

Unlike the rest of this crate, there is no byte order parameter: the encoding
fixes it.

# Examples

Encode into a buffer and decode it again:

```rust
use byteorder::varint;

let mut buf = [0; varint::MAX_VARINT_LEN_U64];
let n = varint::encode_u64(&mut buf, 300);
assert_eq!(&buf[..n], &[0xAC, 0x02]);
assert_eq!(Some((300, 2)), varint::decode_u64(&buf[..n]));
```

[`MAX_VARINT_LEN_U64`]: constant.MAX_VARINT_LEN_U64.html
*/

#[cfg(feature = "std")]
pub use self::io::{ReadVarintExt, WriteVarintExt};

#[cfg(feature = "std")]
mod io;

/// The largest number of bytes a `u64` or `i64` takes when encoded.
pub const MAX_VARINT_LEN_U64: usize = 10;

/// The largest number of bytes a `u32` or `i32` takes when encoded.
pub const MAX_VARINT_LEN_U32: usize = 5;

/// Maps a signed integer to an unsigned one so that small magnitudes, positive
/// or negative, have small encodings.
#[inline]
pub fn zigzag_encode(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

/// The inverse of [`zigzag_encode`].
///
/// [`zigzag_encode`]: fn.zigzag_encode.html
#[inline]
pub fn zigzag_decode(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// Returns the number of bytes `n` takes when encoded.
///
/// # Examples
///
/// ```rust
/// use byteorder::varint;
///
/// assert_eq!(1, varint::encoded_len_u64(0));
/// assert_eq!(1, varint::encoded_len_u64(127));
/// assert_eq!(2, varint::encoded_len_u64(128));
/// assert_eq!(10, varint::encoded_len_u64(::std::u64::MAX));
/// ```
#[inline]
pub fn encoded_len_u64(n: u64) -> usize {
    let bits = 64 - (n | 1).leading_zeros() as usize;
    (bits + 6) / 7
}

/// Writes `n` to the start of `buf` and returns the number of bytes written.
///
/// # Panics
///
/// Panics when `buf` is shorter than [`encoded_len_u64(n)`]. A buffer of
/// [`MAX_VARINT_LEN_U64`] bytes is always long enough.
///
/// [`encoded_len_u64(n)`]: fn.encoded_len_u64.html
/// [`MAX_VARINT_LEN_U64`]: constant.MAX_VARINT_LEN_U64.html
#[inline]
pub fn encode_u64(buf: &mut [u8], mut n: u64) -> usize {
    let mut i = 0;
    while n >= 0x80 {
        buf[i] = (n as u8) | 0x80;
        n >>= 7;
        i += 1;
    }
    buf[i] = n as u8;
    i + 1
}

/// Writes `n` to the start of `buf` in its ZigZag form and returns the number
/// of bytes written.
///
/// # Panics
///
/// Panics when `buf` is too short, as [`encode_u64`] does.
///
/// [`encode_u64`]: fn.encode_u64.html
#[inline]
pub fn encode_i64(buf: &mut [u8], n: i64) -> usize {
    encode_u64(buf, zigzag_encode(n))
}

/// Reads a `u64` from the start of `buf`, returning it with the number of
/// bytes it took.
///
/// Returns `None` when `buf` ends before the last byte of the number, or when
/// the encoding is longer than [`MAX_VARINT_LEN_U64`] bytes or does not fit
/// in a `u64`.
///
/// [`MAX_VARINT_LEN_U64`]: constant.MAX_VARINT_LEN_U64.html
#[inline]
pub fn decode_u64(buf: &[u8]) -> Option<(u64, usize)> {
    let mut n: u64 = 0;
    for (i, &b) in buf.iter().take(MAX_VARINT_LEN_U64).enumerate() {
        if i == MAX_VARINT_LEN_U64 - 1 && b > 1 {
            return None;
        }
        n |= ((b & 0x7F) as u64) << (7 * i);
        if b < 0x80 {
            return Some((n, i + 1));
        }
    }
    None
}

/// Reads a ZigZag encoded `i64` from the start of `buf`, returning it with
/// the number of bytes it took.
///
/// Returns `None` in the same cases as [`decode_u64`].
///
/// [`decode_u64`]: fn.decode_u64.html
#[inline]
pub fn decode_i64(buf: &[u8]) -> Option<(i64, usize)> {
    decode_u64(buf).map(|(n, len)| (zigzag_decode(n), len))
}

#[cfg(test)]
mod test {
    use super::*;

    #[test]
    fn zigzag_small_values() {
        let cases = [(0, 0), (-1, 1), (1, 2), (-2, 3), (2, 4)];
        for &(signed, unsigned) in cases.iter() {
            assert_eq!(unsigned, zigzag_encode(signed));
            assert_eq!(signed, zigzag_decode(unsigned));
        }
        assert_eq!(::core::u64::MAX, zigzag_encode(::core::i64::MIN));
        assert_eq!(::core::u64::MAX - 1, zigzag_encode(::core::i64::MAX));
    }

    #[test]
    fn encode_known_values() {
        let cases: &[(u64, &[u8])] = &[
            (0, &[0x00]),
            (1, &[0x01]),
            (127, &[0x7F]),
            (128, &[0x80, 0x01]),
            (300, &[0xAC, 0x02]),
            (16_384, &[0x80, 0x80, 0x01]),
            (
                ::core::u64::MAX,
                &[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
            ),
        ];
        for &(n, bytes) in cases {
            let mut buf = [0; MAX_VARINT_LEN_U64];
            let len = encode_u64(&mut buf, n);
            assert_eq!(bytes, &buf[..len]);
            assert_eq!(bytes.len(), encoded_len_u64(n));
            assert_eq!(Some((n, len)), decode_u64(bytes));
        }
    }

    #[test]
    fn decode_stops_at_last_byte() {
        assert_eq!(Some((1, 1)), decode_u64(&[0x01, 0xFF, 0xFF]));
        assert_eq!(Some((-64, 1)), decode_i64(&[0x7F]));
    }

    #[test]
    fn decode_rejects_bad_input() {
        assert_eq!(None, decode_u64(&[]));
        assert_eq!(None, decode_u64(&[0x80]));
        assert_eq!(None, decode_u64(&[0x80; 10]));
        assert_eq!(None, decode_u64(&[0x80; 11]));
        let mut too_big = [0xFF; 10];
        too_big[9] = 0x02;
        assert_eq!(None, decode_u64(&too_big));
    }

    #[test]
    #[should_panic]
    fn encode_short_buffer_panics() {
        let mut buf = [0; 1];
        encode_u64(&mut buf, 128);
    }

    #[test]
    fn roundtrip_slices() {
        fn prop(n: u64, m: i64) -> bool {
            let mut buf = [0; 2 * MAX_VARINT_LEN_U64];
            let a = encode_u64(&mut buf, n);
            let b = encode_i64(&mut buf[a..], m);
            decode_u64(&buf) == Some((n, a))
                && decode_i64(&buf[a..]) == Some((m, b))
                && a == encoded_len_u64(n)
        }
        ::quickcheck::quickcheck(prop as fn(u64, i64) -> bool);
    }
}

