package main

import (
	"fmt"
	"io"
	"strings"
)

// Hunk is a contiguous group of changes together with surrounding context
// lines, as shown between "@@" headers in a unified diff.
type Hunk struct {
	OldStart, OldCount int // 1-based start line and length in the old file
	NewStart, NewCount int // 1-based start line and length in the new file
	Ops                []Op
}

// Hunks groups an edit script into hunks with up to context unchanged lines
// before and after each change. Changes separated by no more than
// 2*context equal lines are merged into a single hunk, as GNU diff does.
//
// An edit script with no changes yields no hunks.
func Hunks(ops []Op, context int) []Hunk {
	if context < 0 {
		context = 0
	}

	// Find the index of every op that is a change.
	var changes []int
	for i, op := range ops {
		if op.Kind != Equal {
			changes = append(changes, i)
		}
	}
	if len(changes) == 0 {
		return nil
	}

	var hunks []Hunk
	start := max(0, changes[0]-context)
	end := min(len(ops), changes[0]+context+1)
	for _, c := range changes[1:] {
		if c-context <= end {
			// Close enough to the previous change: extend the current hunk.
			end = min(len(ops), c+context+1)
			continue
		}
		hunks = append(hunks, makeHunk(ops[start:end]))
		start = c - context
		end = min(len(ops), c+context+1)
	}
	hunks = append(hunks, makeHunk(ops[start:end]))
	return hunks
}

func makeHunk(ops []Op) Hunk {
	h := Hunk{Ops: ops}
	// Line numbers in the header are 1-based. By convention, when a side
	// has zero lines the start refers to the line *before* the hunk, which
	// is exactly the zero-based index of the first op.
	h.OldStart = ops[0].OldLine + 1
	h.NewStart = ops[0].NewLine + 1
	for _, op := range ops {
		if op.Kind != Insert {
			h.OldCount++
		}
		if op.Kind != Delete {
			h.NewCount++
		}
	}
	if h.OldCount == 0 {
		h.OldStart--
	}
	if h.NewCount == 0 {
		h.NewStart--
	}
	return h
}

// rangeSpec formats a "start,count" pair, omitting the count when it is 1
// to match the output of GNU diff.
func rangeSpec(start, count int) string {
	if count == 1 {
		return fmt.Sprintf("%d", start)
	}
	return fmt.Sprintf("%d,%d", start, count)
}

// WriteUnified writes a unified diff of the given hunks to w. oldName and
// newName are used in the "---" and "+++" header lines.
func WriteUnified(w io.Writer, oldName, newName string, hunks []Hunk) error {
	if len(hunks) == 0 {
		return nil
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "--- %s\n+++ %s\n", oldName, newName)
	for _, h := range hunks {
		fmt.Fprintf(&sb, "@@ -%s +%s @@\n", rangeSpec(h.OldStart, h.OldCount), rangeSpec(h.NewStart, h.NewCount))
		for _, op := range h.Ops {
			sb.WriteString(op.Kind.String())
			sb.WriteString(op.Text)
			sb.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func min(a, b int) int {
	if a < b {
		return a
	}
	return b
}

func max(a, b int) int {
	if a > b {
		return a
	}
	return b
}
