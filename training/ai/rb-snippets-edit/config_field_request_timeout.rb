    DEFAULT_REQUEST_TIMEOUT = 15
    MAX_REQUEST_TIMEOUT = 300

    attr_reader :request_timeout

    def request_timeout=(value)
      seconds = Integer(value, exception: false)
      if seconds.nil? || seconds <= 0
        raise ConfigError, "request_timeout must be a positive integer (seconds), got #{value.inspect}"
      end
      if seconds > MAX_REQUEST_TIMEOUT
        raise ConfigError, "request_timeout must not exceed #{MAX_REQUEST_TIMEOUT}s, got #{seconds}"
      end

      @request_timeout = seconds
    end
