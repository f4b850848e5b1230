namespace Throttle;

public interface IClock { long Ticks { get; } }

public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();
    public long Ticks => Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
}

public sealed class TokenBucket
{
    readonly object _gate = new();
    readonly IClock _clock;
    readonly double _cap, _perTick;
    double _tokens;
    long _last;

    public TokenBucket(double capacity, double perSecond, IClock? clock = null)
    {
        if (capacity <= 0 || perSecond <= 0) throw new ArgumentOutOfRangeException(nameof(capacity));
        _clock = clock ?? SystemClock.Instance;
        _cap = capacity;
        _perTick = perSecond / TimeSpan.TicksPerSecond;
        _tokens = capacity;
        _last = _clock.Ticks;
    }

    public double Available { get { lock (_gate) { Refill(); return _tokens; } } }

    public bool TryTake(double n = 1) => TryTake(n, out _);

    public bool TryTake(double n, out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= n)
            {
                _tokens -= n;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromTicks((long)Math.Ceiling((n - _tokens) / _perTick));
            return false;
        }
    }

    public async ValueTask TakeAsync(double n = 1, CancellationToken ct = default)
    {
        if (n > _cap) throw new ArgumentOutOfRangeException(nameof(n), "exceeds capacity");
        while (!TryTake(n, out var wait))
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, ct);
    }

    void Refill()
    {
        var now = _clock.Ticks;
        if (now <= _last) return;
        _tokens = Math.Min(_cap, _tokens + (now - _last) * _perTick);
        _last = now;
    }
}
