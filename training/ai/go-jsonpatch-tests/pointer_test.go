package jsonpatch

import (
	"errors"
	"reflect"
	"testing"
)

func TestParsePointer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"/", []string{""}},
		{"/foo", []string{"foo"}},
		{"/foo/0", []string{"foo", "0"}},
		{"/a~1b", []string{"a/b"}},
		{"/m~0n", []string{"m~n"}},
		{"/~01", []string{"~1"}}, // ~0 is decoded after ~1, so this is "~1" not "/"
		{"/~10", []string{"/0"}},
		{"/ ", []string{" "}},
		{"//", []string{"", ""}},
		{"/c%d", []string{"c%d"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParsePointer(tt.in)
			if err != nil {
				t.Fatalf("ParsePointer(%q): %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParsePointer(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParsePointerInvalid(t *testing.T) {
	for _, in := range []string{"foo", "#/foo", "/~", "/a~2", "/~a"} {
		t.Run(in, func(t *testing.T) {
			_, err := ParsePointer(in)
			if !errors.Is(err, ErrInvalidPath) {
				t.Errorf("ParsePointer(%q) error = %v, want ErrInvalidPath", in, err)
			}
		})
	}
}

// The examples of RFC 6901 section 5, resolved through get.
func TestGetRFC6901Examples(t *testing.T) {
	doc := map[string]any{
		"foo":  []any{"bar", "baz"},
		"":     0.0,
		"a/b":  1.0,
		"c%d":  2.0,
		"e^f":  3.0,
		"g|h":  4.0,
		"i\\j": 5.0,
		"k\"l": 6.0,
		" ":    7.0,
		"m~n":  8.0,
	}
	tests := []struct {
		ptr  string
		want any
	}{
		{"", doc},
		{"/foo", []any{"bar", "baz"}},
		{"/foo/0", "bar"},
		{"/", 0.0},
		{"/a~1b", 1.0},
		{"/c%d", 2.0},
		{"/e^f", 3.0},
		{"/g|h", 4.0},
		{"/i\\j", 5.0},
		{"/k\"l", 6.0},
		{"/ ", 7.0},
		{"/m~0n", 8.0},
	}
	for _, tt := range tests {
		t.Run(tt.ptr, func(t *testing.T) {
			path, err := ParsePointer(tt.ptr)
			if err != nil {
				t.Fatalf("ParsePointer: %v", err)
			}
			got, err := get(doc, path)
			if err != nil {
				t.Fatalf("get(%q): %v", tt.ptr, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("get(%q) = %v, want %v", tt.ptr, got, tt.want)
			}
		})
	}
}

func TestIndex(t *testing.T) {
	tests := []struct {
		tok     string
		max     int
		want    int
		wantErr error
	}{
		{"0", 0, 0, nil},
		{"7", 9, 7, nil},
		{"10", 10, 10, nil},
		{"11", 10, 0, ErrPathNotFound},
		{"0", -1, 0, ErrPathNotFound}, // empty array
		{"", 3, 0, ErrInvalidPath},
		{"00", 3, 0, ErrInvalidPath},
		{"01", 3, 0, ErrInvalidPath},
		{"-", 3, 0, ErrInvalidPath},
		{"+1", 3, 0, ErrInvalidPath},
		{"1e0", 3, 0, ErrInvalidPath},
	}
	for _, tt := range tests {
		got, err := index(tt.tok, tt.max)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("index(%q, %d) error = %v, want %v", tt.tok, tt.max, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("index(%q, %d) = %d, %v; want %d, nil", tt.tok, tt.max, got, err, tt.want)
		}
	}
}
