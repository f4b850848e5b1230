// Package health exposes liveness and readiness endpoints.
//
// Liveness (/livez) only reports that the process is serving HTTP.
// Readiness (/readyz) runs every registered check in parallel, each with
// its own timeout, and returns 503 if any critical check fails.
package health

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"sync"
	"time"
)

// CheckFunc returns nil when the dependency is healthy.
type CheckFunc func(ctx context.Context) error

type check struct {
	name     string
	fn       CheckFunc
	critical bool
	timeout  time.Duration
}

// Result is the outcome of a single check, as rendered in JSON.
type Result struct {
	Name     string `json:"name"`
	OK       bool   `json:"ok"`
	Critical bool   `json:"critical"`
	Error    string `json:"error,omitempty"`
	Millis   int64  `json:"ms"`
}

// Report is the body of a /readyz response.
type Report struct {
	Status string   `json:"status"`
	Checks []Result `json:"checks"`
}

// Checker holds the registered checks.
type Checker struct {
	mu     sync.RWMutex
	checks []check
}

// Register adds a check. Non-critical checks are reported but never fail readiness.
func (c *Checker) Register(name string, critical bool, timeout time.Duration, fn CheckFunc) {
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checks = append(c.checks, check{name: name, fn: fn, critical: critical, timeout: timeout})
}

// Run executes all checks concurrently and returns the combined report.
func (c *Checker) Run(ctx context.Context) Report {
	c.mu.RLock()
	checks := append([]check(nil), c.checks...)
	c.mu.RUnlock()

	results := make([]Result, len(checks))
	var wg sync.WaitGroup
	for i, ch := range checks {
		wg.Add(1)
		go func(i int, ch check) {
			defer wg.Done()
			cctx, cancel := context.WithTimeout(ctx, ch.timeout)
			defer cancel()

			start := time.Now()
			err := runSafely(cctx, ch.fn)
			r := Result{Name: ch.name, OK: err == nil, Critical: ch.critical, Millis: time.Since(start).Milliseconds()}
			if err != nil {
				r.Error = err.Error()
			}
			results[i] = r
		}(i, ch)
	}
	wg.Wait()

	sort.Slice(results, func(a, b int) bool { return results[a].Name < results[b].Name })

	status := "ok"
	for _, r := range results {
		if !r.OK {
			if r.Critical {
				status = "fail"
				break
			}
			status = "degraded"
		}
	}
	return Report{Status: status, Checks: results}
}

// runSafely turns a panicking check into an error and honours ctx even if
// the check itself ignores it.
func runSafely(ctx context.Context, fn CheckFunc) (err error) {
	done := make(chan error, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- panicError{p}
			}
		}()
		done <- fn(ctx)
	}()
	select {
	case err = <-done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

type panicError struct{ v any }

func (p panicError) Error() string { return "check panicked" }

// LiveHandler always returns 200 while the process can serve requests.
func LiveHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		_, _ = w.Write([]byte("ok\n"))
	})
}

// ReadyHandler runs the checks and writes the JSON report.
func (c *Checker) ReadyHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep := c.Run(r.Context())
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if rep.Status == "fail" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		_ = enc.Encode(rep)
	})
}
