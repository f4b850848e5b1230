module Ini
  class ParseError < StandardError; end

  class Doc
    attr_reader :sections

    def initialize
      @sections = Hash.new { |h, k| h[k] = {} }
    end

    def [](s) = @sections.key?(s) ? @sections[s] : nil

    def get(s, k, default = nil)
      sec = self[s]
      sec && sec.key?(k) ? sec[k] : default
    end

    def set(s, k, v)
      @sections[s][k] = v
    end

    def int(s, k, default = nil)
      v = get(s, k)
      v.nil? ? default : Integer(v, 10)
    rescue ArgumentError
      raise ParseError, "#{s}.#{k}: not an int: #{v.inspect}"
    end

    def bool(s, k, default = nil)
      v = get(s, k)
      return default if v.nil?
      case v.downcase
      when "1", "true", "yes", "on" then true
      when "0", "false", "no", "off" then false
      else raise ParseError, "#{s}.#{k}: not a bool: #{v.inspect}"
      end
    end

    def each(&)
      @sections.each(&)
    end

    def to_s
      out = []
      @sections.each do |name, kv|
        out << "" unless out.empty?
        out << "[#{name}]" unless name.empty?
        kv.each { |k, v| out << "#{k} = #{Ini.quote(v)}" }
      end
      out.join("\n") + "\n"
    end
  end

  module_function

  def quote(v)
    v =~ /\A\s|\s\z|[;#"]/ ? "\"#{v.gsub('\\', '\\\\\\\\').gsub('"', '\\"')}\"" : v
  end

  def parse(src)
    d = Doc.new
    cur = ""
    last = nil
    src.each_line.with_index(1) do |raw, n|
      line = raw.chomp
      if last && line =~ /\A[ \t]+\S/
        d.set(cur, last, "#{d.get(cur, last)} #{strip_comment(line.strip)}".strip)
        next
      end
      s = line.strip
      next last = nil if s.empty? || s.start_with?(";", "#")
      if s.start_with?("[")
        m = s.match(/\A\[([^\]]+)\]\s*(?:[;#].*)?\z/) or raise ParseError, "line #{n}: bad section header"
        cur = m[1].strip
        d.sections[cur]
        last = nil
        next
      end
      k, v = s.split(/\s*[=:]\s*/, 2)
      raise ParseError, "line #{n}: expected key = value" if v.nil? || k.empty?
      d.set(cur, k, value(v, n))
      last = k
    end
    d
  end

  def load(path) = parse(File.read(path))

  def value(v, n)
    return strip_comment(v) unless v.start_with?('"')
    out = +""
    i = 1
    while i < v.size
      c = v[i]
      if c == "\\"
        i += 1
        raise ParseError, "line #{n}: dangling escape" if i >= v.size
        out << ({ "n" => "\n", "t" => "\t" }[v[i]] || v[i])
      elsif c == '"'
        rest = v[(i + 1)..].strip
        raise ParseError, "line #{n}: junk after string" unless rest.empty? || rest.start_with?(";", "#")
        return out
      else
        out << c
      end
      i += 1
    end
    raise ParseError, "line #{n}: unterminated string"
  end

  def strip_comment(v)
    v.sub(/\s+[;#].*\z/, "").strip
  end
end
