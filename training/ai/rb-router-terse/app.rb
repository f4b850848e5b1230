# frozen_string_literal: true

require "stringio"
require "securerandom"
require_relative "router"

class Timing
  def initialize(app, hdr = "x-runtime") = (@app, @hdr = app, hdr)

  def call(env)
    t = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    s, h, b = @app.call(env)
    [s, h.merge(@hdr => format("%.4f", Process.clock_gettime(Process::CLOCK_MONOTONIC) - t)), b]
  end
end

class ReqId
  def initialize(app) = @app = app

  def call(env)
    id = env["HTTP_X_REQUEST_ID"] || SecureRandom.hex(8)
    s, h, b = @app.call(env.merge("request.id" => id))
    [s, h.merge("x-request-id" => id), b]
  end
end

class Todos
  def initialize = (@db, @seq = {}, 0)

  def index(r) = @db.values.select { r["done"].nil? || _1[:done].to_s == r["done"] }
  def show(r) = @db[r[:id].to_i] || 404
  def destroy(r) = @db.delete(r[:id].to_i) ? nil : 404

  def create(r)
    return [422, {}, ["title required"]] if r[:title].to_s.strip.empty?
    id = @seq += 1
    @db[id] = { id:, title: r[:title], done: false }
    [201, { "location" => "/api/todos/#{id}" }, [JSON.generate(@db[id])]]
  end

  def update(r)
    t = @db[r[:id].to_i] or return 404
    t[:title] = r[:title] if r[:title]
    t[:done] = r[:done] unless r[:done].nil?
    t
  end
end

APP = Router.build do
  use ReqId
  use Timing
  get("/") { "hi" }
  get("/files/*rest") { |r| "file: #{r[:rest]}" }
  get("/hello/:name/:greeting?", as: :hello) { |r| "#{r[:greeting] || 'hello'}, #{r[:name]}" }
  scope("/api") { resources :todos, Todos.new }
end

def req(verb, path, body: nil, qs: "")
  env = { "REQUEST_METHOD" => verb, "PATH_INFO" => path, "QUERY_STRING" => qs, "rack.input" => StringIO.new(body ? JSON.generate(body) : "") }
  env["CONTENT_TYPE"] = "application/json" if body
  s, h, b = APP.call(env)
  puts "#{verb} #{path}#{"?#{qs}" unless qs.empty?} -> #{s} #{b.join[0, 80]} #{h.slice('location', 'allow')}"
end

if $PROGRAM_NAME == __FILE__
  puts APP.routes
  req "GET", "/"
  req "GET", "/hello/ann"
  req "GET", "/hello/bob/yo/"
  req "GET", "/files/a/b/c.txt"
  req "POST", "/api/todos", body: { title: "milk" }
  req "POST", "/api/todos", body: { title: "eggs" }
  req "POST", "/api/todos", body: {}
  req "PATCH", "/api/todos/1", body: { done: true }
  req "GET", "/api/todos", qs: "done=true"
  req "GET", "/api/todos/9"
  req "DELETE", "/api/todos/2"
  req "PUT", "/api/todos/1"
  req "GET", "/nope"
  p APP.path(:hello, name: "a b", greeting: "hey"), APP.path(:hello, name: "x"), APP.path(:todos_one, id: 3)
end
