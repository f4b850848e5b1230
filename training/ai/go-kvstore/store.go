// Package kvstore implements a small in-memory key-value store with TTLs and
// periodic snapshots to disk.
package kvstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// ErrNotFound is returned when a key does not exist or has expired.
var ErrNotFound = errors.New("kvstore: key not found")

type item struct {
	Value     []byte    `json:"value"`
	ExpiresAt time.Time `json:"expires_at,omitempty"`
}

func (i item) expired(now time.Time) bool {
	return !i.ExpiresAt.IsZero() && now.After(i.ExpiresAt)
}

// Store is a concurrency-safe key-value store.
type Store struct {
	mu    sync.RWMutex
	items map[string]item
	now   func() time.Time
}

// New returns an empty store.
func New() *Store {
	return &Store{items: make(map[string]item), now: time.Now}
}

// Set stores a value under key. A ttl of zero means the value never expires.
func (s *Store) Set(key string, value []byte, ttl time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()

	it := item{Value: append([]byte(nil), value...)}
	if ttl > 0 {
		it.ExpiresAt = s.now().Add(ttl)
	}
	s.items[key] = it
}

// Get returns the value stored under key, or ErrNotFound.
func (s *Store) Get(key string) ([]byte, error) {
	s.mu.RLock()
	it, ok := s.items[key]
	s.mu.RUnlock()

	if !ok || it.expired(s.now()) {
		return nil, ErrNotFound
	}
	return append([]byte(nil), it.Value...), nil
}

// Delete removes a key. Deleting a missing key is not an error.
func (s *Store) Delete(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.items, key)
}

// PurgeExpired removes all expired items and returns how many were removed.
func (s *Store) PurgeExpired() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	now := s.now()
	removed := 0
	for key, it := range s.items {
		if it.expired(now) {
			delete(s.items, key)
			removed++
		}
	}
	return removed
}

// Snapshot writes the store to path atomically: it writes a temporary file in the
// same directory and renames it, so readers never see a partial snapshot.
func (s *Store) Snapshot(path string) error {
	s.mu.RLock()
	data, err := json.Marshal(s.items)
	s.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("encoding snapshot: %w", err)
	}

	tmp, err := os.CreateTemp(filepath.Dir(path), ".snapshot-*")
	if err != nil {
		return fmt.Errorf("creating temp file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename

	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing snapshot: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("syncing snapshot: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing snapshot: %w", err)
	}
	return os.Rename(tmp.Name(), path)
}

// Load replaces the store's contents with the snapshot at path.
func (s *Store) Load(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading snapshot: %w", err)
	}
	items := make(map[string]item)
	if err := json.Unmarshal(data, &items); err != nil {
		return fmt.Errorf("decoding snapshot %s: %w", path, err)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.items = items
	return nil
}
