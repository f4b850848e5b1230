package ratelimit

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

type fake struct{ t time.Time }

func (f *fake) now() time.Time      { return f.t }
func (f *fake) add(d time.Duration) { f.t = f.t.Add(d) }

func TestBucket(t *testing.T) {
	c := &fake{t: time.Unix(0, 0)}
	b := NewWithClock(2, 3, c.now)
	for i := 0; i < 3; i++ {
		if !b.Allow() {
			t.Fatalf("burst %d denied", i)
		}
	}
	if b.Allow() {
		t.Fatal("allowed past burst")
	}
	c.add(500 * time.Millisecond)
	if !b.Allow() || b.Allow() {
		t.Fatal("refill wrong")
	}
	c.add(time.Hour)
	if got := b.Tokens(); got != 3 {
		t.Fatalf("cap: %v", got)
	}
	if b.AllowN(4) {
		t.Fatal("AllowN > cap")
	}
}

func TestWait(t *testing.T) {
	b := New(100, 1)
	ctx := context.Background()
	st := time.Now()
	for i := 0; i < 3; i++ {
		if err := b.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(st); el < 15*time.Millisecond {
		t.Fatalf("too fast: %v", el)
	}
	if err := b.WaitN(ctx, 2); err != ErrTooMany {
		t.Fatalf("want ErrTooMany, got %v", err)
	}
}

func TestWaitCancel(t *testing.T) {
	b := New(0.5, 1)
	b.Allow()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if err := b.Wait(ctx); err != context.DeadlineExceeded {
		t.Fatalf("got %v", err)
	}
	if tk := b.Tokens(); tk < -0.1 {
		t.Fatalf("tokens not returned: %v", tk)
	}
}

func TestKeyed(t *testing.T) {
	c := &fake{t: time.Unix(0, 0)}
	k := NewKeyedWithClock(1, 1, time.Minute, c.now)
	if !k.Allow("a") || k.Allow("a") || !k.Allow("b") {
		t.Fatal("per-key isolation")
	}
	c.add(30 * time.Second)
	k.Allow("a")
	c.add(45 * time.Second)
	if n := k.Sweep(); n != 1 || k.Len() != 1 {
		t.Fatalf("sweep n=%d len=%d", n, k.Len())
	}
}

func TestMiddleware(t *testing.T) {
	k := NewKeyed(1, 2, time.Minute)
	h := Middleware(k, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	codes := []int{}
	for i := 0; i < 3; i++ {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = "10.0.0.1:1234"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		codes = append(codes, w.Code)
	}
	if codes[0] != 200 || codes[1] != 200 || codes[2] != 429 {
		t.Fatalf("codes %v", codes)
	}
}
