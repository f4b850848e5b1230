// Package csvimport validates and converts CSV uploads according to a schema.
//
// It is meant for the "upload a spreadsheet" feature of an admin tool:
// headers are matched case-insensitively (with aliases), every row is
// validated, and all problems are collected with row and column so the user
// can fix the file in one go instead of one error per upload.
package csvimport

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Kind is the type a column's text is converted to.
type Kind int

const (
	String Kind = iota
	Int
	Float
	Bool
	Date // YYYY-MM-DD
)

func (k Kind) String() string {
	switch k {
	case String:
		return "text"
	case Int:
		return "whole number"
	case Float:
		return "number"
	case Bool:
		return "yes/no"
	case Date:
		return "date (YYYY-MM-DD)"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// Column describes one expected column.
type Column struct {
	Name     string
	Kind     Kind
	Required bool
	// Aliases are other header spellings accepted for this column,
	// e.g. "e-mail" and "email address" for "email".
	Aliases []string
	// Validate runs after conversion and may reject the value with a
	// message meant for the end user.
	Validate func(v any) error
}

// Schema is an ordered set of columns.
type Schema struct {
	Columns []Column
	// AllowExtra permits columns not in the schema (they are ignored).
	AllowExtra bool
}

// normalizeHeader makes header matching forgiving about case, surrounding
// spaces and the separators people use in spreadsheets.
func normalizeHeader(h string) string {
	h = strings.TrimSpace(strings.ToLower(h))
	h = strings.TrimPrefix(h, "\ufeff") // BOM left by Excel on the first header
	return strings.NewReplacer("_", " ", "-", " ", ".", " ").Replace(h)
}

// Validate checks the schema itself for mistakes such as duplicate names.
func (s Schema) Validate() error {
	seen := map[string]string{}
	for _, c := range s.Columns {
		if strings.TrimSpace(c.Name) == "" {
			return fmt.Errorf("csvimport: column with empty name")
		}
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			key := normalizeHeader(n)
			if other, dup := seen[key]; dup {
				return fmt.Errorf("csvimport: header %q is used by both %q and %q", n, other, c.Name)
			}
			seen[key] = c.Name
		}
	}
	return nil
}

// convert turns a cell into a typed value. Empty cells become nil.
func convert(kind Kind, raw string) (any, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return nil, nil
	}
	switch kind {
	case String:
		return s, nil
	case Int:
		// Accept thousands separators like "1,200" which spreadsheets add.
		n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a whole number", s)
		}
		return n, nil
	case Float:
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not a number", s)
		}
		return f, nil
	case Bool:
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1", "x":
			return true, nil
		case "false", "no", "n", "0":
			return false, nil
		}
		return nil, fmt.Errorf("%q is not yes/no", s)
	case Date:
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return nil, fmt.Errorf("%q is not a date in YYYY-MM-DD format", s)
		}
		return t, nil
	}
	return nil, fmt.Errorf("unsupported column kind %v", kind)
}

// Common validators.

var emailRE = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)

// Email rejects strings that don't look like an email address.
func Email(v any) error {
	if s, ok := v.(string); ok && !emailRE.MatchString(s) {
		return fmt.Errorf("%q is not a valid email address", s)
	}
	return nil
}

// OneOf accepts only the listed strings (case-insensitive).
func OneOf(options ...string) func(any) error {
	return func(v any) error {
		s, ok := v.(string)
		if !ok {
			return nil
		}
		for _, o := range options {
			if strings.EqualFold(o, s) {
				return nil
			}
		}
		return fmt.Errorf("%q must be one of: %s", s, strings.Join(options, ", "))
	}
}

// Between accepts numbers in [min, max].
func Between(min, max float64) func(any) error {
	return func(v any) error {
		var f float64
		switch n := v.(type) {
		case int64:
			f = float64(n)
		case float64:
			f = n
		default:
			return nil
		}
		if f < min || f > max {
			return fmt.Errorf("%v must be between %v and %v", v, min, max)
		}
		return nil
	}
}
