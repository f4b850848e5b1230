// Command linediff prints a unified diff between two text files.
//
// Usage:
//
//	linediff [-U n] OLD NEW
//
// The exit status follows the diff(1) convention: 0 if the files are
// identical, 1 if they differ, and 2 if something went wrong.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run contains the real program logic so it can return an exit code
// instead of calling os.Exit from deep inside helpers.
func run(args []string) int {
	fs := flag.NewFlagSet("linediff", flag.ContinueOnError)
	context := fs.Int("U", 3, "number of context lines to show around each change")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: linediff [-U n] OLD NEW")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	if *context < 0 {
		fmt.Fprintf(os.Stderr, "linediff: -U must be non-negative, got %d\n", *context)
		return 2
	}

	oldPath, newPath := fs.Arg(0), fs.Arg(1)
	oldLines, err := readLines(oldPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "linediff: %v\n", err)
		return 2
	}
	newLines, err := readLines(newPath)
	if err != nil {
		fmt.Fprintf(os.Stderr, "linediff: %v\n", err)
		return 2
	}

	ops, err := Diff(oldLines, newLines)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			fmt.Fprintf(os.Stderr, "linediff: %v (try splitting the files)\n", err)
		} else {
			fmt.Fprintf(os.Stderr, "linediff: %v\n", err)
		}
		return 2
	}

	hunks := Hunks(ops, *context)
	if len(hunks) == 0 {
		return 0
	}
	if err := WriteUnified(os.Stdout, oldPath, newPath, hunks); err != nil {
		fmt.Fprintf(os.Stderr, "linediff: writing output: %v\n", err)
		return 2
	}
	return 1
}

// readLines reads a file and splits it into lines without their trailing
// newline. A final line without a newline is still returned. Windows-style
// "\r\n" endings are normalised so that they don't show up as changes
// against an otherwise identical Unix file.
func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		// os.Open's error already includes the path, e.g.
		// "open foo.txt: no such file or directory".
		return nil, err
	}
	defer f.Close()

	var lines []string
	sc := bufio.NewScanner(f)
	// The default 64 KiB token limit is too small for some generated files
	// (minified JS, long CSV rows). Allow lines up to 16 MiB.
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return lines, nil
}
