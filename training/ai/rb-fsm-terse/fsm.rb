# frozen_string_literal: true

module FSM
  Invalid = Class.new(StandardError)
  Halt = Class.new(StandardError)

  Tr = Struct.new(:from, :to, :guard, :after) do
    def from?(s) = from == :* || Array(from).include?(s)
  end

  class Def
    attr_reader :states, :events, :initial, :hooks

    def initialize(initial)
      @initial, @states, @events = initial, [initial], Hash.new { |h, k| h[k] = [] }
      @hooks = Hash.new { |h, k| h[k] = [] }
    end

    def state(*s) = @states |= s
    def on_enter(s, &b) = @hooks[[:enter, s]] << b
    def on_exit(s, &b) = @hooks[[:exit, s]] << b
    def after_any(&b) = @hooks[:any] << b

    def event(name, from:, to:, if: nil, after: nil)
      state(*Array(from).reject { _1 == :* }, to)
      @events[name] << Tr.new(from, to, binding.local_variable_get(:if), after)
    end

    def dot
      lines = @events.flat_map do |ev, trs|
        trs.flat_map { |t| (t.from == :* ? @states : Array(t.from)).map { "  #{_1} -> #{t.to} [label=\"#{ev}\"];" } }
      end
      "digraph {\n  #{initial} [shape=doublecircle];\n#{lines.uniq.join("\n")}\n}"
    end
  end

  def self.included(base) = base.extend(ClassMethods)

  module ClassMethods
    def fsm(initial: :new, attr: :state, &blk)
      d = (@fsm = Def.new(initial)).tap { _1.instance_eval(&blk) }
      define_method(:fsm_attr) { attr }
      define_method(attr) { fsm_state } unless method_defined?(attr)
      d.events.each_key do |ev|
        define_method(ev) { |*a| fire(ev, *a) }
        define_method(:"#{ev}!") { |*a| fire(ev, *a) or raise Invalid, "can't #{ev} from #{fsm_state}" }
        define_method(:"can_#{ev}?") { !pick(ev).nil? }
      end
      d.states.each { |s| define_method(:"#{s}?") { fsm_state == s } }
    end

    def fsm_def = @fsm || superclass.fsm_def
  end

  def fsm_state = (instance_variable_get(:"@#{fsm_attr}") || self.class.fsm_def.initial).to_sym
  def history = @fsm_history ||= []
  def available_events = self.class.fsm_def.events.keys.select { pick(_1) }

  def fire(ev, *args)
    t = pick(ev, *args) or return false
    d, from = self.class.fsm_def, fsm_state
    run_hooks(d.hooks[[:exit, from]], from, t.to, ev, args)
    instance_variable_set(:"@#{fsm_attr}", t.to)
    history << [ev, from, t.to]
    [*d.hooks[[:enter, t.to]], *Array(t.after), *d.hooks[:any]].each { call_hook(_1, from, t.to, ev, args) }
    true
  rescue Halt
    instance_variable_set(:"@#{fsm_attr}", from) if from
    false
  end

  private

  def pick(ev, *args)
    self.class.fsm_def.events[ev].find do |t|
      t.from?(fsm_state) && (t.guard.nil? || call_hook(t.guard, fsm_state, t.to, ev, args))
    end
  end

  def run_hooks(hs, *ctx) = hs.each { call_hook(_1, *ctx) }

  def call_hook(h, from, to, ev, args)
    case h
    when Symbol then send(h, *args.first(method(h).arity.abs))
    when Proc then instance_exec(from, to, ev, *args, &h)
    end
  end
end
