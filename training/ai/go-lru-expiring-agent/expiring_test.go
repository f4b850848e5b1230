package lru

import (
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	lock sync.Mutex
	t    time.Time
}

func (f *fakeClock) Now() time.Time {
	f.lock.Lock()
	defer f.lock.Unlock()
	return f.t
}

func (f *fakeClock) Advance(d time.Duration) {
	f.lock.Lock()
	f.t = f.t.Add(d)
	f.lock.Unlock()
}

func newTestExpiring(t *testing.T, size int, ttl time.Duration, onEvicted func(k, v interface{})) (*ExpiringCache, *fakeClock) {
	l, err := NewExpiringWithEvict(size, ttl, onEvicted)
	if err != nil {
		t.Fatalf("err: %v", err)
	}
	clock := &fakeClock{t: time.Unix(1000, 0)}
	l.now = clock.Now
	return l, clock
}

func TestExpiring(t *testing.T) {
	evictCounter := 0
	onEvicted := func(k interface{}, v interface{}) {
		if k != v {
			t.Fatalf("Evict values not equal (%v!=%v)", k, v)
		}
		evictCounter++
	}
	l, clock := newTestExpiring(t, 128, time.Minute, onEvicted)

	for i := 0; i < 256; i++ {
		l.Add(i, i)
	}
	if l.Len() != 128 {
		t.Fatalf("bad len: %v", l.Len())
	}
	if evictCounter != 128 {
		t.Fatalf("bad evict count: %v", evictCounter)
	}

	for i := 128; i < 256; i++ {
		if v, ok := l.Get(i); !ok || v != i {
			t.Fatalf("should not be evicted: %v", i)
		}
	}

	clock.Advance(59 * time.Second)
	if _, ok := l.Get(200); !ok {
		t.Fatalf("should not be expired yet")
	}

	clock.Advance(time.Second)
	if _, ok := l.Get(200); ok {
		t.Fatalf("should be expired")
	}
	if l.Len() != 127 {
		t.Fatalf("expired key should be removed by Get, bad len: %v", l.Len())
	}
	if evictCounter != 129 {
		t.Fatalf("bad evict count: %v", evictCounter)
	}

	l.Purge()
	if l.Len() != 0 {
		t.Fatalf("bad len: %v", l.Len())
	}
}

func TestExpiringBadArgs(t *testing.T) {
	if _, err := NewExpiring(0, time.Second); err == nil {
		t.Fatalf("should get an error for size 0")
	}
	if _, err := NewExpiring(10, 0); err == nil {
		t.Fatalf("should get an error for ttl 0")
	}
	if _, err := NewExpiring(10, -time.Second); err == nil {
		t.Fatalf("should get an error for negative ttl")
	}
}

// test that Add resets the expiry of an existing key
func TestExpiringAddRefreshes(t *testing.T) {
	l, clock := newTestExpiring(t, 2, 10*time.Second, nil)

	l.Add(1, "a")
	clock.Advance(8 * time.Second)
	l.Add(1, "b")
	clock.Advance(8 * time.Second)

	if v, ok := l.Get(1); !ok || v != "b" {
		t.Fatalf("1 should still be cached with new value, got %v %v", v, ok)
	}
	if ttl, ok := l.TTL(1); !ok || ttl != 2*time.Second {
		t.Fatalf("bad ttl: %v %v", ttl, ok)
	}
}

// test that Peek and Contains don't update recent-ness or drop expired keys
func TestExpiringPeek(t *testing.T) {
	l, clock := newTestExpiring(t, 2, time.Second, nil)

	l.Add(1, 1)
	l.Add(2, 2)
	if v, ok := l.Peek(1); !ok || v != 1 {
		t.Errorf("1 should be set to 1: %v, %v", v, ok)
	}
	if !l.Contains(1) {
		t.Errorf("1 should be contained")
	}

	l.Add(3, 3)
	if l.Contains(1) {
		t.Errorf("should not have updated recent-ness of 1")
	}

	clock.Advance(time.Second)
	if _, ok := l.Peek(2); ok {
		t.Errorf("2 should be expired")
	}
	if l.Len() != 2 {
		t.Errorf("Peek should not remove expired keys, bad len: %v", l.Len())
	}
}

func TestExpiringRemoveExpired(t *testing.T) {
	evicted := make(map[interface{}]bool)
	l, clock := newTestExpiring(t, 10, time.Minute, func(k, v interface{}) {
		evicted[k] = true
	})

	l.Add("old1", 1)
	l.Add("old2", 2)
	clock.Advance(30 * time.Second)
	l.Add("new", 3)
	clock.Advance(30 * time.Second)

	if n := l.RemoveExpired(); n != 2 {
		t.Fatalf("bad removed count: %v", n)
	}
	if !evicted["old1"] || !evicted["old2"] || evicted["new"] {
		t.Fatalf("bad evictions: %v", evicted)
	}
	keys := l.Keys()
	if len(keys) != 1 || keys[0] != "new" {
		t.Fatalf("bad keys: %v", keys)
	}
	if n := l.RemoveExpired(); n != 0 {
		t.Fatalf("nothing else should expire: %v", n)
	}
}

func TestExpiringRemove(t *testing.T) {
	l, _ := newTestExpiring(t, 2, time.Minute, nil)

	l.Add(1, 1)
	if !l.Remove(1) {
		t.Errorf("1 should be present")
	}
	if l.Remove(1) {
		t.Errorf("1 should not be present anymore")
	}
	if _, ok := l.TTL(1); ok {
		t.Errorf("removed key should have no ttl")
	}
}

func TestExpiringConcurrent(t *testing.T) {
	l, err := NewExpiring(64, time.Hour)
	if err != nil {
		t.Fatalf("err: %v", err)
	}

	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				k := (g*1000 + i) % 100
				l.Add(k, k)
				l.Get(k)
				if i%100 == 0 {
					l.RemoveExpired()
				}
			}
		}(g)
	}
	wg.Wait()

	if l.Len() > 64 {
		t.Fatalf("bad len: %v", l.Len())
	}
}
