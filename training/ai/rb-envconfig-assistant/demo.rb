# frozen_string_literal: true

# Shows how EnvConfig reports every configuration problem at once.
#
# Run with:  ruby demo.rb

require "tmpdir"
require_relative "lib/env_config"

schema = EnvConfig::Schema.define do |s|
  s.setting :port, type: :integer, default: 3000
  s.setting :database_url, type: :uri, required: true
  s.setting :debug, type: :boolean, default: false
  s.setting :log_level, type: :symbol, default: :info, allowed: %i[debug info warn error]
  s.setting :request_timeout, type: :duration, default: 30.0
  s.setting :allowed_hosts, type: :list, default: []
end

Dir.mktmpdir do |dir|
  dotenv = File.join(dir, ".env")
  File.write(dotenv, <<~DOTENV)
    # Local development settings
    export DATABASE_URL=postgres://localhost:5432/app_dev
    DEBUG=yes
    REQUEST_TIMEOUT=5s
    ALLOWED_HOSTS="localhost, 127.0.0.1"
  DOTENV

  # PORT comes from the "real" environment and overrides nothing in the file.
  config = schema.load(env: { "PORT" => "8080" }, dotenv_path: dotenv)
  config.to_h.each { |key, value| puts "#{key.to_s.ljust(16)} #{value.inspect}" }
end

puts
begin
  schema.load(env: { "PORT" => "eighty", "LOG_LEVEL" => "verbose" })
rescue EnvConfig::ValidationError => e
  puts e.message
end

# Settings can also be read by name; unknown names raise KeyError so typos
# are caught immediately instead of silently returning nil.
config = schema.load(env: { "DATABASE_URL" => "postgres://db/app" })
puts
puts "config[:port] = #{config[:port]}"
begin
  config[:prot]
rescue KeyError => e
  puts "typo detected: #{e.message}"
end
