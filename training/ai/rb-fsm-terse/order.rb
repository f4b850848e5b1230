# frozen_string_literal: true

require_relative "fsm"

class Order
  include FSM

  attr_reader :id, :items, :paid, :log
  attr_accessor :tracking

  fsm initial: :cart do
    event :checkout, from: :cart, to: :pending, if: :items?
    event :pay, from: :pending, to: :paid, if: :enough?, after: :record_payment
    event :ship, from: :paid, to: :shipped, if: ->(*) { tracking }
    event :deliver, from: :shipped, to: :delivered
    event :cancel, from: %i[cart pending paid], to: :cancelled
    event :refund, from: :cancelled, to: :refunded, if: ->(*) { paid.positive? }
    event :reopen, from: :cancelled, to: :cart, if: ->(*) { paid.zero? }

    on_enter(:cancelled) { |from, *| log << "cancelled from #{from}" }
    on_enter(:refunded) { log << "refunded #{format('%.2f', paid)}"; @paid = 0 }
    on_exit(:cart) { raise FSM::Halt if items.size > 50 }
    after_any { |from, to, ev| log << "#{ev}: #{from} -> #{to}" }
  end

  def initialize(id)
    @id, @items, @paid, @log = id, [], 0.0, []
  end

  def add(name, price, qty = 1) = cart? ? (items << { name:, price:, qty: }; self) : raise(FSM::Invalid, "locked")
  def remove(name) = cart? ? (items.reject! { _1[:name] == name }; self) : raise(FSM::Invalid, "locked")
  def total = items.sum { _1[:price] * _1[:qty] }.round(2)
  def items? = items.any?
  def enough?(amt = 0) = (paid + amt).round(2) >= total
  def to_s = "##{id} [#{state}] #{items.size} items, #{format('%.2f', paid)}/#{format('%.2f', total)}"

  private

  def record_payment(amt = 0) = @paid += amt
end
