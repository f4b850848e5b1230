# frozen_string_literal: true

require "uri"

module EnvConfig
  # Raised when a raw string value cannot be converted to the declared type.
  class CoercionError < StandardError; end

  # Converts raw string values (as found in ENV or .env files) into typed
  # Ruby objects.
  #
  # Each coercer is a lambda that receives the raw String and returns the
  # converted value, raising {CoercionError} with a helpful message when the
  # input is not valid for that type.
  module Coercions
    # Strings accepted as boolean +true+ (compared case-insensitively).
    TRUTHY = %w[1 true yes on y].freeze

    # Strings accepted as boolean +false+ (compared case-insensitively).
    FALSY = %w[0 false no off n].freeze

    COERCERS = {
      string: ->(raw) { raw },
      integer: lambda do |raw|
        Integer(raw, 10)
      rescue ArgumentError
        raise CoercionError, "expected an integer, got #{raw.inspect}"
      end,
      float: lambda do |raw|
        Float(raw)
      rescue ArgumentError
        raise CoercionError, "expected a number, got #{raw.inspect}"
      end,
      boolean: lambda do |raw|
        normalized = raw.strip.downcase
        next true if TRUTHY.include?(normalized)
        next false if FALSY.include?(normalized)

        raise CoercionError, "expected a boolean (#{(TRUTHY + FALSY).join('/')}), got #{raw.inspect}"
      end,
      list: ->(raw) { raw.split(",").map(&:strip).reject(&:empty?) },
      symbol: ->(raw) { raw.strip.to_sym },
      uri: lambda do |raw|
        uri = URI.parse(raw)
        raise CoercionError, "expected an absolute URI, got #{raw.inspect}" unless uri.absolute?

        uri
      rescue URI::InvalidURIError
        raise CoercionError, "expected a valid URI, got #{raw.inspect}"
      end,
      duration: lambda do |raw|
        # Accepts values like "30s", "5m", "2h" or a bare number of seconds.
        match = raw.strip.match(/\A(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\z/)
        raise CoercionError, "expected a duration like 30s, 5m or 2h, got #{raw.inspect}" unless match

        amount = match[1].to_f
        multiplier = { "ms" => 0.001, "s" => 1, "m" => 60, "h" => 3600, nil => 1 }.fetch(match[2])
        amount * multiplier
      end
    }.freeze

    # Lists the type names that can be used in a schema.
    #
    # @return [Array<Symbol>]
    def self.types
      COERCERS.keys
    end

    # Converts a raw value to the requested type.
    #
    # @param type [Symbol] one of {types}
    # @param raw [String] the raw value to convert
    # @return [Object] the converted value
    # @raise [ArgumentError] if the type is unknown
    # @raise [CoercionError] if the value cannot be converted
    def self.coerce(type, raw)
      coercer = COERCERS.fetch(type) do
        raise ArgumentError, "unknown type #{type.inspect}; expected one of #{types.inspect}"
      end
      coercer.call(raw.to_s)
    end
  end
end
