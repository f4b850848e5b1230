	fs.DurationVar(&opts.Interval, "interval", 30*time.Second, "how often to poll the upstream")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "print the actions without applying them")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if opts.Interval < time.Second {
		return nil, fmt.Errorf("-interval must be at least 1s, got %s", opts.Interval)
	}
