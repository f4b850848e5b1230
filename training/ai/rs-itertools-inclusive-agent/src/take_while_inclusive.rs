use std::iter::FusedIterator;
use std::fmt;

/// An iterator adaptor that consumes elements while the given predicate is
/// `true`, including the element for which the predicate first returned
/// `false`.
///
/// See [`.take_while_inclusive()`](crate::Itertools::take_while_inclusive)
/// for more information.
#[must_use = "iterator adaptors are lazy and do nothing unless consumed"]
pub struct TakeWhileInclusive<'a, I: 'a, F> {
    iter: &'a mut I,
    predicate: F,
    done: bool,
}

impl<'a, I, F> TakeWhileInclusive<'a, I, F>
    where I: Iterator,
          F: FnMut(&I::Item) -> bool,
{
    /// Create a new [`TakeWhileInclusive`] from an iterator and a predicate.
    pub fn new(iter: &'a mut I, predicate: F) -> Self {
        Self { iter, predicate, done: false }
    }
}

impl<'a, I, F> fmt::Debug for TakeWhileInclusive<'a, I, F>
    where I: Iterator + fmt::Debug,
{
    debug_fmt_fields!(TakeWhileInclusive, iter, done);
}

impl<'a, I, F> Iterator for TakeWhileInclusive<'a, I, F>
    where I: Iterator,
          F: FnMut(&I::Item) -> bool
{
    type Item = I::Item;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            None
        } else {
            self.iter.next().map(|item| {
                if !(self.predicate)(&item) {
                    self.done = true;
                }
                item
            })
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, self.iter.size_hint().1)
        }
    }
}

impl<I, F> FusedIterator for TakeWhileInclusive<'_, I, F>
    where I: Iterator,
          F: FnMut(&I::Item) -> bool
{}

/// An iterator adaptor that splits the underlying iterator into `Vec`s,
/// ending each one after an element for which the predicate returns `true`.
///
/// The last group may not end with a matching element; it is yielded if it is
/// not empty.
///
/// See [`.split_after()`](crate::Itertools::split_after) for more information.
#[must_use = "iterator adaptors are lazy and do nothing unless consumed"]
#[derive(Clone)]
pub struct SplitAfter<I, F> {
    iter: I,
    pred: F,
}

/// Create a new `SplitAfter` iterator.
pub fn split_after<I, F>(iter: I, pred: F) -> SplitAfter<I, F>
    where I: Iterator,
          F: FnMut(&I::Item) -> bool
{
    SplitAfter { iter, pred }
}

impl<I, F> fmt::Debug for SplitAfter<I, F>
    where I: Iterator + fmt::Debug,
{
    debug_fmt_fields!(SplitAfter, iter);
}

impl<I, F> Iterator for SplitAfter<I, F>
    where I: Iterator,
          F: FnMut(&I::Item) -> bool
{
    type Item = Vec<I::Item>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut group = Vec::new();
        for elt in &mut self.iter {
            let end = (self.pred)(&elt);
            group.push(elt);
            if end {
                return Some(group);
            }
        }
        if group.is_empty() {
            None
        } else {
            Some(group)
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, hi) = self.iter.size_hint();
        // at least one group if any element is left, at most one per element
        ((low > 0) as usize, hi)
    }
}

impl<I, F> FusedIterator for SplitAfter<I, F>
    where I: FusedIterator,
          F: FnMut(&I::Item) -> bool
{}
