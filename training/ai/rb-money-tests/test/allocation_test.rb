# frozen_string_literal: true

require "minitest/autorun"
require "money"

class MoneyAllocationTest < Minitest::Test
  def usd(cents) = Money.new(cents, "USD")
  def jpy(yen) = Money.new(yen, "JPY")

  def test_split_evenly_divisible
    assert_equal [usd(50), usd(50)], usd(100).split(2)
  end

  def test_split_distributes_remainder_to_first_parts
    assert_equal [usd(34), usd(33), usd(33)], usd(100).split(3)
  end

  def test_split_never_loses_or_creates_cents
    [1, 7, 99, 100, 101, 12_345].each do |cents|
      (1..9).each do |parts|
        shares = usd(cents).split(parts)
        assert_equal parts, shares.size
        assert_equal cents, shares.sum(&:cents), "split #{cents} into #{parts}"
        assert_operator shares.map(&:cents).minmax.reduce(:-).abs, :<=, 1
      end
    end
  end

  def test_split_of_negative_amount
    shares = usd(-100).split(3)
    assert_equal(-100, shares.sum(&:cents))
    assert_equal [-34, -33, -33], shares.map(&:cents)
  end

  def test_split_smaller_than_parts
    assert_equal [1, 1, 0, 0, 0], usd(2).split(5).map(&:cents)
  end

  def test_split_rejects_invalid_parts
    assert_raises(ArgumentError) { usd(100).split(0) }
    assert_raises(ArgumentError) { usd(100).split(-1) }
    assert_raises(ArgumentError) { usd(100).split(2.5) }
  end

  def test_allocate_by_ratio
    assert_equal [70, 30], usd(100).allocate([70, 30]).map(&:cents)
  end

  def test_allocate_with_remainder
    assert_equal [34, 33, 33], usd(100).allocate([1, 1, 1]).map(&:cents)
    assert_equal [2, 1], usd(3).allocate([1, 1]).map(&:cents)
  end

  def test_allocate_with_zero_ratio_part
    result = usd(100).allocate([1, 0, 1]).map(&:cents)
    assert_equal 100, result.sum
    assert_equal 0, result[1]
  end

  def test_allocate_keeps_currency
    usd(500).allocate([1, 2]).each { |m| assert_equal "USD", m.currency }
    jpy(1000).allocate([1, 2]).each { |m| assert_equal "JPY", m.currency }
  end

  def test_allocate_preserves_total_for_uneven_ratios
    ratios = [3, 7, 11, 13]
    [1, 10, 333, 9_999].each do |cents|
      assert_equal cents, usd(cents).allocate(ratios).sum(&:cents)
    end
  end

  def test_allocate_rejects_bad_ratios
    assert_raises(ArgumentError) { usd(100).allocate([]) }
    assert_raises(ArgumentError) { usd(100).allocate([0, 0]) }
    assert_raises(ArgumentError) { usd(100).allocate([1, -1]) }
  end

  def test_allocate_with_decimal_ratios
    result = usd(1000).allocate([Rational(1, 3), Rational(2, 3)])
    assert_equal [334, 666], result.map(&:cents)
  end
end
