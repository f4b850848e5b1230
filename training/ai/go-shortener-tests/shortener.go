package shortener

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

var (
	ErrNotFound = errors.New("not found")
	ErrExists   = errors.New("code already taken")
)

type Store interface {
	Put(code, target string) error
	Get(code string) (string, error)
}

type MemStore struct {
	mu sync.RWMutex
	m  map[string]string
}

func NewMemStore() *MemStore { return &MemStore{m: make(map[string]string)} }

func (s *MemStore) Put(code, target string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[code]; ok {
		return ErrExists
	}
	s.m[code] = target
	return nil
}

func (s *MemStore) Get(code string) (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.m[code]
	if !ok {
		return "", ErrNotFound
	}
	return t, nil
}

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func RandomCode(n int) string {
	var b strings.Builder
	max := big.NewInt(int64(len(alphabet)))
	for i := 0; i < n; i++ {
		k, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err)
		}
		b.WriteByte(alphabet[k.Int64()])
	}
	return b.String()
}

type Server struct {
	Store   Store
	BaseURL string
	NewCode func() string
}

type createReq struct {
	URL  string `json:"url"`
	Code string `json:"code,omitempty"`
}

type createResp struct {
	Code  string `json:"code"`
	Short string `json:"short"`
}

func validCode(c string) bool {
	if len(c) < 3 || len(c) > 32 {
		return false
	}
	for _, r := range c {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/api/links" {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
			return
		}
		s.create(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "method not allowed"})
		return
	}
	code := strings.TrimPrefix(r.URL.Path, "/")
	target, err := s.Store.Get(code)
	if errors.Is(err, ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "store unavailable"})
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var req createReq
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4096))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid JSON body"})
		return
	}
	u, err := url.Parse(req.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "url must be absolute http(s)"})
		return
	}
	if req.Code != "" {
		if !validCode(req.Code) {
			writeJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "invalid code"})
			return
		}
		if err := s.Store.Put(req.Code, u.String()); err != nil {
			s.putError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, createResp{req.Code, s.BaseURL + "/" + req.Code})
		return
	}
	for i := 0; i < 5; i++ {
		code := s.NewCode()
		err := s.Store.Put(code, u.String())
		if errors.Is(err, ErrExists) {
			continue
		}
		if err != nil {
			s.putError(w, err)
			return
		}
		writeJSON(w, http.StatusCreated, createResp{code, s.BaseURL + "/" + code})
		return
	}
	writeJSON(w, http.StatusServiceUnavailable, map[string]string{"error": "could not allocate code"})
}

func (s *Server) putError(w http.ResponseWriter, err error) {
	if errors.Is(err, ErrExists) {
		writeJSON(w, http.StatusConflict, map[string]string{"error": err.Error()})
		return
	}
	writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "store unavailable"})
}
