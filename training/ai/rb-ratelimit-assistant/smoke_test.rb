# frozen_string_literal: true

# A quick, self-contained check of the middleware without needing a Rack
# server. It drives the middleware with hand-built env hashes and a fake
# clock so the output is deterministic.
#
# Run with:  ruby smoke_test.rb

require_relative "lib/throttle/middleware"

# A controllable clock so we can "advance time" instantly.
class FakeClock
  def initialize
    @now = 0.0
  end

  # @return [Float] the current fake time
  def call
    @now
  end

  # @param seconds [Numeric] how far to move the clock forward
  def advance(seconds)
    @now += seconds
  end
end

clock = FakeClock.new
store = Throttle::TokenBucket.new(capacity: 3, refill_rate: 0.5, clock: clock)
app = ->(_env) { [200, { "content-type" => "text/plain" }, ["ok"]] }
middleware = Throttle::Middleware.new(app, store: store, skip: ->(env) { env["PATH_INFO"] == "/health" })

request = { "REMOTE_ADDR" => "10.0.0.1", "PATH_INFO" => "/api" }

5.times do |i|
  status, headers, = middleware.call(request)
  puts "request #{i + 1}: #{status} remaining=#{headers['x-ratelimit-remaining']} " \
       "retry-after=#{headers['retry-after'] || '-'}"
end

clock.advance(2)
status, headers, = middleware.call(request)
puts "after 2s: #{status} remaining=#{headers['x-ratelimit-remaining']}"

status, = middleware.call(request.merge("PATH_INFO" => "/health"))
puts "health check: #{status} (never limited)"

other_status, = middleware.call(request.merge("REMOTE_ADDR" => "10.0.0.2"))
puts "different client: #{other_status}"
