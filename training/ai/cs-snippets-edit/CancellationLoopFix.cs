        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(_options.Interval);
            try
            {
                while (await timer.WaitForNextTickAsync(stoppingToken))
                {
                    try
                    {
                        await _cleanup.RunOnceAsync(stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Log and keep going; one failed run should not stop the service.
                        _logger.LogError(ex, "Cleanup run failed");
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Host is shutting down.
            }
        }
