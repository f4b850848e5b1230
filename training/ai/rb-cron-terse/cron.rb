# frozen_string_literal: true

class Cron
  Err = Class.new(ArgumentError)

  F = { min: 0..59, hour: 0..23, dom: 1..31, mon: 1..12, dow: 0..6 }.freeze
  MONS = %w[jan feb mar apr may jun jul aug sep oct nov dec].each.with_index(1).to_h.freeze
  DOWS = %w[sun mon tue wed thu fri sat].each_with_index.to_h.freeze
  ALIAS = {
    "@yearly" => "0 0 1 1 *", "@annually" => "0 0 1 1 *", "@monthly" => "0 0 1 * *",
    "@weekly" => "0 0 * * 0", "@daily" => "0 0 * * *", "@midnight" => "0 0 * * *", "@hourly" => "0 * * * *"
  }.freeze

  attr_reader :src, *F.keys

  def initialize(src)
    @src = src.strip
    parts = ALIAS.fetch(@src, @src).split
    raise Err, "want 5 fields, got #{parts.size}: #{src}" unless parts.size == 5
    F.each_key.zip(parts).each { |k, s| instance_variable_set(:"@#{k}", field(k, s)) }
    @dom_any, @dow_any = parts[2] == "*", parts[4] == "*"
  end

  def match?(t) =
    min.include?(t.min) && hour.include?(t.hour) && mon.include?(t.month) && day?(t)

  def next_after(t = Time.now, limit: 4 * 366 * 24 * 60)
    t = Time.at((t.to_i / 60 + 1) * 60)
    limit.times do
      unless mon.include?(t.month)
        t = Time.new(t.year + (t.month == 12 ? 1 : 0), t.month % 12 + 1, 1)
        next
      end
      unless day?(t)
        t = Time.new(t.year, t.month, t.day) + 86_400
        next
      end
      unless hour.include?(t.hour)
        t = Time.new(t.year, t.month, t.day, t.hour) + 3600
        next
      end
      return t if min.include?(t.min)
      t += 60
    end
    nil
  end

  def upcoming(n, from = Time.now) = n.times.each_with_object([]) { |_, a| (from = next_after(from)) ? a << from : break }
  def to_s = src

  private

  def day?(t)
    d, w = dom.include?(t.day), dow.include?(t.wday)
    return d && w if @dom_any || @dow_any
    d || w
  end

  def field(k, s)
    r = F[k]
    s.split(",").flat_map { |p| part(k, p, r) }.uniq.sort.tap do |v|
      raise Err, "empty #{k}: #{s}" if v.empty?
    end
  end

  def part(k, p, r)
    base, step = p.split("/", 2)
    step = step ? Integer(step, exception: false) : 1
    raise Err, "bad step in #{k}: #{p}" unless step&.positive?
    lo, hi =
      case base
      when "*" then [r.min, r.max]
      when /-/ then base.split("-", 2).map { val(k, _1) }
      else [val(k, base), step > 1 ? r.max : val(k, base)]
      end
    raise Err, "#{k} out of range: #{p}" unless r.cover?(lo) && r.cover?(hi) && lo <= hi
    (lo..hi).step(step).to_a
  end

  def val(k, s)
    s = s.downcase
    v = (k == :mon && MONS[s]) || (k == :dow && DOWS[s]) || Integer(s, exception: false)
    v = 0 if k == :dow && v == 7
    v or raise Err, "bad #{k}: #{s}"
  end
end
