# frozen_string_literal: true

require_relative "retry_kit/backoff"
require_relative "retry_kit/policy"

# RetryKit wraps an operation that may fail transiently (network calls,
# database deadlocks, rate-limited APIs) and re-runs it according to a
# {RetryKit::Policy}.
#
# @example Basic usage
#   result = RetryKit.with_retries(max_attempts: 4) do |attempt|
#     puts "attempt #{attempt}"
#     fetch_remote_resource
#   end
module RetryKit
  # Executes a block, retrying according to a {Policy}.
  #
  # The runner is intentionally decoupled from +Kernel#sleep+ and the system
  # clock so that it can be exercised in tests without actually waiting.
  class Runner
    # @param policy [Policy] the retry policy to follow
    # @param sleeper [#call] called with the delay in seconds between attempts
    # @param clock [#call] returns the current monotonic time in seconds
    # @param on_retry [#call, nil] optional hook called as
    #   +on_retry.call(error, attempt, delay)+ before each wait
    # @raise [ArgumentError] if +policy+ is not a {Policy}
    def initialize(policy:, sleeper: ->(seconds) { sleep(seconds) },
                   clock: -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) },
                   on_retry: nil)
      raise ArgumentError, "policy must be a RetryKit::Policy, got #{policy.class}" unless policy.is_a?(Policy)

      @policy = policy
      @sleeper = sleeper
      @clock = clock
      @on_retry = on_retry
    end

    # Runs the block until it succeeds or the policy says to stop.
    #
    # @yieldparam attempt [Integer] the 1-based attempt number
    # @return [Object] whatever the block returns on success
    # @raise [RetriesExhausted] when a retryable error persists past the policy limits
    # @raise [Exception] any non-retryable error is re-raised unchanged
    def call
      raise ArgumentError, "a block is required" unless block_given?

      started_at = @clock.call
      attempt = 0

      begin
        attempt += 1
        yield attempt
      rescue StandardError => e
        elapsed = @clock.call - started_at

        unless @policy.retry?(e, attempt: attempt, elapsed: elapsed)
          # Non-retryable errors surface as-is so callers can handle them
          # normally; only exhausted retryable errors are wrapped.
          raise unless retryable_class?(e)

          raise RetriesExhausted.new(attempts: attempt, last_error: e)
        end

        delay = @policy.backoff.delay_for(attempt)
        @on_retry&.call(e, attempt, delay)
        @sleeper.call(delay) if delay.positive?
        retry
      end
    end

    private

    def retryable_class?(error)
      @policy.retry_on.any? { |klass| error.is_a?(klass) }
    end
  end

  # Convenience wrapper that builds a {Policy} and a {Runner} in one call.
  #
  # @param on_retry [#call, nil] see {Runner#initialize}
  # @param policy_options [Hash] forwarded to {Policy#initialize}
  # @yieldparam attempt [Integer] the 1-based attempt number
  # @return [Object] the block's return value
  def self.with_retries(on_retry: nil, **policy_options, &block)
    raise ArgumentError, "a block is required" unless block

    Runner.new(policy: Policy.new(**policy_options), on_retry: on_retry).call(&block)
  end
end
