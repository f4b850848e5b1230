package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	by := flag.String("by", "", "group-by columns, comma separated")
	aggs := flag.String("agg", "count", "aggregates: count,sum:col,avg:col,min:col,max:col")
	sep := flag.String("d", ",", "field delimiter")
	sortBy := flag.String("sort", "", "sort by output column (prefix - for desc)")
	flag.Parse()

	r := csv.NewReader(os.Stdin)
	r.Comma = []rune(*sep)[0]
	r.FieldsPerRecord = -1
	r.ReuseRecord = true

	hdr, err := r.Read()
	if err != nil {
		die(err)
	}
	idx := map[string]int{}
	for i, h := range hdr {
		idx[strings.TrimSpace(h)] = i
	}

	keys, err := cols(*by, idx)
	if err != nil {
		die(err)
	}
	specs, err := parseAggs(*aggs, idx)
	if err != nil {
		die(err)
	}

	t := newTable(keys, specs)
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			die(err)
		}
		if err := t.add(rec); err != nil {
			die(fmt.Errorf("line %d: %w", line, err))
		}
	}

	out := csv.NewWriter(os.Stdout)
	out.Comma = r.Comma
	h := append(strings.Split(*by, ","), specNames(specs)...)
	if *by == "" {
		h = h[1:]
	}
	rows := t.rows()
	if *sortBy != "" {
		if err := sortRows(rows, h, *sortBy); err != nil {
			die(err)
		}
	}
	out.Write(h)
	for _, row := range rows {
		out.Write(row)
	}
	out.Flush()
	if err := out.Error(); err != nil {
		die(err)
	}
}

func cols(s string, idx map[string]int) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, c := range strings.Split(s, ",") {
		i, ok := idx[strings.TrimSpace(c)]
		if !ok {
			return nil, fmt.Errorf("no column %q", c)
		}
		out = append(out, i)
	}
	return out, nil
}

func die(err error) {
	fmt.Fprintln(os.Stderr, "groupby:", err)
	os.Exit(1)
}
