    /// Port the metrics endpoint listens on. `0` disables the endpoint.
    #[serde(default = "default_metrics_port")]
    pub metrics_port: u16,
}

fn default_metrics_port() -> u16 {
    9464
}

impl Config {
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.metrics_port != 0 && self.metrics_port == self.listen.port() {
            return Err(ConfigError::Invalid(format!(
                "metrics_port {} clashes with the listen address {}",
                self.metrics_port, self.listen
            )));
        }
        if self.workers == 0 {
            return Err(ConfigError::Invalid("workers must be at least 1".into()));
        }
        Ok(())
    }
