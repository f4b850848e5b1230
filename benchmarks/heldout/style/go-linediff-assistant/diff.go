package main

import (
	"errors"
	"fmt"
)

// OpKind describes what happened to a single line when turning the old
// text into the new text.
type OpKind int

const (
	// Equal means the line is present, unchanged, in both inputs.
	Equal OpKind = iota
	// Delete means the line exists only in the old input.
	Delete
	// Insert means the line exists only in the new input.
	Insert
)

// String returns the single-character prefix used in unified diffs.
func (k OpKind) String() string {
	switch k {
	case Equal:
		return " "
	case Delete:
		return "-"
	case Insert:
		return "+"
	default:
		return "?"
	}
}

// Op is one step of an edit script. OldLine and NewLine are zero-based
// indexes into the respective inputs; for an Insert OldLine is the position
// the line would be inserted before, and vice versa for a Delete.
type Op struct {
	Kind    OpKind
	OldLine int
	NewLine int
	Text    string
}

// maxCells caps the size of the dynamic-programming table. The LCS table
// needs (n+1)*(m+1) ints, so 25 million cells is roughly 200 MB on a 64-bit
// machine. Anything larger is almost certainly not what a user wants from a
// simple line differ.
const maxCells = 25_000_000

// ErrTooLarge is returned when the inputs are too big to diff in memory.
var ErrTooLarge = errors.New("inputs too large to diff")

// Diff computes a minimal line-based edit script that transforms a into b.
//
// It first strips the common prefix and suffix (which is cheap and, for
// typical edits, removes most of the work), then runs the classic
// longest-common-subsequence dynamic program on what remains.
func Diff(a, b []string) ([]Op, error) {
	// Trim the shared prefix.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	// Trim the shared suffix, taking care not to overlap the prefix.
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}

	midA := a[pre : len(a)-suf]
	midB := b[pre : len(b)-suf]

	cells := (len(midA) + 1) * (len(midB) + 1)
	if cells > maxCells {
		return nil, fmt.Errorf("%w: %d x %d changed lines exceeds limit of %d cells",
			ErrTooLarge, len(midA), len(midB), maxCells)
	}

	ops := make([]Op, 0, len(a)+len(b))
	for i := 0; i < pre; i++ {
		ops = append(ops, Op{Kind: Equal, OldLine: i, NewLine: i, Text: a[i]})
	}
	ops = append(ops, lcsOps(midA, midB, pre, pre)...)
	for i := 0; i < suf; i++ {
		oi := len(a) - suf + i
		ni := len(b) - suf + i
		ops = append(ops, Op{Kind: Equal, OldLine: oi, NewLine: ni, Text: a[oi]})
	}
	return ops, nil
}

// lcsOps builds the edit script for a and b using an LCS table. offA and
// offB are added to the reported line numbers so that callers can diff a
// sub-slice and still get positions relative to the full input.
func lcsOps(a, b []string, offA, offB int) []Op {
	n, m := len(a), len(b)
	// table[i][j] holds the LCS length of a[i:] and b[j:]. Filling it from
	// the end lets us walk forwards afterwards, which produces ops in order.
	table := make([][]int, n+1)
	for i := range table {
		table[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				table[i][j] = table[i+1][j+1] + 1
			} else if table[i+1][j] >= table[i][j+1] {
				table[i][j] = table[i+1][j]
			} else {
				table[i][j] = table[i][j+1]
			}
		}
	}

	var ops []Op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			ops = append(ops, Op{Kind: Equal, OldLine: offA + i, NewLine: offB + j, Text: a[i]})
			i++
			j++
		case table[i+1][j] >= table[i][j+1]:
			// Prefer deletions before insertions; this matches the
			// conventional "- then +" ordering in unified diffs.
			ops = append(ops, Op{Kind: Delete, OldLine: offA + i, NewLine: offB + j, Text: a[i]})
			i++
		default:
			ops = append(ops, Op{Kind: Insert, OldLine: offA + i, NewLine: offB + j, Text: b[j]})
			j++
		}
	}
	for ; i < n; i++ {
		ops = append(ops, Op{Kind: Delete, OldLine: offA + i, NewLine: offB + j, Text: a[i]})
	}
	for ; j < m; j++ {
		ops = append(ops, Op{Kind: Insert, OldLine: offA + i, NewLine: offB + j, Text: b[j]})
	}
	return ops
}
