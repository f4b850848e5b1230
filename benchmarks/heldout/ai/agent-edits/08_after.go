package main

// pastebin-ish service for the team. stores in memory, restarts wipe it.
// good enough for sharing logs in chat.

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"flag"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"
	"time"
)

const maxPaste = 1 << 20

type paste struct {
	ID      string    `json:"id"`
	Lang    string    `json:"lang,omitempty"`
	Body    string    `json:"body"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

type store struct {
	mu sync.RWMutex
	m  map[string]*paste
}

func newID() string {
	b := make([]byte, 5)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *store) get(id string) *paste {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p := s.m[id]
	if p == nil || time.Now().After(p.Expires) {
		return nil
	}
	return p
}

func (s *store) put(p *paste) {
	s.mu.Lock()
	s.m[p.ID] = p
	s.mu.Unlock()
}

// sweep deletes expired pastes and returns how many were removed.
func (s *store) sweep(now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for id, p := range s.m {
		if now.After(p.Expires) {
			delete(s.m, id)
			n++
		}
	}
	return n
}

// janitor runs sweep every interval until stop is closed.
func (s *store) janitor(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case now := <-t.C:
			if n := s.sweep(now); n > 0 {
				log.Printf("janitor: removed %d expired paste(s)", n)
			}
		}
	}
}

func (s *store) create(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, maxPaste+1))
	if err != nil {
		http.Error(w, err.Error(), 400)
		return
	}
	if len(body) > maxPaste {
		http.Error(w, "too big", http.StatusRequestEntityTooLarge)
		return
	}
	ttl := 24 * time.Hour
	if v := r.URL.Query().Get("ttl"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 || d > 30*24*time.Hour {
			http.Error(w, "bad ttl", 400)
			return
		}
		ttl = d
	}
	now := time.Now()
	p := &paste{ID: newID(), Lang: r.URL.Query().Get("lang"), Body: string(body), Created: now, Expires: now.Add(ttl)}
	s.put(p)
	w.Header().Set("Location", "/p/"+p.ID)
	w.WriteHeader(http.StatusCreated)
	json.NewEncoder(w).Encode(p)
}

func (s *store) show(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/p/")
	raw := strings.HasSuffix(id, ".txt")
	id = strings.TrimSuffix(id, ".txt")
	p := s.get(id)
	if p == nil {
		http.NotFound(w, r)
		return
	}
	if raw || !strings.Contains(r.Header.Get("Accept"), "application/json") {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, p.Body)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(p)
}

func main() {
	addr := flag.String("addr", ":8099", "listen address")
	sweepEvery := flag.Duration("sweep", time.Minute, "how often to remove expired pastes")
	flag.Parse()

	s := &store{m: map[string]*paste{}}
	stop := make(chan struct{})
	defer close(stop)
	go s.janitor(*sweepEvery, stop)
	http.HandleFunc("/p/", func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case "GET", "HEAD":
			s.show(w, r)
		default:
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", 405)
		}
	})
	http.HandleFunc("/p", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" {
			http.Error(w, "POST only", 405)
			return
		}
		s.create(w, r)
	})
	log.Printf("listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
