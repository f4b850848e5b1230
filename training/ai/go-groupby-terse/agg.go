package main

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

type op int

const (
	opCount op = iota
	opSum
	opAvg
	opMin
	opMax
)

var opNames = map[string]op{"count": opCount, "sum": opSum, "avg": opAvg, "min": opMin, "max": opMax}

type spec struct {
	op   op
	col  int
	name string
}

func parseAggs(s string, idx map[string]int) ([]spec, error) {
	var out []spec
	for _, a := range strings.Split(s, ",") {
		name, col, _ := strings.Cut(strings.TrimSpace(a), ":")
		o, ok := opNames[name]
		if !ok {
			return nil, fmt.Errorf("unknown aggregate %q", name)
		}
		sp := spec{op: o, col: -1, name: name}
		if o != opCount {
			i, ok := idx[col]
			if !ok {
				return nil, fmt.Errorf("%s: no column %q", name, col)
			}
			sp.col, sp.name = i, name+"_"+col
		}
		out = append(out, sp)
	}
	return out, nil
}

func specNames(ss []spec) []string {
	n := make([]string, len(ss))
	for i, s := range ss {
		n[i] = s.name
	}
	return n
}

type acc struct {
	n             int
	sum, min, max float64
}

type group struct {
	key  []string
	accs []acc
}

type table struct {
	keys  []int
	specs []spec
	m     map[string]*group
	order []*group
}

func newTable(keys []int, specs []spec) *table {
	return &table{keys: keys, specs: specs, m: map[string]*group{}}
}

func field(rec []string, i int) string {
	if i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

func (t *table) add(rec []string) error {
	k := make([]string, len(t.keys))
	for i, c := range t.keys {
		k[i] = field(rec, c)
	}
	ks := strings.Join(k, "\x00")
	g := t.m[ks]
	if g == nil {
		g = &group{key: k, accs: make([]acc, len(t.specs))}
		for i := range g.accs {
			g.accs[i].min, g.accs[i].max = math.Inf(1), math.Inf(-1)
		}
		t.m[ks] = g
		t.order = append(t.order, g)
	}
	for i, s := range t.specs {
		a := &g.accs[i]
		if s.op == opCount {
			a.n++
			continue
		}
		f := field(rec, s.col)
		if f == "" {
			continue
		}
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", s.name, f)
		}
		a.n++
		a.sum += v
		a.min = math.Min(a.min, v)
		a.max = math.Max(a.max, v)
	}
	return nil
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func (t *table) rows() [][]string {
	out := make([][]string, 0, len(t.order))
	for _, g := range t.order {
		row := append([]string(nil), g.key...)
		for i, s := range t.specs {
			a := g.accs[i]
			var v string
			switch {
			case s.op == opCount:
				v = strconv.Itoa(a.n)
			case a.n == 0:
			case s.op == opSum:
				v = num(a.sum)
			case s.op == opAvg:
				v = num(a.sum / float64(a.n))
			case s.op == opMin:
				v = num(a.min)
			case s.op == opMax:
				v = num(a.max)
			}
			row = append(row, v)
		}
		out = append(out, row)
	}
	return out
}

func sortRows(rows [][]string, hdr []string, by string) error {
	desc := strings.HasPrefix(by, "-")
	by = strings.TrimPrefix(by, "-")
	c := -1
	for i, h := range hdr {
		if h == by {
			c = i
		}
	}
	if c < 0 {
		return fmt.Errorf("sort: no output column %q", by)
	}
	less := func(a, b string) bool {
		x, e1 := strconv.ParseFloat(a, 64)
		y, e2 := strconv.ParseFloat(b, 64)
		if e1 == nil && e2 == nil {
			return x < y
		}
		return a < b
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if desc {
			return less(rows[j][c], rows[i][c])
		}
		return less(rows[i][c], rows[j][c])
	})
	return nil
}
