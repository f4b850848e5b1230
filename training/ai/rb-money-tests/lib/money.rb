# frozen_string_literal: true

require "bigdecimal"

class Money
  include Comparable

  class CurrencyMismatch < StandardError; end

  CURRENCIES = {
    "USD" => { exponent: 2, symbol: "$" },
    "EUR" => { exponent: 2, symbol: "€" },
    "GBP" => { exponent: 2, symbol: "£" },
    "JPY" => { exponent: 0, symbol: "¥" },
    "KWD" => { exponent: 3, symbol: "KD" }
  }.freeze

  attr_reader :cents, :currency

  def self.from_amount(amount, currency)
    exp = exponent_for(currency)
    cents = (BigDecimal(amount.to_s) * (10**exp)).round(0, BigDecimal::ROUND_HALF_EVEN).to_i
    new(cents, currency)
  end

  def self.exponent_for(currency)
    CURRENCIES.fetch(currency.to_s.upcase) { raise ArgumentError, "unknown currency: #{currency}" }[:exponent]
  end

  def self.zero(currency) = new(0, currency)

  def initialize(cents, currency)
    raise ArgumentError, "cents must be an Integer" unless cents.is_a?(Integer)

    @currency = currency.to_s.upcase
    self.class.exponent_for(@currency)
    @cents = cents
    freeze
  end

  def amount
    BigDecimal(cents) / (10**exponent)
  end

  def exponent = self.class.exponent_for(currency)

  def +(other) = Money.new(cents + same_currency!(other).cents, currency)
  def -(other) = Money.new(cents - same_currency!(other).cents, currency)
  def -@ = Money.new(-cents, currency)

  def *(factor)
    raise TypeError, "can't multiply Money by Money" if factor.is_a?(Money)

    Money.new((BigDecimal(cents) * BigDecimal(factor.to_s)).round(0, BigDecimal::ROUND_HALF_EVEN).to_i, currency)
  end

  def <=>(other)
    return nil unless other.is_a?(Money) && other.currency == currency

    cents <=> other.cents
  end

  def eql?(other) = other.is_a?(Money) && other.currency == currency && other.cents == cents
  alias == eql?
  def hash = [cents, currency].hash

  def zero? = cents.zero?
  def negative? = cents.negative?

  def allocate(ratios)
    raise ArgumentError, "ratios must not be empty" if ratios.empty?
    raise ArgumentError, "ratios must be non-negative" if ratios.any?(&:negative?)

    total = ratios.sum
    raise ArgumentError, "ratios must not all be zero" if total.zero?

    sign = negative? ? -1 : 1
    shares = ratios.map { |r| (cents.abs * r).div(total) }
    (cents.abs - shares.sum).times { |i| shares[i] += 1 }
    shares.map { |c| Money.new((sign * c).to_i, currency) }
  end

  def split(parts)
    raise ArgumentError, "parts must be positive" unless parts.is_a?(Integer) && parts.positive?

    allocate([1] * parts)
  end

  def format(symbol: true, thousands: ",")
    digits = cents.abs.to_s.rjust(exponent + 1, "0")
    whole = exponent.zero? ? digits : digits[0...-exponent]
    frac = exponent.zero? ? nil : digits[-exponent..]
    whole = whole.reverse.scan(/\d{1,3}/).join(thousands).reverse
    body = [whole, frac].compact.join(".")
    prefix = symbol ? CURRENCIES[currency][:symbol] : ""
    text = symbol ? "#{prefix}#{body}" : "#{body} #{currency}"
    negative? ? "-#{text}" : text
  end

  def to_s = format
  def inspect = "#<Money #{format(symbol: false)}>"

  private

  def same_currency!(other)
    raise TypeError, "expected Money, got #{other.class}" unless other.is_a?(Money)
    raise CurrencyMismatch, "#{currency} vs #{other.currency}" unless other.currency == currency

    other
  end
end
