# frozen_string_literal: true

require_relative "coercions"
require_relative "dotenv_parser"

# EnvConfig loads typed application settings from environment variables,
# optionally merged with a .env file, and validates them up front so that a
# misconfigured deployment fails fast at boot instead of at first use.
#
# @example
#   config = EnvConfig::Schema.define do |s|
#     s.setting :port, type: :integer, default: 3000
#     s.setting :database_url, type: :uri, required: true
#     s.setting :debug, type: :boolean, default: false
#   end.load(env: ENV)
#
#   config.port # => 3000
module EnvConfig
  # Raised when one or more settings are missing or invalid. All problems are
  # collected and reported together so they can be fixed in one pass.
  class ValidationError < StandardError
    # @return [Array<String>] one human-readable message per problem
    attr_reader :problems

    # @param problems [Array<String>]
    def initialize(problems)
      @problems = problems.freeze
      super("invalid configuration:\n  - #{problems.join("\n  - ")}")
    end
  end

  # Describes a single setting in a {Schema}.
  Setting = Struct.new(:name, :type, :default, :required, :env_key, :allowed, keyword_init: true)

  # An immutable, read-only view of the loaded settings. Each setting is
  # exposed as a reader method and also through {#[]} and {#to_h}.
  class Config
    # @param values [Hash{Symbol=>Object}]
    def initialize(values)
      @values = values.freeze
      values.each_key do |name|
        define_singleton_method(name) { @values[name] }
      end
      freeze
    end

    # @param name [Symbol, String]
    # @return [Object] the value of the setting
    # @raise [KeyError] if the setting does not exist
    def [](name)
      @values.fetch(name.to_sym)
    end

    # @return [Hash{Symbol=>Object}] a copy of all settings
    def to_h
      @values.dup
    end
  end

  # Declares the settings an application expects.
  class Schema
    # Builds a schema using a small DSL.
    #
    # @yieldparam schema [Schema]
    # @return [Schema]
    def self.define
      schema = new
      yield schema
      schema
    end

    def initialize
      @settings = {}
    end

    # Declares a setting.
    #
    # @param name [Symbol] the reader name, e.g. +:database_url+
    # @param type [Symbol] a type from {Coercions.types}
    # @param default [Object] value used when the variable is absent
    # @param required [Boolean] whether the variable must be present
    # @param env_key [String, nil] variable name; defaults to +NAME.upcase+
    # @param allowed [Array, nil] optional whitelist of accepted values
    # @return [self]
    # @raise [ArgumentError] for duplicate names, unknown types or conflicting options
    def setting(name, type: :string, default: nil, required: false, env_key: nil, allowed: nil)
      name = name.to_sym
      raise ArgumentError, "setting #{name.inspect} is already defined" if @settings.key?(name)
      unless Coercions.types.include?(type)
        raise ArgumentError, "unknown type #{type.inspect} for #{name}; expected one of #{Coercions.types.inspect}"
      end
      if required && !default.nil?
        raise ArgumentError, "setting #{name} cannot be both required and have a default"
      end

      @settings[name] = Setting.new(
        name: name, type: type, default: default, required: required,
        env_key: env_key || name.to_s.upcase, allowed: allowed
      )
      self
    end

    # Loads and validates settings.
    #
    # Values from +env+ take precedence over values from +dotenv_path+, which
    # matches the usual convention that real environment variables override
    # the developer's local file.
    #
    # @param env [Hash{String=>String}] usually +ENV+
    # @param dotenv_path [String, nil] optional path to a .env file
    # @return [Config]
    # @raise [ValidationError] listing every missing or invalid setting
    def load(env: ENV, dotenv_path: nil)
      source = {}
      source.merge!(DotenvParser.new(env: env).parse_file(dotenv_path)) if dotenv_path && File.exist?(dotenv_path)
      source.merge!(env.to_h)

      problems = []
      values = @settings.each_value.with_object({}) do |setting, result|
        result[setting.name] = resolve(setting, source, problems)
      end

      raise ValidationError, problems unless problems.empty?

      Config.new(values)
    end

    private

    def resolve(setting, source, problems)
      raw = source[setting.env_key]
      if raw.nil? || raw.strip.empty?
        problems << "#{setting.env_key} is required but not set" if setting.required
        return setting.default
      end

      value = Coercions.coerce(setting.type, raw)
      if setting.allowed && !setting.allowed.include?(value)
        problems << "#{setting.env_key} must be one of #{setting.allowed.inspect}, got #{value.inspect}"
      end
      value
    rescue CoercionError => e
      problems << "#{setting.env_key}: #{e.message}"
      nil
    end
  end
end
