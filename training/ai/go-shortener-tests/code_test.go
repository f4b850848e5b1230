package shortener

import (
	"strings"
	"testing"
)

func TestRandomCode(t *testing.T) {
	for _, n := range []int{0, 1, 7, 64} {
		c := RandomCode(n)
		if len(c) != n {
			t.Errorf("RandomCode(%d) has length %d", n, len(c))
		}
		for _, r := range c {
			if !strings.ContainsRune(alphabet, r) {
				t.Errorf("RandomCode(%d) = %q contains %q outside the alphabet", n, c, r)
			}
		}
	}
}

func TestRandomCodeAvoidsAmbiguousCharacters(t *testing.T) {
	for _, bad := range "0O1lI" {
		if strings.ContainsRune(alphabet, bad) {
			t.Errorf("alphabet contains ambiguous %q", bad)
		}
	}
}

func TestRandomCodeIsNotConstant(t *testing.T) {
	seen := make(map[string]bool)
	for i := 0; i < 50; i++ {
		seen[RandomCode(8)] = true
	}
	if len(seen) < 45 {
		t.Errorf("only %d distinct codes out of 50", len(seen))
	}
}

func TestValidCode(t *testing.T) {
	tests := map[string]bool{
		"abc":                   true,
		"a-b_c":                 true,
		"ABC123":                true,
		strings.Repeat("z", 32): true,
		"ab":                    false,
		strings.Repeat("z", 33): false,
		"has space":             false,
		"dot.ted":               false,
		"ünï":                   false,
		"":                      false,
	}
	for code, want := range tests {
		if got := validCode(code); got != want {
			t.Errorf("validCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestMemStore(t *testing.T) {
	s := NewMemStore()
	if _, err := s.Get("x"); err != ErrNotFound {
		t.Fatalf("Get on empty store: %v", err)
	}
	if err := s.Put("x", "https://a"); err != nil {
		t.Fatal(err)
	}
	if err := s.Put("x", "https://b"); err != ErrExists {
		t.Fatalf("second Put: %v", err)
	}
	if got, _ := s.Get("x"); got != "https://a" {
		t.Errorf("Get = %q, first write should win", got)
	}
}
