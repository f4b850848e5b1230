package cron

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

type field struct{ lo, hi int }

var fields = []field{{0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 6}}

var aliases = map[string]string{
	"@hourly":   "0 * * * *",
	"@daily":    "0 0 * * *",
	"@midnight": "0 0 * * *",
	"@weekly":   "0 0 * * 0",
	"@monthly":  "0 0 1 * *",
	"@yearly":   "0 0 1 1 *",
}

type Expr struct {
	min, hour, dom, mon, dow uint64
	domStar, dowStar         bool
}

func Parse(s string) (*Expr, error) {
	if a, ok := aliases[s]; ok {
		s = a
	}
	p := strings.Fields(s)
	if len(p) != 5 {
		return nil, fmt.Errorf("cron: want 5 fields, got %d", len(p))
	}
	var bits [5]uint64
	for i, f := range p {
		b, err := parseField(f, fields[i])
		if err != nil {
			return nil, fmt.Errorf("cron: field %d %q: %w", i, f, err)
		}
		bits[i] = b
	}
	if bits[4]&(1<<7) != 0 {
		bits[4] |= 1
	}
	return &Expr{bits[0], bits[1], bits[2], bits[3], bits[4], p[2] == "*", p[4] == "*"}, nil
}

func parseField(s string, f field) (uint64, error) {
	var out uint64
	for _, part := range strings.Split(s, ",") {
		step := 1
		if i := strings.IndexByte(part, '/'); i >= 0 {
			n, err := strconv.Atoi(part[i+1:])
			if err != nil || n <= 0 {
				return 0, fmt.Errorf("bad step %q", part[i+1:])
			}
			step, part = n, part[:i]
		}
		lo, hi := f.lo, f.hi
		switch {
		case part == "*":
		case strings.Contains(part, "-"):
			a, b, _ := strings.Cut(part, "-")
			var e1, e2 error
			lo, e1 = strconv.Atoi(a)
			hi, e2 = strconv.Atoi(b)
			if e1 != nil || e2 != nil {
				return 0, fmt.Errorf("bad range %q", part)
			}
		default:
			n, err := strconv.Atoi(part)
			if err != nil {
				return 0, err
			}
			lo = n
			if step == 1 {
				hi = n
			}
		}
		hmax := f.hi
		if f.hi == 6 {
			hmax = 7
		}
		if lo < f.lo || hi > hmax || lo > hi {
			return 0, fmt.Errorf("out of range %d-%d", lo, hi)
		}
		for v := lo; v <= hi; v += step {
			out |= 1 << uint(v)
		}
	}
	return out, nil
}

func has(b uint64, v int) bool { return b&(1<<uint(v)) != 0 }

func (e *Expr) dayOK(t time.Time) bool {
	d, w := has(e.dom, t.Day()), has(e.dow, int(t.Weekday()))
	if e.domStar || e.dowStar {
		return d && w
	}
	return d || w
}

func (e *Expr) Next(t time.Time) time.Time {
	t = t.Truncate(time.Minute).Add(time.Minute)
	limit := t.AddDate(5, 0, 0)
	for t.Before(limit) {
		if !has(e.mon, int(t.Month())) {
			t = time.Date(t.Year(), t.Month()+1, 1, 0, 0, 0, 0, t.Location())
			continue
		}
		if !e.dayOK(t) {
			t = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, t.Location())
			continue
		}
		if !has(e.hour, t.Hour()) {
			t = t.Truncate(time.Hour).Add(time.Hour)
			continue
		}
		if !has(e.min, t.Minute()) {
			t = t.Add(time.Minute)
			continue
		}
		return t
	}
	return time.Time{}
}
