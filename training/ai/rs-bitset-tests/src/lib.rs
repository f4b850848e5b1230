use std::fmt;
use std::iter::FromIterator;

const W: usize = 64;

#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct BitSet {
    words: Vec<u64>,
}

impl BitSet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(bits: usize) -> Self {
        BitSet {
            words: vec![0; (bits + W - 1) / W],
        }
    }

    pub fn insert(&mut self, i: usize) -> bool {
        let (w, b) = (i / W, i % W);
        if w >= self.words.len() {
            self.words.resize(w + 1, 0);
        }
        let was = self.words[w] & (1 << b) != 0;
        self.words[w] |= 1 << b;
        !was
    }

    pub fn remove(&mut self, i: usize) -> bool {
        let (w, b) = (i / W, i % W);
        match self.words.get_mut(w) {
            Some(word) if *word & (1 << b) != 0 => {
                *word &= !(1 << b);
                self.trim();
                true
            }
            _ => false,
        }
    }

    pub fn contains(&self, i: usize) -> bool {
        self.words
            .get(i / W)
            .map_or(false, |w| w & (1 << (i % W)) != 0)
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    pub fn clear(&mut self) {
        self.words.clear();
    }

    pub fn max(&self) -> Option<usize> {
        self.words
            .iter()
            .enumerate()
            .rev()
            .find(|(_, &w)| w != 0)
            .map(|(i, w)| i * W + (W - 1 - w.leading_zeros() as usize))
    }

    pub fn union_with(&mut self, other: &BitSet) {
        if other.words.len() > self.words.len() {
            self.words.resize(other.words.len(), 0);
        }
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a |= b;
        }
    }

    pub fn intersect_with(&mut self, other: &BitSet) {
        self.words.truncate(other.words.len());
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
        self.trim();
    }

    pub fn difference_with(&mut self, other: &BitSet) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= !b;
        }
        self.trim();
    }

    pub fn is_subset(&self, other: &BitSet) -> bool {
        self.words
            .iter()
            .enumerate()
            .all(|(i, &w)| w & !other.words.get(i).copied().unwrap_or(0) == 0)
    }

    pub fn iter(&self) -> Iter<'_> {
        Iter {
            words: &self.words,
            idx: 0,
            cur: self.words.first().copied().unwrap_or(0),
        }
    }

    fn trim(&mut self) {
        while self.words.last() == Some(&0) {
            self.words.pop();
        }
    }
}

pub struct Iter<'a> {
    words: &'a [u64],
    idx: usize,
    cur: u64,
}

impl Iterator for Iter<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.cur == 0 {
            self.idx += 1;
            self.cur = *self.words.get(self.idx)?;
        }
        let tz = self.cur.trailing_zeros() as usize;
        self.cur &= self.cur - 1;
        Some(self.idx * W + tz)
    }
}

impl<'a> IntoIterator for &'a BitSet {
    type Item = usize;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<usize> for BitSet {
    fn from_iter<I: IntoIterator<Item = usize>>(it: I) -> Self {
        let mut s = BitSet::new();
        s.extend(it);
        s
    }
}

impl Extend<usize> for BitSet {
    fn extend<I: IntoIterator<Item = usize>>(&mut self, it: I) {
        for i in it {
            self.insert(i);
        }
    }
}

impl fmt::Debug for BitSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_set_is_empty() {
        let s = BitSet::new();
        assert!(s.is_empty());
        assert_eq!(s.len(), 0);
        assert_eq!(s.max(), None);
        assert_eq!(s.iter().next(), None);
    }

    #[test]
    fn with_capacity_rounds_up_to_words() {
        assert_eq!(BitSet::with_capacity(0).words.len(), 0);
        assert_eq!(BitSet::with_capacity(1).words.len(), 1);
        assert_eq!(BitSet::with_capacity(64).words.len(), 1);
        assert_eq!(BitSet::with_capacity(65).words.len(), 2);
    }

    #[test]
    fn insert_reports_whether_new() {
        let mut s = BitSet::new();
        assert!(s.insert(3));
        assert!(!s.insert(3));
        assert!(s.contains(3));
        assert!(!s.contains(4));
    }

    #[test]
    fn insert_grows_storage() {
        let mut s = BitSet::new();
        s.insert(200);
        assert_eq!(s.words.len(), 4);
        assert!(s.contains(200));
        assert!(!s.contains(199));
    }

    #[test]
    fn remove_trims_trailing_zero_words() {
        let mut s: BitSet = [1, 300].into_iter().collect();
        assert!(s.remove(300));
        assert_eq!(s.words.len(), 1);
        assert!(!s.remove(300));
        assert!(s.remove(1));
        assert!(s.words.is_empty());
    }

    #[test]
    fn equality_ignores_how_the_set_was_built() {
        let mut a = BitSet::new();
        a.insert(500);
        a.remove(500);
        a.insert(2);
        let b: BitSet = [2].into_iter().collect();
        assert_eq!(a, b);
    }

    #[test]
    fn word_boundaries() {
        let s: BitSet = [0, 63, 64, 127, 128].into_iter().collect();
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![0, 63, 64, 127, 128]);
        assert_eq!(s.max(), Some(128));
        assert_eq!(s.len(), 5);
    }

    #[test]
    fn iter_skips_empty_words() {
        let s: BitSet = [5, 1000].into_iter().collect();
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![5, 1000]);
    }

    #[test]
    fn debug_output_lists_members() {
        let s: BitSet = [9, 2].into_iter().collect();
        assert_eq!(format!("{:?}", s), "{2, 9}");
    }
}
