package ratelimit

import (
	"context"
	"sync"
	"time"
)

type Clock func() time.Time

type Bucket struct {
	mu   sync.Mutex
	rate float64
	cap  float64
	tok  float64
	last time.Time
	now  Clock
}

func New(rate float64, burst int) *Bucket {
	return NewWithClock(rate, burst, time.Now)
}

func NewWithClock(rate float64, burst int, now Clock) *Bucket {
	if rate <= 0 || burst <= 0 {
		panic("ratelimit: rate and burst must be > 0")
	}
	return &Bucket{rate: rate, cap: float64(burst), tok: float64(burst), last: now(), now: now}
}

func (b *Bucket) refill(t time.Time) {
	if d := t.Sub(b.last).Seconds(); d > 0 {
		b.tok += d * b.rate
		if b.tok > b.cap {
			b.tok = b.cap
		}
	}
	b.last = t
}

func (b *Bucket) Allow() bool { return b.AllowN(1) }

func (b *Bucket) AllowN(n int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(b.now())
	if float64(n) > b.tok {
		return false
	}
	b.tok -= float64(n)
	return true
}

// reserve takes n tokens now (possibly going negative) and returns how long
// the caller must wait before the tokens are actually available.
func (b *Bucket) reserve(n int) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(b.now())
	b.tok -= float64(n)
	if b.tok >= 0 {
		return 0
	}
	return time.Duration(-b.tok / b.rate * float64(time.Second))
}

func (b *Bucket) cancel(n int) {
	b.mu.Lock()
	b.tok += float64(n)
	if b.tok > b.cap {
		b.tok = b.cap
	}
	b.mu.Unlock()
}

func (b *Bucket) Wait(ctx context.Context) error { return b.WaitN(ctx, 1) }

func (b *Bucket) WaitN(ctx context.Context, n int) error {
	if float64(n) > b.cap {
		return ErrTooMany
	}
	d := b.reserve(n)
	if d == 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		b.cancel(n)
		return ctx.Err()
	}
}

func (b *Bucket) Tokens() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(b.now())
	return b.tok
}
