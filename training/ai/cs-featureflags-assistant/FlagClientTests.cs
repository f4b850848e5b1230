using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace FeatureFlags.Tests;

public class FlagClientTests
{
    private static EvaluationContext User(string id, string? plan = null) =>
        new(id, plan is null ? null : new Dictionary<string, string> { ["plan"] = plan });

    [Fact]
    public void FirstMatchingRuleWins()
    {
        var flag = new FeatureFlag("beta-search", defaultEnabled: false, rules: new FlagRule[]
        {
            new UserListRule(new HashSet<string> { "blocked" }, Enabled: false),
            new AttributeRule("plan", new[] { "enterprise" }),
        });
        var client = new FlagClient(new[] { flag });

        Assert.True(client.IsEnabled("beta-search", User("u1", "Enterprise")));
        Assert.False(client.IsEnabled("beta-search", User("blocked", "enterprise")));

        var eval = client.Evaluate("beta-search", User("u2", "free"));
        Assert.False(eval.Enabled);
        Assert.Equal(EvaluationReason.Default, eval.Reason);
    }

    [Fact]
    public void KillSwitchOverridesRules()
    {
        var flag = new FeatureFlag("payments-v2", true, new FlagRule[] { new PercentageRule(100) }) { Killed = true };
        var eval = new FlagClient(new[] { flag }).Evaluate("payments-v2", User("u1"));
        Assert.Equal(new Evaluation("payments-v2", false, EvaluationReason.Killed), eval);
    }

    [Fact]
    public void UnknownFlagsAreOff()
    {
        var eval = new FlagClient(Array.Empty<FeatureFlag>()).Evaluate("does-not-exist");
        Assert.False(eval.Enabled);
        Assert.Equal(EvaluationReason.UnknownFlag, eval.Reason);
    }

    [Fact]
    public void PercentageRolloutIsStableAndRoughlyProportional()
    {
        var flag = new FeatureFlag("new-ui", rules: new FlagRule[] { new PercentageRule(30) });
        var client = new FlagClient(new[] { flag });
        var users = Enumerable.Range(0, 10_000).Select(i => User($"user-{i}")).ToList();

        var first = users.Select(u => client.IsEnabled("new-ui", u)).ToList();
        var second = users.Select(u => client.IsEnabled("new-ui", u)).ToList();

        Assert.Equal(first, second);
        var share = first.Count(x => x) / (double)users.Count;
        Assert.InRange(share, 0.27, 0.33);
    }

    [Fact]
    public void RaisingThePercentageKeepsExistingUsers()
    {
        var users = Enumerable.Range(0, 2_000).Select(i => $"user-{i}").ToList();
        var at10 = users.Where(u => Bucketing.Bucket("flag", u) < 10).ToHashSet();
        var at20 = users.Where(u => Bucketing.Bucket("flag", u) < 20).ToHashSet();
        Assert.True(at10.IsSubsetOf(at20));
    }

    [Fact]
    public void AnonymousUsersNeverMatchPercentageRules()
    {
        var flag = new FeatureFlag("x", rules: new FlagRule[] { new PercentageRule(100) });
        Assert.False(new FlagClient(new[] { flag }).IsEnabled("x"));
    }

    [Fact]
    public void OverrideIsRestoredOnDispose()
    {
        var client = new FlagClient(new[] { new FeatureFlag("checkout", defaultEnabled: false) });

        using (client.Override("checkout", true))
        {
            Assert.Equal(EvaluationReason.Override, client.Evaluate("checkout").Reason);
            Assert.True(client.IsEnabled("checkout"));
        }
        Assert.False(client.IsEnabled("checkout"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    [InlineData(double.NaN)]
    public void PercentageMustBeInRange(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentageRule(value));
}

public class FlagStoreParsingTests
{
    [Fact]
    public void ParsesAllRuleTypes()
    {
        const string json = """
        {
          // comments are allowed
          "flags": [
            { "key": "a", "default": true },
            { "key": "b", "rules": [
                { "type": "users", "users": ["u1"] },
                { "type": "attribute", "attribute": "country", "values": ["NO", "SE"], "enabled": false },
                { "type": "percentage", "percentage": 5 },
            ] },
          ]
        }
        """;
        var flags = FlagStore.ParseJson(json);

        Assert.True(flags["a"].DefaultEnabled);
        Assert.Collection(flags["b"].Rules,
            r => Assert.IsType<UserListRule>(r),
            r => Assert.False(Assert.IsType<AttributeRule>(r).Enabled),
            r => Assert.Equal(5, Assert.IsType<PercentageRule>(r).Percentage));
    }

    [Fact]
    public void ReportsEveryInvalidFlag()
    {
        const string json = """
        { "flags": [
            { "key": "dup" }, { "key": "dup" },
            { "key": "bad rule", "rules": [ { "type": "geo" } ] },
            { "rules": [] }
        ] }
        """;
        var ex = Assert.Throws<FlagConfigurationException>(() => FlagStore.ParseJson(json, "flags.json"));

        Assert.Contains("3 invalid flag(s)", ex.Message);
        Assert.Contains("duplicate key 'dup'", ex.Message);
        Assert.Contains("missing \"key\"", ex.Message);
    }

    [Fact]
    public void RejectsMalformedJson()
    {
        var ex = Assert.Throws<FlagConfigurationException>(() => FlagStore.ParseJson("{ \"flags\": [ }"));
        Assert.Contains("invalid JSON", ex.Message);
    }
}
