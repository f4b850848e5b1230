package pubsub

import (
	"sync"
	"testing"
	"time"
)

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		p, t string
		ok   bool
	}{
		{"a.b", "a.b", true},
		{"a.*", "a.b", true},
		{"a.*", "a.b.c", false},
		{"a.>", "a.b.c", true},
		{"a.>", "a", false},
		{">", "x", true},
		{"a.>.c", "a.b.c", false},
		{"*.b", "a.c", false},
	} {
		if Match(c.p, c.t) != c.ok {
			t.Errorf("Match(%q,%q) != %v", c.p, c.t, c.ok)
		}
	}
}

func TestFanout(t *testing.T) {
	b := New(4)
	defer b.Close()
	s1, _ := b.Subscribe("orders.*")
	s2, _ := b.Subscribe("orders.>")
	s3, _ := b.Subscribe("users.*")
	n, err := b.Publish("orders.new", []byte("x"))
	if err != nil || n != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
	for _, s := range []*Sub{s1, s2} {
		select {
		case m := <-s.C:
			if m.Topic != "orders.new" {
				t.Fatal(m.Topic)
			}
		case <-time.After(time.Second):
			t.Fatal("timeout")
		}
	}
	select {
	case m := <-s3.C:
		t.Fatalf("unexpected %v", m)
	default:
	}
}

func TestSlowSubscriberDrops(t *testing.T) {
	b := New(1)
	s, _ := b.Subscribe("t")
	for i := 0; i < 5; i++ {
		b.Publish("t", nil)
	}
	if s.Dropped() != 4 {
		t.Fatalf("dropped=%d", s.Dropped())
	}
}

func TestCloseEndsSubscribers(t *testing.T) {
	b := New(0)
	s, _ := b.Subscribe(">")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range s.C {
		}
	}()
	b.Close()
	wg.Wait()
	if _, err := b.Publish("x", nil); err != ErrClosed {
		t.Fatal(err)
	}
	if _, err := b.Subscribe("x"); err != ErrClosed {
		t.Fatal(err)
	}
	s.Close()
}

func TestConcurrentPublish(t *testing.T) {
	b := New(1024)
	s, _ := b.Subscribe("n.*")
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				b.Publish("n.x", nil)
			}
		}()
	}
	wg.Wait()
	if got := len(s.C) + int(s.Dropped()); got != 800 {
		t.Fatalf("got %d", got)
	}
}
