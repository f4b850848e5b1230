	for i := range items {
		item := items[i] // copy: the goroutine below must not share the loop variable
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := process(ctx, item); err != nil {
				errs <- fmt.Errorf("item %s: %w", item.ID, err)
			}
		}()
	}
	wg.Wait()
	close(errs)
