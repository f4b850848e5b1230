# frozen_string_literal: true

require_relative "backoff"

module RetryKit
  # Raised when every attempt allowed by a {Policy} has failed.
  #
  # The last underlying error is available both via {#last_error} and via
  # Ruby's built-in +cause+ mechanism.
  class RetriesExhausted < StandardError
    # @return [Integer] how many attempts were made in total
    attr_reader :attempts

    # @return [Exception] the error raised by the final attempt
    attr_reader :last_error

    # @param attempts [Integer]
    # @param last_error [Exception]
    def initialize(attempts:, last_error:)
      @attempts = attempts
      @last_error = last_error
      super("gave up after #{attempts} attempt(s): #{last_error.class}: #{last_error.message}")
    end
  end

  # Describes *when* an operation should be retried: how many attempts are
  # allowed, which errors are considered transient, and how long to wait
  # between attempts.
  #
  # A policy is immutable and can safely be shared between threads.
  #
  # @example
  #   policy = RetryKit::Policy.new(
  #     max_attempts: 5,
  #     retry_on: [Timeout::Error, Errno::ECONNRESET],
  #     backoff: RetryKit::Backoff.new(strategy: :exponential, base: 0.2)
  #   )
  class Policy
    # @return [Integer] the maximum number of attempts, including the first one
    attr_reader :max_attempts

    # @return [Array<Class>] error classes that are considered retryable
    attr_reader :retry_on

    # @return [Backoff] the backoff used to compute delays
    attr_reader :backoff

    # @param max_attempts [Integer] total attempts allowed (must be >= 1)
    # @param retry_on [Array<Class>, Class] exception classes that trigger a retry
    # @param backoff [Backoff] delay calculator
    # @param max_elapsed [Numeric, nil] optional overall time budget in seconds
    # @param if_condition [Proc, nil] extra predicate receiving the error;
    #   the error is only retried when it returns truthy
    # @raise [ArgumentError] if any option is invalid
    def initialize(max_attempts: 3, retry_on: [StandardError], backoff: Backoff.new,
                   max_elapsed: nil, if_condition: nil)
      unless max_attempts.is_a?(Integer) && max_attempts >= 1
        raise ArgumentError, "max_attempts must be an Integer >= 1, got #{max_attempts.inspect}"
      end

      classes = Array(retry_on)
      if classes.empty? || !classes.all? { |klass| klass.is_a?(Class) && klass <= Exception }
        raise ArgumentError, "retry_on must list one or more Exception subclasses"
      end
      raise ArgumentError, "backoff must respond to #delay_for" unless backoff.respond_to?(:delay_for)
      if !max_elapsed.nil? && !(max_elapsed.is_a?(Numeric) && max_elapsed.positive?)
        raise ArgumentError, "max_elapsed must be a positive number or nil, got #{max_elapsed.inspect}"
      end
      if !if_condition.nil? && !if_condition.respond_to?(:call)
        raise ArgumentError, "if_condition must be callable"
      end

      @max_attempts = max_attempts
      @retry_on = classes.freeze
      @backoff = backoff
      @max_elapsed = max_elapsed
      @if_condition = if_condition
      freeze
    end

    # Decides whether a failed attempt should be retried.
    #
    # @param error [Exception] the error raised by the attempt
    # @param attempt [Integer] the 1-based number of the attempt that failed
    # @param elapsed [Float] seconds spent since the first attempt started
    # @return [Boolean]
    def retry?(error, attempt:, elapsed: 0.0)
      return false if attempt >= @max_attempts
      return false unless @retry_on.any? { |klass| error.is_a?(klass) }
      return false if @if_condition && !@if_condition.call(error)
      return false if @max_elapsed && elapsed + @backoff.delay_for(attempt) > @max_elapsed

      true
    end
  end
end
