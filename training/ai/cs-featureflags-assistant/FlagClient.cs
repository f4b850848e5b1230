using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace FeatureFlags;

/// <summary>Why an evaluation returned what it did; useful in logs and admin UIs.</summary>
public enum EvaluationReason
{
    RuleMatch,
    Default,
    Killed,
    UnknownFlag,
    Override,
}

public readonly record struct Evaluation(string FlagKey, bool Enabled, EvaluationReason Reason, int? RuleIndex = null);

public interface IFeatureFlags
{
    bool IsEnabled(string flagKey, EvaluationContext? context = null);

    Evaluation Evaluate(string flagKey, EvaluationContext? context = null);
}

/// <summary>
/// Evaluates flags from a <see cref="FlagStore"/>.
/// </summary>
/// <remarks>
/// Unknown flags evaluate to <c>false</c> rather than throwing: code that
/// checks a flag should keep working if someone deletes the flag from the
/// config. Each unknown key is logged once so typos still get noticed.
/// </remarks>
public sealed class FlagClient : IFeatureFlags
{
    private readonly Func<IReadOnlyDictionary<string, FeatureFlag>> _flags;
    private readonly ILogger<FlagClient>? _logger;
    private readonly ConcurrentDictionary<string, bool> _overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _reportedUnknown = new(StringComparer.Ordinal);

    public FlagClient(FlagStore store, ILogger<FlagClient>? logger = null)
        : this(() => store.Flags, logger)
    {
        ArgumentNullException.ThrowIfNull(store);
    }

    /// <summary>Creates a client over a fixed set of flags, mainly for tests.</summary>
    public FlagClient(IEnumerable<FeatureFlag> flags, ILogger<FlagClient>? logger = null)
        : this(Snapshot(flags), logger)
    {
    }

    private FlagClient(Func<IReadOnlyDictionary<string, FeatureFlag>> flags, ILogger<FlagClient>? logger)
    {
        _flags = flags;
        _logger = logger;
    }

    private static Func<IReadOnlyDictionary<string, FeatureFlag>> Snapshot(IEnumerable<FeatureFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var dict = new Dictionary<string, FeatureFlag>(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            if (!dict.TryAdd(flag.Key, flag))
                throw new ArgumentException($"Duplicate flag key '{flag.Key}'.", nameof(flags));
        }
        return () => dict;
    }

    public bool IsEnabled(string flagKey, EvaluationContext? context = null) => Evaluate(flagKey, context).Enabled;

    public Evaluation Evaluate(string flagKey, EvaluationContext? context = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        context ??= EvaluationContext.Anonymous;

        if (_overrides.TryGetValue(flagKey, out var forced))
            return new Evaluation(flagKey, forced, EvaluationReason.Override);

        if (!_flags().TryGetValue(flagKey, out var flag))
        {
            if (_reportedUnknown.TryAdd(flagKey, 0))
                _logger?.LogWarning("Unknown feature flag {FlagKey}; treating it as disabled", flagKey);
            return new Evaluation(flagKey, false, EvaluationReason.UnknownFlag);
        }

        if (flag.Killed)
            return new Evaluation(flagKey, false, EvaluationReason.Killed);

        for (var i = 0; i < flag.Rules.Count; i++)
        {
            bool matched;
            try
            {
                matched = flag.Rules[i].Matches(flag, context);
            }
            catch (Exception ex)
            {
                // A buggy rule must not break the page that checks the flag.
                _logger?.LogError(ex, "Rule {RuleIndex} of flag {FlagKey} threw; skipping it", i, flagKey);
                continue;
            }
            if (matched)
                return new Evaluation(flagKey, flag.Rules[i].Enabled, EvaluationReason.RuleMatch, i);
        }

        return new Evaluation(flagKey, flag.DefaultEnabled, EvaluationReason.Default);
    }

    /// <summary>
    /// Forces a flag on or off for this client until the returned handle is
    /// disposed. Intended for tests and local development.
    /// </summary>
    public IDisposable Override(string flagKey, bool enabled)
    {
        ArgumentException.ThrowIfNullOrEmpty(flagKey);
        var had = _overrides.TryGetValue(flagKey, out var previous);
        _overrides[flagKey] = enabled;
        return new OverrideHandle(() =>
        {
            if (had)
                _overrides[flagKey] = previous;
            else
                _overrides.TryRemove(flagKey, out _);
        });
    }

    private sealed class OverrideHandle : IDisposable
    {
        private Action? _restore;

        public OverrideHandle(Action restore) => _restore = restore;

        public void Dispose() => System.Threading.Interlocked.Exchange(ref _restore, null)?.Invoke();
    }
}
