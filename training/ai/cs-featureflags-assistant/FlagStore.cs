using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;

namespace FeatureFlags;

/// <summary>Thrown when a flag definition file can't be used.</summary>
public sealed class FlagConfigurationException : Exception
{
    public FlagConfigurationException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// Loads flag definitions from a JSON file and optionally reloads them when
/// the file changes. Readers always see a complete, validated snapshot: a
/// broken edit to the file is reported and the previous flags stay active.
/// </summary>
/// <example>
/// The file format:
/// <code>
/// {
///   "flags": [
///     { "key": "new-checkout", "default": false,
///       "rules": [ { "type": "users", "users": ["u1", "u2"] },
///                  { "type": "percentage", "percentage": 25 } ] }
///   ]
/// }
/// </code>
/// </example>
public sealed class FlagStore : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly string _path;
    private readonly Action<Exception>? _onReloadError;
    private FileSystemWatcher? _watcher;
    private Timer? _debounce;
    private IReadOnlyDictionary<string, FeatureFlag> _flags;

    private FlagStore(string path, IReadOnlyDictionary<string, FeatureFlag> flags, Action<Exception>? onReloadError)
    {
        _path = path;
        _flags = flags;
        _onReloadError = onReloadError;
    }

    /// <summary>Current flags. The dictionary is replaced, never mutated, so it is safe to enumerate.</summary>
    public IReadOnlyDictionary<string, FeatureFlag> Flags => Volatile.Read(ref _flags);

    public event EventHandler? Reloaded;

    /// <summary>Loads the file once. Throws if it is missing or invalid, so bad config fails at startup.</summary>
    public static FlagStore Load(string path, bool watch = false, Action<Exception>? onReloadError = null)
    {
        var fullPath = Path.GetFullPath(path);
        var store = new FlagStore(fullPath, Parse(fullPath), onReloadError);
        if (watch)
            store.StartWatching();
        return store;
    }

    internal static IReadOnlyDictionary<string, FeatureFlag> Parse(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FlagConfigurationException($"Cannot read flag file '{path}': {ex.Message}", ex);
        }
        return ParseJson(json, path);
    }

    public static IReadOnlyDictionary<string, FeatureFlag> ParseJson(string json, string source = "<string>")
    {
        FlagFile? file;
        try
        {
            file = JsonSerializer.Deserialize<FlagFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FlagConfigurationException($"{source}: invalid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }
        if (file?.Flags is null)
            throw new FlagConfigurationException($"{source}: expected an object with a \"flags\" array.");

        var result = new Dictionary<string, FeatureFlag>(StringComparer.Ordinal);
        var errors = new List<string>();
        for (var i = 0; i < file.Flags.Count; i++)
        {
            var dto = file.Flags[i];
            try
            {
                var flag = dto.ToFlag();
                if (!result.TryAdd(flag.Key, flag))
                    errors.Add($"flags[{i}]: duplicate key '{flag.Key}'");
            }
            catch (ArgumentException ex)
            {
                errors.Add($"flags[{i}] ({dto.Key ?? "no key"}): {ex.Message}");
            }
        }
        if (errors.Count > 0)
            throw new FlagConfigurationException($"{source}: {errors.Count} invalid flag(s):\n  " + string.Join("\n  ", errors));

        return result;
    }

    private void StartWatching()
    {
        var directory = Path.GetDirectoryName(_path)!;
        _watcher = new FileSystemWatcher(directory, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size,
        };
        // Editors often write a file in several steps (truncate, write, rename),
        // which raises a burst of events; wait for it to settle.
        _debounce = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        FileSystemEventHandler schedule = (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(250), Timeout.InfiniteTimeSpan);
        _watcher.Changed += schedule;
        _watcher.Created += schedule;
        _watcher.Renamed += (_, _) => _debounce.Change(TimeSpan.FromMilliseconds(250), Timeout.InfiniteTimeSpan);
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>Re-reads the file. On failure the previous flags are kept.</summary>
    public bool Reload()
    {
        try
        {
            Volatile.Write(ref _flags, Parse(_path));
            Reloaded?.Invoke(this, EventArgs.Empty);
            return true;
        }
        catch (FlagConfigurationException ex)
        {
            _onReloadError?.Invoke(ex);
            return false;
        }
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    // JSON shapes, kept private so the public model can stay immutable.

    private sealed class FlagFile
    {
        public List<FlagDto>? Flags { get; set; }
    }

    private sealed class FlagDto
    {
        public string? Key { get; set; }
        public string? Description { get; set; }
        [JsonPropertyName("default")] public bool Default { get; set; }
        public bool Killed { get; set; }
        public List<RuleDto>? Rules { get; set; }

        public FeatureFlag ToFlag() =>
            new(Key ?? throw new ArgumentException("missing \"key\""), Default, (Rules ?? new()).Select((r, i) => r.ToRule(i)))
            {
                Killed = Killed,
                Description = Description,
            };
    }

    private sealed class RuleDto
    {
        public string? Type { get; set; }
        public bool Enabled { get; set; } = true;
        public List<string>? Users { get; set; }
        public string? Attribute { get; set; }
        public List<string>? Values { get; set; }
        public double? Percentage { get; set; }

        public FlagRule ToRule(int index) => Type?.ToLowerInvariant() switch
        {
            "users" => new UserListRule(
                (Users ?? throw new ArgumentException($"rule {index}: \"users\" is required")).ToHashSet(StringComparer.Ordinal),
                Enabled),
            "attribute" => new AttributeRule(
                Attribute ?? throw new ArgumentException($"rule {index}: \"attribute\" is required"),
                Values is { Count: > 0 } ? Values : throw new ArgumentException($"rule {index}: \"values\" must not be empty"),
                Enabled),
            "percentage" => new PercentageRule(
                Percentage ?? throw new ArgumentException($"rule {index}: \"percentage\" is required"),
                Enabled),
            null => throw new ArgumentException($"rule {index}: \"type\" is required"),
            var other => throw new ArgumentException($"rule {index}: unknown type '{other}' (expected users, attribute or percentage)"),
        };
    }
}
