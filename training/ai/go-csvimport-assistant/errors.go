package csvimport

import (
	"fmt"
	"sort"
	"strings"
)

// CellError is a problem with one cell (or, if Column is empty, one row).
type CellError struct {
	Row     int    // 1-based line in the file, counting the header as line 1
	Column  string // schema column name; empty for row-level problems
	Message string
}

func (e CellError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("row %d: %s", e.Row, e.Message)
	}
	return fmt.Sprintf("row %d, column %q: %s", e.Row, e.Column, e.Message)
}

// HeaderError reports problems with the header row. Nothing else is checked
// when the header is wrong, since every row would fail the same way.
type HeaderError struct {
	Missing    []string
	Unexpected []string
	Duplicate  []string
}

func (e *HeaderError) Error() string {
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, "missing required column(s): "+strings.Join(e.Missing, ", "))
	}
	if len(e.Unexpected) > 0 {
		parts = append(parts, "unexpected column(s): "+strings.Join(e.Unexpected, ", "))
	}
	if len(e.Duplicate) > 0 {
		parts = append(parts, "duplicate column(s): "+strings.Join(e.Duplicate, ", "))
	}
	return "invalid header: " + strings.Join(parts, "; ")
}

// ValidationError collects every cell error found in a file.
type ValidationError struct {
	Errors []CellError
	// Truncated is true when the importer stopped collecting at its limit.
	Truncated bool
}

func (e *ValidationError) Error() string {
	if len(e.Errors) == 0 {
		return "csv validation failed"
	}
	more := ""
	if len(e.Errors) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(e.Errors)-1)
	}
	return e.Errors[0].Error() + more
}

// ByColumn groups messages per column, which reads better in a UI than a
// long flat list when the same mistake repeats on every row.
func (e *ValidationError) ByColumn() map[string][]CellError {
	out := make(map[string][]CellError)
	for _, ce := range e.Errors {
		out[ce.Column] = append(out[ce.Column], ce)
	}
	for _, list := range out {
		sort.Slice(list, func(i, j int) bool { return list[i].Row < list[j].Row })
	}
	return out
}
