request_timeout: float = 30.0
max_retries: int = 3

def __post_init__(self):
    if self.request_timeout <= 0:
        raise ValueError(f"request_timeout must be positive, got {self.request_timeout}")
    if not 0 <= self.max_retries <= 10:
        raise ValueError(f"max_retries must be between 0 and 10, got {self.max_retries}")
    if self.base_url.endswith("/"):
        # Normalise so that urljoin() doesn't drop path segments later.
        self.base_url = self.base_url.rstrip("/")
