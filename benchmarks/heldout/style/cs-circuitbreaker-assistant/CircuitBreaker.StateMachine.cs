using System;

namespace Resilience
{
    // State-machine internals of CircuitBreaker. Every method here either runs under
    // _gate or raises events after releasing it; see CircuitBreaker.cs for the public API.
    public sealed partial class CircuitBreaker
    {
        /// <summary>
        /// Decides whether a call may proceed. Returns <c>true</c> if the call is a half-open trial.
        /// </summary>
        private bool AcquirePermission()
        {
            CircuitStateChangedEventArgs change = null;
            bool isTrial = false;
            bool rejectedAsBusy = false;
            Exception lastFailure;

            lock (_gate)
            {
                if (_state == CircuitState.Open)
                {
                    TimeSpan remaining = _openedAt + _options.BreakDuration - _clock();
                    if (remaining > TimeSpan.Zero)
                    {
                        throw new CircuitBrokenException(remaining, _lastFailure);
                    }

                    change = TransitionTo(CircuitState.HalfOpen);
                }

                if (_state == CircuitState.HalfOpen)
                {
                    if (_trialInFlight)
                    {
                        rejectedAsBusy = true;
                    }
                    else
                    {
                        _trialInFlight = true;
                        isTrial = true;
                    }
                }

                lastFailure = _lastFailure;
            }

            Raise(change);

            if (rejectedAsBusy)
            {
                throw new CircuitBrokenException(TimeSpan.Zero, lastFailure);
            }

            return isTrial;
        }

        private void OnSuccess(bool isTrial)
        {
            CircuitStateChangedEventArgs change = null;
            lock (_gate)
            {
                if (_state == CircuitState.Closed)
                {
                    _consecutiveFailures = 0;
                }
                else if (_state == CircuitState.HalfOpen && isTrial)
                {
                    _trialInFlight = false;
                    _halfOpenSuccesses++;
                    if (_halfOpenSuccesses >= _options.SuccessThreshold)
                    {
                        change = TransitionTo(CircuitState.Closed);
                    }
                }

                // Calls that started before the circuit opened and finish afterwards are
                // ignored: their outcome says nothing about the current trial.
            }

            Raise(change);
        }

        private void OnFailure(Exception ex, bool isTrial)
        {
            CircuitStateChangedEventArgs change = null;
            lock (_gate)
            {
                if (isTrial && _state == CircuitState.HalfOpen)
                {
                    _trialInFlight = false;
                }

                if (!_shouldHandle(ex))
                {
                    // Not a health signal (e.g. cancellation or a bad request); leave the state alone.
                    return;
                }

                _lastFailure = ex;

                if (_state == CircuitState.HalfOpen && isTrial)
                {
                    change = TransitionTo(CircuitState.Open);
                }
                else if (_state == CircuitState.Closed)
                {
                    _consecutiveFailures++;
                    if (_consecutiveFailures >= _options.FailureThreshold)
                    {
                        change = TransitionTo(CircuitState.Open);
                    }
                }
            }

            Raise(change);
        }

        /// <summary>
        /// Changes state and resets the bookkeeping for the new state. Must be called under
        /// <see cref="_gate"/>. Returns the event to raise once the lock is released, or
        /// <c>null</c> if nothing changed.
        /// </summary>
        private CircuitStateChangedEventArgs TransitionTo(CircuitState next)
        {
            if (_state == next)
            {
                return null;
            }

            var change = new CircuitStateChangedEventArgs(_state, next);
            _state = next;

            switch (next)
            {
                case CircuitState.Closed:
                    _consecutiveFailures = 0;
                    _lastFailure = null;
                    break;
                case CircuitState.Open:
                    _openedAt = _clock();
                    break;
                case CircuitState.HalfOpen:
                    _halfOpenSuccesses = 0;
                    _trialInFlight = false;
                    break;
            }

            return change;
        }

        private void Raise(CircuitStateChangedEventArgs change)
        {
            if (change != null)
            {
                StateChanged?.Invoke(this, change);
            }
        }
    }
}
