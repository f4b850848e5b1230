use std::time::Duration;

/// Backoff schedule for retrying fallible operations.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub initial: Duration,
    pub max_delay: Duration,
    pub multiplier: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            initial: Duration::from_millis(100),
            max_delay: Duration::from_secs(10),
            multiplier: 2.0,
        }
    }
}

impl RetryPolicy {
    /// Delay before retry number `attempt` (1-based), without jitter.
    pub fn delay(&self, attempt: u32) -> Duration {
        if attempt == 0 {
            return Duration::ZERO;
        }
        let factor = self.multiplier.powi(attempt as i32 - 1);
        let secs = self.initial.as_secs_f64() * factor;
        if !secs.is_finite() || secs >= self.max_delay.as_secs_f64() {
            self.max_delay
        } else {
            Duration::from_secs_f64(secs)
        }
    }

    /// Runs `op` until it succeeds, `should_retry` says no, or attempts run out.
    pub fn run<T, E, F, R>(&self, mut op: F, should_retry: R, mut sleep: impl FnMut(Duration)) -> Result<T, E>
    where
        F: FnMut(u32) -> Result<T, E>,
        R: Fn(&E) -> bool,
    {
        let mut attempt = 1;
        loop {
            match op(attempt) {
                Ok(v) => return Ok(v),
                Err(e) if attempt < self.max_attempts && should_retry(&e) => {
                    sleep(self.delay(attempt));
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn delays_grow_and_cap() {
        let p = RetryPolicy { max_delay: ms(500), ..Default::default() };
        let got: Vec<_> = (0..=6).map(|a| p.delay(a)).collect();
        assert_eq!(got, vec![ms(0), ms(100), ms(200), ms(400), ms(500), ms(500), ms(500)]);
    }

    #[test]
    fn huge_attempt_does_not_overflow() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay(10_000), p.max_delay);
    }

    #[test]
    fn succeeds_after_failures() {
        let slept = RefCell::new(vec![]);
        let p = RetryPolicy::default();
        let r: Result<&str, &str> = p.run(
            |n| if n < 3 { Err("busy") } else { Ok("done") },
            |_| true,
            |d| slept.borrow_mut().push(d),
        );
        assert_eq!(r, Ok("done"));
        assert_eq!(*slept.borrow(), vec![ms(100), ms(200)]);
    }

    #[test]
    fn gives_up_after_max_attempts() {
        let calls = RefCell::new(0);
        let p = RetryPolicy { max_attempts: 3, ..Default::default() };
        let r: Result<(), u32> = p.run(
            |n| {
                *calls.borrow_mut() += 1;
                Err(n)
            },
            |_| true,
            |_| {},
        );
        assert_eq!(r, Err(3));
        assert_eq!(*calls.borrow(), 3);
    }

    #[test]
    fn non_retryable_error_stops_immediately() {
        let p = RetryPolicy::default();
        let r: Result<(), &str> = p.run(|_| Err("fatal"), |e| *e != "fatal", |_| panic!("should not sleep"));
        assert_eq!(r, Err("fatal"));
    }
}
