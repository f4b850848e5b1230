request_timeout: float = 10.0
"""Seconds to wait for the upstream API before giving up."""

def __post_init__(self) -> None:
    if not 0 < self.request_timeout <= 300:
        raise ConfigError(
            f"request_timeout must be in (0, 300], got {self.request_timeout!r}"
        )
    if self.max_connections < 1:
        raise ConfigError("max_connections must be at least 1")
