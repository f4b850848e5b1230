import pytest

from money import Money


@pytest.fixture
def usd():
    """Factory fixture for building USD amounts from strings."""
    def make(amount: str) -> Money:
        return Money.of(amount, "USD")
    return make


@pytest.fixture
def ten_dollars(usd) -> Money:
    return usd("10.00")


@pytest.fixture
def five_euros() -> Money:
    return Money.of("5.00", "EUR")
