// Copyright 2022 Gin Core Team. All rights reserved.
// Use of this source code is governed by a MIT style
// license that can be found in the LICENSE file.

package gin

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func performBodyRequest(r http.Handler, body string, contentLength int64) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.ContentLength = contentLength
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	return w
}

func echoBody(c *Context) {
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		return
	}
	c.String(http.StatusOK, string(body))
}

func TestBodyLimit(t *testing.T) {
	router := New()
	router.Use(BodyLimit(10))
	router.POST("/", echoBody)

	w := performBodyRequest(router, "hello", 5)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "hello", w.Body.String())

	w = performBodyRequest(router, "0123456789", 10)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.Equal(t, "0123456789", w.Body.String())
}

func TestBodyLimitContentLength(t *testing.T) {
	called := false
	router := New()
	router.Use(BodyLimit(10))
	router.POST("/", func(c *Context) {
		called = true
	})

	w := performBodyRequest(router, "0123456789a", 11)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.False(t, called)
}

func TestBodyLimitUnknownLength(t *testing.T) {
	var readErr error
	router := New()
	router.Use(BodyLimit(10))
	router.POST("/", func(c *Context) {
		_, readErr = io.ReadAll(c.Request.Body)
	})

	w := performBodyRequest(router, strings.Repeat("a", 100), -1)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.ErrorIs(t, readErr, ErrBodyTooLarge)

	w = performBodyRequest(router, "short", -1)
	assert.Equal(t, http.StatusOK, w.Code)
	assert.NoError(t, readErr)
}

func TestBodyLimitHandlerResponseWins(t *testing.T) {
	router := New()
	router.Use(BodyLimit(4))
	router.POST("/", func(c *Context) {
		var payload map[string]any
		if err := c.ShouldBindJSON(&payload); err != nil {
			c.String(http.StatusBadRequest, "bad payload")
		}
	})

	w := performBodyRequest(router, `{"name":"gopher"}`, -1)
	assert.Equal(t, http.StatusBadRequest, w.Code)
	assert.Equal(t, "bad payload", w.Body.String())
}

func TestBodyLimitAddsError(t *testing.T) {
	var errs []*Error
	router := New()
	router.Use(func(c *Context) {
		c.Next()
		errs = c.Errors
	})
	router.Use(BodyLimit(2))
	router.POST("/", echoBody)

	performBodyRequest(router, "abc", 3)
	assert.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], ErrBodyTooLarge))

	performBodyRequest(router, "abc", -1)
	assert.Len(t, errs, 1)
	assert.True(t, errors.Is(errs[0], ErrBodyTooLarge))
}

func TestBodyLimitWithHandler(t *testing.T) {
	var gotLimit int64
	router := New()
	router.Use(BodyLimitWithHandler(3, func(c *Context, limit int64) {
		gotLimit = limit
		c.AbortWithStatusJSON(http.StatusRequestEntityTooLarge, H{"error": "too big", "limit": limit})
	}))
	router.POST("/", echoBody)

	w := performBodyRequest(router, "abcd", 4)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
	assert.Equal(t, int64(3), gotLimit)
	assert.Equal(t, `{"error":"too big","limit":3}`, w.Body.String())
}

func TestBodyLimitZero(t *testing.T) {
	router := New()
	router.Use(BodyLimit(0))
	router.POST("/", echoBody)
	router.GET("/", func(c *Context) {
		c.String(http.StatusOK, "ok")
	})

	w := PerformRequest(router, http.MethodGet, "/")
	assert.Equal(t, http.StatusOK, w.Code)

	w = performBodyRequest(router, "", 0)
	assert.Equal(t, http.StatusOK, w.Code)

	w = performBodyRequest(router, "a", -1)
	assert.Equal(t, http.StatusRequestEntityTooLarge, w.Code)
}

func TestBodyLimitPanics(t *testing.T) {
	assert.Panics(t, func() { BodyLimit(-1) })
	assert.Panics(t, func() { BodyLimitWithHandler(10, nil) })
}

func TestLimitedBodyRead(t *testing.T) {
	body := &limitedBody{ReadCloser: io.NopCloser(strings.NewReader("abcdef")), remaining: 4}

	buf := make([]byte, 3)
	n, err := body.Read(buf)
	assert.NoError(t, err)
	assert.Equal(t, "abc", string(buf[:n]))

	n, err = body.Read(buf)
	assert.ErrorIs(t, err, ErrBodyTooLarge)
	assert.Equal(t, "d", string(buf[:n]))

	n, err = body.Read(buf)
	assert.ErrorIs(t, err, ErrBodyTooLarge)
	assert.Equal(t, 0, n)

	n, err = body.Read(nil)
	assert.ErrorIs(t, err, ErrBodyTooLarge)
	assert.Equal(t, 0, n)
}
