# frozen_string_literal: true

module RetryKit
  # Computes the delay to wait before the next retry attempt.
  #
  # Three strategies are supported:
  #
  # * +:constant+    - always wait +base+ seconds
  # * +:linear+      - wait +base * attempt+ seconds
  # * +:exponential+ - wait +base * multiplier ** (attempt - 1)+ seconds
  #
  # Every strategy is capped at +max_delay+, and an optional jitter can be
  # applied to spread retries from many clients over time (this avoids the
  # "thundering herd" problem when a shared dependency recovers).
  #
  # @example Exponential backoff with full jitter
  #   backoff = RetryKit::Backoff.new(strategy: :exponential, base: 0.5, jitter: :full)
  #   backoff.delay_for(3) # => somewhere between 0.0 and 2.0
  class Backoff
    STRATEGIES = %i[constant linear exponential].freeze
    JITTER_MODES = %i[none full equal].freeze

    # @return [Symbol] the strategy used to grow the delay
    attr_reader :strategy

    # @return [Float] the base delay in seconds
    attr_reader :base

    # @return [Float] the upper bound for any computed delay
    attr_reader :max_delay

    # @param strategy [Symbol] one of {STRATEGIES}
    # @param base [Numeric] the initial delay in seconds (must be >= 0)
    # @param multiplier [Numeric] growth factor for exponential backoff (must be >= 1)
    # @param max_delay [Numeric] upper bound for the delay, in seconds
    # @param jitter [Symbol] one of {JITTER_MODES}
    # @param random [Random] source of randomness, injectable for testing
    # @raise [ArgumentError] if any option is invalid
    def initialize(strategy: :exponential, base: 0.1, multiplier: 2.0, max_delay: 30.0,
                   jitter: :none, random: Random.new)
      unless STRATEGIES.include?(strategy)
        raise ArgumentError, "strategy must be one of #{STRATEGIES.inspect}, got #{strategy.inspect}"
      end
      unless JITTER_MODES.include?(jitter)
        raise ArgumentError, "jitter must be one of #{JITTER_MODES.inspect}, got #{jitter.inspect}"
      end
      raise ArgumentError, "base must be a non-negative number, got #{base.inspect}" unless base.is_a?(Numeric) && base >= 0
      raise ArgumentError, "multiplier must be >= 1, got #{multiplier.inspect}" unless multiplier.is_a?(Numeric) && multiplier >= 1
      raise ArgumentError, "max_delay must be >= base, got #{max_delay.inspect}" unless max_delay.is_a?(Numeric) && max_delay >= base

      @strategy = strategy
      @base = base.to_f
      @multiplier = multiplier.to_f
      @max_delay = max_delay.to_f
      @jitter = jitter
      @random = random
    end

    # Returns the delay (in seconds) to wait before the given attempt.
    #
    # @param attempt [Integer] the 1-based number of the attempt that just failed
    # @return [Float] the delay in seconds, never negative and never above {#max_delay}
    # @raise [ArgumentError] if +attempt+ is not a positive Integer
    def delay_for(attempt)
      unless attempt.is_a?(Integer) && attempt.positive?
        raise ArgumentError, "attempt must be a positive Integer, got #{attempt.inspect}"
      end

      apply_jitter(raw_delay(attempt).clamp(0.0, @max_delay))
    end

    private

    # Computes the un-jittered delay for the configured strategy.
    def raw_delay(attempt)
      case @strategy
      when :constant then @base
      when :linear then @base * attempt
      when :exponential
        # Guard against Float overflow for very large attempt counts.
        exponent = [attempt - 1, 1024].min
        @base * (@multiplier**exponent)
      end
    end

    # Spreads the delay randomly according to the jitter mode.
    #
    # * +:full+  picks uniformly from [0, delay]
    # * +:equal+ keeps half of the delay and randomizes the other half
    def apply_jitter(delay)
      case @jitter
      when :none then delay
      when :full then @random.rand * delay
      when :equal then (delay / 2.0) + (@random.rand * delay / 2.0)
      end
    end
  end
end
