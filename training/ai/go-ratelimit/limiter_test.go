package ratelimit

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestTokenBucketAllowsBurstThenBlocks(t *testing.T) {
	bucket, err := NewTokenBucket(1, 3)
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}

	for i := 0; i < 3; i++ {
		if !bucket.Allow() {
			t.Fatalf("request %d should have been allowed", i+1)
		}
	}
	if bucket.Allow() {
		t.Fatal("fourth request should have been rejected")
	}
}

func TestTokenBucketRefillsOverTime(t *testing.T) {
	bucket, _ := NewTokenBucket(10, 1)
	current := time.Now()
	bucket.now = func() time.Time { return current }

	if !bucket.Allow() {
		t.Fatal("first request should be allowed")
	}
	if bucket.Allow() {
		t.Fatal("second request should be rejected before refill")
	}

	// Advance the fake clock by 100ms, which adds exactly one token at 10 tokens/sec.
	current = current.Add(100 * time.Millisecond)
	if !bucket.Allow() {
		t.Fatal("request after refill should be allowed")
	}
}

func TestNewTokenBucketRejectsInvalidConfig(t *testing.T) {
	tests := []struct {
		name  string
		rate  float64
		burst int
	}{
		{"zero rate", 0, 1},
		{"negative rate", -1, 1},
		{"zero burst", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewTokenBucket(tt.rate, tt.burst); err != ErrInvalidConfig {
				t.Errorf("expected ErrInvalidConfig, got %v", err)
			}
		})
	}
}

func TestMiddlewareReturns429WhenLimited(t *testing.T) {
	limiter := NewLimiter(1, 1, time.Minute, nil)
	handler := limiter.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
	}))

	first := httptest.NewRecorder()
	handler.ServeHTTP(first, httptest.NewRequest(http.MethodGet, "/", nil))
	if first.Code != http.StatusOK {
		t.Fatalf("expected 200, got %d", first.Code)
	}

	second := httptest.NewRecorder()
	handler.ServeHTTP(second, httptest.NewRequest(http.MethodGet, "/", nil))
	if second.Code != http.StatusTooManyRequests {
		t.Fatalf("expected 429, got %d", second.Code)
	}
	if second.Header().Get("Retry-After") == "" {
		t.Error("expected a Retry-After header on 429 responses")
	}
}
