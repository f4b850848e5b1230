// Copyright 2013 Julien Schmidt. All rights reserved.
// Use of this source code is governed by a BSD-style license that can be found
// in the LICENSE file.

package httprouter

import (
	"context"
	"net/http"
	"strings"
)

// Middleware wraps a Handle, e.g. to check authentication or to log requests,
// before the request reaches the registered handle.
type Middleware func(Handle) Handle

// Group registers routes below a common path prefix on a Router, wrapped in a
// common chain of middleware.
//
//  api := router.Group("/api/v1", RequireToken)
//  api.Handle(http.MethodGet, "/users/:id", ShowUser) // serves /api/v1/users/:id
//
//  admin := api.Group("/admin", RequireAdmin)
//  admin.Handle(http.MethodDelete, "/users/:id", DeleteUser) // RequireToken, then RequireAdmin
//
// Unlike Router, a Group has no GET, POST, ... shortcuts: use Handle with the
// method, so that the set of methods a group serves is visible in one place.
//
// The group does not hold any routes itself: each call registers the full
// path on the Router, so a group has no cost at request time besides its
// middleware.
type Group struct {
	router     *Router
	prefix     string
	middleware []Middleware
}

// Group creates a new route group with the given path prefix and middleware.
// The prefix must begin with '/' and must not end with '/', since the paths
// registered on the group are appended to it.
func (r *Router) Group(prefix string, middleware ...Middleware) *Group {
	validatePrefix(prefix)
	return &Group{
		router:     r,
		prefix:     prefix,
		middleware: middleware,
	}
}

// Group creates a nested group. Its prefix is appended to the prefix of g and
// its middleware runs after the middleware of g.
func (g *Group) Group(prefix string, middleware ...Middleware) *Group {
	validatePrefix(prefix)
	mw := make([]Middleware, 0, len(g.middleware)+len(middleware))
	mw = append(mw, g.middleware...)
	mw = append(mw, middleware...)
	return &Group{
		router:     g.router,
		prefix:     g.prefix + prefix,
		middleware: mw,
	}
}

// Use appends middleware to the group. It only affects routes registered
// afterwards.
func (g *Group) Use(middleware ...Middleware) {
	g.middleware = append(g.middleware, middleware...)
}

// Prefix returns the full path prefix of the group.
func (g *Group) Prefix() string {
	return g.prefix
}

// Handle registers a new request handle with the given method for the path
// below the group's prefix. The group's middleware is applied, the first
// middleware being the outermost one.
// A path of "" or "/" registers the prefix itself, or the prefix with a
// trailing slash, respectively.
func (g *Group) Handle(method, path string, handle Handle) {
	if path != "" && path[0] != '/' {
		panic("path must begin with '/' in path '" + path + "'")
	}
	if handle == nil {
		panic("handle must not be nil")
	}
	for i := len(g.middleware) - 1; i >= 0; i-- {
		handle = g.middleware[i](handle)
	}
	g.router.Handle(method, g.prefix+path, handle)
}

// Handler is an adapter which allows the usage of an http.Handler as a
// request handle within the group.
// The Params are available in the request context under ParamsKey.
func (g *Group) Handler(method, path string, handler http.Handler) {
	g.Handle(method, path,
		func(w http.ResponseWriter, req *http.Request, p Params) {
			if len(p) > 0 {
				ctx := context.WithValue(req.Context(), ParamsKey, p)
				req = req.WithContext(ctx)
			}
			handler.ServeHTTP(w, req)
		},
	)
}

// HandlerFunc is an adapter which allows the usage of an http.HandlerFunc as a
// request handle within the group.
func (g *Group) HandlerFunc(method, path string, handler http.HandlerFunc) {
	g.Handler(method, path, handler)
}

func validatePrefix(prefix string) {
	if len(prefix) < 2 || prefix[0] != '/' {
		panic("group prefix must begin with '/' and must not be empty in prefix '" + prefix + "'")
	}
	if strings.HasSuffix(prefix, "/") {
		panic("group prefix must not end with '/' in prefix '" + prefix + "'")
	}
	if strings.ContainsAny(prefix, ":*") {
		// Wildcards in the prefix would work, but every route of the group
		// would then conflict with routes of the parent on the same segment,
		// which is rarely intended.
		panic("group prefix must not contain wildcards in prefix '" + prefix + "'")
	}
}
