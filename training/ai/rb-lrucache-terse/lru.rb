# frozen_string_literal: true

require "monitor"

class LRU
  include Enumerable

  Node = Struct.new(:key, :val, :prev, :nxt)

  attr_reader :cap, :hits, :misses

  def initialize(cap)
    raise ArgumentError, "cap < 1" if cap < 1
    @cap, @h, @hits, @misses = cap, {}, 0, 0
    @head = Node.new
    @tail = Node.new
    @head.nxt, @tail.prev = @tail, @head
    @lock = Monitor.new
  end

  def size = @h.size
  def empty? = @h.empty?
  def key?(k) = @h.key?(k)
  def hit_rate = (t = hits + misses).zero? ? 0.0 : hits.fdiv(t)

  def [](k)
    @lock.synchronize do
      n = @h[k] or (@misses += 1; return)
      @hits += 1
      touch(n).val
    end
  end

  def []=(k, v)
    @lock.synchronize do
      if (n = @h[k])
        n.val = v
        touch(n)
      else
        evict while @h.size >= cap
        @h[k] = push(Node.new(k, v))
      end
      v
    end
  end

  def fetch(k)
    @lock.synchronize { key?(k) ? self[k] : (@misses += 1; self[k] = yield(k)) }
  end

  def delete(k) = @lock.synchronize { (n = @h.delete(k)) && unlink(n).val }

  def each
    return to_enum(:each) { size } unless block_given?
    n = @head.nxt
    until n.equal?(@tail)
      yield [n.key, n.val]
      n = n.nxt
    end
  end

  def keys = map(&:first)
  def clear = @lock.synchronize { @h.clear; @head.nxt, @tail.prev = @tail, @head; self }
  def inspect = "#<LRU #{size}/#{cap} #{to_a.first(5).to_h}>"

  private

  def push(n)
    n.prev, n.nxt = @head, @head.nxt
    @head.nxt.prev = n
    @head.nxt = n
  end

  def unlink(n)
    n.prev.nxt, n.nxt.prev = n.nxt, n.prev
    n
  end

  def touch(n) = push(unlink(n))
  def evict = @h.delete(unlink(@tail.prev).key)
end
