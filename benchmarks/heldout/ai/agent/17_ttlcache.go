package cache

import (
	"container/list"
	"sync"
	"time"
)

type entry[K comparable, V any] struct {
	key     K
	val     V
	expires time.Time
}

// TTL is an LRU cache whose entries also expire. Zero value is not usable; use New.
type TTL[K comparable, V any] struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	ll    *list.List
	items map[K]*list.Element
	now   func() time.Time

	hits, misses, evictions uint64
}

func New[K comparable, V any](max int, ttl time.Duration) *TTL[K, V] {
	if max <= 0 {
		panic("cache: max must be > 0")
	}
	return &TTL[K, V]{ttl: ttl, max: max, ll: list.New(), items: make(map[K]*list.Element), now: time.Now}
}

func (c *TTL[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	el, ok := c.items[k]
	if !ok {
		c.misses++
		return zero, false
	}
	e := el.Value.(*entry[K, V])
	if c.ttl > 0 && c.now().After(e.expires) {
		c.removeElement(el)
		c.misses++
		return zero, false
	}
	c.ll.MoveToFront(el)
	c.hits++
	return e.val, true
}

func (c *TTL[K, V]) Set(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	exp := c.now().Add(c.ttl)
	if el, ok := c.items[k]; ok {
		e := el.Value.(*entry[K, V])
		e.val, e.expires = v, exp
		c.ll.MoveToFront(el)
		return
	}
	c.items[k] = c.ll.PushFront(&entry[K, V]{key: k, val: v, expires: exp})
	for c.ll.Len() > c.max {
		c.removeElement(c.ll.Back())
		c.evictions++
	}
}

// GetOrLoad returns the cached value or calls load and caches its result.
// Concurrent callers for the same key may each call load; fine for idempotent loaders.
func (c *TTL[K, V]) GetOrLoad(k K, load func(K) (V, error)) (V, error) {
	if v, ok := c.Get(k); ok {
		return v, nil
	}
	v, err := load(k)
	if err != nil {
		return v, err
	}
	c.Set(k, v)
	return v, nil
}

func (c *TTL[K, V]) Delete(k K) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.removeElement(el)
		return true
	}
	return false
}

// Purge drops expired entries; returns how many.
func (c *TTL[K, V]) Purge() int {
	if c.ttl <= 0 {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now, n := c.now(), 0
	for el := c.ll.Back(); el != nil; {
		prev := el.Prev()
		if now.After(el.Value.(*entry[K, V]).expires) {
			c.removeElement(el)
			n++
		}
		el = prev
	}
	return n
}

func (c *TTL[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len()
}

type Stats struct{ Hits, Misses, Evictions uint64 }

func (c *TTL[K, V]) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return Stats{c.hits, c.misses, c.evictions}
}

func (c *TTL[K, V]) removeElement(el *list.Element) {
	c.ll.Remove(el)
	delete(c.items, el.Value.(*entry[K, V]).key)
}
