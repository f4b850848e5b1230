# frozen_string_literal: true

require_relative "ttl"

t = 0.0
c = TTLCache.new(cap: 3, ttl: 10, clock: -> { t })
%w[a b c].each_with_index { |k, i| c.set(k, i) }
c.get("a")
c.set("d", 3)
p c.get("b"), c.get("a")
t += 11
p c.get("a"), c.prune, c.stats

class Fib
  extend Memo
  def calc(n) = n < 2 ? n : calc(n - 1) + calc(n - 2)
  memo :calc, cap: 200
end

p Fib.new.calc(90)

lru = LRU.new(2)
lru[:x] = 1
lru[:y] = 2
lru[:x]
lru[:z] = 3
p lru.keys, lru
p lru.fetch(:w) { |k| k.to_s * 2 }, lru.keys

threads = 8.times.map do |i|
  Thread.new { 500.times { |j| lru[(i * j) % 7] = j; lru[j % 5] } }
end
threads.each(&:join)
p lru.size, lru.hit_rate.between?(0, 1)

require "benchmark"
big = LRU.new(1_000)
keys = Array.new(50_000) { rand(2_000) }
secs = Benchmark.realtime { keys.each { |k| big.fetch(k) { k * 2 } } }
puts format("50k fetches: %.1fms, hit rate %.2f, size %d", secs * 1000, big.hit_rate, big.size)
