// Package health runs dependency checks and reports service health.
//
// A service registers one Check per dependency (database, cache, an upstream
// API). The Registry runs them concurrently, each with its own timeout, and
// combines the results into a Report. Checks are classified as critical or
// not: a failing critical check makes the service "down" (and its readiness
// endpoint return 503), while a failing non-critical check only marks it
// "degraded".
//
// Results are cached for a short time so that frequent probes from a load
// balancer or Kubernetes don't hammer the dependencies themselves.
package health

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"
)

// Status is the outcome of a single check or of the whole report.
type Status string

const (
	StatusUp       Status = "up"
	StatusDegraded Status = "degraded"
	StatusDown     Status = "down"
)

// Check is one dependency probe. Implementations must respect ctx: the
// registry cancels it when the check's timeout expires.
type Check interface {
	Check(ctx context.Context) error
}

// CheckFunc adapts an ordinary function to the Check interface.
type CheckFunc func(ctx context.Context) error

// Check calls f(ctx).
func (f CheckFunc) Check(ctx context.Context) error { return f(ctx) }

// Options configure how a registered check is run.
type Options struct {
	// Critical checks make the service "down" when they fail. Non-critical
	// checks only make it "degraded".
	Critical bool
	// Timeout bounds a single run of the check. Zero means DefaultTimeout.
	Timeout time.Duration
}

// DefaultTimeout is used for checks registered without a timeout.
const DefaultTimeout = 2 * time.Second

// Result is the outcome of one check run.
type Result struct {
	// Name is the name the check was registered under.
	Name string
	// Status is StatusUp or StatusDown; a single check is never "degraded".
	Status Status
	// Critical is copied from the check's Options so readers of the JSON
	// can tell why a failure did or did not take the service down.
	Critical bool
	// Error holds the failure message, if any.
	Error string
	// Duration is how long the check took.
	Duration time.Duration
	// CheckedAt is when the check started, useful to see cache staleness.
	CheckedAt time.Time
}

// MarshalJSON writes the duration in milliseconds, which is far easier to
// read in a probe response than time.Duration's default nanosecond integer.
func (r Result) MarshalJSON() ([]byte, error) {
	type wire struct {
		Name       string    `json:"name"`
		Status     Status    `json:"status"`
		Critical   bool      `json:"critical"`
		Error      string    `json:"error,omitempty"`
		DurationMS float64   `json:"duration_ms"`
		CheckedAt  time.Time `json:"checked_at"`
	}
	return json.Marshal(wire{
		Name:       r.Name,
		Status:     r.Status,
		Critical:   r.Critical,
		Error:      r.Error,
		DurationMS: float64(r.Duration.Microseconds()) / 1000,
		CheckedAt:  r.CheckedAt,
	})
}

// Report is the combined outcome of all checks.
type Report struct {
	Status    Status    `json:"status"`
	Results   []Result  `json:"checks"`
	CheckedAt time.Time `json:"checked_at"`
}

type registered struct {
	name  string
	check Check
	opts  Options
}

// Registry holds the registered checks and the last report.
//
// The zero value is not usable; create one with NewRegistry.
type Registry struct {
	mu     sync.Mutex
	checks []registered
	names  map[string]bool

	cacheTTL time.Duration
	cached   *Report
	// inflight is non-nil while a run is in progress, so concurrent callers
	// wait for that run instead of starting their own.
	inflight chan struct{}

	now func() time.Time
}

// NewRegistry returns a registry whose reports are reused for cacheTTL.
// A cacheTTL of zero disables caching.
func NewRegistry(cacheTTL time.Duration) *Registry {
	if cacheTTL < 0 {
		panic("health: cacheTTL must not be negative")
	}
	return &Registry{
		names:    make(map[string]bool),
		cacheTTL: cacheTTL,
		now:      time.Now,
	}
}

// Register adds a check. It returns an error for an empty or duplicate name
// or a nil check, since those are programming mistakes best caught at startup.
func (r *Registry) Register(name string, check Check, opts Options) error {
	if name == "" {
		return errors.New("health: check name must not be empty")
	}
	if check == nil {
		return fmt.Errorf("health: check %q is nil", name)
	}
	if opts.Timeout < 0 {
		return fmt.Errorf("health: check %q has a negative timeout", name)
	}
	if opts.Timeout == 0 {
		opts.Timeout = DefaultTimeout
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	if r.names[name] {
		return fmt.Errorf("health: check %q is already registered", name)
	}
	r.names[name] = true
	r.checks = append(r.checks, registered{name: name, check: check, opts: opts})
	r.cached = nil // the set of checks changed, so the cached report is stale
	return nil
}

// MustRegister is like Register but panics on error. Convenient in main.
func (r *Registry) MustRegister(name string, check Check, opts Options) {
	if err := r.Register(name, check, opts); err != nil {
		panic(err)
	}
}

// Run returns a report, reusing a cached one if it is fresh enough.
//
// If a run is already in progress, Run waits for it rather than starting a
// second one, so a burst of probes causes a single round of checks.
func (r *Registry) Run(ctx context.Context) Report {
	for {
		r.mu.Lock()
		if r.cached != nil && r.now().Sub(r.cached.CheckedAt) < r.cacheTTL {
			rep := *r.cached
			r.mu.Unlock()
			return rep
		}
		if wait := r.inflight; wait != nil {
			r.mu.Unlock()
			select {
			case <-wait:
				continue // re-check the cache filled in by that run
			case <-ctx.Done():
				return r.cancelledReport(ctx.Err())
			}
		}
		done := make(chan struct{})
		r.inflight = done
		checks := append([]registered(nil), r.checks...)
		r.mu.Unlock()

		rep := r.runAll(ctx, checks)

		r.mu.Lock()
		r.cached = &rep
		r.inflight = nil
		r.mu.Unlock()
		close(done)
		return rep
	}
}

// runAll runs every check concurrently and aggregates the results.
func (r *Registry) runAll(ctx context.Context, checks []registered) Report {
	started := r.now()
	// Each goroutine sends its result with its index; collecting exactly
	// len(checks) values doubles as the wait for all of them.
	type indexed struct {
		i   int
		res Result
	}
	out := make(chan indexed, len(checks))
	for i, c := range checks {
		go func(i int, c registered) {
			out <- indexed{i, r.runOne(ctx, c)}
		}(i, c)
	}
	results := make([]Result, len(checks))
	for range checks {
		got := <-out
		results[got.i] = got.res
	}

	// Stable output order makes the JSON easier to read and diff.
	sort.Slice(results, func(i, j int) bool { return results[i].Name < results[j].Name })

	return Report{Status: aggregate(results), Results: results, CheckedAt: started}
}

// runOne runs a single check with its timeout and turns panics into failures,
// so one misbehaving check can't take down the health endpoint.
func (r *Registry) runOne(parent context.Context, c registered) (res Result) {
	ctx, cancel := context.WithTimeout(parent, c.opts.Timeout)
	defer cancel()

	start := r.now()
	res = Result{Name: c.name, Critical: c.opts.Critical, CheckedAt: start}

	defer func() { res.Duration = r.now().Sub(start) }()

	// Run the check in its own goroutine so a check that ignores ctx still
	// can't block the report past its timeout. The channel is buffered so
	// that goroutine can always finish, even after we stop waiting for it.
	errc := make(chan error, 1)
	go func() {
		// recover has to live in the goroutine that panics.
		defer func() {
			if p := recover(); p != nil {
				errc <- fmt.Errorf("check panicked: %v", p)
			}
		}()
		errc <- c.check.Check(ctx)
	}()

	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		err = fmt.Errorf("timed out after %s", c.opts.Timeout)
	}

	if err != nil {
		res.Status = StatusDown
		res.Error = err.Error()
	} else {
		res.Status = StatusUp
	}
	return res
}

// aggregate derives the overall status: down if any critical check failed,
// degraded if only non-critical ones did, otherwise up.
func aggregate(results []Result) Status {
	overall := StatusUp
	for _, res := range results {
		if res.Status == StatusUp {
			continue
		}
		if res.Critical {
			return StatusDown
		}
		overall = StatusDegraded
	}
	return overall
}

func (r *Registry) cancelledReport(err error) Report {
	return Report{
		Status:    StatusDown,
		CheckedAt: r.now(),
		Results:   []Result{{Name: "health", Status: StatusDown, Error: err.Error()}},
	}
}
