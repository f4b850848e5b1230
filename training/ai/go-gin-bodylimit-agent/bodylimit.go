// Copyright 2022 Gin Core Team. All rights reserved.
// Use of this source code is governed by a MIT style
// license that can be found in the LICENSE file.

package gin

import (
	"errors"
	"io"
	"net/http"
)

// ErrBodyTooLarge is returned by the request body reader when the body is larger than the limit set by BodyLimit.
var ErrBodyTooLarge = errors.New("http: request body too large")

// BodyLimitFunc defines the function passable to BodyLimitWithHandler.
// It is called when a request body is larger than limit bytes.
type BodyLimitFunc func(c *Context, limit int64)

// BodyLimit returns a middleware that limits the size of request bodies to limit bytes.
// Requests that announce a larger Content-Length are rejected with 413 before any handler runs;
// for the others, reading past the limit returns ErrBodyTooLarge and, if the handlers did not
// write a response themselves, a 413 is written after them.
func BodyLimit(limit int64) HandlerFunc {
	return BodyLimitWithHandler(limit, defaultHandleBodyLimit)
}

// BodyLimitWithHandler returns a middleware that limits the size of request bodies to limit bytes
// and calls the provided handle func when a body is too large.
func BodyLimitWithHandler(limit int64, handle BodyLimitFunc) HandlerFunc {
	assert1(limit >= 0, "body limit can not be negative")
	assert1(handle != nil, "body limit handler can not be nil")
	return func(c *Context) {
		if c.Request.ContentLength > limit {
			c.Error(ErrBodyTooLarge) // nolint: errcheck
			handle(c, limit)
			c.Abort()
			return
		}
		if c.Request.Body == nil || c.Request.Body == http.NoBody {
			return
		}

		body := &limitedBody{ReadCloser: c.Request.Body, remaining: limit}
		c.Request.Body = body
		c.Next()

		if body.exceeded {
			c.Error(ErrBodyTooLarge) // nolint: errcheck
			if !c.Writer.Written() {
				handle(c, limit)
			}
		}
	}
}

func defaultHandleBodyLimit(c *Context, _ int64) {
	c.AbortWithStatus(http.StatusRequestEntityTooLarge)
}

type limitedBody struct {
	io.ReadCloser
	remaining int64
	exceeded  bool
}

func (l *limitedBody) Read(p []byte) (n int, err error) {
	if l.exceeded {
		return 0, ErrBodyTooLarge
	}
	if len(p) == 0 {
		return 0, nil
	}
	// Read one byte more than allowed, so a body of exactly the limit is not reported as too large.
	if int64(len(p)) > l.remaining+1 {
		p = p[:l.remaining+1]
	}
	n, err = l.ReadCloser.Read(p)
	if int64(n) <= l.remaining {
		l.remaining -= int64(n)
		return n, err
	}
	n = int(l.remaining)
	l.remaining = 0
	l.exceeded = true
	return n, ErrBodyTooLarge
}
