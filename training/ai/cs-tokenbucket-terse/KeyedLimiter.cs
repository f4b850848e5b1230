using System.Collections.Concurrent;

namespace Throttle;

public sealed record LimitRule(double Burst, double PerSecond);

public sealed class KeyedLimiter<TKey> where TKey : notnull
{
    sealed record Slot(TokenBucket Bucket)
    {
        public long Seen;
    }

    readonly ConcurrentDictionary<TKey, Slot> _slots = new();
    readonly Func<TKey, LimitRule> _rule;
    readonly IClock _clock;
    readonly long _idle;

    public KeyedLimiter(Func<TKey, LimitRule> rule, TimeSpan idle, IClock? clock = null)
    {
        _rule = rule;
        _clock = clock ?? SystemClock.Instance;
        _idle = idle.Ticks;
    }

    public int Count => _slots.Count;

    public (bool Ok, TimeSpan RetryAfter) Check(TKey key, double cost = 1)
    {
        var s = _slots.GetOrAdd(key, k =>
        {
            var r = _rule(k);
            return new Slot(new TokenBucket(r.Burst, r.PerSecond, _clock));
        });
        Interlocked.Exchange(ref s.Seen, _clock.Ticks);
        var ok = s.Bucket.TryTake(cost, out var wait);
        return (ok, wait);
    }

    public int Sweep()
    {
        var cut = _clock.Ticks - _idle;
        var n = 0;
        foreach (var (k, s) in _slots)
            if (Interlocked.Read(ref s.Seen) < cut && _slots.TryRemove(new(k, s))) n++;
        return n;
    }
}
