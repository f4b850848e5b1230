using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace DirMirror
{
    /// <summary>
    /// Configuration for a <see cref="DirectoryMirror"/>.
    /// </summary>
    public sealed class MirrorOptions
    {
        /// <summary>The directory whose changes are watched.</summary>
        public string SourceDirectory { get; init; } = string.Empty;

        /// <summary>The directory that receives copies of changed files.</summary>
        public string TargetDirectory { get; init; } = string.Empty;

        /// <summary>
        /// Glob patterns (relative to <see cref="SourceDirectory"/>) for files that should be ignored,
        /// for example <c>*.tmp</c> or <c>.git/**</c>.
        /// </summary>
        public IReadOnlyList<string> ExcludePatterns { get; init; } = Array.Empty<string>();

        /// <summary>
        /// How long to wait after the last change to a file before copying it.
        /// Editors often write a file several times in quick succession; debouncing
        /// avoids copying half-written content.
        /// </summary>
        public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

        /// <summary>When true, files deleted from the source are also deleted from the target.</summary>
        public bool PropagateDeletes { get; init; }

        /// <summary>
        /// Checks that the options are usable and throws a descriptive exception if not.
        /// </summary>
        /// <exception cref="ArgumentException">Thrown when a directory is missing or the two overlap.</exception>
        public void Validate()
        {
            if (string.IsNullOrWhiteSpace(SourceDirectory))
                throw new ArgumentException("SourceDirectory is required.", nameof(SourceDirectory));
            if (string.IsNullOrWhiteSpace(TargetDirectory))
                throw new ArgumentException("TargetDirectory is required.", nameof(TargetDirectory));
            if (!Directory.Exists(SourceDirectory))
                throw new ArgumentException($"Source directory '{SourceDirectory}' does not exist.", nameof(SourceDirectory));
            if (Debounce < TimeSpan.Zero)
                throw new ArgumentException("Debounce must not be negative.", nameof(Debounce));

            // Mirroring a directory into itself (or into one of its children) would
            // trigger an endless loop of change notifications.
            var source = Path.GetFullPath(SourceDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            var target = Path.GetFullPath(TargetDirectory).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
            if (target.StartsWith(source, StringComparison.OrdinalIgnoreCase) ||
                source.StartsWith(target, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("Source and target directories must not contain each other.");
            }
        }

        /// <summary>
        /// Builds a predicate that returns true for relative paths matching any exclude pattern.
        /// </summary>
        internal Func<string, bool> BuildExcludeFilter()
        {
            var regexes = ExcludePatterns.Select(GlobToRegex).ToArray();
            return relativePath =>
            {
                // Normalize separators so patterns written with '/' work on Windows too.
                var normalized = relativePath.Replace('\\', '/');
                return regexes.Any(r => r.IsMatch(normalized));
            };
        }

        /// <summary>
        /// Converts a simple glob (<c>*</c>, <c>**</c>, <c>?</c>) into an anchored regular expression.
        /// </summary>
        internal static Regex GlobToRegex(string glob)
        {
            var pattern = Regex.Escape(glob.Replace('\\', '/'))
                .Replace(@"\*\*/", "(.*/)?")  // "**/" matches zero or more directories
                .Replace(@"\*\*", ".*")       // trailing "**" matches everything below
                .Replace(@"\*", "[^/]*")      // "*" stays within one path segment
                .Replace(@"\?", "[^/]");
            return new Regex("^" + pattern + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
