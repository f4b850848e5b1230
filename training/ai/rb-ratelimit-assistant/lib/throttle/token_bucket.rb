# frozen_string_literal: true

module Throttle
  # A thread-safe, in-memory token bucket store.
  #
  # Each key (for example a client IP or API key) owns a bucket holding up to
  # +capacity+ tokens. Tokens refill continuously at +refill_rate+ tokens per
  # second, and each request consumes one token. When the bucket is empty the
  # request is rejected until enough time has passed.
  #
  # The store is intentionally simple; for multi-process deployments you would
  # back it with Redis or a similar shared store using the same interface.
  class TokenBucket
    # Outcome of a single {#take} call.
    #
    # @!attribute [r] allowed
    #   @return [Boolean] whether the request may proceed
    # @!attribute [r] remaining
    #   @return [Integer] whole tokens left after this request
    # @!attribute [r] retry_after
    #   @return [Float] seconds until a token becomes available (0 when allowed)
    Result = Struct.new(:allowed, :remaining, :retry_after, keyword_init: true) do
      alias_method :allowed?, :allowed
    end

    # Internal per-key state.
    Bucket = Struct.new(:tokens, :updated_at)

    # @return [Integer] maximum number of tokens per bucket
    attr_reader :capacity

    # @param capacity [Integer] burst size (must be >= 1)
    # @param refill_rate [Numeric] tokens added per second (must be > 0)
    # @param clock [#call] returns the current monotonic time in seconds
    # @param max_keys [Integer] upper bound on tracked keys, to cap memory usage
    # @raise [ArgumentError] on invalid options
    def initialize(capacity:, refill_rate:, clock: -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) },
                   max_keys: 10_000)
      raise ArgumentError, "capacity must be an Integer >= 1, got #{capacity.inspect}" unless capacity.is_a?(Integer) && capacity >= 1
      raise ArgumentError, "refill_rate must be > 0, got #{refill_rate.inspect}" unless refill_rate.is_a?(Numeric) && refill_rate.positive?
      raise ArgumentError, "max_keys must be >= 1, got #{max_keys.inspect}" unless max_keys.is_a?(Integer) && max_keys >= 1

      @capacity = capacity
      @refill_rate = refill_rate.to_f
      @clock = clock
      @max_keys = max_keys
      @buckets = {}
      @mutex = Mutex.new
    end

    # Attempts to consume +cost+ tokens from the bucket identified by +key+.
    #
    # @param key [String] identifies the client
    # @param cost [Integer] tokens to consume (defaults to 1)
    # @return [Result]
    # @raise [ArgumentError] if +cost+ exceeds the capacity (it could never succeed)
    def take(key, cost: 1)
      raise ArgumentError, "cost must be between 1 and #{@capacity}, got #{cost.inspect}" unless (1..@capacity).cover?(cost)

      @mutex.synchronize do
        now = @clock.call
        bucket = fetch_bucket(key, now)
        refill(bucket, now)

        if bucket.tokens >= cost
          bucket.tokens -= cost
          Result.new(allowed: true, remaining: bucket.tokens.floor, retry_after: 0.0)
        else
          missing = cost - bucket.tokens
          Result.new(allowed: false, remaining: 0, retry_after: missing / @refill_rate)
        end
      end
    end

    # @return [Integer] number of keys currently tracked
    def size
      @mutex.synchronize { @buckets.size }
    end

    private

    def fetch_bucket(key, now)
      @buckets.fetch(key) do
        evict_oldest if @buckets.size >= @max_keys
        @buckets[key] = Bucket.new(@capacity.to_f, now)
      end
    end

    def refill(bucket, now)
      elapsed = now - bucket.updated_at
      bucket.tokens = [@capacity.to_f, bucket.tokens + (elapsed * @refill_rate)].min
      bucket.updated_at = now
    end

    # Drops the least recently touched bucket. A dropped client simply starts
    # again with a full bucket, which errs on the side of letting traffic in.
    def evict_oldest
      oldest_key, = @buckets.min_by { |_key, bucket| bucket.updated_at }
      @buckets.delete(oldest_key)
    end
  end
end
