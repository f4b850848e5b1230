# frozen_string_literal: true

require "time"

module LogAgg
  # Raised when a line cannot be understood by any of the known formats.
  class ParseError < StandardError; end

  # A single parsed log line.
  #
  # @!attribute time    [Time]    when the event happened
  # @!attribute level   [Symbol]  :debug, :info, :warn, :error or :fatal
  # @!attribute source  [String]  the service or component that logged it
  # @!attribute message [String]  the free-form message text
  LogEntry = Struct.new(:time, :level, :source, :message, keyword_init: true)

  # Known severity levels, ordered from least to most severe.
  LEVELS = %i[debug info warn error fatal].freeze

  # Parses individual log lines into {LogEntry} objects.
  #
  # Two formats are supported:
  #
  # 1. Plain text, e.g.
  #      2024-05-01T12:00:00Z ERROR [billing] card declined
  # 2. key=value ("logfmt"), e.g.
  #      time=2024-05-01T12:00:00Z level=error source=billing msg="card declined"
  #
  # Level names are case-insensitive, and a few common aliases
  # ("warning", "err", "crit") are normalised to the canonical set.
  module Parser
    PLAIN = /\A(?<time>\S+)\s+(?<level>[A-Za-z]+)\s+\[(?<source>[^\]]+)\]\s*(?<message>.*)\z/.freeze

    # Matches key=value pairs, where the value may be a double-quoted string
    # containing escaped quotes.
    LOGFMT_PAIR = /(\w+)=("(?:[^"\\]|\\.)*"|\S*)/.freeze

    LEVEL_ALIASES = {
      "warning" => :warn,
      "err" => :error,
      "crit" => :fatal,
      "critical" => :fatal
    }.freeze

    module_function

    # Parses one line of text.
    #
    # @param line [String] a single log line (a trailing newline is fine)
    # @return [LogEntry]
    # @raise [ParseError] if the line matches neither format or has a bad
    #   timestamp or level
    def parse(line)
      raise ArgumentError, "expected a String, got #{line.class}" unless line.is_a?(String)

      text = line.chomp
      raise ParseError, "empty line" if text.strip.empty?

      if (m = PLAIN.match(text))
        build(m[:time], m[:level], m[:source], m[:message])
      elsif text.include?("=")
        parse_logfmt(text)
      else
        raise ParseError, "unrecognised log format: #{text[0, 60].inspect}"
      end
    end

    # @api private
    def parse_logfmt(text)
      fields = {}
      text.scan(LOGFMT_PAIR) do |key, raw|
        fields[key] = unquote(raw)
      end

      missing = %w[time level].reject { |k| fields.key?(k) }
      unless missing.empty?
        raise ParseError, "logfmt line is missing required field(s): #{missing.join(', ')}"
      end

      build(fields["time"], fields["level"], fields.fetch("source", "unknown"),
            fields.fetch("msg", fields.fetch("message", "")))
    end

    # @api private
    def unquote(raw)
      return raw unless raw.start_with?('"') && raw.end_with?('"') && raw.length >= 2

      raw[1..-2].gsub(/\\(.)/, '\1')
    end

    # @api private
    def build(time, level, source, message)
      LogEntry.new(
        time: parse_time(time),
        level: normalise_level(level),
        source: source.strip,
        message: message.strip
      )
    end

    # @api private
    def parse_time(value)
      Time.iso8601(value)
    rescue ArgumentError
      raise ParseError, "invalid ISO-8601 timestamp: #{value.inspect}"
    end

    # @api private
    def normalise_level(value)
      name = value.to_s.downcase
      level = LEVEL_ALIASES.fetch(name) { name.to_sym }
      return level if LEVELS.include?(level)

      raise ParseError, "unknown log level: #{value.inspect} (expected one of #{LEVELS.join(', ')})"
    end
  end
end
