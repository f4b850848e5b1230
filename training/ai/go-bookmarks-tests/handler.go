package bookmarks

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type Bookmark struct {
	ID      int       `json:"id"`
	URL     string    `json:"url"`
	Title   string    `json:"title"`
	Tags    []string  `json:"tags,omitempty"`
	Created time.Time `json:"created"`
}

type Server struct {
	mu     sync.Mutex
	items  map[int]Bookmark
	nextID int
	now    func() time.Time
}

func NewServer(now func() time.Time) *Server {
	if now == nil {
		now = time.Now
	}
	return &Server{items: map[int]Bookmark{}, nextID: 1, now: now}
}

func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/bookmarks", s.collection)
	mux.HandleFunc("/bookmarks/", s.item)
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func (s *Server) collection(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		tag := r.URL.Query().Get("tag")
		s.mu.Lock()
		out := make([]Bookmark, 0, len(s.items))
		for _, b := range s.items {
			if tag == "" || hasTag(b, tag) {
				out = append(out, b)
			}
		}
		s.mu.Unlock()
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		writeJSON(w, http.StatusOK, out)
	case http.MethodPost:
		var in struct {
			URL   string   `json:"url"`
			Title string   `json:"title"`
			Tags  []string `json:"tags"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&in); err != nil {
			writeErr(w, http.StatusBadRequest, "invalid JSON body")
			return
		}
		if err := validURL(in.URL); err != nil {
			writeErr(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		s.mu.Lock()
		for _, b := range s.items {
			if b.URL == in.URL {
				s.mu.Unlock()
				writeErr(w, http.StatusConflict, "bookmark already exists")
				return
			}
		}
		b := Bookmark{ID: s.nextID, URL: in.URL, Title: strings.TrimSpace(in.Title), Tags: normTags(in.Tags), Created: s.now().UTC()}
		if b.Title == "" {
			b.Title = in.URL
		}
		s.items[b.ID] = b
		s.nextID++
		s.mu.Unlock()
		w.Header().Set("Location", "/bookmarks/"+strconv.Itoa(b.ID))
		writeJSON(w, http.StatusCreated, b)
	default:
		w.Header().Set("Allow", "GET, POST")
		writeErr(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func (s *Server) item(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/bookmarks/"))
	if err != nil || id <= 0 {
		writeErr(w, http.StatusNotFound, "not found")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.items[id]
	if !ok {
		writeErr(w, http.StatusNotFound, "not found")
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, b)
	case http.MethodDelete:
		delete(s.items, id)
		w.WriteHeader(http.StatusNoContent)
	default:
		w.Header().Set("Allow", "GET, DELETE")
		writeErr(w, http.StatusMethodNotAllowed, "method not allowed")
	}
}

func validURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return errors.New("url is required and must be valid")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("url must use http or https")
	}
	if u.Host == "" {
		return errors.New("url must have a host")
	}
	return nil
}

func normTags(tags []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

func hasTag(b Bookmark, tag string) bool {
	for _, t := range b.Tags {
		if t == strings.ToLower(tag) {
			return true
		}
	}
	return false
}
