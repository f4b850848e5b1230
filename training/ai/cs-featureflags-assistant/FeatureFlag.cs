using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace FeatureFlags;

/// <summary>
/// Describes who a flag is enabled for. Rules are evaluated in order and the
/// first one that matches decides; if none match, <see cref="DefaultEnabled"/> applies.
/// </summary>
public sealed class FeatureFlag
{
    public FeatureFlag(string key, bool defaultEnabled = false, IEnumerable<FlagRule>? rules = null)
    {
        if (string.IsNullOrWhiteSpace(key))
            throw new ArgumentException("Flag key must not be empty.", nameof(key));
        if (key.Any(char.IsWhiteSpace))
            throw new ArgumentException($"Flag key '{key}' must not contain whitespace.", nameof(key));

        Key = key;
        DefaultEnabled = defaultEnabled;
        Rules = (rules ?? Array.Empty<FlagRule>()).ToList().AsReadOnly();
    }

    public string Key { get; }

    public bool DefaultEnabled { get; }

    public IReadOnlyList<FlagRule> Rules { get; }

    /// <summary>When true the flag is off for everyone, regardless of rules (a kill switch).</summary>
    public bool Killed { get; init; }

    public string? Description { get; init; }
}

/// <summary>The user or request a flag is evaluated for.</summary>
public sealed record EvaluationContext(string? UserId, IReadOnlyDictionary<string, string>? Attributes = null)
{
    public static EvaluationContext Anonymous { get; } = new(UserId: null);

    public string? Attribute(string name) =>
        Attributes is not null && Attributes.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Base type for targeting rules.</summary>
public abstract record FlagRule(bool Enabled)
{
    /// <summary>Returns true if this rule applies to the context.</summary>
    public abstract bool Matches(FeatureFlag flag, EvaluationContext context);
}

/// <summary>Matches specific user ids, e.g. internal testers.</summary>
public sealed record UserListRule(IReadOnlySet<string> UserIds, bool Enabled = true) : FlagRule(Enabled)
{
    public override bool Matches(FeatureFlag flag, EvaluationContext context) =>
        context.UserId is not null && UserIds.Contains(context.UserId);
}

/// <summary>Matches when an attribute equals one of the given values (case-insensitive).</summary>
public sealed record AttributeRule(string Attribute, IReadOnlyCollection<string> Values, bool Enabled = true)
    : FlagRule(Enabled)
{
    public override bool Matches(FeatureFlag flag, EvaluationContext context)
    {
        var actual = context.Attribute(Attribute);
        return actual is not null && Values.Any(v => string.Equals(v, actual, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// Matches a stable percentage of users. The same user always lands in the
/// same bucket for a given flag, so raising the percentage from 10 to 20 keeps
/// the original 10% enabled and adds another 10%.
/// </summary>
public sealed record PercentageRule : FlagRule
{
    public PercentageRule(double percentage, bool enabled = true) : base(enabled)
    {
        if (double.IsNaN(percentage) || percentage < 0 || percentage > 100)
            throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "Percentage must be between 0 and 100.");
        Percentage = percentage;
    }

    public double Percentage { get; }

    public override bool Matches(FeatureFlag flag, EvaluationContext context)
    {
        // Anonymous users can't be bucketed consistently, so they never match.
        if (context.UserId is null)
            return false;
        return Bucketing.Bucket(flag.Key, context.UserId) < Percentage;
    }
}

/// <summary>Deterministic assignment of users to percentage buckets.</summary>
public static class Bucketing
{
    /// <summary>
    /// Maps (flag key, user id) to a number in [0, 100).
    /// </summary>
    /// <remarks>
    /// The flag key is part of the hash input so that the same users aren't
    /// always the first to get every new feature. SHA-256 is used rather than
    /// <see cref="string.GetHashCode()"/>, which is randomized per process in
    /// .NET and would put users in different buckets on different servers.
    /// </remarks>
    public static double Bucket(string flagKey, string userId)
    {
        ArgumentNullException.ThrowIfNull(flagKey);
        ArgumentNullException.ThrowIfNull(userId);

        Span<byte> hash = stackalloc byte[32];
        var input = Encoding.UTF8.GetBytes($"{flagKey}:{userId}");
        SHA256.HashData(input, hash);

        // The first 8 bytes as an unsigned integer give plenty of resolution.
        ulong value = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return value / (double)ulong.MaxValue * 100.0 % 100.0;
    }
}
