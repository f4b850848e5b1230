//! A fixed-capacity least-recently-used cache backed by a hash map and an
//! index-based doubly linked list (no unsafe code, no reference counting).

use std::collections::HashMap;
use std::hash::Hash;

const NIL: usize = usize::MAX;

#[derive(Debug)]
struct Node<K, V> {
    key: K,
    value: V,
    prev: usize,
    next: usize,
}

/// An LRU cache holding at most `capacity` entries.
#[derive(Debug)]
pub struct LruCache<K, V> {
    map: HashMap<K, usize>,
    nodes: Vec<Node<K, V>>,
    head: usize, // most recently used
    tail: usize, // least recently used
    capacity: usize,
}

impl<K: Clone + Eq + Hash, V> LruCache<K, V> {
    /// Create a cache with the given capacity.
    ///
    /// # Panics
    ///
    /// Panics if `capacity` is zero.
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "capacity must be greater than zero");
        Self {
            map: HashMap::with_capacity(capacity),
            nodes: Vec::with_capacity(capacity),
            head: NIL,
            tail: NIL,
            capacity,
        }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Get a reference to the value for `key`, marking it as most recently used.
    pub fn get(&mut self, key: &K) -> Option<&V> {
        let index = *self.map.get(key)?;
        self.move_to_front(index);
        Some(&self.nodes[index].value)
    }

    /// Insert a value, returning the evicted entry if the cache was full.
    pub fn put(&mut self, key: K, value: V) -> Option<(K, V)> {
        if let Some(&index) = self.map.get(&key) {
            self.nodes[index].value = value;
            self.move_to_front(index);
            return None;
        }

        if self.nodes.len() < self.capacity {
            let index = self.nodes.len();
            self.nodes.push(Node { key: key.clone(), value, prev: NIL, next: NIL });
            self.map.insert(key, index);
            self.push_front(index);
            return None;
        }

        // The cache is full: reuse the tail node's slot for the new entry.
        let index = self.tail;
        self.unlink(index);
        let old_key = std::mem::replace(&mut self.nodes[index].key, key.clone());
        let old_value = std::mem::replace(&mut self.nodes[index].value, value);
        self.map.remove(&old_key);
        self.map.insert(key, index);
        self.push_front(index);
        Some((old_key, old_value))
    }

    fn unlink(&mut self, index: usize) {
        let (prev, next) = (self.nodes[index].prev, self.nodes[index].next);
        if prev != NIL {
            self.nodes[prev].next = next;
        } else {
            self.head = next;
        }
        if next != NIL {
            self.nodes[next].prev = prev;
        } else {
            self.tail = prev;
        }
    }

    fn push_front(&mut self, index: usize) {
        self.nodes[index].prev = NIL;
        self.nodes[index].next = self.head;
        if self.head != NIL {
            self.nodes[self.head].prev = index;
        }
        self.head = index;
        if self.tail == NIL {
            self.tail = index;
        }
    }

    fn move_to_front(&mut self, index: usize) {
        if self.head != index {
            self.unlink(index);
            self.push_front(index);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LruCache;

    #[test]
    fn evicts_least_recently_used() {
        let mut cache = LruCache::new(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assert_eq!(cache.get(&"a"), Some(&1)); // "a" is now most recent
        let evicted = cache.put("c", 3);
        assert_eq!(evicted, Some(("b", 2)));
        assert_eq!(cache.get(&"b"), None);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn updating_a_key_does_not_evict() {
        let mut cache = LruCache::new(1);
        cache.put("a", 1);
        assert_eq!(cache.put("a", 10), None);
        assert_eq!(cache.get(&"a"), Some(&10));
    }
}
