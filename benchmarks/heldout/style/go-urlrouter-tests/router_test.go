package router

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// echo writes the route name and the captured params in a stable order so
// tests can compare against a plain string.
func echo(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := ParamsFrom(r)
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var b strings.Builder
		b.WriteString(name)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%s", k, p[k])
		}
		io.WriteString(w, b.String())
	}
}

func newTestRouter() *Router {
	rt := New()
	rt.HandleFunc("GET", "/", echo("root"))
	rt.HandleFunc("GET", "/users", echo("list"))
	rt.HandleFunc("POST", "/users", echo("create"))
	rt.HandleFunc("GET", "/users/:id", echo("show"))
	rt.HandleFunc("DELETE", "/users/:id", echo("delete"))
	rt.HandleFunc("GET", "/users/me", echo("me"))
	rt.HandleFunc("GET", "/users/:id/posts/:post", echo("post"))
	rt.HandleFunc("GET", "/static/*file", echo("static"))
	return rt
}

func TestRouting(t *testing.T) {
	rt := newTestRouter()

	tests := []struct {
		name       string
		method     string
		path       string
		wantStatus int
		wantBody   string
	}{
		{"root", "GET", "/", 200, "root"},
		{"static segment", "GET", "/users", 200, "list"},
		{"trailing slash ignored", "GET", "/users/", 200, "list"},
		{"method selects route", "POST", "/users", 200, "create"},
		{"param", "GET", "/users/42", 200, "show id=42"},
		{"static beats param", "GET", "/users/me", 200, "me"},
		{"param on other method", "DELETE", "/users/7", 200, "delete id=7"},
		{"two params", "GET", "/users/7/posts/hello", 200, "post id=7 post=hello"},
		{"wildcard single", "GET", "/static/app.js", 200, "static file=app.js"},
		{"wildcard nested", "GET", "/static/css/site/main.css", 200, "static file=css/site/main.css"},
		{"wildcard empty", "GET", "/static", 200, "static file="},
		{"HEAD falls back to GET", "HEAD", "/users/1", 200, ""},
		{"unknown path", "GET", "/nope", 404, "404 page not found\n"},
		{"too many segments", "GET", "/users/1/extra", 404, "404 page not found\n"},
		{"too few segments", "GET", "/users/1/posts", 404, "404 page not found\n"},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			rec := httptest.NewRecorder()

			rt.ServeHTTP(rec, req)

			if rec.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", rec.Code, tt.wantStatus)
			}
			if got := rec.Body.String(); tt.method != "HEAD" && got != tt.wantBody {
				t.Errorf("body = %q, want %q", got, tt.wantBody)
			}
		})
	}
}

func TestMethodNotAllowed(t *testing.T) {
	rt := newTestRouter()

	tests := []struct {
		method    string
		path      string
		wantAllow string
	}{
		{"PUT", "/users", "GET, POST"},
		{"PATCH", "/users/3", "DELETE, GET"},
		{"POST", "/static/x", "GET"},
	}

	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))

			if rec.Code != http.StatusMethodNotAllowed {
				t.Fatalf("status = %d, want 405", rec.Code)
			}
			if got := rec.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", got, tt.wantAllow)
			}
		})
	}
}

func TestCustomNotFound(t *testing.T) {
	rt := New()
	rt.NotFound = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "custom")
	})

	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("GET", "/missing", nil))

	if rec.Code != http.StatusTeapot || rec.Body.String() != "custom" {
		t.Fatalf("got %d %q, want 418 \"custom\"", rec.Code, rec.Body.String())
	}
}

func TestRegistrationOrderDoesNotMatter(t *testing.T) {
	orders := map[string][]string{
		"param first":  {"/files/:name", "/files/readme", "/files/*rest"},
		"static first": {"/files/readme", "/files/*rest", "/files/:name"},
		"wild first":   {"/files/*rest", "/files/:name", "/files/readme"},
	}

	for name, patterns := range orders {
		t.Run(name, func(t *testing.T) {
			rt := New()
			for _, p := range patterns {
				rt.HandleFunc("GET", p, echo(p))
			}

			cases := map[string]string{
				"/files/readme": "/files/readme",
				"/files/other":  "/files/:name name=other",
				"/files/a/b/c":  "/files/*rest rest=a/b/c",
			}
			for path, want := range cases {
				rec := httptest.NewRecorder()
				rt.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
				if got := rec.Body.String(); got != want {
					t.Errorf("%s: body = %q, want %q", path, got, want)
				}
			}
		})
	}
}

func TestWildcardLosesToShorterStatic(t *testing.T) {
	rt := New()
	rt.HandleFunc("GET", "/*rest", echo("catchall"))
	rt.HandleFunc("GET", "/docs/*page", echo("docs"))
	rt.HandleFunc("GET", "/docs", echo("docs-index"))
	rt.HandleFunc("GET", "/", echo("home"))

	tests := []struct {
		path string
		want string
	}{
		{"/", "home"},
		{"/docs", "docs-index"},
		{"/docs/intro", "docs page=intro"},
		{"/about", "catchall rest=about"},
		{"/a/b", "catchall rest=a/b"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rt.ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
			if got := rec.Body.String(); got != tt.want {
				t.Errorf("body = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLowercaseMethodIsNormalized(t *testing.T) {
	rt := New()
	rt.HandleFunc("get", "/x", echo("x"))

	rec := httptest.NewRecorder()
	rt.ServeHTTP(rec, httptest.NewRequest("GET", "/x", nil))

	if rec.Body.String() != "x" {
		t.Fatalf("body = %q, want %q", rec.Body.String(), "x")
	}
}

func TestWithRealServer(t *testing.T) {
	srv := httptest.NewServer(newTestRouter())
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/users/99/posts/abc")
	if err != nil {
		t.Fatalf("GET: %v", err)
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if resp.StatusCode != 200 || string(body) != "post id=99 post=abc" {
		t.Fatalf("got %d %q", resp.StatusCode, body)
	}
}
