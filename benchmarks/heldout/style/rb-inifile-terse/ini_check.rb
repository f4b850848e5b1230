require_relative "ini"

src = <<~INI
  ; top-level
  name = demo
  [server]
  host = 0.0.0.0   ; bind all
  port: 8080
  debug = yes
  motd = "hello; world \\"x\\""
  [paths]
  include = /etc/a
    /etc/b
  empty =
INI

d = Ini.parse(src)
fail "root" unless d.get("", "name") == "demo"
fail "host" unless d.get("server", "host") == "0.0.0.0"
fail "port" unless d.int("server", "port") == 8080
fail "bool" unless d.bool("server", "debug") == true
fail "motd #{d.get("server", "motd").inspect}" unless d.get("server", "motd") == 'hello; world "x"'
fail "cont" unless d.get("paths", "include") == "/etc/a /etc/b"
fail "empty" unless d.get("paths", "empty") == ""
fail "default" unless d.get("nope", "x", 1) == 1

r = Ini.parse(d.to_s)
d.each { |s, kv| kv.each { |k, v| fail "roundtrip #{s}.#{k}" unless r.get(s, k) == v } }

[["[bad", /section/], ["novalue", /key = value/], ['a = "x', /unterminated/]].each do |s, re|
  begin
    Ini.parse(s)
    fail "expected error for #{s}"
  rescue Ini::ParseError => e
    fail "msg #{e.message}" unless e.message =~ re
  end
end

begin
  Ini.parse("[s]\nn = x").int("s", "n")
  fail "int"
rescue Ini::ParseError
end

puts "ok"
