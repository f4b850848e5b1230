# frozen_string_literal: true

module FileWatcher
  # Collects change events and releases them only after a quiet period.
  #
  # Saving a file in an editor often produces several events in quick
  # succession (write, chmod, rename). Debouncing merges them so listeners
  # run once per "burst" of activity instead of once per low-level event.
  #
  # The debouncer is purely time-driven and does not spawn threads; the caller
  # feeds events with {#push} and periodically calls {#flush}.
  class Debouncer
    # Ordering used when a path receives several different events in a burst.
    # For example "created then modified" is still reported as :created.
    PRIORITY = { created: 3, deleted: 2, modified: 1 }.freeze

    # @param quiet_period [Numeric] seconds without events before flushing
    # @param clock [#call] returns the current monotonic time in seconds
    # @raise [ArgumentError] if +quiet_period+ is negative
    def initialize(quiet_period: 0.2, clock: -> { Process.clock_gettime(Process::CLOCK_MONOTONIC) })
      raise ArgumentError, "quiet_period must be >= 0, got #{quiet_period.inspect}" unless quiet_period.to_f >= 0

      @quiet_period = quiet_period.to_f
      @clock = clock
      @pending = {}
      @last_event_at = nil
    end

    # Records an event for a path.
    #
    # @param kind [Symbol] one of +:created+, +:modified+, +:deleted+
    # @param path [String]
    # @return [void]
    # @raise [ArgumentError] for unknown event kinds
    def push(kind, path)
      raise ArgumentError, "unknown event kind #{kind.inspect}" unless PRIORITY.key?(kind)

      existing = @pending[path]
      @pending[path] = merge(existing, kind)
      @pending.delete(path) if @pending[path].nil?
      @last_event_at = @clock.call
    end

    # Returns the batched events if the quiet period has elapsed.
    #
    # @return [Hash{Symbol=>Array<String>}, nil] grouped paths, or nil when
    #   nothing is ready yet
    def flush
      return nil if @pending.empty?
      return nil if @clock.call - @last_event_at < @quiet_period

      grouped = { created: [], modified: [], deleted: [] }
      @pending.each { |path, kind| grouped[kind] << path }
      @pending.clear
      grouped.transform_values(&:sort)
    end

    # @return [Boolean] whether any events are waiting to be flushed
    def pending?
      !@pending.empty?
    end

    private

    # Combines an existing pending event with a new one for the same path.
    #
    # A file that was created and then deleted inside a single burst never
    # really existed from the listener's point of view, so it is dropped.
    def merge(existing, incoming)
      return incoming if existing.nil?
      return nil if existing == :created && incoming == :deleted
      return :modified if existing == :deleted && incoming == :created

      PRIORITY[existing] >= PRIORITY[incoming] ? existing : incoming
    end
  end
end
