package breaker

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

var errBoom = errors.New("boom")

// clock is a manually advanced time source.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestBreaker(threshold, trials int) (*Breaker, *clock, *[]string) {
	c := &clock{t: time.Unix(0, 0)}
	var changes []string
	b := New(Settings{
		Name:             "test",
		FailureThreshold: threshold,
		CoolDown:         10 * time.Second,
		HalfOpenTrials:   trials,
		Now:              c.now,
		OnStateChange: func(_ string, from, to State) {
			changes = append(changes, from.String()+"->"+to.String())
		},
	})
	return b, c, &changes
}

func fail() error    { return errBoom }
func succeed() error { return nil }

func TestOpensAfterConsecutiveFailures(t *testing.T) {
	b, _, _ := newTestBreaker(3, 1)

	b.Do(fail)
	b.Do(fail)
	b.Do(succeed) // resets the count
	b.Do(fail)
	b.Do(fail)
	if got := b.State(); got != Closed {
		t.Fatalf("state = %v, want closed after non-consecutive failures", got)
	}

	b.Do(fail)
	if got := b.State(); got != Open {
		t.Fatalf("state = %v, want open", got)
	}

	called := false
	err := b.Do(func() error { called = true; return nil })
	if !errors.Is(err, ErrOpen) || called {
		t.Fatalf("Do while open: err=%v called=%v", err, called)
	}
}

func TestHalfOpenRecovery(t *testing.T) {
	b, c, changes := newTestBreaker(1, 2)

	b.Do(fail)
	c.advance(9 * time.Second)
	if b.State() != Open {
		t.Fatal("should still be open before the cool-down ends")
	}
	c.advance(time.Second)
	if b.State() != HalfOpen {
		t.Fatal("should be half-open after the cool-down")
	}

	b.Do(succeed)
	if b.State() != HalfOpen {
		t.Fatal("one trial success is not enough with HalfOpenTrials=2")
	}
	b.Do(succeed)
	if b.State() != Closed {
		t.Fatal("should close after enough trial successes")
	}

	want := []string{"closed->open", "open->half-open", "half-open->closed"}
	if len(*changes) != len(want) {
		t.Fatalf("changes = %v, want %v", *changes, want)
	}
	for i := range want {
		if (*changes)[i] != want[i] {
			t.Fatalf("changes = %v, want %v", *changes, want)
		}
	}
}

func TestHalfOpenFailureReopens(t *testing.T) {
	b, c, _ := newTestBreaker(1, 1)
	b.Do(fail)
	c.advance(10 * time.Second)

	if err := b.Do(fail); !errors.Is(err, errBoom) {
		t.Fatalf("trial call should run and return its own error, got %v", err)
	}
	if b.State() != Open {
		t.Fatal("a failed trial should re-open the breaker")
	}
	// The cool-down restarts from the re-open.
	c.advance(5 * time.Second)
	if b.State() != Open {
		t.Fatal("cool-down should restart after re-opening")
	}
}

func TestHalfOpenLimitsConcurrentTrials(t *testing.T) {
	b, c, _ := newTestBreaker(1, 1)
	b.Do(fail)
	c.advance(10 * time.Second)

	err := b.Do(func() error {
		// While this trial is running, a second call must be rejected.
		if err := b.Do(succeed); !errors.Is(err, ErrTooManyTrials) {
			t.Errorf("nested trial: got %v, want ErrTooManyTrials", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if b.State() != Closed {
		t.Fatalf("state = %v, want closed", b.State())
	}
}

func TestContextCanceledIsNotAFailure(t *testing.T) {
	b, _, _ := newTestBreaker(1, 1)
	b.Do(func() error { return context.Canceled })
	b.Do(func() error { return fmt.Errorf("fetch: %w", context.Canceled) })
	if b.State() != Closed {
		t.Fatal("cancellations must not open the breaker")
	}
}

func TestPanicCountsAsFailure(t *testing.T) {
	b, _, _ := newTestBreaker(1, 1)
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("panic should propagate to the caller")
			}
		}()
		b.Do(func() error { panic("bad") })
	}()
	if b.State() != Open {
		t.Fatal("a panic should count as a failure")
	}
}

func TestDefaults(t *testing.T) {
	b := New(Settings{})
	if b.s.FailureThreshold != 5 || b.s.CoolDown != 30*time.Second || b.s.HalfOpenTrials != 1 {
		t.Fatalf("unexpected defaults: %+v", b.s)
	}
	if State(42).String() != "State(42)" {
		t.Fatal("unknown states should still format")
	}
}
