package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

var (
	// ErrMissingSignature means the request carried no signature header.
	ErrMissingSignature = errors.New("webhooks: missing signature header")
	// ErrInvalidSignature means the signature did not match the payload.
	ErrInvalidSignature = errors.New("webhooks: invalid signature")
	// ErrStaleTimestamp means the request is older than the allowed tolerance.
	ErrStaleTimestamp = errors.New("webhooks: timestamp outside tolerance")
)

// Verifier checks HMAC-SHA256 signatures of incoming webhook requests.
// The expected header format is "t=<unix seconds>,v1=<hex signature>".
type Verifier struct {
	Secret    []byte
	Tolerance time.Duration
	Now       func() time.Time
}

// NewVerifier creates a verifier with a default tolerance of five minutes.
func NewVerifier(secret string) *Verifier {
	return &Verifier{Secret: []byte(secret), Tolerance: 5 * time.Minute, Now: time.Now}
}

func parseHeader(header string) (int64, []string, error) {
	var timestamp int64
	var signatures []string
	for _, part := range strings.Split(header, ",") {
		key, value, found := strings.Cut(strings.TrimSpace(part), "=")
		if !found {
			continue
		}
		switch key {
		case "t":
			ts, err := strconv.ParseInt(value, 10, 64)
			if err != nil {
				return 0, nil, fmt.Errorf("invalid timestamp %q: %w", value, err)
			}
			timestamp = ts
		case "v1":
			signatures = append(signatures, value)
		}
	}
	if timestamp == 0 || len(signatures) == 0 {
		return 0, nil, ErrMissingSignature
	}
	return timestamp, signatures, nil
}

// Verify checks the signature header against the raw request body.
func (v *Verifier) Verify(header string, body []byte) error {
	if header == "" {
		return ErrMissingSignature
	}
	timestamp, signatures, err := parseHeader(header)
	if err != nil {
		return err
	}

	// Reject old requests to limit replay attacks.
	age := v.Now().Sub(time.Unix(timestamp, 0))
	if age > v.Tolerance || age < -v.Tolerance {
		return ErrStaleTimestamp
	}

	mac := hmac.New(sha256.New, v.Secret)
	fmt.Fprintf(mac, "%d.", timestamp)
	mac.Write(body)
	expected := mac.Sum(nil)

	for _, sig := range signatures {
		decoded, err := hex.DecodeString(sig)
		if err != nil {
			continue
		}
		// hmac.Equal runs in constant time, which avoids timing attacks.
		if hmac.Equal(decoded, expected) {
			return nil
		}
	}
	return ErrInvalidSignature
}

// Middleware rejects requests whose signature does not verify, and restores the body
// so the next handler can read it.
func (v *Verifier) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
		if err != nil {
			http.Error(w, "could not read request body", http.StatusBadRequest)
			return
		}
		if err := v.Verify(r.Header.Get("Webhook-Signature"), body); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		next.ServeHTTP(w, r)
	})
}
