package health

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// LivenessHandler answers "is the process alive?". It deliberately runs no
// dependency checks: if the database is down, restarting this process won't
// fix it, and a liveness probe that fails for that reason makes Kubernetes
// restart every replica at once.
func LivenessHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write([]byte("ok\n"))
		}
	})
}

// ReadinessOptions tune ReadinessHandler.
type ReadinessOptions struct {
	// Timeout bounds the whole report, on top of per-check timeouts.
	// Zero means 5 seconds.
	Timeout time.Duration
	// Verbose includes per-check details (including error messages) in the
	// response. Error messages can reveal internal host names, so only enable
	// this when the endpoint isn't publicly reachable, or use VerboseParam.
	Verbose bool
	// VerboseParam, if set, enables details when the request has this query
	// parameter, e.g. "?verbose".
	VerboseParam string
}

// ReadinessHandler answers "should this instance receive traffic?". It runs
// the registry's checks and responds 200 when the status is up or degraded,
// and 503 when it is down, which is what load balancers and Kubernetes
// readiness probes look at.
func ReadinessHandler(reg *Registry, opts ReadinessOptions) http.Handler {
	if reg == nil {
		panic("health: ReadinessHandler needs a registry")
	}
	if opts.Timeout == 0 {
		opts.Timeout = 5 * time.Second
	}

	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}

		ctx, cancel := context.WithTimeout(r.Context(), opts.Timeout)
		defer cancel()
		report := reg.Run(ctx)

		code := http.StatusOK
		if report.Status == StatusDown {
			code = http.StatusServiceUnavailable
		}

		verbose := opts.Verbose
		if opts.VerboseParam != "" && r.URL.Query().Has(opts.VerboseParam) {
			verbose = true
		}

		body := any(map[string]any{"status": report.Status, "checked_at": report.CheckedAt})
		if verbose {
			body = report
		}

		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(code)
		if r.Method == http.MethodGet {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			_ = enc.Encode(body)
		}
	})
}
