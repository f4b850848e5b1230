package csvimport

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
)

// Record is one converted row, keyed by schema column name. Empty optional
// cells are absent from the map rather than stored as nil.
type Record map[string]any

// Options control an import.
type Options struct {
	// MaxErrors stops collecting after this many cell errors (default 100).
	// Large files with a systematic mistake would otherwise produce one error
	// per row, which helps nobody.
	MaxErrors int
	// MaxRows rejects files with more data rows than this (0 = unlimited).
	MaxRows int
	// Comma is the field separator; 0 means ','. Use ';' for files exported
	// by spreadsheets in locales that use a decimal comma.
	Comma rune
}

// ErrTooManyRows is returned when Options.MaxRows is exceeded.
var ErrTooManyRows = errors.New("csvimport: file has too many rows")

// Import reads all rows from r and returns them converted, or an error.
//
// The error is a *HeaderError for header problems, a *ValidationError when
// any cell is invalid (in which case no records are returned, so a file is
// imported completely or not at all), or an I/O / CSV syntax error.
func Import(r io.Reader, schema Schema, opts Options) ([]Record, error) {
	if err := schema.Validate(); err != nil {
		return nil, err
	}
	if opts.MaxErrors <= 0 {
		opts.MaxErrors = 100
	}

	cr := csv.NewReader(r)
	if opts.Comma != 0 {
		cr.Comma = opts.Comma
	}
	cr.FieldsPerRecord = -1 // we report ragged rows ourselves, with better messages
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("csvimport: the file is empty")
	}
	if err != nil {
		return nil, fmt.Errorf("csvimport: reading header: %w", err)
	}

	positions, err := mapHeader(header, schema)
	if err != nil {
		return nil, err
	}

	var (
		records []Record
		verr    ValidationError
		line    = 1
	)
	addErr := func(ce CellError) bool {
		if len(verr.Errors) >= opts.MaxErrors {
			verr.Truncated = true
			return false
		}
		verr.Errors = append(verr.Errors, ce)
		return true
	}

	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				return nil, fmt.Errorf("csvimport: line %d: %w", perr.Line, perr.Err)
			}
			return nil, err
		}
		if isBlank(row) {
			continue // trailing empty lines are common in exported files
		}
		if opts.MaxRows > 0 && len(records) >= opts.MaxRows {
			return nil, fmt.Errorf("%w (limit %d)", ErrTooManyRows, opts.MaxRows)
		}
		if len(row) > len(header) {
			if !addErr(CellError{Row: line, Message: fmt.Sprintf("has %d fields, header has %d", len(row), len(header))}) {
				break
			}
			continue
		}

		rec, cellErrs := convertRow(row, line, schema, positions)
		for _, ce := range cellErrs {
			if !addErr(ce) {
				break
			}
		}
		if verr.Truncated {
			break
		}
		if len(cellErrs) == 0 {
			records = append(records, rec)
		}
	}

	if len(verr.Errors) > 0 {
		return nil, &verr
	}
	return records, nil
}

// mapHeader returns, for each schema column, its index in the file (or -1).
func mapHeader(header []string, schema Schema) ([]int, error) {
	lookup := make(map[string]int) // normalized name/alias -> schema index
	for i, c := range schema.Columns {
		lookup[normalizeHeader(c.Name)] = i
		for _, a := range c.Aliases {
			lookup[normalizeHeader(a)] = i
		}
	}

	positions := make([]int, len(schema.Columns))
	for i := range positions {
		positions[i] = -1
	}

	herr := &HeaderError{}
	for fileIdx, h := range header {
		schemaIdx, ok := lookup[normalizeHeader(h)]
		if !ok {
			if !schema.AllowExtra && normalizeHeader(h) != "" {
				herr.Unexpected = append(herr.Unexpected, h)
			}
			continue
		}
		if positions[schemaIdx] != -1 {
			herr.Duplicate = append(herr.Duplicate, schema.Columns[schemaIdx].Name)
			continue
		}
		positions[schemaIdx] = fileIdx
	}
	for i, c := range schema.Columns {
		if c.Required && positions[i] == -1 {
			herr.Missing = append(herr.Missing, c.Name)
		}
	}

	if len(herr.Missing)+len(herr.Unexpected)+len(herr.Duplicate) > 0 {
		sort.Strings(herr.Unexpected)
		return nil, herr
	}
	return positions, nil
}

func convertRow(row []string, line int, schema Schema, positions []int) (Record, []CellError) {
	rec := make(Record, len(schema.Columns))
	var errs []CellError

	for i, col := range schema.Columns {
		raw := ""
		if p := positions[i]; p >= 0 && p < len(row) {
			raw = row[p]
		}

		v, err := convert(col.Kind, raw)
		if err != nil {
			errs = append(errs, CellError{Row: line, Column: col.Name, Message: err.Error()})
			continue
		}
		if v == nil {
			if col.Required {
				errs = append(errs, CellError{Row: line, Column: col.Name, Message: "is required"})
			}
			continue
		}
		if col.Validate != nil {
			if err := col.Validate(v); err != nil {
				errs = append(errs, CellError{Row: line, Column: col.Name, Message: err.Error()})
				continue
			}
		}
		rec[col.Name] = v
	}
	return rec, errs
}

func isBlank(row []string) bool {
	for _, f := range row {
		if f != "" {
			return false
		}
	}
	return true
}
