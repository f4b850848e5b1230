package bookmarks

import (
	"reflect"
	"testing"
)

func TestNormTags(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"nil input", nil, nil},
		{"lowercases and sorts", []string{"Zeta", "alpha"}, []string{"alpha", "zeta"}},
		{"trims whitespace", []string{"  go  "}, []string{"go"}},
		{"drops blanks", []string{"", "   "}, nil},
		{"deduplicates after normalising", []string{"Go", "go", " GO "}, []string{"go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := normTags(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("normTags(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHasTag(t *testing.T) {
	b := Bookmark{Tags: []string{"go", "news"}}
	tests := []struct {
		tag  string
		want bool
	}{
		{"go", true},
		{"NEWS", true},
		{"golang", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := hasTag(b, tt.tag); got != tt.want {
			t.Errorf("hasTag(%q) = %v, want %v", tt.tag, got, tt.want)
		}
	}
}
