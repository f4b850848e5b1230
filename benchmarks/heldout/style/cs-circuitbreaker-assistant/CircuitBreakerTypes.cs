using System;

namespace Resilience
{
    /// <summary>
    /// The three states of a circuit breaker.
    /// </summary>
    public enum CircuitState
    {
        /// <summary>Calls flow normally; failures are being counted.</summary>
        Closed,

        /// <summary>Calls are rejected immediately until the break duration elapses.</summary>
        Open,

        /// <summary>A limited number of trial calls are allowed through to probe recovery.</summary>
        HalfOpen,
    }

    /// <summary>
    /// Event data for <see cref="CircuitBreaker.StateChanged"/>.
    /// </summary>
    public sealed class CircuitStateChangedEventArgs : EventArgs
    {
        /// <summary>
        /// Initializes a new instance of the <see cref="CircuitStateChangedEventArgs"/> class.
        /// </summary>
        /// <param name="previous">The state before the transition.</param>
        /// <param name="current">The state after the transition.</param>
        public CircuitStateChangedEventArgs(CircuitState previous, CircuitState current)
        {
            Previous = previous;
            Current = current;
        }

        /// <summary>The state before the transition.</summary>
        public CircuitState Previous { get; }

        /// <summary>The state after the transition.</summary>
        public CircuitState Current { get; }
    }

    /// <summary>
    /// Configuration for a <see cref="CircuitBreaker"/>.
    /// </summary>
    /// <remarks>
    /// The defaults are deliberately conservative: five consecutive failures open the
    /// circuit for thirty seconds, and a single successful trial call closes it again.
    /// </remarks>
    public sealed class CircuitBreakerOptions
    {
        /// <summary>
        /// Number of consecutive handled failures that will open the circuit. Must be at least 1.
        /// </summary>
        public int FailureThreshold { get; set; } = 5;

        /// <summary>
        /// How long the circuit stays open before allowing trial calls. Must be positive.
        /// </summary>
        public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Number of consecutive successful trial calls required in the half-open state
        /// before the circuit closes. Must be at least 1.
        /// </summary>
        public int SuccessThreshold { get; set; } = 1;

        /// <summary>
        /// Decides which exceptions count as failures. Exceptions for which this returns
        /// <c>false</c> are rethrown without affecting the breaker (for example, validation
        /// errors that say nothing about the health of the downstream service).
        /// When <c>null</c>, every exception except <see cref="OperationCanceledException"/> counts.
        /// </summary>
        public Func<Exception, bool> ShouldHandle { get; set; }

        /// <summary>
        /// Supplies the current time. Override in tests to control the clock.
        /// When <c>null</c>, <see cref="DateTimeOffset.UtcNow"/> is used.
        /// </summary>
        public Func<DateTimeOffset> Clock { get; set; }

        /// <summary>
        /// Throws an <see cref="ArgumentOutOfRangeException"/> describing the first invalid setting.
        /// </summary>
        internal void Validate()
        {
            if (FailureThreshold < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(FailureThreshold), FailureThreshold, "FailureThreshold must be at least 1.");
            }

            if (BreakDuration <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(BreakDuration), BreakDuration, "BreakDuration must be a positive time span.");
            }

            if (SuccessThreshold < 1)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(SuccessThreshold), SuccessThreshold, "SuccessThreshold must be at least 1.");
            }
        }
    }

    /// <summary>
    /// Thrown when a call is rejected because the circuit is open, or because the
    /// half-open state already has a trial call in flight.
    /// </summary>
    public sealed class CircuitBrokenException : Exception
    {
        /// <summary>
        /// Initializes a new instance of the <see cref="CircuitBrokenException"/> class.
        /// </summary>
        /// <param name="retryAfter">How long the caller should wait before trying again.</param>
        /// <param name="lastFailure">The failure that most recently tripped the circuit, if known.</param>
        public CircuitBrokenException(TimeSpan retryAfter, Exception lastFailure)
            : base(BuildMessage(retryAfter), lastFailure)
        {
            RetryAfter = retryAfter;
        }

        /// <summary>
        /// The remaining time until the breaker will allow a trial call.
        /// </summary>
        public TimeSpan RetryAfter { get; }

        private static string BuildMessage(TimeSpan retryAfter)
        {
            return retryAfter > TimeSpan.Zero
                ? $"The circuit is open; calls are blocked for another {retryAfter.TotalSeconds:0.###} s."
                : "The circuit is half-open and a trial call is already in progress.";
        }
    }
}
