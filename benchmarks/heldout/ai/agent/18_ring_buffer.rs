//! Fixed-capacity ring buffer that overwrites the oldest element when full.
//!
//! Useful for keeping the last N log lines, samples, etc. without
//! reallocating.

use std::fmt;

pub struct RingBuffer<T> {
    buf: Vec<Option<T>>,
    head: usize, // index of the oldest element
    len: usize,
}

impl<T> RingBuffer<T> {
    /// Creates an empty buffer. Panics if `capacity` is zero.
    pub fn with_capacity(capacity: usize) -> Self {
        assert!(capacity > 0, "RingBuffer capacity must be non-zero");
        let mut buf = Vec::with_capacity(capacity);
        buf.resize_with(capacity, || None);
        Self { buf, head: 0, len: 0 }
    }

    pub fn capacity(&self) -> usize {
        self.buf.len()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn is_full(&self) -> bool {
        self.len == self.capacity()
    }

    /// Appends `value`, returning the element it displaced if the buffer was full.
    pub fn push(&mut self, value: T) -> Option<T> {
        let cap = self.capacity();
        if self.is_full() {
            let old = self.buf[self.head].replace(value);
            self.head = (self.head + 1) % cap;
            old
        } else {
            let tail = (self.head + self.len) % cap;
            self.buf[tail] = Some(value);
            self.len += 1;
            None
        }
    }

    /// Removes and returns the oldest element.
    pub fn pop_front(&mut self) -> Option<T> {
        if self.is_empty() {
            return None;
        }
        let v = self.buf[self.head].take();
        self.head = (self.head + 1) % self.capacity();
        self.len -= 1;
        v
    }

    /// Returns the element at logical position `i` (0 = oldest).
    pub fn get(&self, i: usize) -> Option<&T> {
        if i >= self.len {
            return None;
        }
        self.buf[(self.head + i) % self.capacity()].as_ref()
    }

    pub fn newest(&self) -> Option<&T> {
        self.len.checked_sub(1).and_then(|i| self.get(i))
    }

    pub fn clear(&mut self) {
        for slot in &mut self.buf {
            *slot = None;
        }
        self.head = 0;
        self.len = 0;
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> + '_ {
        (0..self.len).filter_map(move |i| self.get(i))
    }
}

impl<T: fmt::Debug> fmt::Debug for RingBuffer<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> Extend<T> for RingBuffer<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for v in iter {
            self.push(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_until_full() {
        let mut rb = RingBuffer::with_capacity(3);
        assert!(rb.is_empty());
        assert_eq!(rb.push(1), None);
        assert_eq!(rb.push(2), None);
        assert_eq!(rb.push(3), None);
        assert!(rb.is_full());
        assert_eq!(rb.iter().copied().collect::<Vec<_>>(), vec![1, 2, 3]);
    }

    #[test]
    fn overwrites_oldest() {
        let mut rb = RingBuffer::with_capacity(3);
        rb.extend([1, 2, 3]);
        assert_eq!(rb.push(4), Some(1));
        assert_eq!(rb.push(5), Some(2));
        assert_eq!(rb.iter().copied().collect::<Vec<_>>(), vec![3, 4, 5]);
        assert_eq!(rb.newest(), Some(&5));
        assert_eq!(rb.len(), 3);
    }

    #[test]
    fn pop_front_and_wraparound() {
        let mut rb = RingBuffer::with_capacity(2);
        rb.extend(["a", "b", "c"]);
        assert_eq!(rb.pop_front(), Some("b"));
        rb.push("d");
        assert_eq!(rb.get(0), Some(&"c"));
        assert_eq!(rb.get(1), Some(&"d"));
        assert_eq!(rb.get(2), None);
        assert_eq!(rb.pop_front(), Some("c"));
        assert_eq!(rb.pop_front(), Some("d"));
        assert_eq!(rb.pop_front(), None);
    }

    #[test]
    fn clear_resets() {
        let mut rb = RingBuffer::with_capacity(4);
        rb.extend(0..10);
        rb.clear();
        assert!(rb.is_empty());
        assert_eq!(rb.newest(), None);
        rb.push(42);
        assert_eq!(format!("{rb:?}"), "[42]");
    }

    #[test]
    #[should_panic(expected = "non-zero")]
    fn zero_capacity_panics() {
        let _ = RingBuffer::<u8>::with_capacity(0);
    }
}
