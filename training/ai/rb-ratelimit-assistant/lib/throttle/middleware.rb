# frozen_string_literal: true

require "json"
require_relative "token_bucket"

module Throttle
  # Rack middleware that rate-limits requests using a {TokenBucket}.
  #
  # Allowed responses are annotated with +X-RateLimit-Limit+ and
  # +X-RateLimit-Remaining+ headers. Rejected requests receive a
  # +429 Too Many Requests+ response with a +Retry-After+ header, as
  # recommended by RFC 6585.
  #
  # @example config.ru
  #   require "throttle/middleware"
  #
  #   use Throttle::Middleware,
  #       capacity: 60,
  #       refill_rate: 1,
  #       skip: ->(env) { env["PATH_INFO"] == "/health" }
  #   run MyApp
  class Middleware
    # @param app [#call] the downstream Rack application
    # @param capacity [Integer] burst size per client
    # @param refill_rate [Numeric] tokens per second per client
    # @param key [#call] derives the client key from the Rack env;
    #   defaults to the remote IP address
    # @param skip [#call, nil] requests for which this returns truthy are not limited
    # @param store [TokenBucket, nil] inject a pre-built store (useful for tests)
    # @raise [ArgumentError] if +app+ or +key+ is not callable
    def initialize(app, capacity: 60, refill_rate: 1.0, key: nil, skip: nil, store: nil)
      raise ArgumentError, "app must respond to #call" unless app.respond_to?(:call)

      @app = app
      @key = key || method(:default_key)
      raise ArgumentError, "key must respond to #call" unless @key.respond_to?(:call)

      @skip = skip
      @store = store || TokenBucket.new(capacity: capacity, refill_rate: refill_rate)
    end

    # Handles a Rack request.
    #
    # @param env [Hash] the Rack environment
    # @return [Array(Integer, Hash, #each)] a Rack response triple
    def call(env)
      return @app.call(env) if @skip&.call(env)

      client = @key.call(env)
      # Requests we cannot attribute to a client are passed through rather
      # than lumped together under a single shared (and quickly empty) bucket.
      return @app.call(env) if client.nil? || client.to_s.empty?

      result = @store.take(client.to_s)
      return too_many_requests(result) unless result.allowed?

      status, headers, body = @app.call(env)
      [status, headers.merge(rate_limit_headers(result)), body]
    end

    private

    # Prefers the first address in X-Forwarded-For when present. Only trust
    # this header if the app runs behind a proxy you control.
    def default_key(env)
      forwarded = env["HTTP_X_FORWARDED_FOR"]
      return forwarded.split(",").first.strip if forwarded && !forwarded.strip.empty?

      env["REMOTE_ADDR"]
    end

    def rate_limit_headers(result)
      {
        "x-ratelimit-limit" => @store.capacity.to_s,
        "x-ratelimit-remaining" => result.remaining.to_s
      }
    end

    def too_many_requests(result)
      # Retry-After must be an integer number of seconds; round up so clients
      # never retry slightly too early.
      retry_after = result.retry_after.ceil.clamp(1, nil)
      body = JSON.generate(error: "rate_limited", retry_after: retry_after)

      headers = rate_limit_headers(result).merge(
        "content-type" => "application/json",
        "content-length" => body.bytesize.to_s,
        "retry-after" => retry_after.to_s
      )
      [429, headers, [body]]
    end
  end
end
