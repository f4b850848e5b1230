using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Caching;

public sealed class TtlCache<TKey, TVal> : IDisposable where TKey : notnull
{
    sealed class Entry
    {
        public TVal Val = default!;
        public long Exp;
        public long Touched;
    }

    readonly ConcurrentDictionary<TKey, Entry> _m = new();
    readonly ConcurrentDictionary<TKey, Lazy<Task<TVal>>> _inflight = new();
    readonly TimeSpan _ttl;
    readonly int _cap;
    readonly Func<long> _now;
    readonly Timer? _sweep;
    long _hits, _misses, _evicted;

    public TtlCache(TimeSpan ttl, int cap = 10_000, TimeSpan? sweep = null, Func<long>? now = null)
    {
        if (ttl <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ttl));
        _ttl = ttl;
        _cap = cap;
        _now = now ?? (() => Environment.TickCount64);
        if (sweep is { } s) _sweep = new Timer(_ => Sweep(), null, s, s);
    }

    public (long Hits, long Misses, long Evicted, int Count) Stats =>
        (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _evicted), _m.Count);

    public bool TryGet(TKey k, out TVal v)
    {
        var t = _now();
        if (_m.TryGetValue(k, out var e) && e.Exp > t)
        {
            e.Touched = t;
            Interlocked.Increment(ref _hits);
            v = e.Val;
            return true;
        }
        if (e != null) _m.TryRemove(new KeyValuePair<TKey, Entry>(k, e));
        Interlocked.Increment(ref _misses);
        v = default!;
        return false;
    }

    public void Set(TKey k, TVal v, TimeSpan? ttl = null)
    {
        var t = _now();
        _m[k] = new Entry { Val = v, Exp = t + (long)(ttl ?? _ttl).TotalMilliseconds, Touched = t };
        if (_m.Count > _cap) Trim();
    }

    public bool Remove(TKey k) => _m.TryRemove(k, out _);

    public async Task<TVal> GetOrAdd(TKey k, Func<TKey, CancellationToken, Task<TVal>> load, CancellationToken ct = default)
    {
        if (TryGet(k, out var v)) return v;
        var lz = _inflight.GetOrAdd(k, key => new Lazy<Task<TVal>>(async () =>
        {
            try
            {
                var r = await load(key, ct).ConfigureAwait(false);
                Set(key, r);
                return r;
            }
            finally
            {
                _inflight.TryRemove(key, out _);
            }
        }));
        return await lz.Value.ConfigureAwait(false);
    }

    public int Sweep()
    {
        var t = _now();
        var n = 0;
        foreach (var kv in _m)
            if (kv.Value.Exp <= t && _m.TryRemove(kv)) n++;
        Interlocked.Add(ref _evicted, n);
        return n;
    }

    void Trim()
    {
        if (Sweep() > 0 && _m.Count <= _cap) return;
        var over = _m.Count - _cap;
        if (over <= 0) return;
        var victims = new List<KeyValuePair<TKey, Entry>>(_m);
        victims.Sort((a, b) => a.Value.Touched.CompareTo(b.Value.Touched));
        var n = 0;
        foreach (var kv in victims)
        {
            if (n >= over + _cap / 10) break;
            if (_m.TryRemove(kv)) n++;
        }
        Interlocked.Add(ref _evicted, n);
    }

    public void Clear() => _m.Clear();

    public void Dispose() => _sweep?.Dispose();
}
