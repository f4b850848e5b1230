# frozen_string_literal: true

require "optparse"
require_relative "sched"

opts = { n: 5, from: Time.now }
OptionParser.new do |o|
  o.banner = "usage: cli.rb [-n N] [--from TIME] EXPR | --demo"
  o.on("-n N", Integer) { opts[:n] = _1 }
  o.on("--from TIME") { opts[:from] = Time.new(*_1.scan(/\d+/).map(&:to_i)) }
  o.on("--demo") { opts[:demo] = true }
  o.on("--explain") { opts[:explain] = true }
  o.on("--match TIME") { opts[:match] = Time.new(*_1.scan(/\d+/).map(&:to_i)) }
end.parse!

if opts[:demo]
  t = Time.new(2024, 2, 28, 23, 58)
  s = Sched.new(clock: -> { t }, log: Logger.new($stdout, formatter: ->(sev, _, _, m) { "#{t.strftime('%F %R')} #{sev} #{m}\n" }))
  s.every("tick", "* * * * *") { }
  s.every("boom", "0 0 * * *") { raise "disk full" }
  s.every("leap", "0 0 29 feb *") { }
  6.times { t += 60; s.tick }
  s.status.each { puts _1.map(&:to_s).join(" | ") }
  exit
end

expr = ARGV.join(" ")
abort "usage: cli.rb EXPR" if expr.empty?
begin
  c = Cron.new(expr)
rescue Cron::Err => e
  abort e.message
end

if opts[:explain]
  Cron::F.each_key do |k|
    v = c.public_send(k)
    puts "#{k.to_s.ljust(5)} #{v.size == Cron::F[k].size ? '*' : v.join(',')}"
  end
end

if opts[:match]
  puts "#{opts[:match].strftime('%a %F %R')}: #{c.match?(opts[:match]) ? 'match' : 'no match'}"
  exit(c.match?(opts[:match]) ? 0 : 1)
end

puts c.upcoming(opts[:n], opts[:from]).map { _1.strftime("%a %F %R") }
