    /// Returns `true` if the token expires within `leeway` of `now`.
    pub fn is_expired(&self, now: SystemTime, leeway: Duration) -> bool {
        match self.expires_at.checked_sub(leeway) {
            Some(deadline) => now >= deadline,
            None => true,
        }
    }
