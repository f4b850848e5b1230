# frozen_string_literal: true

require "json"
require "uri"

class Router
  Route = Struct.new(:verb, :tpl, :pat, :keys, :app, :name)
  NotFound = [404, { "content-type" => "application/json" }, ['{"error":"not_found"}']].freeze

  def self.build(&) = new.tap { _1.instance_eval(&) }

  def initialize
    @routes, @prefix, @mw = [], "", []
  end

  %w[GET POST PUT PATCH DELETE].each do |v|
    define_method(v.downcase) { |path, to = nil, as: nil, &blk| add(v, path, to || blk, as) }
  end

  def use(mw, *args) = @mw << [mw, args]

  def scope(pre)
    old, @prefix = @prefix, @prefix + pre
    yield
  ensure
    @prefix = old
  end

  def resources(name, ctl)
    base = "/#{name}"
    get base, ->(r) { ctl.index(r) }, as: :"#{name}"
    post base, ->(r) { ctl.create(r) }
    get "#{base}/:id", ->(r) { ctl.show(r) }, as: :"#{name}_one"
    patch "#{base}/:id", ->(r) { ctl.update(r) }
    delete "#{base}/:id", ->(r) { ctl.destroy(r) }
  end

  def path(name, **params)
    r = @routes.find { _1.name == name } or raise KeyError, "no route #{name}"
    r.tpl.gsub(%r{/([:*])(\w+)(\?)?}) do
      v = params[$2.to_sym]
      next "" if v.nil? && $3
      raise KeyError, "missing :#{$2} for #{name}" if v.nil?
      "/" + ($1 == "*" ? v.to_s : URI.encode_www_form_component(v.to_s).gsub("+", "%20"))
    end
  end

  def to_app = @mw.reverse.reduce(method(:dispatch)) { |app, (mw, args)| mw.new(app, *args) }
  def call(env) = (@app ||= to_app).call(env)
  def routes = @routes.map { "#{_1.verb.ljust(6)} #{_1.tpl} #{_1.name}".rstrip }

  private

  def add(verb, path, app, name)
    keys = []
    src = (@prefix + path).gsub(%r{/:(\w+)(\?)?}) do
      keys << $1
      "(?:/(?<#{$1}>[^/]+))#{$2}"
    end
    src = src.gsub(%r{/\*(\w+)}) { keys << $1; "/(?<#{$1}>.*)" }
    @routes << Route.new(verb, @prefix + path, /\A#{src}\z/, keys, app, name)
  end

  def dispatch(env)
    verb, path = env["REQUEST_METHOD"], env["PATH_INFO"].then { _1.length > 1 ? _1.chomp("/") : _1 }
    verb = "GET" if verb == "HEAD"
    allowed = []
    @routes.each do |r|
      next unless (m = r.pat.match(path))
      next allowed << r.verb unless r.verb == verb
      env["router.params"] = m.named_captures.compact.transform_values { URI.decode_www_form_component(_1) }
      return respond(r.app.call(Req.new(env)))
    end
    return [405, { "allow" => allowed.uniq.join(", ") }, []] if allowed.any?
    NotFound
  end

  def respond(res)
    case res
    in [Integer, Hash, _] then res
    in Integer => s then [s, {}, []]
    in String => s then [200, { "content-type" => "text/plain" }, [s]]
    in Hash | Array then [200, { "content-type" => "application/json" }, [JSON.generate(res)]]
    in nil then [204, {}, []]
    end
  end
end

class Req
  attr_reader :env

  def initialize(env) = @env = env
  def params = @params ||= query.merge(env["router.params"] || {}).merge(json_body)
  def [](k) = params[k.to_s]
  def verb = env["REQUEST_METHOD"]
  def path = env["PATH_INFO"]
  def header(n) = env["HTTP_#{n.upcase.tr('-', '_')}"]
  def query = URI.decode_www_form(env["QUERY_STRING"].to_s).to_h

  private

  def json_body
    return {} unless env["CONTENT_TYPE"]&.start_with?("application/json")
    io = env["rack.input"] or return {}
    JSON.parse(io.read.tap { io.rewind if io.respond_to?(:rewind) }).then { _1.is_a?(Hash) ? _1 : {} }
  rescue JSON::ParserError
    {}
  end
end
