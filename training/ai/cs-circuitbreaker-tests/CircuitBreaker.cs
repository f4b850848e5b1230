using System;
using System.Threading.Tasks;

namespace Resilience
{
    public enum CircuitState
    {
        Closed,
        Open,
        HalfOpen,
    }

    public sealed class CircuitOpenException : Exception
    {
        public CircuitOpenException(TimeSpan retryAfter)
            : base($"Circuit is open; retry after {retryAfter.TotalSeconds:0.##}s.")
        {
            RetryAfter = retryAfter;
        }

        public TimeSpan RetryAfter { get; }
    }

    public sealed class CircuitBreaker
    {
        private readonly object _lock = new object();
        private readonly int _failureThreshold;
        private readonly TimeSpan _openDuration;
        private readonly Func<DateTimeOffset> _now;
        private int _consecutiveFailures;
        private DateTimeOffset _openedAt;
        private bool _probeInFlight;

        public CircuitBreaker(int failureThreshold, TimeSpan openDuration, Func<DateTimeOffset>? clock = null)
        {
            if (failureThreshold < 1)
                throw new ArgumentOutOfRangeException(nameof(failureThreshold), "Must be at least 1.");
            if (openDuration <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(openDuration), "Must be positive.");

            _failureThreshold = failureThreshold;
            _openDuration = openDuration;
            _now = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public CircuitState State { get; private set; } = CircuitState.Closed;

        public event Action<CircuitState, CircuitState>? StateChanged;

        public async Task<T> ExecuteAsync<T>(Func<Task<T>> action)
        {
            if (action is null) throw new ArgumentNullException(nameof(action));

            BeforeCall();
            try
            {
                var result = await action().ConfigureAwait(false);
                OnSuccess();
                return result;
            }
            catch (Exception ex) when (ex is not CircuitOpenException)
            {
                OnFailure();
                throw;
            }
        }

        public Task ExecuteAsync(Func<Task> action) =>
            ExecuteAsync(async () =>
            {
                await action().ConfigureAwait(false);
                return true;
            });

        public void Reset()
        {
            lock (_lock)
            {
                _consecutiveFailures = 0;
                _probeInFlight = false;
                Transition(CircuitState.Closed);
            }
        }

        private void BeforeCall()
        {
            lock (_lock)
            {
                if (State == CircuitState.Open)
                {
                    var elapsed = _now() - _openedAt;
                    if (elapsed < _openDuration)
                        throw new CircuitOpenException(_openDuration - elapsed);
                    Transition(CircuitState.HalfOpen);
                }

                if (State == CircuitState.HalfOpen)
                {
                    if (_probeInFlight)
                        throw new CircuitOpenException(TimeSpan.Zero);
                    _probeInFlight = true;
                }
            }
        }

        private void OnSuccess()
        {
            lock (_lock)
            {
                _consecutiveFailures = 0;
                _probeInFlight = false;
                Transition(CircuitState.Closed);
            }
        }

        private void OnFailure()
        {
            lock (_lock)
            {
                _probeInFlight = false;
                _consecutiveFailures++;
                if (State == CircuitState.HalfOpen || _consecutiveFailures >= _failureThreshold)
                {
                    _openedAt = _now();
                    Transition(CircuitState.Open);
                }
            }
        }

        private void Transition(CircuitState next)
        {
            if (State == next) return;
            var previous = State;
            State = next;
            StateChanged?.Invoke(previous, next);
        }
    }
}
