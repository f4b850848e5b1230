package backoff

import (
	"math/rand"
	"sync"
	"time"
)

/*
DecorrelatedJitterBackOff is a backoff implementation where each wait is picked
at random between the initial interval and three times the previous wait:

	sleep = min(MaxInterval, random_between(InitialInterval, previous sleep * 3))

Compared to ExponentialBackOff the waits of many clients retrying at the same
time spread out faster, and no client's wait depends on how many times it has
retried, only on its previous wait. See "Exponential Backoff And Jitter" on
the AWS Architecture Blog for a comparison.

If the time elapsed since the last call to Reset() goes past MaxElapsedTime,
NextBackOff() starts returning backoff.Stop.

Note: Implementation is not thread-safe.
*/
type DecorrelatedJitterBackOff struct {
	InitialInterval time.Duration
	MaxInterval     time.Duration
	// After MaxElapsedTime the DecorrelatedJitterBackOff returns Stop.
	// It never stops if MaxElapsedTime == 0.
	MaxElapsedTime time.Duration
	Clock          Clock

	previous  time.Duration
	startTime time.Time
	random    *rand.Rand
}

// NewDecorrelatedJitterBackOff creates an instance of DecorrelatedJitterBackOff
// using the same default intervals as NewExponentialBackOff.
func NewDecorrelatedJitterBackOff() *DecorrelatedJitterBackOff {
	b := &DecorrelatedJitterBackOff{
		InitialInterval: DefaultInitialInterval,
		MaxInterval:     DefaultMaxInterval,
		MaxElapsedTime:  DefaultMaxElapsedTime,
		Clock:           SystemClock,
	}
	b.Reset()
	return b
}

// Reset the interval back to the initial interval and restart the timer.
// Reset must be called before using b.
func (b *DecorrelatedJitterBackOff) Reset() {
	b.previous = b.InitialInterval
	b.startTime = b.Clock.Now()
}

// NextBackOff calculates the next backoff interval.
func (b *DecorrelatedJitterBackOff) NextBackOff() time.Duration {
	if b.MaxElapsedTime != 0 && b.GetElapsedTime() > b.MaxElapsedTime {
		return Stop
	}

	lo := int64(b.InitialInterval)
	hi := int64(b.previous) * 3
	if hi < lo || hi/3 != int64(b.previous) {
		// overflow, or a previous interval below the initial one
		hi = int64(b.MaxInterval)
	}

	next := time.Duration(lo)
	if hi > lo {
		next = time.Duration(lo + b.int63n(hi-lo))
	}
	if b.MaxInterval > 0 && next > b.MaxInterval {
		next = b.MaxInterval
	}
	b.previous = next
	return next
}

// GetElapsedTime returns the elapsed time since the last call to Reset().
// It is safe to call even while the backoff policy is used by a running
// ticker.
func (b *DecorrelatedJitterBackOff) GetElapsedTime() time.Duration {
	return b.Clock.Now().Sub(b.startTime)
}

func (b *DecorrelatedJitterBackOff) int63n(n int64) int64 {
	if b.random == nil {
		return rand.Int63n(n)
	}
	return b.random.Int63n(n)
}

/*
WithMaxInterval creates a wrapper around another BackOff, which will never
return a duration longer than max. Stop is passed through unchanged.

Unlike the MaxInterval field of ExponentialBackOff, the cap applies to the
randomized interval, so it works with any BackOff.
*/
func WithMaxInterval(b BackOff, max time.Duration) BackOff {
	return &backOffMaxInterval{delegate: b, max: max}
}

type backOffMaxInterval struct {
	mu       sync.Mutex
	delegate BackOff
	max      time.Duration
}

func (b *backOffMaxInterval) NextBackOff() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()

	next := b.delegate.NextBackOff()
	if next == Stop {
		return Stop
	}
	if next > b.max {
		return b.max
	}
	return next
}

func (b *backOffMaxInterval) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.delegate.Reset()
}
