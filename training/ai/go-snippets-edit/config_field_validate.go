	// MaxConns limits concurrent connections to the upstream. Zero means no limit.
	MaxConns int `yaml:"max_conns"`
}

func (c *Config) Validate() error {
	if c.Listen == "" {
		return errors.New("config: listen address is required")
	}
	if c.MaxConns < 0 {
		return fmt.Errorf("config: max_conns must be >= 0, got %d", c.MaxConns)
	}
	if _, err := url.Parse(c.Upstream); err != nil {
		return fmt.Errorf("config: invalid upstream %q: %w", c.Upstream, err)
	}
	return nil
}
