	timeout := flag.Duration("timeout", 10*time.Second, "timeout for each HTTP request")
	flag.Parse()

	if *timeout <= 0 {
		fmt.Fprintln(os.Stderr, "error: -timeout must be positive")
		os.Exit(2)
	}
	client := &http.Client{Timeout: *timeout}
