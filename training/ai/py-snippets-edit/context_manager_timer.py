@contextmanager
def timed(label: str, log=logger.info):
    """Log how long the wrapped block took."""
    start = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - start
        log("%s took %.3fs", label, elapsed)
