# frozen_string_literal: true

# Command-line entry point: watches a directory and prints changes.
#
# Usage:
#   ruby watch.rb DIR [PATTERN ...]
#
# Example:
#   ruby watch.rb src "**/*.rb" "**/*.erb"

require_relative "lib/file_watcher"

# Formats a batch of changes as human-readable lines.
#
# @param changes [Hash{Symbol=>Array<String>}]
# @param root [String] used to shorten paths for display
# @return [Array<String>]
def format_changes(changes, root)
  symbols = { created: "+", modified: "~", deleted: "-" }
  prefix = File.expand_path(root) + File::SEPARATOR

  changes.flat_map do |kind, paths|
    paths.map { |path| "#{symbols.fetch(kind)} #{path.delete_prefix(prefix)}" }
  end
end

root = ARGV.shift
if root.nil? || !File.directory?(root)
  warn "usage: ruby watch.rb DIR [PATTERN ...]"
  exit 1
end

patterns = ARGV.empty? ? ["**/*"] : ARGV
watcher = FileWatcher::Watcher.new(root: root, patterns: patterns, ignore: [".git/**", "**/*.swp", "**/*~"])

watcher.on_change do |changes|
  stamp = Time.now.strftime("%H:%M:%S")
  format_changes(changes, root).each { |line| puts "[#{stamp}] #{line}" }
end

# Exit cleanly on Ctrl-C instead of printing a backtrace.
trap("INT") { watcher.stop }

puts "Watching #{File.expand_path(root)} for #{patterns.join(', ')} (Ctrl-C to stop)"
watcher.run
