# frozen_string_literal: true

require_relative "log_entry"

module LogAgg
  # Collects {LogEntry} objects and answers summary questions about them:
  # counts per level and source, the busiest time buckets, and the most
  # frequent error messages.
  #
  # The aggregator keeps running totals rather than storing every entry,
  # so memory use stays proportional to the number of distinct sources,
  # messages and buckets, not to the size of the log.
  #
  # @example
  #   agg = LogAgg::Aggregator.new(bucket_seconds: 60)
  #   File.foreach("app.log") { |line| agg.add_line(line) }
  #   agg.counts_by_level  # => { info: 1200, error: 14, ... }
  class Aggregator
    # Error messages often contain ids, numbers or hex strings that would
    # make otherwise identical messages look distinct. These patterns are
    # replaced with placeholders before counting.
    NORMALISERS = [
      [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, "<uuid>"],
      [/\b0x[0-9a-f]+\b/i, "<hex>"],
      [/\b\d+(\.\d+)?\b/, "<n>"]
    ].freeze

    attr_reader :total, :skipped, :first_time, :last_time

    # @param bucket_seconds [Integer] width of the time buckets used by
    #   {#busiest_buckets}; must be positive
    # @param min_level [Symbol] entries below this level are ignored
    def initialize(bucket_seconds: 60, min_level: :debug)
      unless bucket_seconds.is_a?(Integer) && bucket_seconds.positive?
        raise ArgumentError, "bucket_seconds must be a positive Integer, got #{bucket_seconds.inspect}"
      end
      unless LEVELS.include?(min_level)
        raise ArgumentError, "min_level must be one of #{LEVELS.inspect}, got #{min_level.inspect}"
      end

      @bucket_seconds = bucket_seconds
      @min_rank = LEVELS.index(min_level)
      @by_level = Hash.new(0)
      @by_source = Hash.new(0)
      @buckets = Hash.new(0)
      @errors = Hash.new(0)
      @total = 0
      @skipped = 0
      @first_time = nil
      @last_time = nil
    end

    # Parses and records a raw line. Lines that fail to parse are counted in
    # {#skipped} rather than aborting the whole run, because real-world logs
    # almost always contain a few malformed lines (stack traces, partial
    # writes, etc.).
    #
    # @param line [String]
    # @return [Boolean] true if the line was recorded
    def add_line(line)
      add(Parser.parse(line))
    rescue ParseError
      @skipped += 1
      false
    end

    # Records an already-parsed entry.
    #
    # @param entry [LogEntry]
    # @return [Boolean] true if recorded, false if below the minimum level
    def add(entry)
      raise ArgumentError, "expected a LogEntry, got #{entry.class}" unless entry.is_a?(LogEntry)
      return false if LEVELS.index(entry.level) < @min_rank

      @total += 1
      @by_level[entry.level] += 1
      @by_source[entry.source] += 1
      @buckets[bucket_for(entry.time)] += 1
      @errors[normalise(entry.message)] += 1 if %i[error fatal].include?(entry.level)
      @first_time = entry.time if @first_time.nil? || entry.time < @first_time
      @last_time = entry.time if @last_time.nil? || entry.time > @last_time
      true
    end

    # @return [Hash{Symbol=>Integer}] counts for every level, in severity
    #   order, including levels with a count of zero
    def counts_by_level
      LEVELS.each_with_object({}) { |lvl, h| h[lvl] = @by_level[lvl] }
    end

    # @param limit [Integer, nil] return only the top +limit+ sources
    # @return [Array<Array(String, Integer)>] sources sorted by count, descending
    def counts_by_source(limit: nil)
      top(@by_source, limit)
    end

    # @param limit [Integer] how many buckets to return
    # @return [Array<Array(Time, Integer)>] bucket start times with their counts
    def busiest_buckets(limit: 5)
      top(@buckets, limit).map { |start, count| [Time.at(start).utc, count] }
    end

    # @param limit [Integer] how many messages to return
    # @return [Array<Array(String, Integer)>] normalised error messages with counts
    def top_errors(limit: 10)
      top(@errors, limit)
    end

    # Fraction of recorded entries that were errors or worse.
    #
    # @return [Float] between 0.0 and 1.0; 0.0 when nothing was recorded
    def error_rate
      return 0.0 if @total.zero?

      (@by_level[:error] + @by_level[:fatal]).fdiv(@total)
    end

    private

    def bucket_for(time)
      seconds = time.to_i
      seconds - (seconds % @bucket_seconds)
    end

    def normalise(message)
      NORMALISERS.reduce(message) { |msg, (pattern, placeholder)| msg.gsub(pattern, placeholder) }
    end

    # Sorts by count descending, breaking ties by key so output is stable.
    def top(hash, limit)
      if limit && !(limit.is_a?(Integer) && limit >= 0)
        raise ArgumentError, "limit must be a non-negative Integer or nil, got #{limit.inspect}"
      end

      sorted = hash.sort_by { |key, count| [-count, key] }
      limit ? sorted.first(limit) : sorted
    end
  end
end
