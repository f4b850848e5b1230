package kvstore

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
)

const maxValueSize = 1 << 20 // 1 MiB

// Handler exposes the store over HTTP:
//
//	GET    /kv/{key}  returns the value
//	PUT    /kv/{key}  stores the request body (optional ?ttl=30s)
//	DELETE /kv/{key}  removes the key
type Handler struct {
	Store *Store
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimPrefix(r.URL.Path, "/kv/")
	if key == "" || key == r.URL.Path {
		http.Error(w, "missing key", http.StatusBadRequest)
		return
	}

	switch r.Method {
	case http.MethodGet:
		value, err := h.Store.Get(key)
		if errors.Is(err, ErrNotFound) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(value)

	case http.MethodPut:
		var ttl time.Duration
		if raw := r.URL.Query().Get("ttl"); raw != "" {
			parsed, err := time.ParseDuration(raw)
			if err != nil || parsed < 0 {
				http.Error(w, "invalid ttl", http.StatusBadRequest)
				return
			}
			ttl = parsed
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, maxValueSize+1))
		if err != nil {
			http.Error(w, "failed to read body", http.StatusBadRequest)
			return
		}
		if len(body) > maxValueSize {
			http.Error(w, "value too large", http.StatusRequestEntityTooLarge)
			return
		}
		h.Store.Set(key, body, ttl)
		w.WriteHeader(http.StatusNoContent)

	case http.MethodDelete:
		h.Store.Delete(key)
		w.WriteHeader(http.StatusNoContent)

	default:
		w.Header().Set("Allow", "GET, PUT, DELETE")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}
