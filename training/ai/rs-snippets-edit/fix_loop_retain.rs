        // Previously we removed by index inside the loop, which shifted later
        // entries and skipped one after every removal. `retain` does it in one pass.
        let now = Instant::now();
        let mut expired = 0;
        self.entries.retain(|entry| {
            let keep = entry.deadline > now;
            if !keep {
                expired += 1;
            }
            keep
        });
        debug!("evicted {} expired entries", expired);
