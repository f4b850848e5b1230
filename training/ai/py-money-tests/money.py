from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

MINOR_UNITS = {"USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "KWD": 3}


class CurrencyMismatch(ValueError):
    pass


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self):
        if self.currency not in MINOR_UNITS:
            raise ValueError(f"unknown currency {self.currency}")
        q = Decimal(1).scaleb(-MINOR_UNITS[self.currency])
        object.__setattr__(self, "amount", Decimal(self.amount).quantize(q, ROUND_HALF_EVEN))

    @classmethod
    def of(cls, amount, currency):
        if isinstance(amount, float):
            amount = repr(amount)
        return cls(Decimal(amount), currency.upper())

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        return cls(Decimal(units).scaleb(-MINOR_UNITS[currency]), currency)

    @property
    def minor(self) -> int:
        return int(self.amount.scaleb(MINOR_UNITS[self.currency]))

    def _check(self, other: Money):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} vs {other.currency}")

    def __add__(self, other):
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other):
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, k):
        if isinstance(k, Money):
            raise TypeError("cannot multiply money by money")
        return Money(self.amount * Decimal(str(k)), self.currency)

    __rmul__ = __mul__

    def __neg__(self):
        return Money(-self.amount, self.currency)

    def __lt__(self, other):
        self._check(other)
        return self.amount < other.amount

    def __le__(self, other):
        self._check(other)
        return self.amount <= other.amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def allocate(self, ratios: list[int]) -> list[Money]:
        if not ratios or any(r < 0 for r in ratios) or sum(ratios) == 0:
            raise ValueError("ratios must be non-negative and not all zero")
        total = sum(ratios)
        units = self.minor
        shares = [units * r // total for r in ratios]
        rest = units - sum(shares)
        for i in range(abs(rest)):
            shares[i % len(shares)] += 1 if rest > 0 else -1
        return [Money.from_minor(s, self.currency) for s in shares]

    def format(self, symbol: bool = True) -> str:
        sym = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}.get(self.currency)
        places = MINOR_UNITS[self.currency]
        body = f"{abs(self.amount):,.{places}f}"
        sign = "-" if self.amount < 0 else ""
        if symbol and sym:
            return f"{sign}{sym}{body}"
        return f"{sign}{body} {self.currency}"
