using System;
using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace DirMirror
{
    /// <summary>
    /// Watches a source directory and keeps a target directory in sync with it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Changes are debounced per file: a file is copied only after it has not changed for
    /// <see cref="MirrorOptions.Debounce"/>. Copies are written to a temporary file first
    /// and then moved into place, so readers of the target never see a partial file.
    /// </para>
    /// <para>
    /// <see cref="FileSystemWatcher"/> can drop events when its internal buffer overflows.
    /// When that happens the mirror falls back to a full rescan.
    /// </para>
    /// </remarks>
    public sealed class DirectoryMirror : IAsyncDisposable
    {
        private readonly MirrorOptions _options;
        private readonly ILogger<DirectoryMirror> _logger;
        private readonly Func<string, bool> _isExcluded;
        private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _copyGate = new(initialCount: 4);
        private FileSystemWatcher? _watcher;
        private int _copied;

        /// <summary>
        /// Creates a mirror. Call <see cref="StartAsync"/> to begin watching.
        /// </summary>
        /// <param name="options">Validated configuration.</param>
        /// <param name="logger">Logger for progress and errors.</param>
        public DirectoryMirror(MirrorOptions options, ILogger<DirectoryMirror> logger)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _logger = logger ?? throw new ArgumentNullException(nameof(logger));
            _options.Validate();
            _isExcluded = _options.BuildExcludeFilter();
        }

        /// <summary>Number of files copied since the mirror was started.</summary>
        public int CopiedCount => Volatile.Read(ref _copied);

        /// <summary>
        /// Performs an initial full sync, then starts watching for changes.
        /// </summary>
        public async Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (_watcher != null)
                throw new InvalidOperationException("The mirror has already been started.");

            Directory.CreateDirectory(_options.TargetDirectory);
            await FullSyncAsync(cancellationToken).ConfigureAwait(false);

            _watcher = new FileSystemWatcher(_options.SourceDirectory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                InternalBufferSize = 64 * 1024, // larger buffer = fewer overflow rescans
            };
            _watcher.Created += (_, e) => Schedule(e.FullPath);
            _watcher.Changed += (_, e) => Schedule(e.FullPath);
            _watcher.Renamed += (_, e) =>
            {
                HandleDelete(e.OldFullPath);
                Schedule(e.FullPath);
            };
            _watcher.Deleted += (_, e) => HandleDelete(e.FullPath);
            _watcher.Error += (_, e) =>
            {
                _logger.LogWarning(e.GetException(), "Watcher error; running a full rescan");
                _ = FullSyncAsync(CancellationToken.None);
            };
            _watcher.EnableRaisingEvents = true;

            _logger.LogInformation("Mirroring {Source} -> {Target}", _options.SourceDirectory, _options.TargetDirectory);
        }

        /// <summary>
        /// Copies every source file whose target copy is missing or older.
        /// </summary>
        public async Task FullSyncAsync(CancellationToken cancellationToken)
        {
            var files = Directory.EnumerateFiles(_options.SourceDirectory, "*", SearchOption.AllDirectories);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var relative = Path.GetRelativePath(_options.SourceDirectory, file);
                if (_isExcluded(relative))
                    continue;

                var target = Path.Combine(_options.TargetDirectory, relative);
                if (!File.Exists(target) || File.GetLastWriteTimeUtc(target) < File.GetLastWriteTimeUtc(file))
                    await CopyAsync(file, target, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Debounces a change: any earlier pending copy of the same file is cancelled and rescheduled.
        /// </summary>
        private void Schedule(string fullPath)
        {
            var relative = Path.GetRelativePath(_options.SourceDirectory, fullPath);
            if (_isExcluded(relative) || Directory.Exists(fullPath))
                return;

            var cts = new CancellationTokenSource();
            _pending.AddOrUpdate(fullPath, cts, (_, previous) =>
            {
                previous.Cancel();
                previous.Dispose();
                return cts;
            });

            _ = Task.Run(async () =>
            {
                try
                {
                    await Task.Delay(_options.Debounce, cts.Token).ConfigureAwait(false);
                    // Only remove our own entry; a newer change may have replaced it.
                    _pending.TryRemove(new(fullPath, cts));
                    await CopyAsync(fullPath, Path.Combine(_options.TargetDirectory, relative), cts.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Superseded by a newer change to the same file; nothing to do.
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Failed to mirror {File}", relative);
                }
            });
        }

        private void HandleDelete(string fullPath)
        {
            if (_pending.TryRemove(fullPath, out var cts))
                cts.Cancel();

            if (!_options.PropagateDeletes)
                return;

            var relative = Path.GetRelativePath(_options.SourceDirectory, fullPath);
            var target = Path.Combine(_options.TargetDirectory, relative);
            try
            {
                if (File.Exists(target))
                {
                    File.Delete(target);
                    _logger.LogInformation("Deleted {File}", relative);
                }
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Could not delete {File} from the target", relative);
            }
        }

        /// <summary>
        /// Copies a file via a temporary file in the target directory, then atomically replaces the destination.
        /// </summary>
        private async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
        {
            await _copyGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            var temp = destination + ".mirror-tmp";
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

                // FileShare.ReadWrite lets us read files that another process still has open for writing.
                await using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true))
                await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                {
                    await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                }

                File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(source));
                File.Move(temp, destination, overwrite: true);
                Interlocked.Increment(ref _copied);
                _logger.LogDebug("Copied {Source}", source);
            }
            catch (FileNotFoundException)
            {
                // The file was deleted between the change event and the copy. That's fine.
                TryDelete(temp);
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
            finally
            {
                _copyGate.Release();
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path))
                    File.Delete(path);
            }
            catch (IOException)
            {
                // Best effort cleanup only.
            }
        }

        /// <summary>
        /// Stops watching and cancels any pending debounced copies.
        /// </summary>
        public ValueTask DisposeAsync()
        {
            if (_watcher != null)
            {
                _watcher.EnableRaisingEvents = false;
                _watcher.Dispose();
                _watcher = null;
            }

            foreach (var cts in _pending.Values)
                cts.Cancel();
            _pending.Clear();
            return ValueTask.CompletedTask;
        }
    }
}
