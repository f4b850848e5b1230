class TokenBucket
  def initialize(capacity:, refill_per_second:, clock: -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) })
    @capacity = capacity.to_f
    @refill_per_second = refill_per_second.to_f
    @clock = clock
    @tokens = @capacity
    @last_refill = @clock.call
    @lock = Mutex.new
  end

  # Returns true and consumes `cost` tokens if enough are available.
  def take(cost = 1)
    @lock.synchronize do
      refill
      return false if @tokens < cost

      @tokens -= cost
      true
    end
  end

  private

  def refill
    now = @clock.call
    elapsed = now - @last_refill
    @tokens = [@capacity, @tokens + elapsed * @refill_per_second].min
    @last_refill = now
  end
end
