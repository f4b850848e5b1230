package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"
)

// DefaultRequestIDHeader is the header read and written by RequestIDHandler
// unless RequestIDHeader is used.
const DefaultRequestIDHeader = "X-Request-Id"

type requestIDContextKey struct{}

// validRequestID allows IDs made of the characters commonly used by proxies
// and load balancers (UUIDs, hex, base64url, AWS trace IDs). An incoming ID
// that does not match is replaced, so that it can be logged safely.
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:=+/-]{1,128}$`)

type requestIDHandler struct {
	handler       http.Handler
	header        string
	generate      func() string
	trustIncoming bool
}

// RequestIDOption provides a functional approach to define
// configuration for a handler; such as the header name or
// the function used to generate new IDs.
type RequestIDOption func(*requestIDHandler)

// RequestIDHandler is HTTP middleware that makes sure every request carries
// an ID. An ID sent by the client or a proxy in the X-Request-Id header is
// kept, otherwise a random one is generated. The ID is set on the response
// header and stored in the request context, where RequestIDFromContext
// returns it.
//
// Example:
//
//	r := mux.NewRouter()
//	r.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
//		log.Printf("[%s] hello", handlers.RequestIDFromContext(r.Context()))
//	})
//
//	http.ListenAndServe(":1123", handlers.RequestIDHandler()(r))
func RequestIDHandler(opts ...RequestIDOption) func(h http.Handler) http.Handler {
	return func(h http.Handler) http.Handler {
		r := &requestIDHandler{
			handler:       h,
			header:        DefaultRequestIDHeader,
			generate:      newRequestID,
			trustIncoming: true,
		}
		for _, option := range opts {
			option(r)
		}
		return r
	}
}

// RequestIDHeader is a functional option to read and write the ID
// in a header other than X-Request-Id.
func RequestIDHeader(name string) RequestIDOption {
	return func(h *requestIDHandler) {
		h.header = http.CanonicalHeaderKey(name)
	}
}

// RequestIDGenerator is a functional option to override the function
// used to create new IDs, e.g. to use UUIDs.
func RequestIDGenerator(fn func() string) RequestIDOption {
	return func(h *requestIDHandler) {
		h.generate = fn
	}
}

// TrustIncomingRequestID is a functional option to enable or disable
// keeping the ID sent with the request. Disable it when the server is
// not behind a proxy that sets or strips the header.
func TrustIncomingRequestID(trust bool) RequestIDOption {
	return func(h *requestIDHandler) {
		h.trustIncoming = trust
	}
}

func (h *requestIDHandler) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var id string
	if h.trustIncoming {
		if in := req.Header.Get(h.header); validRequestID.MatchString(in) {
			id = in
		}
	}
	if id == "" {
		id = h.generate()
	}

	req.Header.Set(h.header, id)
	w.Header().Set(h.header, id)

	ctx := context.WithValue(req.Context(), requestIDContextKey{}, id)
	h.handler.ServeHTTP(w, req.WithContext(ctx))
}

// RequestIDFromContext returns the ID stored by RequestIDHandler, or an
// empty string if the request did not go through it.
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDContextKey{}).(string)
	return id
}

// newRequestID returns 16 random bytes, hex encoded.
func newRequestID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand failing means the system is in trouble; an
		// empty ID is still better than failing the request.
		return ""
	}
	return hex.EncodeToString(b)
}
