// Package ratelimit provides a token bucket rate limiter and HTTP middleware.
package ratelimit

import (
	"errors"
	"sync"
	"time"
)

// ErrInvalidConfig is returned when the limiter is configured with non-positive values.
var ErrInvalidConfig = errors.New("ratelimit: rate and burst must be positive")

// TokenBucket is a thread-safe token bucket rate limiter.
// Tokens are added at a fixed rate up to a maximum burst size.
type TokenBucket struct {
	mu         sync.Mutex
	rate       float64 // tokens added per second
	burst      float64 // maximum number of tokens
	tokens     float64
	lastRefill time.Time
	now        func() time.Time
}

// NewTokenBucket creates a limiter that allows `rate` events per second with bursts of up to `burst`.
func NewTokenBucket(rate float64, burst int) (*TokenBucket, error) {
	if rate <= 0 || burst <= 0 {
		return nil, ErrInvalidConfig
	}
	return &TokenBucket{
		rate:       rate,
		burst:      float64(burst),
		tokens:     float64(burst),
		lastRefill: time.Now(),
		now:        time.Now,
	}, nil
}

// refill adds tokens based on the time elapsed since the last refill.
// The caller must hold the mutex.
func (b *TokenBucket) refill() {
	now := b.now()
	elapsed := now.Sub(b.lastRefill).Seconds()
	if elapsed <= 0 {
		return
	}
	b.tokens = min(b.burst, b.tokens+elapsed*b.rate)
	b.lastRefill = now
}

// Allow reports whether one event may happen now, consuming a token if so.
func (b *TokenBucket) Allow() bool {
	return b.AllowN(1)
}

// AllowN reports whether n events may happen now, consuming n tokens if so.
func (b *TokenBucket) AllowN(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.refill()
	if b.tokens < float64(n) {
		return false
	}
	b.tokens -= float64(n)
	return true
}

// RetryAfter returns how long the caller should wait before one token is available.
func (b *TokenBucket) RetryAfter() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.refill()
	if b.tokens >= 1 {
		return 0
	}
	missing := 1 - b.tokens
	return time.Duration(missing / b.rate * float64(time.Second))
}
