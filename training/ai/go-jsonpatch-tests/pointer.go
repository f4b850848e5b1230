package jsonpatch

import (
	"fmt"
	"strconv"
	"strings"
)

// ParsePointer splits an RFC 6901 JSON pointer into unescaped tokens.
func ParsePointer(ptr string) ([]string, error) {
	if ptr == "" {
		return nil, nil
	}
	if ptr[0] != '/' {
		return nil, fmt.Errorf("%w: %q must start with '/'", ErrInvalidPath, ptr)
	}
	parts := strings.Split(ptr[1:], "/")
	for i, s := range parts {
		if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(s, "~0", ""), "~1", ""), "~") {
			return nil, fmt.Errorf("%w: bad escape in %q", ErrInvalidPath, s)
		}
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts, nil
}

// index parses an array index token, which must be in [0, max].
func index(tok string, max int) (int, error) {
	if tok == "" || (len(tok) > 1 && tok[0] == '0') || strings.Trim(tok, "0123456789") != "" {
		return 0, fmt.Errorf("%w: bad array index %q", ErrInvalidPath, tok)
	}
	i, err := strconv.Atoi(tok)
	if err != nil {
		return 0, fmt.Errorf("%w: bad array index %q", ErrInvalidPath, tok)
	}
	if i > max {
		return 0, fmt.Errorf("%w: index %d out of range", ErrPathNotFound, i)
	}
	return i, nil
}

func isPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return false
		}
	}
	return true
}
