// csvsum prints sum/min/max/mean of numeric columns in a CSV file.
//
//	csvsum [-d ,] [-c col1,col2] [-g groupcol] file.csv
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

type stats struct {
	n             int
	sum, min, max float64
}

func (s *stats) add(v float64) {
	if s.n == 0 || v < s.min {
		s.min = v
	}
	if s.n == 0 || v > s.max {
		s.max = v
	}
	s.n++
	s.sum += v
}

func main() {
	delim := flag.String("d", ",", "field delimiter")
	cols := flag.String("c", "", "comma-separated columns to summarize (default: all numeric)")
	group := flag.String("g", "", "group by this column")
	flag.Parse()
	if flag.NArg() > 1 {
		fmt.Fprintln(os.Stderr, "usage: csvsum [-d ,] [-c cols] [-g col] [file]")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *delim, *cols, *group); err != nil {
		fmt.Fprintln(os.Stderr, "csvsum:", err)
		os.Exit(1)
	}
}

func run(path, delim, cols, group string) error {
	var in io.Reader = os.Stdin
	if path != "" && path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	if len([]rune(delim)) != 1 {
		return errors.New("delimiter must be a single character")
	}
	r := csv.NewReader(in)
	r.Comma = []rune(delim)[0]
	r.FieldsPerRecord = -1
	r.ReuseRecord = true

	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("reading header: %w", err)
	}
	header = append([]string(nil), header...)
	idx := map[string]int{}
	for i, h := range header {
		idx[strings.TrimSpace(h)] = i
	}

	gi := -1
	if group != "" {
		i, ok := idx[group]
		if !ok {
			return fmt.Errorf("no column %q", group)
		}
		gi = i
	}

	var want []int
	if cols != "" {
		for _, c := range strings.Split(cols, ",") {
			i, ok := idx[strings.TrimSpace(c)]
			if !ok {
				return fmt.Errorf("no column %q", c)
			}
			want = append(want, i)
		}
	}

	acc := map[string]map[int]*stats{}
	nonNumeric := map[int]bool{}
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		key := ""
		if gi >= 0 && gi < len(rec) {
			key = rec[gi]
		}
		g := acc[key]
		if g == nil {
			g = map[int]*stats{}
			acc[key] = g
		}
		for i, field := range rec {
			if i == gi || (want != nil && !contains(want, i)) {
				continue
			}
			field = strings.TrimSpace(field)
			if field == "" {
				continue
			}
			v, err := strconv.ParseFloat(field, 64)
			if err != nil || math.IsNaN(v) {
				nonNumeric[i] = true
				continue
			}
			if g[i] == nil {
				g[i] = &stats{}
			}
			g[i].add(v)
		}
	}

	keys := make([]string, 0, len(acc))
	for k := range acc {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "group\tcolumn\tn\tsum\tmin\tmax\tmean\t")
	for _, k := range keys {
		colIdx := make([]int, 0, len(acc[k]))
		for i := range acc[k] {
			if want == nil && nonNumeric[i] {
				continue // mixed column, skip unless asked for explicitly
			}
			colIdx = append(colIdx, i)
		}
		sort.Ints(colIdx)
		for _, i := range colIdx {
			s := acc[k][i]
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.4g\t%.4g\t%.4g\t%.4g\t\n",
				k, header[i], s.n, s.sum, s.min, s.max, s.sum/float64(s.n))
		}
	}
	return tw.Flush()
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
