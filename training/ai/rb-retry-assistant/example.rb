# frozen_string_literal: true

# Demonstrates RetryKit against a simulated flaky service.
#
# Run with:  ruby example.rb

require_relative "lib/retry_kit"

# A fake remote service that fails a configurable number of times before
# finally responding. Useful for showing how the retry loop behaves.
class FlakyService
  # Raised to simulate a transient network problem.
  class TransientError < StandardError; end

  # @param failures [Integer] how many calls should fail before succeeding
  def initialize(failures:)
    raise ArgumentError, "failures must be >= 0" if failures.negative?

    @remaining_failures = failures
    @calls = 0
  end

  # @return [Integer] how many times {#fetch} has been called
  attr_reader :calls

  # @return [String] a payload once the service has "recovered"
  # @raise [TransientError] while failures remain
  def fetch
    @calls += 1
    if @remaining_failures.positive?
      @remaining_failures -= 1
      raise TransientError, "connection reset (call #{@calls})"
    end

    "payload after #{@calls} call(s)"
  end
end

backoff = RetryKit::Backoff.new(strategy: :exponential, base: 0.05, max_delay: 0.5, jitter: :equal)
policy = RetryKit::Policy.new(max_attempts: 5, retry_on: [FlakyService::TransientError], backoff: backoff)

# Log each retry so the behaviour is visible on the console.
logger = lambda do |error, attempt, delay|
  puts format("attempt %<n>d failed (%<msg>s); retrying in %<d>.3fs", n: attempt, msg: error.message, d: delay)
end

service = FlakyService.new(failures: 2)
result = RetryKit::Runner.new(policy: policy, on_retry: logger).call { service.fetch }
puts "success: #{result}"

# Now show what happens when the service never recovers.
hopeless = FlakyService.new(failures: 10)
begin
  RetryKit::Runner.new(policy: policy, on_retry: logger).call { hopeless.fetch }
rescue RetryKit::RetriesExhausted => e
  puts "gave up: #{e.message}"
  puts "underlying cause: #{e.cause.class}"
end
