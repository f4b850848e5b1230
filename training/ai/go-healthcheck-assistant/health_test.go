package health

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func ok(context.Context) error   { return nil }
func fail(context.Context) error { return errors.New("boom") }

// spec describes one check to register in a table-driven test.
type spec struct {
	fn       CheckFunc
	critical bool
}

func TestAggregateStatus(t *testing.T) {
	tests := []struct {
		name   string
		checks map[string]spec
		want   Status
	}{
		{
			name:   "all up",
			checks: map[string]spec{"db": {ok, true}, "cache": {ok, false}},
			want:   StatusUp,
		},
		{
			name:   "non-critical failure degrades",
			checks: map[string]spec{"db": {ok, true}, "cache": {fail, false}},
			want:   StatusDegraded,
		},
		{
			name:   "critical failure is down",
			checks: map[string]spec{"db": {fail, true}, "cache": {ok, false}},
			want:   StatusDown,
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg := NewRegistry(0)
			for name, c := range tt.checks {
				reg.MustRegister(name, c.fn, Options{Critical: c.critical})
			}
			if got := reg.Run(context.Background()).Status; got != tt.want {
				t.Fatalf("status = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestTimeoutAndPanicBecomeFailures(t *testing.T) {
	reg := NewRegistry(0)
	reg.MustRegister("slow", CheckFunc(func(ctx context.Context) error {
		time.Sleep(200 * time.Millisecond) // ignores ctx on purpose
		return nil
	}), Options{Critical: true, Timeout: 20 * time.Millisecond})
	reg.MustRegister("panicky", CheckFunc(func(context.Context) error {
		panic("oops")
	}), Options{})

	start := time.Now()
	rep := reg.Run(context.Background())
	if elapsed := time.Since(start); elapsed > 150*time.Millisecond {
		t.Fatalf("report took %s; the slow check should have been cut off", elapsed)
	}
	if rep.Status != StatusDown {
		t.Fatalf("status = %s, want down", rep.Status)
	}
	for _, r := range rep.Results {
		if r.Status != StatusDown || r.Error == "" {
			t.Errorf("%s: status %s, error %q; want down with an error", r.Name, r.Status, r.Error)
		}
	}
}

func TestConcurrentRunsShareOneRound(t *testing.T) {
	var calls atomic.Int32
	reg := NewRegistry(time.Minute)
	reg.MustRegister("db", CheckFunc(func(context.Context) error {
		calls.Add(1)
		time.Sleep(30 * time.Millisecond)
		return nil
	}), Options{Critical: true})

	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reg.Run(context.Background())
		}()
	}
	wg.Wait()
	reg.Run(context.Background()) // served from cache

	if n := calls.Load(); n != 1 {
		t.Fatalf("check ran %d times, want 1", n)
	}
}

func TestRegisterRejectsDuplicates(t *testing.T) {
	reg := NewRegistry(0)
	if err := reg.Register("db", CheckFunc(ok), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := reg.Register("db", CheckFunc(ok), Options{}); err == nil {
		t.Fatal("expected an error for a duplicate name")
	}
	if err := reg.Register("", CheckFunc(ok), Options{}); err == nil {
		t.Fatal("expected an error for an empty name")
	}
}

func TestReadinessHandler(t *testing.T) {
	reg := NewRegistry(0)
	reg.MustRegister("db", CheckFunc(fail), Options{Critical: true})
	h := ReadinessHandler(reg, ReadinessOptions{VerboseParam: "verbose"})

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("code = %d, want 503", rec.Code)
	}
	var short map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &short); err != nil {
		t.Fatal(err)
	}
	if _, has := short["checks"]; has {
		t.Error("non-verbose response should not include check details")
	}

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz?verbose", nil))
	var full struct {
		Status Status `json:"status"`
		Checks []struct {
			Name       string  `json:"name"`
			Error      string  `json:"error"`
			DurationMS float64 `json:"duration_ms"`
		} `json:"checks"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &full); err != nil {
		t.Fatal(err)
	}
	if full.Status != StatusDown || len(full.Checks) != 1 || full.Checks[0].Error != "boom" {
		t.Errorf("verbose body = %s", rec.Body.String())
	}
}

func TestHeartbeat(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	hb := &Heartbeat{maxAge: time.Minute, now: func() time.Time { return now }}
	hb.Beat()

	now = now.Add(30 * time.Second)
	if err := hb.Check(context.Background()); err != nil {
		t.Fatalf("fresh heartbeat failed: %v", err)
	}
	now = now.Add(2 * time.Minute)
	if err := hb.Check(context.Background()); err == nil {
		t.Fatal("stale heartbeat passed")
	}
	hb.Beat()
	if err := hb.Check(context.Background()); err != nil {
		t.Fatalf("heartbeat after Beat failed: %v", err)
	}
}
