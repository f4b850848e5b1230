package middleware

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-chi/chi/v5"
)

func TestETag(t *testing.T) {
	r := chi.NewRouter()
	r.Use(GetHead)
	r.Use(ETag)
	r.Get("/hi", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("hello"))
	})
	r.Get("/own", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte("mine"))
	})
	r.Get("/missing", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(404)
		w.Write([]byte("nope"))
	})
	r.Post("/hi", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("posted"))
	})

	ts := httptest.NewServer(r)
	defer ts.Close()

	resp, body := testRequest(t, ts, "GET", "/hi", nil)
	if body != "hello" {
		t.Fatalf(body)
	}
	etag := resp.Header.Get("ETag")
	if len(etag) < 4 || etag[:3] != `W/"` {
		t.Fatalf("expecting weak etag, got '%s'", etag)
	}

	// Same body twice must give the same tag.
	if resp, _ := testRequest(t, ts, "GET", "/hi", nil); resp.Header.Get("ETag") != etag {
		t.Fatalf("expecting stable etag '%s', got '%s'", etag, resp.Header.Get("ETag"))
	}

	if resp, body := testRequest(t, ts, "HEAD", "/hi", nil); body != "" || resp.Header.Get("ETag") != etag {
		t.Fatalf("expecting etag on HEAD, got '%s'", resp.Header.Get("ETag"))
	}

	if resp, _ := testRequest(t, ts, "GET", "/own", nil); resp.Header.Get("ETag") != `"v1"` {
		t.Fatalf("expecting handler's etag to be kept, got '%s'", resp.Header.Get("ETag"))
	}

	if resp, body := testRequest(t, ts, "GET", "/missing", nil); resp.StatusCode != 404 || body != "nope" || resp.Header.Get("ETag") != "" {
		t.Fatalf("expecting untagged 404, got %d '%s'", resp.StatusCode, resp.Header.Get("ETag"))
	}

	if resp, body := testRequest(t, ts, "POST", "/hi", nil); body != "posted" || resp.Header.Get("ETag") != "" {
		t.Fatalf("expecting no etag on POST, got '%s'", resp.Header.Get("ETag"))
	}
}

func TestETagNotModified(t *testing.T) {
	t.Parallel()

	r := chi.NewRouter()
	r.Use(ETag)
	r.Get("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"ok":true}`))
	})

	first := httptest.NewRecorder()
	r.ServeHTTP(first, httptest.NewRequest("GET", "/", nil))
	etag := first.Header().Get("ETag")

	var tests = []struct {
		name        string
		ifNoneMatch string
		want        int
	}{
		{"should send body without If-None-Match", "", http.StatusOK},
		{"should send 304 for the same etag", etag, http.StatusNotModified},
		{"should send 304 for the strong form of the etag", etag[2:], http.StatusNotModified},
		{"should send 304 when the etag is in a list", `"abc", ` + etag, http.StatusNotModified},
		{"should send 304 for a wildcard", "*", http.StatusNotModified},
		{"should send body for a stale etag", `W/"deadbeef"`, http.StatusOK},
	}

	for _, tt := range tests {
		var tt = tt
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			req := httptest.NewRequest("GET", "/", nil)
			if tt.ifNoneMatch != "" {
				req.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			recorder := httptest.NewRecorder()
			r.ServeHTTP(recorder, req)

			if recorder.Code != tt.want {
				t.Fatalf("%s: expected status %d, got %d", tt.name, tt.want, recorder.Code)
			}
			if tt.want == http.StatusNotModified {
				if recorder.Body.Len() != 0 {
					t.Fatalf("%s: expected empty body, got '%s'", tt.name, recorder.Body.String())
				}
				if recorder.Header().Get("Content-Type") != "" {
					t.Fatalf("%s: expected no Content-Type on 304", tt.name)
				}
			}
			if recorder.Header().Get("ETag") != etag {
				t.Fatalf("%s: expected etag '%s', got '%s'", tt.name, etag, recorder.Header().Get("ETag"))
			}
		})
	}
}
