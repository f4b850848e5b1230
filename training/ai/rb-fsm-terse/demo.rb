# frozen_string_literal: true

require_relative "order"

o = Order.new(1)
p o.state, o.cart?, o.available_events
p o.checkout
o.add("tea", 4.5, 2).add("mug", 12).add("spoon", 3).remove("spoon")
p o.checkout, o.state, o.total
p o.pay(10), o.pay(21), o.state, o.paid
p o.ship, o.can_ship?
o.tracking = "1Z999"
o.ship!
o.deliver
begin
  o.cancel!
rescue FSM::Invalid => e
  puts "err: #{e.message}"
end
puts o.log, o.history.map { _1.join(" ") }

o2 = Order.new(2).add("pen", 1)
o2.checkout && o2.pay(1) && o2.cancel && o2.refund
p o2.state, o2.paid, o2.can_reopen?, o2.log.last(2)
puts o, o2

o3 = Order.new(3)
51.times { o3.add("x", 1) }
p o3.checkout, o3.state

puts Order.fsm_def.dot

class Ticket
  include FSM
  attr_reader :notes

  def initialize = @notes = []

  fsm attr: :status, initial: :open do
    event :assign, from: %i[open reopened], to: :in_progress
    event :resolve, from: :in_progress, to: :resolved
    event :reopen, from: :resolved, to: :reopened
    event :close, from: :*, to: :closed, if: ->(*) { !closed? }
    on_enter(:reopened) { |_, _, _, why = "?"| notes << "reopened: #{why}" }
  end
end

t = Ticket.new
t.assign && t.resolve && t.reopen("still broken") && t.assign
p t.status, t.notes, t.available_events, t.close, t.close
