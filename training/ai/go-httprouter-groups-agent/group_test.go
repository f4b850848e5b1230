// Copyright 2013 Julien Schmidt. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be found
// in the LICENSE file.

package httprouter

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

func traceMiddleware(name string, trace *[]string) Middleware {
	return func(next Handle) Handle {
		return func(w http.ResponseWriter, req *http.Request, ps Params) {
			*trace = append(*trace, name)
			next(w, req, ps)
		}
	}
}

func TestGroupPrefix(t *testing.T) {
	router := New()
	api := router.Group("/api")

	routed := false
	api.Handle(http.MethodGet, "/user/:name", func(w http.ResponseWriter, r *http.Request, ps Params) {
		routed = true
		want := Params{Param{"name", "gopher"}}
		if !reflect.DeepEqual(ps, want) {
			t.Fatalf("wrong wildcard values: want %v, got %v", want, ps)
		}
	})

	w := new(mockResponseWriter)
	req, _ := http.NewRequest(http.MethodGet, "/api/user/gopher", nil)
	router.ServeHTTP(w, req)

	if !routed {
		t.Fatal("routing failed")
	}

	if api.Prefix() != "/api" {
		t.Errorf("wrong prefix: want %q, got %q", "/api", api.Prefix())
	}
}

func TestGroupMethods(t *testing.T) {
	methods := []string{
		http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPost,
		http.MethodPut, http.MethodPatch, http.MethodDelete,
	}
	served := make(map[string]bool)

	router := New()
	g := router.Group("/g")
	for _, method := range methods {
		g.Handle(method, "/x", func(w http.ResponseWriter, r *http.Request, _ Params) {
			served[r.Method] = true
		})
	}

	w := new(mockResponseWriter)
	for _, method := range methods {
		r, _ := http.NewRequest(method, "/g/x", nil)
		router.ServeHTTP(w, r)
		if !served[method] {
			t.Errorf("routing failed for method %s", method)
		}
	}
}

func TestGroupMiddlewareOrder(t *testing.T) {
	var trace []string

	router := New()
	api := router.Group("/api", traceMiddleware("api", &trace))
	admin := api.Group("/admin", traceMiddleware("admin", &trace))
	admin.Use(traceMiddleware("use", &trace))
	admin.Handle(http.MethodGet, "/stats", func(w http.ResponseWriter, r *http.Request, _ Params) {
		trace = append(trace, "handle")
	})

	w := new(mockResponseWriter)
	req, _ := http.NewRequest(http.MethodGet, "/api/admin/stats", nil)
	router.ServeHTTP(w, req)

	want := []string{"api", "admin", "use", "handle"}
	if !reflect.DeepEqual(trace, want) {
		t.Errorf("wrong middleware order: want %v, got %v", want, trace)
	}
}

func TestGroupUseOnlyAffectsLaterRoutes(t *testing.T) {
	var trace []string

	router := New()
	g := router.Group("/g")
	g.Handle(http.MethodGet, "/before", func(w http.ResponseWriter, r *http.Request, _ Params) {})
	g.Use(traceMiddleware("late", &trace))
	g.Handle(http.MethodGet, "/after", func(w http.ResponseWriter, r *http.Request, _ Params) {})

	w := new(mockResponseWriter)
	req, _ := http.NewRequest(http.MethodGet, "/g/before", nil)
	router.ServeHTTP(w, req)
	if len(trace) != 0 {
		t.Errorf("middleware ran for a route registered before Use: %v", trace)
	}

	req, _ = http.NewRequest(http.MethodGet, "/g/after", nil)
	router.ServeHTTP(w, req)
	if len(trace) != 1 {
		t.Errorf("middleware did not run for a route registered after Use: %v", trace)
	}
}

func TestGroupMiddlewareShortCircuit(t *testing.T) {
	router := New()
	deny := func(next Handle) Handle {
		return func(w http.ResponseWriter, r *http.Request, ps Params) {
			if r.Header.Get("Authorization") == "" {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next(w, r, ps)
		}
	}
	router.Group("/private", deny).Handle(http.MethodGet, "/", func(w http.ResponseWriter, r *http.Request, _ Params) {
		w.Write([]byte("secret"))
	})

	w := httptest.NewRecorder()
	req, _ := http.NewRequest(http.MethodGet, "/private/", nil)
	router.ServeHTTP(w, req)
	if w.Code != http.StatusUnauthorized {
		t.Errorf("wrong status without token: want %d, got %d", http.StatusUnauthorized, w.Code)
	}

	w = httptest.NewRecorder()
	req.Header.Set("Authorization", "token")
	router.ServeHTTP(w, req)
	if w.Code != http.StatusOK || w.Body.String() != "secret" {
		t.Errorf("wrong response with token: %d %q", w.Code, w.Body.String())
	}
}

func TestGroupHandler(t *testing.T) {
	var trace []string

	router := New()
	g := router.Group("/files", traceMiddleware("mw", &trace))
	g.Handler(http.MethodGet, "/:name", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ps := ParamsFromContext(r.Context())
		w.Write([]byte(ps.ByName("name")))
	}))
	g.HandlerFunc(http.MethodPost, "/", func(w http.ResponseWriter, r *http.Request) {
		if ps := ParamsFromContext(r.Context()); ps != nil {
			t.Errorf("expected no params, got %v", ps)
		}
	})

	w := httptest.NewRecorder()
	req, _ := http.NewRequest(http.MethodGet, "/files/readme", nil)
	router.ServeHTTP(w, req)
	if w.Body.String() != "readme" {
		t.Errorf("wrong body: want %q, got %q", "readme", w.Body.String())
	}

	req, _ = http.NewRequest(http.MethodPost, "/files/", nil)
	router.ServeHTTP(httptest.NewRecorder(), req)

	if len(trace) != 2 {
		t.Errorf("middleware should run for adapted handlers: %v", trace)
	}
}

func TestGroupInvalidPrefix(t *testing.T) {
	router := New()
	for _, prefix := range []string{"", "/", "api", "/api/", "/users/:id", "/static/*file"} {
		recv := catchPanic(func() {
			router.Group(prefix)
		})
		if recv == nil {
			t.Errorf("no panic for invalid group prefix %q", prefix)
		}
	}

	recv := catchPanic(func() {
		router.Group("/api").Handle(http.MethodGet, "noslash", func(w http.ResponseWriter, r *http.Request, _ Params) {})
	})
	if msg, ok := recv.(string); !ok || !strings.Contains(msg, "must begin with '/'") {
		t.Errorf("expected panic for path without leading slash, got %v", recv)
	}

	recv = catchPanic(func() {
		router.Group("/api").Handle(http.MethodGet, "/nil", nil)
	})
	if recv == nil {
		t.Error("no panic for nil handle")
	}
}
