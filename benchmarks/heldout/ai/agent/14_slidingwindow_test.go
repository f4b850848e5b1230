package ratelimit

import (
	"sync"
	"testing"
	"time"
)

// fakeClock lets tests move time forward without sleeping.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func newTestLimiter(limit int, window time.Duration) (*SlidingWindow, *fakeClock) {
	clk := &fakeClock{now: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)}
	return NewSlidingWindow(limit, window, WithClock(clk.Now)), clk
}

func TestSlidingWindow_Allow(t *testing.T) {
	type step struct {
		advance time.Duration
		key     string
		want    bool
	}
	tests := []struct {
		name   string
		limit  int
		window time.Duration
		steps  []step
	}{
		{
			name:   "under limit",
			limit:  3,
			window: time.Minute,
			steps: []step{
				{0, "a", true},
				{time.Second, "a", true},
				{time.Second, "a", true},
			},
		},
		{
			name:   "over limit in same window",
			limit:  2,
			window: time.Minute,
			steps: []step{
				{0, "a", true},
				{0, "a", true},
				{0, "a", false},
				{30 * time.Second, "a", false},
			},
		},
		{
			name:   "window slides",
			limit:  2,
			window: time.Minute,
			steps: []step{
				{0, "a", true},
				{10 * time.Second, "a", true},
				{10 * time.Second, "a", false},
				{41 * time.Second, "a", true}, // first hit is now older than a minute
				{0, "a", false},
			},
		},
		{
			name:   "keys are independent",
			limit:  1,
			window: time.Minute,
			steps: []step{
				{0, "a", true},
				{0, "b", true},
				{0, "a", false},
				{0, "b", false},
				{0, "c", true},
			},
		},
		{
			name:   "denied requests do not count",
			limit:  1,
			window: 10 * time.Second,
			steps: []step{
				{0, "a", true},
				{5 * time.Second, "a", false},
				{5 * time.Second, "a", true},
			},
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, clk := newTestLimiter(tt.limit, tt.window)
			for i, s := range tt.steps {
				clk.Advance(s.advance)
				if got := l.Allow(s.key); got != s.want {
					t.Fatalf("step %d: Allow(%q) = %v, want %v", i, s.key, got, s.want)
				}
			}
		})
	}
}

func TestSlidingWindow_Remaining(t *testing.T) {
	l, clk := newTestLimiter(3, time.Minute)
	if got := l.Remaining("k"); got != 3 {
		t.Fatalf("Remaining before use = %d, want 3", got)
	}
	l.Allow("k")
	l.Allow("k")
	if got := l.Remaining("k"); got != 1 {
		t.Fatalf("Remaining = %d, want 1", got)
	}
	clk.Advance(61 * time.Second)
	if got := l.Remaining("k"); got != 3 {
		t.Fatalf("Remaining after window = %d, want 3", got)
	}
}

func TestNewSlidingWindow_Panics(t *testing.T) {
	tests := []struct {
		name   string
		limit  int
		window time.Duration
	}{
		{"zero limit", 0, time.Second},
		{"negative limit", -1, time.Second},
		{"zero window", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("expected panic")
				}
			}()
			NewSlidingWindow(tt.limit, tt.window)
		})
	}
}

func TestSlidingWindow_Concurrent(t *testing.T) {
	l, _ := newTestLimiter(100, time.Minute)
	var wg sync.WaitGroup
	var mu sync.Mutex
	allowed := 0
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				if l.Allow("shared") {
					mu.Lock()
					allowed++
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if allowed != 100 {
		t.Fatalf("allowed = %d, want exactly 100", allowed)
	}
}
