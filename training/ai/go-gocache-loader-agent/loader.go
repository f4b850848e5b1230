package cache

import (
	"fmt"
	"sync"
	"time"
)

// Update the expiration time of an item without changing its value. If the
// duration is 0 (DefaultExpiration), the cache's default expiration time is
// used. If it is -1 (NoExpiration), the item never expires. Returns false if
// the item doesn't exist or has already expired.
func (c *cache) Touch(k string, d time.Duration) bool {
	var e int64
	if d == DefaultExpiration {
		d = c.defaultExpiration
	}
	if d > 0 {
		e = time.Now().Add(d).UnixNano()
	}
	c.mu.Lock()
	item, found := c.items[k]
	if !found || item.Expired() {
		c.mu.Unlock()
		return false
	}
	item.Expiration = e
	c.items[k] = item
	c.mu.Unlock()
	return true
}

// A function that produces the value for a key that isn't in the cache, and
// how long it should be kept (DefaultExpiration, NoExpiration, or a duration.)
type LoadFunc func(k string) (interface{}, time.Duration, error)

// A Loader fills a cache on demand. Concurrent Gets for the same missing key
// share a single call to the load function.
type Loader struct {
	c    *Cache
	load LoadFunc

	mu       sync.Mutex
	inflight map[string]*loadCall
}

type loadCall struct {
	wg  sync.WaitGroup
	val interface{}
	err error
}

// Return a new Loader that reads from and stores into c, calling load for
// keys that are missing or expired.
func NewLoader(c *Cache, load LoadFunc) *Loader {
	if load == nil {
		panic("cache: NewLoader called with a nil LoadFunc")
	}
	return &Loader{
		c:        c,
		load:     load,
		inflight: map[string]*loadCall{},
	}
}

// Get an item from the cache, loading and storing it if it isn't there.
// Errors returned by the load function are returned as they are and nothing
// is stored, so the next Get tries again.
func (l *Loader) Get(k string) (interface{}, error) {
	if x, found := l.c.Get(k); found {
		return x, nil
	}
	l.mu.Lock()
	if call, ok := l.inflight[k]; ok {
		l.mu.Unlock()
		call.wg.Wait()
		return call.val, call.err
	}
	call := new(loadCall)
	call.wg.Add(1)
	l.inflight[k] = call
	l.mu.Unlock()

	call.val, call.err = l.do(k)
	call.wg.Done()

	l.mu.Lock()
	delete(l.inflight, k)
	l.mu.Unlock()
	return call.val, call.err
}

func (l *Loader) do(k string) (x interface{}, err error) {
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, fmt.Errorf("cache: load of %s panicked: %v", k, r)
		}
	}()
	x, d, err := l.load(k)
	if err != nil {
		return nil, err
	}
	l.c.Set(k, x, d)
	return x, nil
}

// Load an item again even if it is in the cache, replacing the cached value
// if the load succeeds. The old value is kept if it fails.
func (l *Loader) Refresh(k string) (interface{}, error) {
	return l.do(k)
}
