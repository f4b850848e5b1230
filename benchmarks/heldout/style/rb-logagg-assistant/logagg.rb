#!/usr/bin/env ruby
# frozen_string_literal: true

# Command-line front end for the log aggregator.
#
# Usage:
#   ruby logagg.rb [options] FILE...
#   cat app.log | ruby logagg.rb [options]
#
# Reads one or more log files (or standard input when no files are given)
# and prints a summary report.

require "optparse"
require_relative "aggregator"

options = { bucket: 60, level: :debug, top: 5 }

parser = OptionParser.new do |opts|
  opts.banner = "Usage: logagg.rb [options] [FILE...]"

  opts.on("-b", "--bucket SECONDS", Integer, "Time bucket width (default: 60)") do |v|
    options[:bucket] = v
  end
  opts.on("-l", "--level LEVEL", "Ignore entries below LEVEL (default: debug)") do |v|
    options[:level] = v.downcase.to_sym
  end
  opts.on("-n", "--top N", Integer, "Rows to show in each table (default: 5)") do |v|
    options[:top] = v
  end
  opts.on("-h", "--help", "Show this help") do
    puts opts
    exit
  end
end

begin
  parser.parse!
  agg = LogAgg::Aggregator.new(bucket_seconds: options[:bucket], min_level: options[:level])
rescue OptionParser::ParseError, ArgumentError => e
  warn "logagg: #{e.message}"
  warn parser.banner
  exit 2
end

# Check every file up front so we fail before doing any work, rather than
# printing a partial report.
ARGV.each do |path|
  next if File.file?(path) && File.readable?(path)

  warn "logagg: cannot read #{path.inspect}: no such file or permission denied"
  exit 1
end

if ARGV.empty?
  $stdin.each_line { |line| agg.add_line(line) }
else
  ARGV.each { |path| File.foreach(path) { |line| agg.add_line(line) } }
end

if agg.total.zero?
  puts "No log entries recorded (#{agg.skipped} line(s) could not be parsed)."
  exit
end

puts "Entries: #{agg.total}  (skipped #{agg.skipped} unparseable line(s))"
puts "Range:   #{agg.first_time.utc.iso8601} .. #{agg.last_time.utc.iso8601}"
puts format("Errors:  %.1f%%", agg.error_rate * 100)
puts

puts "By level:"
agg.counts_by_level.each { |level, count| puts format("  %-6s %8d", level, count) }
puts

puts "Top sources:"
agg.counts_by_source(limit: options[:top]).each { |src, count| puts format("  %-20s %8d", src, count) }
puts

puts "Busiest #{options[:bucket]}s windows:"
agg.busiest_buckets(limit: options[:top]).each { |t, count| puts format("  %s %8d", t.iso8601, count) }

errors = agg.top_errors(limit: options[:top])
unless errors.empty?
  puts
  puts "Most common errors:"
  errors.each { |msg, count| puts format("  %5d  %s", count, msg) }
end
