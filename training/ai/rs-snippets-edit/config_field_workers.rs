    /// Number of worker threads; defaults to the number of CPUs.
    #[serde(default = "default_workers")]
    pub workers: usize,
}

fn default_workers() -> usize {
    std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)
}

impl Config {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.workers == 0 || self.workers > 256 {
            return Err(ConfigError::Invalid(format!(
                "workers must be between 1 and 256, got {}",
                self.workers
            )));
        }
        Ok(())
    }
}
