# frozen_string_literal: true

require "minitest/autorun"
require "money"

module MoneyHelpers
  def usd(cents) = Money.new(cents, "USD")
  def eur(cents) = Money.new(cents, "EUR")
  def jpy(yen) = Money.new(yen, "JPY")

  def assert_money(expected_cents, currency, actual, msg = nil)
    assert_instance_of Money, actual, msg
    assert_equal currency, actual.currency, msg
    assert_equal expected_cents, actual.cents, msg
  end
end

class MoneyConstructionTest < Minitest::Test
  include MoneyHelpers

  def test_new_stores_cents_and_normalizes_currency
    m = Money.new(1050, "usd")
    assert_equal 1050, m.cents
    assert_equal "USD", m.currency
  end

  def test_new_rejects_non_integer_cents
    assert_raises(ArgumentError) { Money.new(10.5, "USD") }
    assert_raises(ArgumentError) { Money.new("10", "USD") }
  end

  def test_new_rejects_unknown_currency
    error = assert_raises(ArgumentError) { Money.new(100, "XYZ") }
    assert_match(/unknown currency/, error.message)
  end

  def test_instances_are_frozen
    assert_predicate usd(1), :frozen?
  end

  def test_from_amount_converts_decimal_string
    assert_money 1999, "USD", Money.from_amount("19.99", "USD")
  end

  def test_from_amount_respects_currency_exponent
    assert_money 500, "JPY", Money.from_amount(500, "JPY")
    assert_money 1234, "KWD", Money.from_amount("1.234", "KWD")
  end

  def test_from_amount_uses_bankers_rounding
    assert_money 2, "USD", Money.from_amount("0.025", "USD")
    assert_money 4, "USD", Money.from_amount("0.035", "USD")
  end

  def test_from_amount_avoids_float_error
    assert_money 30, "USD", Money.from_amount(0.1 + 0.2, "USD")
  end

  def test_zero
    assert_predicate Money.zero("EUR"), :zero?
  end

  def test_amount_returns_big_decimal
    assert_equal BigDecimal("12.34"), usd(1234).amount
    assert_equal BigDecimal("7"), jpy(7).amount
  end
end

class MoneyArithmeticTest < Minitest::Test
  include MoneyHelpers

  def test_addition
    assert_money 350, "USD", usd(100) + usd(250)
  end

  def test_subtraction_can_go_negative
    result = usd(100) - usd(250)
    assert_money(-150, "USD", result)
    assert_predicate result, :negative?
  end

  def test_unary_minus
    assert_money(-5, "EUR", -eur(5))
  end

  def test_adding_different_currencies_raises
    assert_raises(Money::CurrencyMismatch) { usd(1) + eur(1) }
  end

  def test_adding_non_money_raises_type_error
    assert_raises(TypeError) { usd(1) + 1 }
  end

  def test_multiplication_by_integer_and_decimal
    assert_money 300, "USD", usd(100) * 3
    assert_money 150, "USD", usd(100) * "1.5"
  end

  def test_multiplication_rounds_half_even
    assert_money 2, "USD", usd(5) * "0.5"
    assert_money 4, "USD", usd(7) * "0.5"
  end

  def test_multiplying_money_by_money_raises
    assert_raises(TypeError) { usd(1) * usd(2) }
  end
end

class MoneyComparisonTest < Minitest::Test
  include MoneyHelpers

  def test_equality_requires_same_currency
    assert_equal usd(100), usd(100)
    refute_equal usd(100), eur(100)
  end

  def test_usable_as_hash_key
    h = { usd(100) => :a }
    assert_equal :a, h[usd(100)]
    assert_nil h[eur(100)]
  end

  def test_ordering_within_currency
    assert_operator usd(1), :<, usd(2)
    assert_equal [usd(1), usd(2), usd(3)], [usd(3), usd(1), usd(2)].sort
  end

  def test_comparing_across_currencies_raises
    assert_raises(ArgumentError) { usd(1) < eur(2) }
  end

  def test_max_and_sum
    list = [usd(10), usd(40), usd(25)]
    assert_equal usd(40), list.max
    assert_money 75, "USD", list.sum(Money.zero("USD"))
  end
end

class MoneyFormattingTest < Minitest::Test
  include MoneyHelpers

  def test_format_with_symbol
    assert_equal "$1,234.56", usd(123_456).format
  end

  def test_format_small_amounts_pad_with_zeros
    assert_equal "$0.05", usd(5).format
    assert_equal "$0.00", usd(0).format
  end

  def test_format_negative
    assert_equal "-€12.00", eur(-1200).format
  end

  def test_format_zero_exponent_currency
    assert_equal "¥1,000,000", jpy(1_000_000).format
  end

  def test_format_without_symbol_uses_code
    assert_equal "1,234.56 USD", usd(123_456).format(symbol: false)
  end

  def test_format_custom_thousands_separator
    assert_equal "€1.234.567.89", eur(123_456_789).format(thousands: ".")
  end

  def test_to_s_and_inspect
    assert_equal "$9.99", usd(999).to_s
    assert_equal "#<Money 9.99 USD>", usd(999).inspect
  end
end
