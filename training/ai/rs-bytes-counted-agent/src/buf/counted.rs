use crate::buf::UninitSlice;
use crate::{Buf, BufMut, Bytes};

#[cfg(feature = "std")]
use std::io::IoSlice;

/// A `Buf` and `BufMut` adapter which counts the bytes read from or written
/// to an underlying buffer.
///
/// This is useful to find out how many bytes a decoder consumed or an encoder
/// produced without computing the difference of `remaining()` before and
/// after, which does not work for buffers that grow such as `BytesMut`.
///
/// # Examples
///
/// ```rust
/// use bytes::Buf;
/// use bytes::buf::Counted;
///
/// let mut buf = Counted::new(&b"hello world"[..]);
///
/// assert_eq!(b'h', buf.get_u8());
/// assert_eq!(0x656c, buf.get_u16());
///
/// assert_eq!(3, buf.count());
/// ```
#[derive(Debug)]
pub struct Counted<T> {
    inner: T,
    count: usize,
}

impl<T> Counted<T> {
    /// Creates a new `Counted` wrapping `inner`, with a count of zero.
    pub fn new(inner: T) -> Counted<T> {
        Counted { inner, count: 0 }
    }

    /// Returns the number of bytes advanced past so far.
    ///
    /// For a `Buf` these are the bytes read, for a `BufMut` the bytes
    /// written.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Sets the count back to zero, returning the previous count.
    ///
    /// # Examples
    ///
    /// ```rust
    /// use bytes::BufMut;
    /// use bytes::buf::Counted;
    ///
    /// let mut buf = Counted::new(vec![]);
    ///
    /// buf.put_u32(1);
    /// assert_eq!(4, buf.reset_count());
    ///
    /// buf.put_slice(b"ab");
    /// assert_eq!(2, buf.count());
    /// assert_eq!(6, buf.get_ref().len());
    /// ```
    pub fn reset_count(&mut self) -> usize {
        core::mem::replace(&mut self.count, 0)
    }

    /// Consumes this `Counted`, returning the underlying value.
    pub fn into_inner(self) -> T {
        self.inner
    }

    /// Gets a reference to the underlying buffer.
    pub fn get_ref(&self) -> &T {
        &self.inner
    }

    /// Gets a mutable reference to the underlying buffer.
    ///
    /// Bytes read or written through this reference are not counted.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

impl<T: Buf> Buf for Counted<T> {
    fn remaining(&self) -> usize {
        self.inner.remaining()
    }

    fn chunk(&self) -> &[u8] {
        self.inner.chunk()
    }

    #[cfg(feature = "std")]
    fn chunks_vectored<'a>(&'a self, dst: &mut [IoSlice<'a>]) -> usize {
        self.inner.chunks_vectored(dst)
    }

    fn advance(&mut self, cnt: usize) {
        self.inner.advance(cnt);
        self.count += cnt;
    }

    fn copy_to_bytes(&mut self, len: usize) -> Bytes {
        // Forward so that the inner buffer can avoid a copy, e.g. `Bytes`
        let r = self.inner.copy_to_bytes(len);
        self.count += len;
        r
    }
}

unsafe impl<T: BufMut> BufMut for Counted<T> {
    fn remaining_mut(&self) -> usize {
        self.inner.remaining_mut()
    }

    fn chunk_mut(&mut self) -> &mut UninitSlice {
        self.inner.chunk_mut()
    }

    unsafe fn advance_mut(&mut self, cnt: usize) {
        self.inner.advance_mut(cnt);
        self.count += cnt;
    }
}
