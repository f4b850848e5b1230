package shortener

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// sequence returns a NewCode func that hands out the given codes in order.
func sequence(codes ...string) func() string {
	var mu sync.Mutex
	i := 0
	return func() string {
		mu.Lock()
		defer mu.Unlock()
		c := codes[i%len(codes)]
		i++
		return c
	}
}

func newTestServer(codes ...string) (*Server, *MemStore) {
	st := NewMemStore()
	return &Server{Store: st, BaseURL: "https://sho.rt", NewCode: sequence(codes...)}, st
}

func do(t *testing.T, h http.Handler, method, path, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func decode(t *testing.T, rec *httptest.ResponseRecorder) map[string]string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatalf("response is not JSON: %v\nbody: %s", err, rec.Body.String())
	}
	return m
}

func TestCreateWithGeneratedCode(t *testing.T) {
	srv, st := newTestServer("abc123")

	rec := do(t, srv, http.MethodPost, "/api/links", `{"url":"https://example.com/a?b=c"}`)

	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d, want %d; body %s", rec.Code, http.StatusCreated, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	got := decode(t, rec)
	if got["code"] != "abc123" || got["short"] != "https://sho.rt/abc123" {
		t.Errorf("unexpected response %v", got)
	}
	if target, err := st.Get("abc123"); err != nil || target != "https://example.com/a?b=c" {
		t.Errorf("store has %q, %v", target, err)
	}
}

func TestCreateRetriesOnCollision(t *testing.T) {
	srv, st := newTestServer("taken", "taken", "fresh")
	if err := st.Put("taken", "https://old.example"); err != nil {
		t.Fatal(err)
	}

	rec := do(t, srv, http.MethodPost, "/api/links", `{"url":"https://new.example"}`)

	if rec.Code != http.StatusCreated {
		t.Fatalf("status = %d; body %s", rec.Code, rec.Body)
	}
	if got := decode(t, rec)["code"]; got != "fresh" {
		t.Errorf("code = %q, want fresh", got)
	}
}

func TestCreateGivesUpAfterRepeatedCollisions(t *testing.T) {
	srv, st := newTestServer("dup")
	st.Put("dup", "https://x.example")

	rec := do(t, srv, http.MethodPost, "/api/links", `{"url":"https://y.example"}`)

	if rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("status = %d, want 503", rec.Code)
	}
}

func TestCreateWithCustomCode(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		preload    map[string]string
		wantStatus int
		wantCode   string
	}{
		{
			name:       "accepted",
			body:       `{"url":"https://go.dev","code":"go-home"}`,
			wantStatus: http.StatusCreated,
			wantCode:   "go-home",
		},
		{
			name:       "conflict",
			body:       `{"url":"https://go.dev","code":"go-home"}`,
			preload:    map[string]string{"go-home": "https://other.example"},
			wantStatus: http.StatusConflict,
		},
		{
			name:       "too short",
			body:       `{"url":"https://go.dev","code":"ab"}`,
			wantStatus: http.StatusUnprocessableEntity,
		},
		{
			name:       "bad characters",
			body:       `{"url":"https://go.dev","code":"a/b/c"}`,
			wantStatus: http.StatusUnprocessableEntity,
		},
		{
			name:       "too long",
			body:       `{"url":"https://go.dev","code":"` + strings.Repeat("x", 33) + `"}`,
			wantStatus: http.StatusUnprocessableEntity,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, st := newTestServer("unused")
			for k, v := range tt.preload {
				st.Put(k, v)
			}

			rec := do(t, srv, http.MethodPost, "/api/links", tt.body)

			if rec.Code != tt.wantStatus {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if tt.wantCode != "" {
				if got := decode(t, rec)["code"]; got != tt.wantCode {
					t.Errorf("code = %q, want %q", got, tt.wantCode)
				}
			}
		})
	}
}

func TestCreateRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		body string
		want int
	}{
		{"empty body", ``, http.StatusBadRequest},
		{"not json", `url=https://x`, http.StatusBadRequest},
		{"unknown field", `{"url":"https://x.example","ttl":5}`, http.StatusBadRequest},
		{"relative url", `{"url":"/just/a/path"}`, http.StatusUnprocessableEntity},
		{"ftp scheme", `{"url":"ftp://files.example"}`, http.StatusUnprocessableEntity},
		{"javascript scheme", `{"url":"javascript:alert(1)"}`, http.StatusUnprocessableEntity},
		{"missing host", `{"url":"https://"}`, http.StatusUnprocessableEntity},
		{"oversized body", `{"url":"https://x.example/` + strings.Repeat("a", 5000) + `"}`, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer("code1")
			rec := do(t, srv, http.MethodPost, "/api/links", tt.body)
			if rec.Code != tt.want {
				t.Errorf("status = %d, want %d; body %s", rec.Code, tt.want, rec.Body)
			}
			if _, ok := decode(t, rec)["error"]; !ok {
				t.Errorf("response has no error field: %s", rec.Body)
			}
		})
	}
}

func TestRedirect(t *testing.T) {
	srv, st := newTestServer("unused")
	st.Put("docs", "https://example.com/docs")

	for _, method := range []string{http.MethodGet, http.MethodHead} {
		t.Run(method, func(t *testing.T) {
			rec := do(t, srv, method, "/docs", "")
			if rec.Code != http.StatusFound {
				t.Fatalf("status = %d, want 302", rec.Code)
			}
			if loc := rec.Header().Get("Location"); loc != "https://example.com/docs" {
				t.Errorf("Location = %q", loc)
			}
		})
	}
}

func TestRedirectUnknownCode(t *testing.T) {
	srv, _ := newTestServer("unused")
	rec := do(t, srv, http.MethodGet, "/nope", "")
	if rec.Code != http.StatusNotFound {
		t.Errorf("status = %d, want 404", rec.Code)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv, _ := newTestServer("unused")

	rec := do(t, srv, http.MethodGet, "/api/links", "")
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /api/links status = %d", rec.Code)
	}
	if allow := rec.Header().Get("Allow"); allow != http.MethodPost {
		t.Errorf("Allow = %q", allow)
	}

	rec = do(t, srv, http.MethodDelete, "/abc", "")
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("DELETE /abc status = %d", rec.Code)
	}
}

type failingStore struct{}

func (failingStore) Put(string, string) error   { return errors.New("disk full") }
func (failingStore) Get(string) (string, error) { return "", errors.New("timeout") }

func TestStoreFailuresAreHidden(t *testing.T) {
	srv := &Server{Store: failingStore{}, BaseURL: "https://sho.rt", NewCode: sequence("x")}

	rec := do(t, srv, http.MethodPost, "/api/links", `{"url":"https://x.example"}`)
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("create status = %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "disk full") {
		t.Errorf("internal error leaked: %s", rec.Body)
	}

	rec = do(t, srv, http.MethodGet, "/abc", "")
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("redirect status = %d", rec.Code)
	}
}

func TestEndToEndOverRealServer(t *testing.T) {
	srv, _ := newTestServer("e2e")
	ts := httptest.NewServer(srv)
	defer ts.Close()

	resp, err := http.Post(ts.URL+"/api/links", "application/json", strings.NewReader(`{"url":"https://example.org/"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create status = %d", resp.StatusCode)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
	resp, err = client.Get(ts.URL + "/e2e")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "https://example.org/" {
		t.Errorf("got %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
