package handlers

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestRequestIDHandler(t *testing.T) {
	var seen string
	handlerFunc := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		seen = RequestIDFromContext(req.Context())
	})

	tests := []struct {
		name     string
		opts     []RequestIDOption
		incoming string
		header   string
		want     string
	}{
		{"generated", nil, "", DefaultRequestIDHeader, ""},
		{"kept", nil, "abc-123", DefaultRequestIDHeader, "abc-123"},
		{"invalid replaced", nil, "bad id\n", DefaultRequestIDHeader, ""},
		{"too long replaced", nil, strings.Repeat("a", 129), DefaultRequestIDHeader, ""},
		{"not trusted", []RequestIDOption{TrustIncomingRequestID(false)}, "abc-123", DefaultRequestIDHeader, ""},
		{"custom header", []RequestIDOption{RequestIDHeader("x-correlation-id")}, "xyz", "X-Correlation-Id", "xyz"},
		{"custom generator", []RequestIDOption{RequestIDGenerator(func() string { return "fixed" })}, "", DefaultRequestIDHeader, "fixed"},
	}

	for _, test := range tests {
		t.Run(test.name, func(t *testing.T) {
			seen = ""
			req := newRequest("GET", "/")
			if test.incoming != "" {
				req.Header.Set(test.header, test.incoming)
			}
			rec := httptest.NewRecorder()
			RequestIDHandler(test.opts...)(handlerFunc).ServeHTTP(rec, req)

			got := rec.Header().Get(test.header)
			if got == "" {
				t.Fatalf("no %s header in response", test.header)
			}
			if got != seen {
				t.Fatalf("Got context ID %q, wanted response header %q", seen, got)
			}
			if test.want != "" && got != test.want {
				t.Fatalf("Got ID %q, wanted %q", got, test.want)
			}
			if test.want == "" && (got == test.incoming || len(got) != 32) {
				t.Fatalf("Got ID %q, wanted a new 32-character ID", got)
			}
		})
	}
}

func TestRequestIDFromContextEmpty(t *testing.T) {
	req := newRequest("GET", "/")
	if id := RequestIDFromContext(req.Context()); id != "" {
		t.Fatalf("Got %q, wanted empty ID", id)
	}
}

func TestRequestIDUnique(t *testing.T) {
	ids := make(map[string]bool)
	h := RequestIDHandler()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))

	for i := 0; i < 100; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, newRequest("GET", "/"))
		id := rec.Header().Get(DefaultRequestIDHeader)
		if ids[id] {
			t.Fatalf("duplicate ID %q after %d requests", id, i)
		}
		ids[id] = true
	}
}
