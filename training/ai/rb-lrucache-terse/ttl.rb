# frozen_string_literal: true

require "monitor"
require_relative "lru"

class TTLCache
  Entry = Struct.new(:val, :exp) do
    def live?(now) = exp.nil? || now < exp
  end

  def initialize(cap: 1024, ttl: nil, clock: -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) })
    @lru, @ttl, @clock = LRU.new(cap), ttl, clock
  end

  def get(k)
    e = @lru[k] or return
    return e.val if e.live?(now)
    @lru.delete(k)
    nil
  end

  def set(k, v, ttl: @ttl)
    @lru[k] = Entry.new(v, ttl && now + ttl)
    v
  end

  def fetch(k, ttl: @ttl)
    e = @lru[k]
    return e.val if e&.live?(now)
    set(k, yield(k), ttl:)
  end

  def delete(k) = @lru.delete(k)&.val
  def size = @lru.size
  def stats = { size:, hits: @lru.hits, misses: @lru.misses, rate: @lru.hit_rate.round(3) }

  def prune
    t = now
    @lru.reject { |_, e| e.live?(t) }.each { |k, _| @lru.delete(k) }.size
  end

  private

  def now = @clock.call
end

module Memo
  def memo(name, ttl: nil, cap: 256)
    orig = instance_method(name)
    ivar = :"@__memo_#{name}"
    define_method(name) do |*args|
      c = instance_variable_get(ivar) || instance_variable_set(ivar, TTLCache.new(cap:, ttl:))
      c.fetch(args) { orig.bind_call(self, *args) }
    end
    name
  end
end
