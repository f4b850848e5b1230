package bookmarks

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

var fixedNow = time.Date(2024, 5, 1, 10, 30, 0, 0, time.UTC)

// newTestServer returns an httptest server backed by a fresh Server with a fixed clock.
func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(NewServer(func() time.Time { return fixedNow }).Routes())
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatalf("building request: %v", err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func decode[T any](t *testing.T, res *http.Response) T {
	t.Helper()
	var v T
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatalf("decoding response: %v", err)
	}
	return v
}

func create(t *testing.T, base, body string) Bookmark {
	t.Helper()
	res := do(t, http.MethodPost, base+"/bookmarks", body)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create: status = %d, want %d", res.StatusCode, http.StatusCreated)
	}
	return decode[Bookmark](t, res)
}

func TestCreateBookmark(t *testing.T) {
	srv := newTestServer(t)

	res := do(t, http.MethodPost, srv.URL+"/bookmarks",
		`{"url":"https://go.dev/doc","title":"  Go docs ","tags":["Go","docs","go"," "]}`)

	if res.StatusCode != http.StatusCreated {
		t.Fatalf("status = %d, want %d", res.StatusCode, http.StatusCreated)
	}
	if got := res.Header.Get("Location"); got != "/bookmarks/1" {
		t.Errorf("Location = %q, want %q", got, "/bookmarks/1")
	}
	if got := res.Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", got)
	}
	want := Bookmark{ID: 1, URL: "https://go.dev/doc", Title: "Go docs", Tags: []string{"docs", "go"}, Created: fixedNow}
	if got := decode[Bookmark](t, res); !reflect.DeepEqual(got, want) {
		t.Errorf("body = %+v, want %+v", got, want)
	}
}

func TestCreateBookmarkDefaultsTitleToURL(t *testing.T) {
	srv := newTestServer(t)

	b := create(t, srv.URL, `{"url":"https://example.com"}`)

	if b.Title != "https://example.com" {
		t.Errorf("Title = %q, want the URL", b.Title)
	}
}

func TestCreateBookmarkValidation(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		wantStatus int
		wantErr    string
	}{
		{"malformed JSON", `{"url":`, http.StatusBadRequest, "invalid JSON body"},
		{"unknown field", `{"url":"https://a.com","rating":5}`, http.StatusBadRequest, "invalid JSON body"},
		{"missing url", `{"title":"x"}`, http.StatusUnprocessableEntity, "url is required and must be valid"},
		{"ftp scheme", `{"url":"ftp://files.example.com"}`, http.StatusUnprocessableEntity, "url must use http or https"},
		{"relative url", `{"url":"/just/a/path"}`, http.StatusUnprocessableEntity, "url must use http or https"},
		{"no host", `{"url":"https://"}`, http.StatusUnprocessableEntity, "url must have a host"},
	}
	for _, tt := range tests {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t)

			res := do(t, http.MethodPost, srv.URL+"/bookmarks", tt.body)

			if res.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if got := decode[map[string]string](t, res)["error"]; got != tt.wantErr {
				t.Errorf("error = %q, want %q", got, tt.wantErr)
			}
		})
	}
}

func TestCreateDuplicateURLConflicts(t *testing.T) {
	srv := newTestServer(t)
	create(t, srv.URL, `{"url":"https://example.com"}`)

	res := do(t, http.MethodPost, srv.URL+"/bookmarks", `{"url":"https://example.com","title":"again"}`)

	if res.StatusCode != http.StatusConflict {
		t.Errorf("status = %d, want %d", res.StatusCode, http.StatusConflict)
	}
}

func TestListBookmarks(t *testing.T) {
	srv := newTestServer(t)
	create(t, srv.URL, `{"url":"https://a.com","tags":["news"]}`)
	create(t, srv.URL, `{"url":"https://b.com","tags":["Go","news"]}`)
	create(t, srv.URL, `{"url":"https://c.com"}`)

	tests := []struct {
		name    string
		query   string
		wantIDs []int
	}{
		{"all, ordered by id", "", []int{1, 2, 3}},
		{"filter by tag", "?tag=news", []int{1, 2}},
		{"tag filter is case-insensitive", "?tag=GO", []int{2}},
		{"unknown tag", "?tag=nope", []int{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := do(t, http.MethodGet, srv.URL+"/bookmarks"+tt.query, "")
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", res.StatusCode)
			}
			ids := []int{}
			for _, b := range decode[[]Bookmark](t, res) {
				ids = append(ids, b.ID)
			}
			if !reflect.DeepEqual(ids, tt.wantIDs) {
				t.Errorf("ids = %v, want %v", ids, tt.wantIDs)
			}
		})
	}
}

func TestListEmptyReturnsJSONArray(t *testing.T) {
	srv := newTestServer(t)

	res := do(t, http.MethodGet, srv.URL+"/bookmarks", "")

	body := decode[json.RawMessage](t, res)
	if string(body) != "[]" {
		t.Errorf("body = %s, want []", body)
	}
}

func TestGetAndDeleteBookmark(t *testing.T) {
	srv := newTestServer(t)
	b := create(t, srv.URL, `{"url":"https://example.com"}`)
	url := srv.URL + "/bookmarks/1"

	if res := do(t, http.MethodGet, url, ""); res.StatusCode != http.StatusOK {
		t.Fatalf("GET before delete: status = %d, want 200", res.StatusCode)
	} else if got := decode[Bookmark](t, res); got.ID != b.ID {
		t.Errorf("GET returned id %d, want %d", got.ID, b.ID)
	}

	if res := do(t, http.MethodDelete, url, ""); res.StatusCode != http.StatusNoContent {
		t.Fatalf("DELETE: status = %d, want 204", res.StatusCode)
	}

	if res := do(t, http.MethodGet, url, ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET after delete: status = %d, want 404", res.StatusCode)
	}
}

func TestItemNotFound(t *testing.T) {
	srv := newTestServer(t)
	for _, path := range []string{"/bookmarks/99", "/bookmarks/0", "/bookmarks/-1", "/bookmarks/abc", "/bookmarks/"} {
		t.Run(path, func(t *testing.T) {
			if res := do(t, http.MethodGet, srv.URL+path, ""); res.StatusCode != http.StatusNotFound {
				t.Errorf("status = %d, want 404", res.StatusCode)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	srv := newTestServer(t)
	create(t, srv.URL, `{"url":"https://example.com"}`)

	tests := []struct {
		method, path, wantAllow string
	}{
		{http.MethodPut, "/bookmarks", "GET, POST"},
		{http.MethodDelete, "/bookmarks", "GET, POST"},
		{http.MethodPost, "/bookmarks/1", "GET, DELETE"},
		{http.MethodPatch, "/bookmarks/1", "GET, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := do(t, tt.method, srv.URL+tt.path, "")
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("status = %d, want 405", res.StatusCode)
			}
			if got := res.Header.Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}
