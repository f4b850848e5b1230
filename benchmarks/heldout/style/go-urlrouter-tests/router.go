// Package router is a small HTTP router supporting static segments,
// named parameters (":id") and trailing wildcards ("*path").
package router

import (
	"context"
	"net/http"
	"sort"
	"strings"
)

type ctxKey struct{}

// Params holds the values captured from the request path.
type Params map[string]string

// ParamsFrom returns the path parameters stored on the request context.
func ParamsFrom(r *http.Request) Params {
	p, _ := r.Context().Value(ctxKey{}).(Params)
	return p
}

type route struct {
	method string
	parts  []string
	h      http.Handler
}

// Router dispatches requests to the first matching route. Static segments
// win over parameters, which win over wildcards, regardless of the order
// in which routes were registered.
type Router struct {
	routes   []route
	NotFound http.Handler
}

func New() *Router { return &Router{} }

func split(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// rank orders segment kinds for route precedence. A missing segment ranks
// above a wildcard so that "/a" is preferred over "/a/*rest" for "/a".
func rank(parts []string, i int) int {
	if i >= len(parts) {
		return 1
	}
	switch s := parts[i]; {
	case strings.HasPrefix(s, "*"):
		return 0
	case strings.HasPrefix(s, ":"):
		return 2
	default:
		return 3
	}
}

func before(a, b []string) bool {
	n := len(a)
	if len(b) > n {
		n = len(b)
	}
	for i := 0; i < n; i++ {
		if ra, rb := rank(a, i), rank(b, i); ra != rb {
			return ra > rb
		}
	}
	return false
}

// Handle registers h for method and pattern. It panics on an invalid
// pattern, since that is a programming error.
func (rt *Router) Handle(method, pattern string, h http.Handler) {
	parts := split(pattern)
	for i, s := range parts {
		if strings.HasPrefix(s, "*") && i != len(parts)-1 {
			panic("router: wildcard must be the last segment in " + pattern)
		}
		if s == ":" || s == "*" {
			panic("router: unnamed parameter in " + pattern)
		}
	}
	rt.routes = append(rt.routes, route{method: strings.ToUpper(method), parts: parts, h: h})
	sort.SliceStable(rt.routes, func(i, j int) bool {
		return before(rt.routes[i].parts, rt.routes[j].parts)
	})
}

// HandleFunc is a convenience wrapper around Handle.
func (rt *Router) HandleFunc(method, pattern string, f http.HandlerFunc) {
	rt.Handle(method, pattern, f)
}

func match(parts, segs []string) (Params, bool) {
	p := Params{}
	for i, s := range parts {
		if strings.HasPrefix(s, "*") {
			p[s[1:]] = strings.Join(segs[i:], "/")
			return p, true
		}
		if i >= len(segs) {
			return nil, false
		}
		if strings.HasPrefix(s, ":") {
			p[s[1:]] = segs[i]
			continue
		}
		if s != segs[i] {
			return nil, false
		}
	}
	if len(parts) != len(segs) {
		return nil, false
	}
	return p, true
}

func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	segs := split(r.URL.Path)
	var allowed []string
	for _, rte := range rt.routes {
		p, ok := match(rte.parts, segs)
		if !ok {
			continue
		}
		if rte.method != r.Method && !(r.Method == http.MethodHead && rte.method == http.MethodGet) {
			allowed = append(allowed, rte.method)
			continue
		}
		ctx := context.WithValue(r.Context(), ctxKey{}, p)
		rte.h.ServeHTTP(w, r.WithContext(ctx))
		return
	}
	if len(allowed) > 0 {
		sort.Strings(allowed)
		w.Header().Set("Allow", strings.Join(dedupe(allowed), ", "))
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	if rt.NotFound != nil {
		rt.NotFound.ServeHTTP(w, r)
		return
	}
	http.NotFound(w, r)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
