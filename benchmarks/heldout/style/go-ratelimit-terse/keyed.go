package ratelimit

import (
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

var ErrTooMany = errors.New("ratelimit: n exceeds burst")

type entry struct {
	b    *Bucket
	seen time.Time
}

type Keyed struct {
	mu    sync.Mutex
	m     map[string]*entry
	rate  float64
	burst int
	ttl   time.Duration
	now   Clock
}

func NewKeyed(rate float64, burst int, ttl time.Duration) *Keyed {
	return NewKeyedWithClock(rate, burst, ttl, time.Now)
}

func NewKeyedWithClock(rate float64, burst int, ttl time.Duration, now Clock) *Keyed {
	return &Keyed{m: map[string]*entry{}, rate: rate, burst: burst, ttl: ttl, now: now}
}

func (k *Keyed) get(key string) *Bucket {
	k.mu.Lock()
	defer k.mu.Unlock()
	t := k.now()
	e, ok := k.m[key]
	if !ok {
		e = &entry{b: NewWithClock(k.rate, k.burst, k.now)}
		k.m[key] = e
	}
	e.seen = t
	return e.b
}

func (k *Keyed) Allow(key string) bool { return k.get(key).Allow() }

func (k *Keyed) Sweep() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	t := k.now()
	n := 0
	for key, e := range k.m {
		if t.Sub(e.seen) > k.ttl {
			delete(k.m, key)
			n++
		}
	}
	return n
}

func (k *Keyed) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.m)
}

func Middleware(k *Keyed, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			ip = r.RemoteAddr
		}
		if !k.Allow(ip) {
			w.Header().Set("Retry-After", strconv.Itoa(int(1/k.rate)+1))
			http.Error(w, "rate limited", http.StatusTooManyRequests)
			return
		}
		next.ServeHTTP(w, r)
	})
}
