"""Money helpers used by the cart."""

from decimal import ROUND_HALF_UP, Decimal


def round_cents(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def split_evenly(total, parts):
    share = round_cents(Decimal(total) / parts)
    shares = [share] * parts
    shares[-1] += Decimal(total) - share * parts
    return shares
