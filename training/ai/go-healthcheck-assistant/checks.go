package health

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// HTTPCheck reports healthy when a GET to URL returns a status in [200, 400).
//
// The response body is discarded (up to a small limit) so the connection can
// be reused by the client's pool.
type HTTPCheck struct {
	URL    string
	Client *http.Client
	// ExpectStatus, if non-zero, requires exactly this status code instead of
	// the default 2xx/3xx range.
	ExpectStatus int
}

// Check implements Check.
func (h HTTPCheck) Check(ctx context.Context) error {
	if h.URL == "" {
		return errors.New("HTTPCheck: URL is empty")
	}
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, h.URL, nil)
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("User-Agent", "health-check/1")

	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// Draining a bounded amount lets keep-alive work without risking a huge read.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))

	if h.ExpectStatus != 0 {
		if resp.StatusCode != h.ExpectStatus {
			return fmt.Errorf("got HTTP %d, want %d", resp.StatusCode, h.ExpectStatus)
		}
		return nil
	}
	if resp.StatusCode < 200 || resp.StatusCode >= 400 {
		return fmt.Errorf("got HTTP %d", resp.StatusCode)
	}
	return nil
}

// TCPCheck reports healthy when a TCP connection to Addr ("host:port") can be
// opened. It is the cheapest useful probe for things like Redis or SMTP when
// you don't want to pull in their client libraries.
type TCPCheck struct {
	Addr string
}

// Check implements Check.
func (t TCPCheck) Check(ctx context.Context) error {
	if _, _, err := net.SplitHostPort(t.Addr); err != nil {
		return fmt.Errorf("TCPCheck: invalid address %q: %w", t.Addr, err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", t.Addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// SQLCheck pings a database and, optionally, runs a trivial query. Ping alone
// may succeed on a pooled connection even when the server can't run queries
// (for example a read-only replica that fell too far behind), so Query is
// worth setting for critical databases.
type SQLCheck struct {
	DB *sql.DB
	// Query is run with QueryRowContext if set, e.g. "SELECT 1".
	Query string
}

// Check implements Check.
func (s SQLCheck) Check(ctx context.Context) error {
	if s.DB == nil {
		return errors.New("SQLCheck: DB is nil")
	}
	if err := s.DB.PingContext(ctx); err != nil {
		return fmt.Errorf("ping: %w", err)
	}
	if s.Query == "" {
		return nil
	}
	var discard any
	if err := s.DB.QueryRowContext(ctx, s.Query).Scan(&discard); err != nil {
		return fmt.Errorf("query: %w", err)
	}
	return nil
}

// Heartbeat is a check for background workers: the worker calls Beat after
// every unit of work, and the check fails if no beat arrived within MaxAge.
//
// This catches a goroutine that is stuck (deadlocked, blocked on a dead
// connection) even though the process as a whole is still responding.
type Heartbeat struct {
	maxAge time.Duration
	now    func() time.Time
	// last holds the time of the latest beat in Unix nanoseconds. An atomic
	// keeps Beat cheap and lock-free for the worker's hot loop.
	last atomic.Int64
}

// NewHeartbeat returns a heartbeat that is considered healthy for maxAge
// after creation, giving the worker time to start.
func NewHeartbeat(maxAge time.Duration) *Heartbeat {
	if maxAge <= 0 {
		panic("health: heartbeat maxAge must be positive")
	}
	h := &Heartbeat{maxAge: maxAge, now: time.Now}
	h.Beat()
	return h
}

// Beat records that the worker made progress. It never blocks.
func (h *Heartbeat) Beat() {
	h.last.Store(h.now().UnixNano())
}

// Check implements Check.
func (h *Heartbeat) Check(ctx context.Context) error {
	last := time.Unix(0, h.last.Load())
	if age := h.now().Sub(last); age > h.maxAge {
		return fmt.Errorf("no heartbeat for %s (max %s)", age.Round(time.Second), h.maxAge)
	}
	return nil
}
