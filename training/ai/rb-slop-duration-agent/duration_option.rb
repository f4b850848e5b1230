module Slop
  # Cast the option argument to a number of seconds. Accepts a plain
  # number (using the `unit` config, which defaults to seconds) or a
  # sequence of numbers with unit suffixes, for example "1h30m" or "2.5s".
  #
  # Example:
  #
  #   opts = Slop.parse(%w(--timeout 1m30s)) do |o|
  #     o.duration '--timeout', 'request timeout', default: 60
  #   end
  #   opts[:timeout] #=> 90
  #
  # Returns nil for a value that can't be understood, the same as
  # IntegerOption and FloatOption do.
  class DurationOption < Option
    UNITS = {
      "ms" => 0.001,
      "s"  => 1,
      "m"  => 60,
      "h"  => 60 * 60,
      "d"  => 60 * 60 * 24,
      "w"  => 60 * 60 * 24 * 7,
    }.freeze

    NUMBER_REGEXP = /\A\d+(?:\.\d+)?\z/.freeze
    PART_REGEXP   = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/.freeze
    PARTS_REGEXP  = /\A(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+\z/.freeze

    def call(value)
      value = value.to_s.strip.downcase

      seconds = if value =~ NUMBER_REGEXP
        to_number(value) * unit_multiplier
      elsif value =~ PARTS_REGEXP
        value.scan(PART_REGEXP).sum { |number, unit| to_number(number) * UNITS[unit] }
      end

      seconds && normalize(seconds)
    end

    # The unit used when the argument is a plain number (default is
    # seconds). Can be given as a String or Symbol, e.g `unit: :m`.
    def unit
      (config[:unit] || "s").to_s
    end

    private

    def unit_multiplier
      UNITS.fetch(unit) do
        raise ArgumentError, "unknown duration unit `#{unit}' for option #{flag}"
      end
    end

    def to_number(string)
      string.include?(".") ? string.to_f : string.to_i
    end

    # Return an Integer when there's no fractional part so "1.5m"
    # gives us 90 rather than 90.0.
    def normalize(seconds)
      seconds.is_a?(Float) && seconds == seconds.floor ? seconds.to_i : seconds
    end
  end
end
