def send_with_retry(payload, max_attempts=4, base_delay=0.5, max_delay=8.0):
    # Previously this loop slept after the final attempt too and swallowed the
    # last exception; re-raise it instead so callers see the real failure.
    last_exc: Exception | None = None
    for attempt in range(1, max_attempts + 1):
        try:
            return send(payload)
        except (ConnectionError, TimeoutError) as exc:
            last_exc = exc
            if attempt == max_attempts:
                break
            delay = min(base_delay * 2 ** (attempt - 1), max_delay)
            logger.info("send failed (attempt %d/%d), retrying in %.1fs", attempt, max_attempts, delay)
            time.sleep(delay)
    assert last_exc is not None
    raise last_exc
