"""Tests for the Money value object."""
from decimal import Decimal

import pytest

from money import CurrencyMismatch, Money


# ---------------------------------------------------------------------------
# Construction and rounding
# ---------------------------------------------------------------------------

class TestConstruction:
    def test_of_accepts_string_amount(self):
        m = Money.of("12.34", "USD")
        assert m.amount == Decimal("12.34")
        assert m.currency == "USD"

    def test_of_normalizes_currency_case(self):
        assert Money.of("1", "eur").currency == "EUR"

    def test_of_accepts_float_without_binary_noise(self):
        # 0.1 + 0.2 style artifacts should not leak into the amount
        assert Money.of(0.1, "USD").amount == Decimal("0.10")

    def test_unknown_currency_raises(self):
        with pytest.raises(ValueError, match="unknown currency"):
            Money.of("1.00", "XYZ")

    @pytest.mark.parametrize(
        "raw, currency, expected",
        [
            ("1.005", "USD", Decimal("1.00")),   # banker's rounding: half to even
            ("1.015", "USD", Decimal("1.02")),
            ("1.5", "JPY", Decimal("2")),
            ("2.5", "JPY", Decimal("2")),
            ("0.0005", "KWD", Decimal("0.000")),
            ("0.0015", "KWD", Decimal("0.002")),
        ],
    )
    def test_amount_is_rounded_half_even_to_minor_units(self, raw, currency, expected):
        assert Money.of(raw, currency).amount == expected

    @pytest.mark.parametrize(
        "units, currency, expected",
        [(1234, "USD", "12.34"), (1234, "JPY", "1234"), (1234, "KWD", "1.234"), (-5, "EUR", "-0.05")],
    )
    def test_from_minor_round_trips(self, units, currency, expected):
        m = Money.from_minor(units, currency)
        assert m.amount == Decimal(expected)
        assert m.minor == units

    def test_money_is_immutable(self, ten_dollars):
        with pytest.raises(AttributeError):
            ten_dollars.amount = Decimal("1")

    def test_equal_amounts_are_equal_and_hash_equal(self, usd):
        a, b = usd("3.10"), usd("3.1")
        assert a == b
        assert hash(a) == hash(b)


# ---------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------

class TestArithmetic:
    def test_addition(self, usd):
        assert usd("1.25") + usd("2.50") == usd("3.75")

    def test_subtraction_can_go_negative(self, usd):
        result = usd("1.00") - usd("2.50")
        assert result == usd("-1.50")
        assert result.amount < 0

    @pytest.mark.parametrize("op", ["__add__", "__sub__", "__lt__", "__le__"])
    def test_mixed_currencies_raise(self, ten_dollars, five_euros, op):
        with pytest.raises(CurrencyMismatch, match="USD vs EUR"):
            getattr(ten_dollars, op)(five_euros)

    @pytest.mark.parametrize(
        "factor, expected",
        [(2, "20.00"), (0.5, "5.00"), ("1.075", "10.75"), (Decimal("0.333"), "3.33"), (0, "0.00")],
    )
    def test_multiplication_by_scalar(self, ten_dollars, factor, expected):
        assert (ten_dollars * factor).amount == Decimal(expected)

    def test_multiplication_is_commutative(self, ten_dollars):
        assert 3 * ten_dollars == ten_dollars * 3

    def test_multiplying_money_by_money_is_rejected(self, ten_dollars):
        with pytest.raises(TypeError):
            ten_dollars * ten_dollars

    def test_negation(self, ten_dollars, usd):
        assert -ten_dollars == usd("-10.00")

    def test_comparison(self, usd):
        assert usd("1.00") < usd("1.01")
        assert usd("1.00") <= usd("1.00")
        assert not usd("2.00") < usd("1.99")

    def test_is_zero(self, usd):
        assert usd("0").is_zero()
        assert not usd("0.01").is_zero()


# ---------------------------------------------------------------------------
# Allocation
# ---------------------------------------------------------------------------

class TestAllocate:
    @pytest.mark.parametrize(
        "amount, ratios, expected",
        [
            ("100.00", [1, 1, 1], ["33.34", "33.33", "33.33"]),
            ("0.05", [3, 7], ["0.02", "0.03"]),
            ("10.00", [1], ["10.00"]),
            ("0.01", [1, 1], ["0.01", "0.00"]),
            ("99.99", [50, 30, 20], ["50.00", "30.00", "19.99"]),
        ],
    )
    def test_allocation_shares(self, usd, amount, ratios, expected):
        parts = usd(amount).allocate(ratios)
        assert [str(p.amount) for p in parts] == expected

    @pytest.mark.parametrize("ratios", [[1, 2, 3], [7, 0, 5], [1] * 11, [33, 33, 34]])
    @pytest.mark.parametrize("amount", ["0.01", "1.00", "123.45", "-10.00"])
    def test_allocation_never_loses_a_cent(self, usd, amount, ratios):
        total = usd(amount)
        parts = total.allocate(ratios)
        assert len(parts) == len(ratios)
        assert sum(p.minor for p in parts) == total.minor

    def test_zero_ratio_gets_nothing_when_no_remainder(self, usd):
        parts = usd("10.00").allocate([1, 0, 1])
        assert parts[1].is_zero()

    @pytest.mark.parametrize("bad", [[], [0, 0], [1, -1]])
    def test_invalid_ratios_raise(self, ten_dollars, bad):
        with pytest.raises(ValueError):
            ten_dollars.allocate(bad)


# ---------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "amount, currency, symbol, expected",
    [
        ("1234.5", "USD", True, "$1,234.50"),
        ("-1234.5", "USD", True, "-$1,234.50"),
        ("1000000", "JPY", True, "¥1,000,000"),
        ("12.5", "EUR", False, "12.50 EUR"),
        ("1.2345", "KWD", True, "1.234 KWD"),  # no symbol known for KWD
        ("0", "GBP", True, "£0.00"),
    ],
)
def test_format(amount, currency, symbol, expected):
    assert Money.of(amount, currency).format(symbol=symbol) == expected
