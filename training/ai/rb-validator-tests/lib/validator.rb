# frozen_string_literal: true

module Validator
  Error = Struct.new(:path, :message) do
    def to_s = path.empty? ? message : "#{path}: #{message}"
  end

  class Result
    attr_reader :errors, :value

    def initialize(value, errors)
      @value = value
      @errors = errors.freeze
    end

    def valid? = errors.empty?
    def messages = errors.map(&:to_s)
  end

  class Rule
    def initialize(&check)
      @check = check
    end

    def call(value, path, errors)
      msg = @check.call(value)
      errors << Error.new(path, msg) if msg
    end
  end

  class Field
    attr_reader :name, :required

    def initialize(name, type:, required: true, default: nil, schema: nil, of: nil)
      @name = name
      @type = type
      @required = required
      @default = default
      @schema = schema
      @of = of
      @rules = []
    end

    def min(n) = add_rule { |v| "must be at least #{n}" if size_of(v) < n }
    def max(n) = add_rule { |v| "must be at most #{n}" if size_of(v) > n }
    def format(re, msg = "has invalid format") = add_rule { |v| msg unless v.to_s.match?(re) }
    def one_of(*allowed) = add_rule { |v| "must be one of #{allowed.join(', ')}" unless allowed.include?(v) }
    def check(msg, &blk) = add_rule { |v| msg unless blk.call(v) }

    def validate(input, path, errors)
      key = [name, name.to_s].find { |k| input.key?(k) }
      if key.nil? || input[key].nil?
        errors << Error.new(path, "is required") if required && @default.nil?
        return @default
      end

      value = coerce(input[key], path, errors)
      return nil if value.nil?

      before = errors.size
      value = nested(value, path, errors)
      @rules.each { |r| r.call(value, path, errors) } if errors.size == before
      value
    end

    private

    def add_rule(&blk)
      @rules << Rule.new(&blk)
      self
    end

    def size_of(v) = v.respond_to?(:length) ? v.length : v

    def coerce(raw, path, errors)
      case @type
      when :string then raw.is_a?(String) ? raw : type_error(path, errors)
      when :integer
        return raw if raw.is_a?(Integer)
        return Integer(raw, 10) if raw.is_a?(String) && raw.match?(/\A-?\d+\z/)

        type_error(path, errors)
      when :float
        return raw.to_f if raw.is_a?(Numeric)

        Float(raw, exception: false) || type_error(path, errors)
      when :boolean
        return raw if [true, false].include?(raw)
        return raw == "true" if %w[true false].include?(raw)

        type_error(path, errors)
      when :hash then raw.is_a?(Hash) ? raw : type_error(path, errors)
      when :array then raw.is_a?(Array) ? raw : type_error(path, errors)
      else raise ArgumentError, "unknown type #{@type}"
      end
    end

    def nested(value, path, errors)
      if @schema && value.is_a?(Hash)
        @schema.validate_into(value, path, errors)
      elsif @of && value.is_a?(Array)
        value.each_with_index.map do |item, i|
          item_path = "#{path}[#{i}]"
          item.is_a?(Hash) && @of.is_a?(Schema) ? @of.validate_into(item, item_path, errors) : item
        end
      else
        value
      end
    end

    def type_error(path, errors)
      errors << Error.new(path, "must be #{@type.to_s.start_with?(/[aeiou]/) ? 'an' : 'a'} #{@type}")
      nil
    end
  end

  class Schema
    def self.define(&blk)
      new.tap { |s| s.instance_eval(&blk) }
    end

    def initialize
      @fields = []
      @strict = false
    end

    def strict! = @strict = true

    %i[string integer float boolean array].each do |type|
      define_method(type) do |name, **opts|
        Field.new(name, type: type, **opts).tap { |f| @fields << f }
      end
    end

    def hash(name = nil, **opts, &blk)
      return super() if name.nil?

      schema = blk ? Schema.define(&blk) : opts.delete(:schema)
      Field.new(name, type: :hash, schema: schema, **opts).tap { |f| @fields << f }
    end

    def validate(input)
      errors = []
      unless input.is_a?(Hash)
        errors << Error.new("", "must be a hash")
        return Result.new(nil, errors)
      end
      value = validate_into(input, "", errors)
      Result.new(errors.empty? ? value : nil, errors)
    end

    def validate_into(input, prefix, errors)
      out = {}
      @fields.each do |f|
        path = prefix.empty? ? f.name.to_s : "#{prefix}.#{f.name}"
        v = f.validate(input, path, errors)
        out[f.name.to_sym] = v unless v.nil? && !f.required
      end
      if @strict
        known = @fields.map { |f| f.name.to_s }
        (input.keys.map(&:to_s) - known).each do |k|
          errors << Error.new(prefix.empty? ? k : "#{prefix}.#{k}", "is not allowed")
        end
      end
      out
    end
  end
end
