package ratelimit

import (
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// KeyFunc extracts the rate limiting key (for example the client IP) from a request.
type KeyFunc func(r *http.Request) string

// ClientIP returns the client's IP address, ignoring the port.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Limiter keeps one token bucket per key and evicts buckets that have been idle.
type Limiter struct {
	mu       sync.Mutex
	buckets  map[string]*entry
	rate     float64
	burst    int
	idleTTL  time.Duration
	keyFunc  KeyFunc
}

type entry struct {
	bucket   *TokenBucket
	lastSeen time.Time
}

// NewLimiter creates a per-key limiter. Idle buckets are removed after idleTTL.
func NewLimiter(rate float64, burst int, idleTTL time.Duration, keyFunc KeyFunc) *Limiter {
	if keyFunc == nil {
		keyFunc = ClientIP
	}
	return &Limiter{
		buckets: make(map[string]*entry),
		rate:    rate,
		burst:   burst,
		idleTTL: idleTTL,
		keyFunc: keyFunc,
	}
}

func (l *Limiter) bucketFor(key string) (*TokenBucket, error) {
	l.mu.Lock()
	defer l.mu.Unlock()

	if e, ok := l.buckets[key]; ok {
		e.lastSeen = time.Now()
		return e.bucket, nil
	}
	bucket, err := NewTokenBucket(l.rate, l.burst)
	if err != nil {
		return nil, fmt.Errorf("creating bucket for %q: %w", key, err)
	}
	l.buckets[key] = &entry{bucket: bucket, lastSeen: time.Now()}
	return bucket, nil
}

// Cleanup removes buckets that have not been used within the idle TTL.
// Call it periodically, e.g. from a time.Ticker in a background goroutine.
func (l *Limiter) Cleanup() int {
	l.mu.Lock()
	defer l.mu.Unlock()

	removed := 0
	cutoff := time.Now().Add(-l.idleTTL)
	for key, e := range l.buckets {
		if e.lastSeen.Before(cutoff) {
			delete(l.buckets, key)
			removed++
		}
	}
	return removed
}

// Middleware wraps an http.Handler and responds with 429 Too Many Requests when the limit is exceeded.
func (l *Limiter) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		bucket, err := l.bucketFor(l.keyFunc(r))
		if err != nil {
			http.Error(w, "rate limiter misconfigured", http.StatusInternalServerError)
			return
		}

		if !bucket.Allow() {
			retryAfter := int(math.Ceil(bucket.RetryAfter().Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
			return
		}

		next.ServeHTTP(w, r)
	})
}
