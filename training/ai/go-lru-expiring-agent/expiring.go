package lru

import (
	"errors"
	"sync"
	"time"

	"github.com/hashicorp/golang-lru/simplelru"
)

// ExpiringCache is a thread-safe fixed size LRU cache whose entries also
// expire a fixed time after they were last added.
//
// Expired entries are not removed in the background; they are dropped when
// they are looked up, or all at once by RemoveExpired.
type ExpiringCache struct {
	lru  *simplelru.LRU
	ttl  time.Duration
	now  func() time.Time
	lock sync.Mutex
}

type expiringEntry struct {
	value     interface{}
	expiresAt time.Time
}

// NewExpiring creates an expiring LRU of the given size and time-to-live.
func NewExpiring(size int, ttl time.Duration) (*ExpiringCache, error) {
	return NewExpiringWithEvict(size, ttl, nil)
}

// NewExpiringWithEvict constructs an expiring cache with the given eviction
// callback. The callback is called for entries pushed out by size and for
// entries dropped because they expired.
func NewExpiringWithEvict(size int, ttl time.Duration, onEvicted func(key interface{}, value interface{})) (*ExpiringCache, error) {
	if ttl <= 0 {
		return nil, errors.New("must provide a positive ttl")
	}
	var cb simplelru.EvictCallback
	if onEvicted != nil {
		cb = func(k interface{}, v interface{}) {
			onEvicted(k, v.(*expiringEntry).value)
		}
	}
	lru, err := simplelru.NewLRU(size, cb)
	if err != nil {
		return nil, err
	}
	c := &ExpiringCache{
		lru: lru,
		ttl: ttl,
		now: time.Now,
	}
	return c, nil
}

// Purge is used to completely clear the cache.
func (c *ExpiringCache) Purge() {
	c.lock.Lock()
	c.lru.Purge()
	c.lock.Unlock()
}

// Add adds a value to the cache, resetting its expiry. Returns true if an
// eviction occurred.
func (c *ExpiringCache) Add(key, value interface{}) (evicted bool) {
	c.lock.Lock()
	evicted = c.lru.Add(key, &expiringEntry{value: value, expiresAt: c.now().Add(c.ttl)})
	c.lock.Unlock()
	return evicted
}

// Get looks up a key's value from the cache. An expired entry is removed
// and reported as missing.
func (c *ExpiringCache) Get(key interface{}) (value interface{}, ok bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	v, ok := c.lru.Get(key)
	if !ok {
		return nil, false
	}
	e := v.(*expiringEntry)
	if !c.now().Before(e.expiresAt) {
		c.lru.Remove(key)
		return nil, false
	}
	return e.value, true
}

// Peek returns the key value (or undefined if not found) without updating
// the "recently used"-ness of the key. An expired entry is reported as
// missing but is left for Get or RemoveExpired to drop.
func (c *ExpiringCache) Peek(key interface{}) (value interface{}, ok bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	v, ok := c.lru.Peek(key)
	if !ok {
		return nil, false
	}
	e := v.(*expiringEntry)
	if !c.now().Before(e.expiresAt) {
		return nil, false
	}
	return e.value, true
}

// Contains checks if an unexpired key is in the cache, without updating the
// recent-ness or deleting it for being stale.
func (c *ExpiringCache) Contains(key interface{}) bool {
	_, ok := c.Peek(key)
	return ok
}

// TTL returns how long the key has left before it expires.
func (c *ExpiringCache) TTL(key interface{}) (remaining time.Duration, ok bool) {
	c.lock.Lock()
	defer c.lock.Unlock()
	v, ok := c.lru.Peek(key)
	if !ok {
		return 0, false
	}
	remaining = v.(*expiringEntry).expiresAt.Sub(c.now())
	if remaining <= 0 {
		return 0, false
	}
	return remaining, true
}

// Remove removes the provided key from the cache.
func (c *ExpiringCache) Remove(key interface{}) (present bool) {
	c.lock.Lock()
	present = c.lru.Remove(key)
	c.lock.Unlock()
	return
}

// RemoveExpired removes every expired entry and returns how many were
// removed.
func (c *ExpiringCache) RemoveExpired() (removed int) {
	c.lock.Lock()
	defer c.lock.Unlock()
	now := c.now()
	for _, k := range c.lru.Keys() {
		v, ok := c.lru.Peek(k)
		if ok && !now.Before(v.(*expiringEntry).expiresAt) {
			c.lru.Remove(k)
			removed++
		}
	}
	return removed
}

// Keys returns a slice of the keys in the cache, from oldest to newest.
// Expired keys that have not been removed yet are included.
func (c *ExpiringCache) Keys() []interface{} {
	c.lock.Lock()
	keys := c.lru.Keys()
	c.lock.Unlock()
	return keys
}

// Len returns the number of items in the cache, including expired items
// that have not been removed yet.
func (c *ExpiringCache) Len() int {
	c.lock.Lock()
	length := c.lru.Len()
	c.lock.Unlock()
	return length
}
