# frozen_string_literal: true

module EnvConfig
  # Raised when a .env file contains a line that cannot be understood.
  class ParseError < StandardError; end

  # A small parser for the common ".env" file format.
  #
  # Supported syntax:
  #
  #   # comments and blank lines are ignored
  #   export DATABASE_URL=postgres://localhost/app
  #   GREETING="Hello\nWorld"      # double quotes allow escapes
  #   RAW='no $expansion here'      # single quotes are taken literally
  #   HOME_DIR=${HOME}/app          # ${VAR} references earlier keys or ENV
  #
  # @example
  #   EnvConfig::DotenvParser.new.parse("PORT=3000\n") # => { "PORT" => "3000" }
  class DotenvParser
    LINE_PATTERN = /\A(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\z/
    ESCAPES = { "n" => "\n", "t" => "\t", "r" => "\r", '"' => '"', "\\" => "\\" }.freeze

    # @param env [Hash{String=>String}] the environment used to resolve ${VAR}
    #   references that are not defined earlier in the same file
    def initialize(env: ENV)
      @env = env
    end

    # Parses the contents of a .env file.
    #
    # @param content [String] the file contents
    # @return [Hash{String=>String}] keys mapped to their (unquoted) values
    # @raise [ParseError] with the offending line number on malformed input
    def parse(content)
      raise ArgumentError, "content must be a String, got #{content.class}" unless content.is_a?(String)

      content.each_line.with_index(1).each_with_object({}) do |(line, number), result|
        stripped = line.strip
        next if stripped.empty? || stripped.start_with?("#")

        match = LINE_PATTERN.match(stripped)
        raise ParseError, "line #{number}: expected KEY=value, got #{stripped.inspect}" unless match

        key = match[1]
        result[key] = parse_value(match[2], number, result)
      end
    end

    # Reads and parses a .env file from disk.
    #
    # @param path [String] path to the file
    # @return [Hash{String=>String}]
    # @raise [Errno::ENOENT] if the file does not exist
    def parse_file(path)
      parse(File.read(path, encoding: "UTF-8"))
    end

    private

    # Interprets the right-hand side of an assignment.
    def parse_value(raw, line_number, known)
      case raw[0]
      when "'"
        closing = raw.index("'", 1)
        raise ParseError, "line #{line_number}: unterminated single quote" unless closing

        raw[1...closing]
      when '"'
        closing = find_closing_double_quote(raw)
        raise ParseError, "line #{line_number}: unterminated double quote" unless closing

        interpolate(unescape(raw[1...closing]), known)
      else
        # Unquoted values end at an inline comment (" #").
        interpolate(raw.sub(/\s+#.*\z/, "").strip, known)
      end
    end

    # Returns the index of the first unescaped double quote after position 0.
    def find_closing_double_quote(raw)
      index = 1
      while index < raw.length
        return index if raw[index] == '"'

        index += raw[index] == "\\" ? 2 : 1
      end
      nil
    end

    def unescape(value)
      value.gsub(/\\(.)/) { ESCAPES.fetch(Regexp.last_match(1), Regexp.last_match(0)) }
    end

    # Replaces ${NAME} with a previously parsed key, falling back to the
    # environment. Unknown names expand to an empty string, mirroring shells.
    def interpolate(value, known)
      value.gsub(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/) do
        name = Regexp.last_match(1)
        known.fetch(name) { @env.fetch(name, "") }
      end
    end
  end
end
