    /// Removes and returns every entry whose deadline is at or before `now`,
    /// earliest first.
    pub fn drain_expired(&mut self, now: Instant) -> Vec<(K, V)> {
        let mut out = Vec::new();
        while let Some(Reverse((deadline, _))) = self.heap.peek() {
            if *deadline > now {
                break;
            }
            let Reverse((_, key)) = self.heap.pop().unwrap();
            // The heap may hold stale deadlines for keys that were re-inserted.
            if let Some(entry) = self.map.get(&key) {
                if entry.deadline <= now {
                    let entry = self.map.remove(&key).unwrap();
                    out.push((key, entry.value));
                }
            }
        }
        out
    }
