// Package breaker implements the circuit breaker pattern.
//
// A circuit breaker wraps calls to an unreliable dependency (a remote API, a
// database) and stops sending traffic to it after it has failed repeatedly,
// giving it time to recover instead of piling more load onto it.
//
// The breaker has three states:
//
//   - Closed: calls go through. Consecutive failures are counted; once they
//     reach the threshold the breaker opens.
//   - Open: calls fail immediately with ErrOpen until the cool-down period
//     has passed, then the breaker becomes half-open.
//   - HalfOpen: a limited number of trial calls go through. If they all
//     succeed the breaker closes again; a single failure re-opens it.
package breaker

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// State is the current mode of a Breaker.
type State int

const (
	Closed State = iota
	Open
	HalfOpen
)

// String returns a human-readable name, which is handy in logs and metrics.
func (s State) String() string {
	switch s {
	case Closed:
		return "closed"
	case Open:
		return "open"
	case HalfOpen:
		return "half-open"
	default:
		return fmt.Sprintf("State(%d)", int(s))
	}
}

var (
	// ErrOpen is returned without calling the wrapped function while the
	// breaker is open.
	ErrOpen = errors.New("breaker: circuit open")
	// ErrTooManyTrials is returned in the half-open state when the allowed
	// number of concurrent trial calls is already in flight.
	ErrTooManyTrials = errors.New("breaker: too many trial calls")
)

// Settings configures a Breaker. Zero fields are replaced by defaults in New.
type Settings struct {
	// Name identifies the breaker in errors and state-change callbacks.
	Name string
	// FailureThreshold is how many consecutive failures open the breaker.
	// Default: 5.
	FailureThreshold int
	// CoolDown is how long the breaker stays open before allowing trial
	// calls. Default: 30s.
	CoolDown time.Duration
	// HalfOpenTrials is how many successful trial calls close the breaker,
	// and also how many may run at once while half-open. Default: 1.
	HalfOpenTrials int
	// IsFailure decides whether an error counts against the dependency.
	// By default every non-nil error counts except context cancellation,
	// since a caller giving up says nothing about the dependency's health.
	IsFailure func(error) bool
	// OnStateChange, if set, is called after every transition. It runs while
	// the breaker's lock is held, so it must not call back into the breaker.
	OnStateChange func(name string, from, to State)
	// Now returns the current time; tests replace it. Default: time.Now.
	Now func() time.Time
}

// Breaker is a circuit breaker. It is safe for concurrent use.
type Breaker struct {
	s Settings

	mu        sync.Mutex
	state     State
	failures  int       // consecutive failures while closed
	openedAt  time.Time // when the breaker last opened
	inFlight  int       // trial calls running while half-open
	successes int       // successful trial calls while half-open
}

// New returns a closed breaker with the given settings.
func New(s Settings) *Breaker {
	if s.FailureThreshold <= 0 {
		s.FailureThreshold = 5
	}
	if s.CoolDown <= 0 {
		s.CoolDown = 30 * time.Second
	}
	if s.HalfOpenTrials <= 0 {
		s.HalfOpenTrials = 1
	}
	if s.IsFailure == nil {
		s.IsFailure = defaultIsFailure
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	return &Breaker{s: s}
}

func defaultIsFailure(err error) bool {
	return err != nil && !errors.Is(err, context.Canceled)
}

// State returns the current state, moving from Open to HalfOpen first if the
// cool-down has elapsed, so the answer reflects what the next call would see.
func (b *Breaker) State() State {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.maybeHalfOpen()
	return b.state
}

// Do runs fn if the breaker allows it and records the outcome.
//
// When the breaker rejects the call, fn is not run and the returned error
// wraps ErrOpen or ErrTooManyTrials. Otherwise Do returns fn's own error.
func (b *Breaker) Do(fn func() error) error {
	if err := b.before(); err != nil {
		return err
	}

	// Record the outcome even if fn panics, so a panicking call is treated
	// as a failure and never leaves a half-open trial slot occupied forever.
	var err error
	defer func() {
		if r := recover(); r != nil {
			b.after(fmt.Errorf("panic: %v", r))
			panic(r)
		}
		b.after(err)
	}()

	err = fn()
	return err
}

// before decides whether a call may proceed.
func (b *Breaker) before() error {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.maybeHalfOpen()

	switch b.state {
	case Open:
		return fmt.Errorf("%s: %w", b.s.Name, ErrOpen)
	case HalfOpen:
		if b.inFlight >= b.s.HalfOpenTrials {
			return fmt.Errorf("%s: %w", b.s.Name, ErrTooManyTrials)
		}
		b.inFlight++
	}
	return nil
}

// after records the result of a call that before allowed.
func (b *Breaker) after(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	failed := b.s.IsFailure(err)

	switch b.state {
	case Closed:
		if failed {
			b.failures++
			if b.failures >= b.s.FailureThreshold {
				b.transition(Open)
			}
		} else {
			// Only consecutive failures count, so any success resets.
			b.failures = 0
		}

	case HalfOpen:
		b.inFlight--
		if failed {
			b.transition(Open)
			return
		}
		b.successes++
		if b.successes >= b.s.HalfOpenTrials {
			b.transition(Closed)
		}

	case Open:
		// A call that started while closed or half-open can finish after
		// another call already opened the breaker. Its result is stale;
		// ignore it rather than disturb the cool-down.
	}
}

// maybeHalfOpen moves Open -> HalfOpen once the cool-down has passed.
// The caller must hold b.mu.
func (b *Breaker) maybeHalfOpen() {
	if b.state == Open && b.s.Now().Sub(b.openedAt) >= b.s.CoolDown {
		b.transition(HalfOpen)
	}
}

// transition switches state and resets the counters that belong to the new
// state. The caller must hold b.mu.
func (b *Breaker) transition(to State) {
	from := b.state
	if from == to {
		return
	}
	b.state = to
	b.failures = 0
	b.successes = 0
	b.inFlight = 0
	if to == Open {
		b.openedAt = b.s.Now()
	}
	if b.s.OnStateChange != nil {
		b.s.OnStateChange(b.s.Name, from, to)
	}
}
