# frozen_string_literal: true

require "digest"

module FileWatcher
  # Immutable record of what we know about a single file at one point in time.
  #
  # @!attribute [r] path
  #   @return [String] absolute path of the file
  # @!attribute [r] mtime
  #   @return [Time] last modification time
  # @!attribute [r] size
  #   @return [Integer] size in bytes
  # @!attribute [r] digest
  #   @return [String, nil] SHA-256 of the contents, when content hashing is enabled
  FileState = Struct.new(:path, :mtime, :size, :digest, keyword_init: true) do
    # Two states are considered "the same file contents" when their digests
    # match, or - if hashing is disabled - when both mtime and size match.
    #
    # @param other [FileState]
    # @return [Boolean]
    def same_content?(other)
      return digest == other.digest if digest && other.digest

      mtime == other.mtime && size == other.size
    end
  end

  # Captures the state of every file under a directory that matches a set of
  # glob patterns.
  #
  # Snapshots are compared with {Snapshot#diff} to discover which files were
  # created, modified or deleted between two scans.
  class Snapshot
    # @return [Hash{String=>FileState}] file states keyed by absolute path
    attr_reader :files

    # Scans +root+ and builds a new snapshot.
    #
    # @param root [String] the directory to scan
    # @param patterns [Array<String>] glob patterns relative to +root+
    # @param ignore [Array<String>] fnmatch patterns for paths to skip
    # @param hash_contents [Boolean] whether to compute a SHA-256 per file;
    #   more accurate (catches same-size edits within one second) but slower
    # @return [Snapshot]
    # @raise [ArgumentError] if +root+ is not a directory
    def self.capture(root:, patterns: ["**/*"], ignore: [], hash_contents: false)
      raise ArgumentError, "root directory does not exist: #{root}" unless File.directory?(root)

      root = File.expand_path(root)
      states = {}

      patterns.each do |pattern|
        Dir.glob(pattern, base: root).each do |relative|
          next if ignore.any? { |glob| File.fnmatch?(glob, relative, File::FNM_PATHNAME | File::FNM_EXTGLOB) }

          path = File.join(root, relative)
          state = read_state(path, hash_contents)
          states[path] = state if state
        end
      end

      new(states)
    end

    # Reads the state of a single file.
    #
    # Files can vanish between the glob and the stat call (editors often write
    # to a temp file and rename it), so a missing file is not an error here.
    #
    # @return [FileState, nil] nil for directories and vanished files
    def self.read_state(path, hash_contents)
      stat = File.stat(path)
      return nil unless stat.file?

      digest = hash_contents ? Digest::SHA256.file(path).hexdigest : nil
      FileState.new(path: path, mtime: stat.mtime, size: stat.size, digest: digest)
    rescue Errno::ENOENT, Errno::EACCES
      nil
    end
    private_class_method :read_state

    # @param files [Hash{String=>FileState}]
    def initialize(files = {})
      @files = files.freeze
      freeze
    end

    # Compares this snapshot (the newer one) to an older snapshot.
    #
    # @param previous [Snapshot] the earlier snapshot
    # @return [Hash{Symbol=>Array<String>}] paths grouped under
    #   +:created+, +:modified+ and +:deleted+, each sorted
    def diff(previous)
      raise ArgumentError, "expected a Snapshot, got #{previous.class}" unless previous.is_a?(Snapshot)

      created = files.keys - previous.files.keys
      deleted = previous.files.keys - files.keys
      modified = (files.keys & previous.files.keys).reject do |path|
        files[path].same_content?(previous.files[path])
      end

      { created: created.sort, modified: modified.sort, deleted: deleted.sort }
    end

    # @return [Integer] number of files in the snapshot
    def size
      files.size
    end
  end
end
