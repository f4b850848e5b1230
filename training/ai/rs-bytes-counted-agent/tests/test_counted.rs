#![warn(rust_2018_idioms)]

use bytes::buf::{Buf, BufMut, Counted};
use bytes::{Bytes, BytesMut};
#[cfg(feature = "std")]
use std::io::IoSlice;

#[test]
fn counted_reads() {
    let mut buf = Counted::new(&b"hello world"[..]);
    assert_eq!(0, buf.count());

    buf.advance(6);
    assert_eq!(6, buf.count());
    assert_eq!(5, buf.remaining());
    assert_eq!(b"world", buf.chunk());

    assert_eq!(b'w', buf.get_u8());
    assert_eq!(7, buf.count());
}

#[test]
fn counted_numbers() {
    let mut buf = Counted::new(&b"\x00\x01\x00\x00\x00\x02\x03"[..]);
    assert_eq!(1, buf.get_u16());
    assert_eq!(2, buf.get_u32());
    assert_eq!(6, buf.count());
}

#[test]
fn counted_copy_to_bytes() {
    let mut abcd = Bytes::copy_from_slice(b"abcd");
    let abcd_ptr = abcd.as_ptr();
    let mut counted = Counted::new(&mut abcd);
    let ab = counted.copy_to_bytes(2);
    assert_eq!(Bytes::copy_from_slice(b"ab"), ab);
    assert_eq!(2, counted.count());
    // assert `copy_to_bytes` was forwarded and did not allocate
    assert_eq!(abcd_ptr, ab.as_ptr());
    assert_eq!(Bytes::copy_from_slice(b"cd"), abcd);
}

#[test]
#[should_panic]
fn counted_copy_to_bytes_panics() {
    let abcd = Bytes::copy_from_slice(b"abcd");
    Counted::new(abcd).copy_to_bytes(5);
}

#[test]
fn counted_chain() {
    let mut buf = Counted::new((&b"hello "[..]).chain(&b"world"[..]));
    let mut dst = vec![];
    dst.put(&mut buf);
    assert_eq!(dst, b"hello world");
    assert_eq!(11, buf.count());
    assert!(!buf.has_remaining());
}

#[test]
fn counted_writes() {
    let mut buf = Counted::new(BytesMut::with_capacity(4));
    buf.put_u8(1);
    buf.put_u64(2);
    buf.put_slice(b"abc");
    assert_eq!(12, buf.count());
    // the inner buffer grew past its initial capacity
    assert_eq!(12, buf.get_ref().len());
}

#[test]
fn counted_reset_count() {
    let mut buf = Counted::new(vec![]);
    buf.put_slice(b"header");
    assert_eq!(6, buf.reset_count());
    assert_eq!(0, buf.count());

    buf.put_slice(b"body");
    assert_eq!(4, buf.count());
    assert_eq!(b"headerbody", &buf.into_inner()[..]);
}

#[test]
fn counted_get_mut_is_not_counted() {
    let mut buf = Counted::new(&b"hello"[..]);
    buf.get_mut().advance(2);
    assert_eq!(0, buf.count());
    assert_eq!(b"llo", buf.chunk());
}

#[test]
fn counted_limit() {
    let mut dst = [0u8; 8];
    let mut buf = Counted::new((&mut dst[..]).limit(3));
    assert_eq!(3, buf.remaining_mut());
    buf.put_slice(b"abc");
    assert_eq!(3, buf.count());
    assert_eq!(0, buf.remaining_mut());
    assert_eq!(b"abc", &dst[..3]);
}

#[test]
#[cfg(feature = "std")]
fn counted_vectored_read() {
    let a = Bytes::from(&b"hello"[..]);
    let b = Bytes::from(&b"world"[..]);
    let buf = Counted::new(a.chain(b));

    let mut iovecs = [IoSlice::new(&[]); 4];
    assert_eq!(2, buf.chunks_vectored(&mut iovecs));
    assert_eq!(iovecs[0][..], b"hello"[..]);
    assert_eq!(iovecs[1][..], b"world"[..]);
}
