	// ReadTimeout bounds how long the server waits for a full request.
	// Zero means the default of 15s; negative values are rejected.
	ReadTimeout time.Duration `yaml:"read_timeout"`
}

func (c *Config) Validate() error {
	if c.ReadTimeout < 0 {
		return fmt.Errorf("read_timeout must not be negative, got %s", c.ReadTimeout)
	}
	if c.ReadTimeout == 0 {
		c.ReadTimeout = 15 * time.Second
	}
	if c.MaxConns < 1 {
		return fmt.Errorf("max_conns must be at least 1, got %d", c.MaxConns)
	}
	return nil
}
