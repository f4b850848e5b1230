package cache

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestTouch(t *testing.T) {
	tc := New(50*time.Millisecond, 1*time.Millisecond)
	tc.Set("a", 1, DefaultExpiration)
	tc.Set("b", 2, DefaultExpiration)

	<-time.After(25 * time.Millisecond)
	if !tc.Touch("a", DefaultExpiration) {
		t.Error("Touch returned false for a, which exists")
	}

	<-time.After(40 * time.Millisecond)
	_, found := tc.Get("a")
	if !found {
		t.Error("Did not find a even though it was touched")
	}
	_, found = tc.Get("b")
	if found {
		t.Error("Found b when it should have been automatically deleted")
	}

	if tc.Touch("b", DefaultExpiration) {
		t.Error("Touch returned true for b, which has expired")
	}
	if tc.Touch("c", DefaultExpiration) {
		t.Error("Touch returned true for c, which was never set")
	}
}

func TestTouchNoExpiration(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	tc.Set("a", "a", 20*time.Millisecond)
	tc.Touch("a", NoExpiration)

	_, exp, found := tc.GetWithExpiration("a")
	if !found {
		t.Error("a was not found")
	}
	if !exp.IsZero() {
		t.Error("a has an expiration time after being touched with NoExpiration:", exp)
	}

	<-time.After(30 * time.Millisecond)
	x, found := tc.Get("a")
	if !found || x.(string) != "a" {
		t.Error("a expired even though it was touched with NoExpiration")
	}
}

func TestLoaderGet(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	calls := 0
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		calls++
		return k + k, DefaultExpiration, nil
	})

	x, err := l.Get("a")
	if err != nil {
		t.Fatal("Couldn't load a:", err)
	}
	if x.(string) != "aa" {
		t.Error("a is not aa:", x)
	}

	x, err = l.Get("a")
	if err != nil || x.(string) != "aa" {
		t.Error("Second get of a failed:", x, err)
	}
	if calls != 1 {
		t.Error("Load function was called more than once for a:", calls)
	}

	cached, found := tc.Get("a")
	if !found || cached.(string) != "aa" {
		t.Error("Loaded value of a was not stored in the cache")
	}
}

func TestLoaderUsesCachedValue(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	tc.Set("a", 1, DefaultExpiration)
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		t.Error("Load function was called for a, which is cached")
		return nil, DefaultExpiration, nil
	})

	x, err := l.Get("a")
	if err != nil || x.(int) != 1 {
		t.Error("Get of cached a failed:", x, err)
	}
}

func TestLoaderExpiration(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	calls := 0
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		calls++
		return calls, 20 * time.Millisecond, nil
	})

	l.Get("a")
	<-time.After(30 * time.Millisecond)
	x, _ := l.Get("a")
	if x.(int) != 2 {
		t.Error("a was not loaded again after it expired:", x)
	}
}

func TestLoaderError(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	errBoom := errors.New("boom")
	fail := true
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		if fail {
			return nil, DefaultExpiration, errBoom
		}
		return "ok", DefaultExpiration, nil
	})

	x, err := l.Get("a")
	if err != errBoom {
		t.Error("Expected errBoom, got:", err)
	}
	if x != nil {
		t.Error("Expected nil value with error, got:", x)
	}
	if tc.ItemCount() != 0 {
		t.Error("Something was stored after a failed load")
	}

	fail = false
	x, err = l.Get("a")
	if err != nil || x.(string) != "ok" {
		t.Error("Get after failed load didn't try again:", x, err)
	}
}

func TestLoaderPanic(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		panic("oops")
	})

	_, err := l.Get("a")
	if err == nil || err.Error() != "cache: load of a panicked: oops" {
		t.Error("Panic in load function was not returned as an error:", err)
	}
	if len(l.inflight) != 0 {
		t.Error("In-flight call for a was not removed after a panic")
	}
}

func TestLoaderConcurrentGetsShareLoad(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	var calls int32
	release := make(chan struct{})
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		atomic.AddInt32(&calls, 1)
		<-release
		return "v", DefaultExpiration, nil
	})

	var wg sync.WaitGroup
	results := make([]interface{}, 10)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i], _ = l.Get("a")
		}(i)
	}
	<-time.After(20 * time.Millisecond)
	close(release)
	wg.Wait()

	if n := atomic.LoadInt32(&calls); n != 1 {
		t.Error("Load function was called", n, "times instead of once")
	}
	for i, x := range results {
		if x.(string) != "v" {
			t.Errorf("Result %d is %v, not v", i, x)
		}
	}
}

func TestLoaderRefresh(t *testing.T) {
	tc := New(DefaultExpiration, 0)
	n := 0
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		n++
		if n == 3 {
			return nil, DefaultExpiration, errors.New("down")
		}
		return n, DefaultExpiration, nil
	})

	l.Get("a")
	x, err := l.Refresh("a")
	if err != nil || x.(int) != 2 {
		t.Error("Refresh of a didn't load a new value:", x, err)
	}
	_, err = l.Refresh("a")
	if err == nil {
		t.Error("Refresh didn't return the load error")
	}
	x, _ = tc.Get("a")
	if x.(int) != 2 {
		t.Error("Failed refresh replaced the cached value of a:", x)
	}
}

func TestNewLoaderNilFunc(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewLoader with a nil LoadFunc didn't panic")
		}
	}()
	NewLoader(New(DefaultExpiration, 0), nil)
}

func BenchmarkLoaderGetCached(b *testing.B) {
	b.StopTimer()
	tc := New(DefaultExpiration, 0)
	l := NewLoader(tc, func(k string) (interface{}, time.Duration, error) {
		return "bar", DefaultExpiration, nil
	})
	l.Get("foo")
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		l.Get("foo")
	}
}
