package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// MaxFeedSize caps how much of a response body Fetch reads. Feeds are small;
// anything larger is almost certainly not a feed, or is hostile.
const MaxFeedSize = 5 << 20 // 5 MiB

// ErrTooLarge is returned when a feed exceeds MaxFeedSize.
var ErrTooLarge = errors.New("feeds: response exceeds size limit")

// Conditional holds the validators from a previous fetch so the server can
// answer 304 Not Modified instead of resending an unchanged feed.
type Conditional struct {
	ETag         string
	LastModified string
}

// Result is what Fetch returns. Feed is nil when NotModified is true.
type Result struct {
	Feed        *Feed
	NotModified bool
	// Validators to pass to the next Fetch of the same URL.
	Next Conditional
}

// Fetcher downloads and parses feeds. The zero value is usable and uses a
// client with a 15 second timeout.
type Fetcher struct {
	Client    *http.Client
	UserAgent string
}

var defaultClient = &http.Client{Timeout: 15 * time.Second}

// Fetch downloads url and parses it. Pass the Conditional from the previous
// Result (or the zero value on the first fetch).
func (f *Fetcher) Fetch(ctx context.Context, url string, prev Conditional) (*Result, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("feeds: building request: %w", err)
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
	if f.UserAgent != "" {
		req.Header.Set("User-Agent", f.UserAgent)
	}
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}

	client := f.Client
	if client == nil {
		client = defaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("feeds: fetching %s: %w", url, err)
	}
	defer resp.Body.Close()

	next := Conditional{
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
	}

	switch {
	case resp.StatusCode == http.StatusNotModified:
		// Keep the old validators if the server did not resend them.
		if next.ETag == "" {
			next.ETag = prev.ETag
		}
		if next.LastModified == "" {
			next.LastModified = prev.LastModified
		}
		return &Result{NotModified: true, Next: next}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("feeds: fetching %s: unexpected status %s", url, resp.Status)
	}

	// Read one byte past the limit so we can tell "exactly at the limit"
	// from "over the limit".
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxFeedSize+1))
	if err != nil {
		return nil, fmt.Errorf("feeds: reading %s: %w", url, err)
	}
	if len(body) > MaxFeedSize {
		return nil, ErrTooLarge
	}

	feed, err := Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("feeds: %s: %w", url, err)
	}
	return &Result{Feed: feed, Next: next}, nil
}
