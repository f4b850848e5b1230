# frozen_string_literal: true

require "date"

class BusinessCalendar
  module Rules
    module_function

    def fixed(month, day, observed: false)
      lambda do |year|
        date = Date.new(year, month, day)
        observed ? observe(date) : date
      end
    end

    def nth_weekday(month, wday, nth)
      lambda do |year|
        if nth.positive?
          first = Date.new(year, month, 1)
          first + ((wday - first.wday) % 7) + (7 * (nth - 1))
        else
          last = Date.new(year, month, -1)
          last - ((last.wday - wday) % 7) - (7 * (-nth - 1))
        end
      end
    end

    def easter_offset(days)
      ->(year) { easter(year) + days }
    end

    def observe(date)
      case date.wday
      when 6 then date - 1
      when 0 then date + 1
      else date
      end
    end

    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    def easter(year)
      a = year % 19
      b, c = year.divmod(100)
      d, e = b.divmod(4)
      f = (b + 8) / 25
      g = (b - f + 1) / 3
      h = ((19 * a) + b - d - g + 15) % 30
      i, k = c.divmod(4)
      l = (32 + (2 * e) + (2 * i) - h - k) % 7
      m = (a + (11 * h) + (22 * l)) / 451
      month, day = (h + l - (7 * m) + 114).divmod(31)
      Date.new(year, month, day + 1)
    end
  end

  US_FEDERAL = {
    "New Year's Day" => Rules.fixed(1, 1, observed: true),
    "Martin Luther King Jr. Day" => Rules.nth_weekday(1, 1, 3),
    "Presidents' Day" => Rules.nth_weekday(2, 1, 3),
    "Memorial Day" => Rules.nth_weekday(5, 1, -1),
    "Juneteenth" => Rules.fixed(6, 19, observed: true),
    "Independence Day" => Rules.fixed(7, 4, observed: true),
    "Labor Day" => Rules.nth_weekday(9, 1, 1),
    "Thanksgiving" => Rules.nth_weekday(11, 4, 4),
    "Christmas Day" => Rules.fixed(12, 25, observed: true)
  }.freeze

  attr_reader :weekend

  def initialize(rules: {}, extra_holidays: [], weekend: [0, 6])
    raise ArgumentError, "weekend cannot cover the whole week" if weekend.uniq.size >= 7

    @rules = rules
    @extra = extra_holidays.map { |d| to_date(d) }
    @weekend = weekend
    @cache = {}
  end

  def holidays(year)
    @cache[year] ||= begin
      from_rules = @rules.map { |name, rule| [rule.call(year), name] }
      from_extra = @extra.select { |d| d.year == year }.map { |d| [d, "Holiday"] }
      (from_rules + from_extra).to_h
    end
  end

  def holiday_name(date)
    date = to_date(date)
    holidays(date.year)[date] || holidays(date.year + 1)[date]
  end

  def holiday?(date) = !holiday_name(date).nil?
  def weekend?(date) = weekend.include?(to_date(date).wday)
  def business_day?(date) = !weekend?(date) && !holiday?(date)

  def next_business_day(date)
    d = to_date(date) + 1
    d += 1 until business_day?(d)
    d
  end

  def previous_business_day(date)
    d = to_date(date) - 1
    d -= 1 until business_day?(d)
    d
  end

  def roll(date, convention = :following)
    d = to_date(date)
    return d if business_day?(d)

    case convention
    when :following then next_business_day(d)
    when :preceding then previous_business_day(d)
    when :modified_following
      n = next_business_day(d)
      n.month == d.month ? n : previous_business_day(d)
    else raise ArgumentError, "unknown convention: #{convention.inspect}"
    end
  end

  def add_business_days(date, n)
    raise ArgumentError, "n must be an Integer" unless n.is_a?(Integer)

    d = to_date(date)
    n.abs.times { d = n.positive? ? next_business_day(d) : previous_business_day(d) }
    d
  end

  def business_days_between(from, to)
    a = to_date(from)
    b = to_date(to)
    return -business_days_between(b, a) if b < a

    ((a + 1)..b).count { |d| business_day?(d) }
  end

  private

  def to_date(value)
    case value
    when Date then value
    when Time then value.to_date
    when String then Date.iso8601(value)
    else raise ArgumentError, "cannot convert #{value.class} to Date"
    end
  end
end
