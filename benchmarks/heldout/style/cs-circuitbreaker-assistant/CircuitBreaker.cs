using System;
using System.Threading;
using System.Threading.Tasks;

namespace Resilience
{
    /// <summary>
    /// A thread-safe circuit breaker that stops calling a failing dependency for a while,
    /// giving it time to recover instead of piling more load onto it.
    /// </summary>
    /// <remarks>
    /// <para>
    /// State machine:
    /// <list type="bullet">
    ///   <item><b>Closed</b> → <b>Open</b> after <see cref="CircuitBreakerOptions.FailureThreshold"/> consecutive failures.</item>
    ///   <item><b>Open</b> → <b>HalfOpen</b> once <see cref="CircuitBreakerOptions.BreakDuration"/> has elapsed (checked lazily on the next call).</item>
    ///   <item><b>HalfOpen</b> → <b>Closed</b> after <see cref="CircuitBreakerOptions.SuccessThreshold"/> successful trial calls.</item>
    ///   <item><b>HalfOpen</b> → <b>Open</b> on any handled failure.</item>
    /// </list>
    /// </para>
    /// <para>
    /// Only one trial call may be in flight while half-open; concurrent callers are rejected
    /// with a <see cref="CircuitBrokenException"/> so that a struggling service is not
    /// flooded the moment it comes back.
    /// </para>
    /// </remarks>
    public sealed partial class CircuitBreaker
    {
        private readonly object _gate = new object();
        private readonly CircuitBreakerOptions _options;
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<Exception, bool> _shouldHandle;

        // All mutable state below is guarded by _gate.
        private CircuitState _state = CircuitState.Closed;
        private int _consecutiveFailures;
        private int _halfOpenSuccesses;
        private bool _trialInFlight;
        private DateTimeOffset _openedAt;
        private Exception _lastFailure;

        /// <summary>
        /// Creates a circuit breaker with the given options.
        /// </summary>
        /// <param name="options">Configuration; <c>null</c> means use the defaults.</param>
        /// <exception cref="ArgumentOutOfRangeException">An option has an invalid value.</exception>
        public CircuitBreaker(CircuitBreakerOptions options = null)
        {
            _options = options ?? new CircuitBreakerOptions();
            _options.Validate();
            _clock = _options.Clock ?? (() => DateTimeOffset.UtcNow);
            _shouldHandle = _options.ShouldHandle ?? (ex => !(ex is OperationCanceledException));
        }

        /// <summary>
        /// Raised after every state transition. Handlers run on the thread that caused the
        /// transition, outside the internal lock, so they may safely call back into the breaker.
        /// </summary>
        public event EventHandler<CircuitStateChangedEventArgs> StateChanged;

        /// <summary>
        /// The current state. An open circuit whose break duration has elapsed is reported
        /// as <see cref="CircuitState.HalfOpen"/>, since the next call will be let through.
        /// </summary>
        public CircuitState State
        {
            get
            {
                lock (_gate)
                {
                    if (_state == CircuitState.Open && _clock() - _openedAt >= _options.BreakDuration)
                    {
                        return CircuitState.HalfOpen;
                    }

                    return _state;
                }
            }
        }

        /// <summary>The number of consecutive handled failures recorded while closed.</summary>
        public int ConsecutiveFailures
        {
            get { lock (_gate) { return _consecutiveFailures; } }
        }

        /// <summary>
        /// Runs an asynchronous operation through the breaker.
        /// </summary>
        /// <typeparam name="T">The operation's result type.</typeparam>
        /// <param name="action">The operation to protect. It receives <paramref name="cancellationToken"/>.</param>
        /// <param name="cancellationToken">Cancels the operation; cancellation is never counted as a failure by default.</param>
        /// <returns>The operation's result.</returns>
        /// <exception cref="ArgumentNullException"><paramref name="action"/> is <c>null</c>.</exception>
        /// <exception cref="CircuitBrokenException">The circuit is open and the call was not attempted.</exception>
        public async Task<T> ExecuteAsync<T>(
            Func<CancellationToken, Task<T>> action,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (action == null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            cancellationToken.ThrowIfCancellationRequested();
            bool isTrial = AcquirePermission();

            T result;
            try
            {
                result = await action(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                OnFailure(ex, isTrial);
                throw;
            }

            OnSuccess(isTrial);
            return result;
        }

        /// <summary>
        /// Runs an asynchronous operation that has no result through the breaker.
        /// </summary>
        /// <inheritdoc cref="ExecuteAsync{T}(Func{CancellationToken, Task{T}}, CancellationToken)"/>
        public Task ExecuteAsync(
            Func<CancellationToken, Task> action,
            CancellationToken cancellationToken = default(CancellationToken))
        {
            if (action == null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            return ExecuteAsync<bool>(async ct =>
            {
                await action(ct).ConfigureAwait(false);
                return true;
            }, cancellationToken);
        }

        /// <summary>
        /// Runs a synchronous operation through the breaker.
        /// </summary>
        /// <exception cref="ArgumentNullException"><paramref name="action"/> is <c>null</c>.</exception>
        /// <exception cref="CircuitBrokenException">The circuit is open and the call was not attempted.</exception>
        public T Execute<T>(Func<T> action)
        {
            if (action == null)
            {
                throw new ArgumentNullException(nameof(action));
            }

            bool isTrial = AcquirePermission();

            T result;
            try
            {
                result = action();
            }
            catch (Exception ex)
            {
                OnFailure(ex, isTrial);
                throw;
            }

            OnSuccess(isTrial);
            return result;
        }

        /// <summary>
        /// Forces the circuit open, for example when a health check reports the dependency is down.
        /// It will move to half-open after the normal break duration.
        /// </summary>
        public void Trip()
        {
            CircuitStateChangedEventArgs change;
            lock (_gate)
            {
                change = TransitionTo(CircuitState.Open);
                // Restart the timer even if we were already open.
                _openedAt = _clock();
            }

            Raise(change);
        }

        /// <summary>
        /// Forces the circuit closed and clears all failure counters.
        /// </summary>
        public void Reset()
        {
            CircuitStateChangedEventArgs change;
            lock (_gate)
            {
                change = TransitionTo(CircuitState.Closed);
                _consecutiveFailures = 0;
            }

            Raise(change);
        }
    }
}
