package router

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"/", nil},
		{"//", nil},
		{"/a", []string{"a"}},
		{"a/b/", []string{"a", "b"}},
		{"/a/:id/*rest", []string{"a", ":id", "*rest"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := split(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("split(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		path    string
		want    Params
		wantOK  bool
	}{
		{"exact", "/a/b", "/a/b", Params{}, true},
		{"mismatch", "/a/b", "/a/c", nil, false},
		{"param", "/a/:x", "/a/1", Params{"x": "1"}, true},
		{"param needs segment", "/a/:x", "/a", nil, false},
		{"extra segment", "/a/:x", "/a/1/2", nil, false},
		{"wildcard", "/a/*w", "/a/1/2", Params{"w": "1/2"}, true},
		{"wildcard empty", "/a/*w", "/a", Params{"w": ""}, true},
		{"root", "/", "/", Params{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := match(split(tt.pattern), split(tt.path))
			if ok != tt.wantOK {
				t.Fatalf("ok = %v, want %v", ok, tt.wantOK)
			}
			if ok && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("params = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBefore(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"/a/b", "/a/:x", true},
		{"/a/:x", "/a/*w", true},
		{"/a", "/a/*w", true},
		{"/", "/*w", true},
		{"/a/*w", "/a", false},
		{"/a/b", "/a/b", false},
		{"/a/b/*w", "/a/:x/c", true},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := before(split(tt.a), split(tt.b)); got != tt.want {
				t.Errorf("before(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestHandlePanicsOnBadPattern(t *testing.T) {
	bad := []string{
		"/a/*rest/b",
		"/a/:",
		"/*",
	}
	for _, p := range bad {
		t.Run(p, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Handle(%q) did not panic", p)
				}
			}()
			New().Handle("GET", p, http.NotFoundHandler())
		})
	}
}

func TestParamsFromWithoutRouter(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	if p := ParamsFrom(r); p != nil {
		t.Errorf("ParamsFrom on bare request = %v, want nil", p)
	}
}

func TestDedupe(t *testing.T) {
	got := dedupe([]string{"GET", "GET", "POST", "POST", "PUT"})
	want := []string{"GET", "POST", "PUT"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dedupe = %v, want %v", got, want)
	}
}
