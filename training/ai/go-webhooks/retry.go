package webhooks

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"net/http"
	"time"
)

// Delivery describes one webhook to send.
type Delivery struct {
	URL     string
	Payload []byte
	Headers map[string]string
}

// Sender delivers webhooks with retries and exponential backoff.
type Sender struct {
	Client      *http.Client
	MaxAttempts int
	BaseDelay   time.Duration
}

// Send posts the delivery, retrying on network errors and 5xx responses.
// It stops early if the context is cancelled.
func (s *Sender) Send(ctx context.Context, d Delivery) error {
	var lastErr error
	for attempt := 1; attempt <= s.MaxAttempts; attempt++ {
		lastErr = s.attempt(ctx, d)
		if lastErr == nil {
			return nil
		}

		if attempt == s.MaxAttempts {
			break
		}
		// Exponential backoff with jitter: base * 2^(attempt-1) +/- 20%.
		delay := s.BaseDelay * time.Duration(1<<(attempt-1))
		jitter := time.Duration(rand.Int63n(int64(delay)/5 + 1))
		select {
		case <-time.After(delay + jitter):
		case <-ctx.Done():
			return fmt.Errorf("delivery to %s cancelled: %w", d.URL, ctx.Err())
		}
	}
	return fmt.Errorf("delivery to %s failed after %d attempts: %w", d.URL, s.MaxAttempts, lastErr)
}

func (s *Sender) attempt(ctx context.Context, d Delivery) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return fmt.Errorf("building request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	for key, value := range d.Headers {
		req.Header.Set(key, value)
	}

	resp, err := s.Client.Do(req)
	if err != nil {
		return fmt.Errorf("sending request: %w", err)
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 500 {
		return fmt.Errorf("server error: %s", resp.Status)
	}
	if resp.StatusCode >= 400 {
		// Client errors will not succeed on retry, but we still report them.
		return fmt.Errorf("rejected by receiver: %s", resp.Status)
	}
	return nil
}
