# frozen_string_literal: true

require_relative "file_watcher/snapshot"
require_relative "file_watcher/debouncer"

# A portable, polling-based file watcher.
#
# Native notification APIs (inotify, FSEvents, ReadDirectoryChangesW) are
# faster, but polling works everywhere - including network mounts and Docker
# volumes - and needs no extra dependencies.
#
# @example Rebuild whenever a Ruby file changes
#   watcher = FileWatcher::Watcher.new(root: "app", patterns: ["**/*.rb"])
#   watcher.on_change { |changes| puts changes.inspect }
#   watcher.run
module FileWatcher
  # Polls a directory and notifies listeners about batched changes.
  class Watcher
    # @param root [String] directory to watch
    # @param patterns [Array<String>] glob patterns relative to +root+
    # @param ignore [Array<String>] fnmatch patterns to exclude
    # @param interval [Numeric] seconds between scans
    # @param quiet_period [Numeric] debounce window in seconds
    # @param hash_contents [Boolean] see {Snapshot.capture}
    # @raise [ArgumentError] for invalid options
    def initialize(root:, patterns: ["**/*"], ignore: [], interval: 0.5, quiet_period: 0.2,
                   hash_contents: false)
      raise ArgumentError, "interval must be positive, got #{interval.inspect}" unless interval.to_f.positive?
      raise ArgumentError, "patterns must not be empty" if Array(patterns).empty?

      @root = root
      @patterns = Array(patterns)
      @ignore = Array(ignore)
      @interval = interval.to_f
      @hash_contents = hash_contents
      @debouncer = Debouncer.new(quiet_period: quiet_period)
      @listeners = []
      @running = false
      @snapshot = capture
    end

    # Registers a listener.
    #
    # @yieldparam changes [Hash{Symbol=>Array<String>}] created/modified/deleted paths
    # @return [self]
    def on_change(&block)
      raise ArgumentError, "a block is required" unless block

      @listeners << block
      self
    end

    # Performs one scan and dispatches any debounced changes.
    #
    # This is what {#run} calls in a loop; it is public so the watcher can be
    # driven from an existing event loop or from tests.
    #
    # @return [Hash{Symbol=>Array<String>}, nil] the changes dispatched, if any
    def tick
      current = capture
      current.diff(@snapshot).each do |kind, paths|
        paths.each { |path| @debouncer.push(kind, path) }
      end
      @snapshot = current

      changes = @debouncer.flush
      dispatch(changes) if changes
      changes
    end

    # Polls until {#stop} is called (for example from a signal handler).
    #
    # @return [void]
    def run
      @running = true
      while @running
        tick
        sleep @interval
      end
    end

    # Asks {#run} to return after the current iteration.
    #
    # @return [void]
    def stop
      @running = false
    end

    private

    def capture
      Snapshot.capture(root: @root, patterns: @patterns, ignore: @ignore, hash_contents: @hash_contents)
    end

    # Calls every listener, isolating failures so that one broken listener
    # does not prevent the others from being notified.
    def dispatch(changes)
      @listeners.each do |listener|
        listener.call(changes)
      rescue StandardError => e
        warn "[file_watcher] listener failed: #{e.class}: #{e.message}"
      end
    end
  end
end
