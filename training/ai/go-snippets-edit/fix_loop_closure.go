	var wg sync.WaitGroup
	errs := make(chan error, len(urls))
	for _, u := range urls {
		u := u // capture loop variable; every goroutine was fetching the last URL
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fetch(ctx, u); err != nil {
				errs <- fmt.Errorf("fetch %s: %w", u, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
