#!/usr/bin/env ruby
require_relative "ini"

def usage!
  warn "usage: cli.rb FILE get SECTION KEY | cli.rb FILE dump | cli.rb FILE set SECTION KEY VAL"
  exit 2
end

usage! if ARGV.size < 2
path, cmd, *rest = ARGV

begin
  doc = Ini.load(path)
rescue Errno::ENOENT
  abort "#{path}: no such file"
rescue Ini::ParseError => e
  abort "#{path}: #{e.message}"
end

case cmd
when "get"
  usage! unless rest.size == 2
  v = doc.get(*rest)
  exit 1 if v.nil?
  puts v
when "dump"
  doc.each do |s, kv|
    kv.each { |k, v| puts "#{s.empty? ? "" : "#{s}."}#{k}=#{v}" }
  end
when "set"
  usage! unless rest.size == 3
  doc.set(*rest)
  tmp = "#{path}.tmp"
  File.write(tmp, doc.to_s)
  File.rename(tmp, path)
when "sections"
  puts doc.sections.keys.reject(&:empty?)
else
  usage!
end
