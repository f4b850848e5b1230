package pubsub

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
)

var ErrClosed = errors.New("pubsub: closed")

type Msg struct {
	Topic string
	Data  []byte
}

type Sub struct {
	C       <-chan Msg
	c       chan Msg
	pat     string
	b       *Broker
	dropped atomic.Int64
	once    sync.Once
}

func (s *Sub) Dropped() int64 { return s.dropped.Load() }

func (s *Sub) Close() {
	s.once.Do(func() {
		s.b.mu.Lock()
		delete(s.b.subs, s)
		s.b.mu.Unlock()
		close(s.c)
	})
}

type Broker struct {
	mu     sync.RWMutex
	subs   map[*Sub]struct{}
	closed bool
	buf    int
}

func New(buf int) *Broker {
	return &Broker{subs: map[*Sub]struct{}{}, buf: buf}
}

func (b *Broker) Subscribe(pat string) (*Sub, error) {
	c := make(chan Msg, b.buf)
	s := &Sub{C: c, c: c, pat: pat, b: b}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil, ErrClosed
	}
	b.subs[s] = struct{}{}
	return s, nil
}

// Publish never blocks: full subscribers lose the message.
func (b *Broker) Publish(topic string, data []byte) (int, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		return 0, ErrClosed
	}
	n := 0
	m := Msg{topic, data}
	for s := range b.subs {
		if !Match(s.pat, topic) {
			continue
		}
		select {
		case s.c <- m:
			n++
		default:
			s.dropped.Add(1)
		}
	}
	return n, nil
}

func (b *Broker) Close() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	ss := make([]*Sub, 0, len(b.subs))
	for s := range b.subs {
		ss = append(ss, s)
	}
	b.mu.Unlock()
	for _, s := range ss {
		s.Close()
	}
}

// Match: dot-separated topics, "*" = one segment, ">" = rest (last only).
func Match(pat, topic string) bool {
	p, t := strings.Split(pat, "."), strings.Split(topic, ".")
	for i, seg := range p {
		if seg == ">" {
			return i == len(p)-1 && len(t) > i
		}
		if i >= len(t) || (seg != "*" && seg != t[i]) {
			return false
		}
	}
	return len(p) == len(t)
}
