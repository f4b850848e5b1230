package middleware

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/http"
	"strings"
)

// ETag is a middleware that computes a weak ETag for successful GET and HEAD
// responses and replies with 304 Not Modified when the request's If-None-Match
// header already carries it.
//
// The response body is buffered in full before anything is written, so ETag
// should not be mounted in front of streaming or very large responses. Handlers
// that set their own ETag header are passed through untouched.
func ETag(next http.Handler) http.Handler {
	fn := func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}

		bw := &etagWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(bw, r)

		// Handler already chose its own validator, or the response is not
		// one we should tag. Flush what was buffered as-is.
		if bw.Header().Get("ETag") != "" || bw.status != http.StatusOK {
			bw.flush()
			return
		}

		h := fnv.New64a()
		h.Write(bw.buf.Bytes())
		etag := fmt.Sprintf(`W/"%x"`, h.Sum64())
		w.Header().Set("ETag", etag)

		if etagMatch(r.Header.Get("If-None-Match"), etag) {
			// A 304 must not include a body or content headers.
			w.Header().Del("Content-Type")
			w.Header().Del("Content-Length")
			w.WriteHeader(http.StatusNotModified)
			return
		}

		bw.flush()
	}
	return http.HandlerFunc(fn)
}

// etagWriter buffers the status code and body written by the next handler.
type etagWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	buf         bytes.Buffer
}

func (w *etagWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.status = code
	w.wroteHeader = true
}

func (w *etagWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.buf.Write(b)
}

func (w *etagWriter) flush() {
	w.ResponseWriter.WriteHeader(w.status)
	if w.buf.Len() > 0 {
		w.ResponseWriter.Write(w.buf.Bytes())
	}
}

// etagMatch reports whether the If-None-Match header value matches etag,
// using the weak comparison function: W/ prefixes are ignored on both sides.
func etagMatch(header, etag string) bool {
	if header == "" {
		return false
	}
	if strings.TrimSpace(header) == "*" {
		return true
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == want {
			return true
		}
	}
	return false
}
