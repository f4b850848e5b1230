package lineproto

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
)

type Decoder struct {
	sc   *bufio.Scanner
	line int
	prec time.Duration
}

func NewDecoder(r io.Reader, prec time.Duration) *Decoder {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	if prec <= 0 {
		prec = time.Nanosecond
	}
	return &Decoder{sc: sc, prec: prec}
}

func (d *Decoder) Next() (*Point, error) {
	for d.sc.Scan() {
		d.line++
		s := strings.TrimSpace(d.sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		p, err := parseLine(s, d.prec)
		if err != nil {
			if se, ok := err.(*SyntaxError); ok {
				se.Line = d.line
			}
			return nil, err
		}
		return p, nil
	}
	if err := d.sc.Err(); err != nil {
		return nil, err
	}
	return nil, io.EOF
}

func ParseLine(s string) (*Point, error) { return parseLine(s, time.Nanosecond) }

type lx struct {
	s string
	i int
}

func (l *lx) fail(msg string) error { return &SyntaxError{Line: 1, Col: l.i + 1, Msg: msg} }

// until reads up to an unescaped byte from stop, unescaping as it goes.
func (l *lx) until(stop string, quoted bool) string {
	var b strings.Builder
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == '\\' && l.i+1 < len(l.s) {
			b.WriteByte(l.s[l.i+1])
			l.i += 2
			continue
		}
		if !quoted && strings.IndexByte(stop, c) >= 0 {
			break
		}
		if quoted && c == '"' {
			break
		}
		b.WriteByte(c)
		l.i++
	}
	return b.String()
}

func parseLine(s string, prec time.Duration) (*Point, error) {
	l := &lx{s: s}
	p := &Point{Fields: map[string]any{}}
	p.Name = l.until(", ", false)
	if p.Name == "" {
		return nil, l.fail("missing measurement")
	}
	for l.i < len(s) && s[l.i] == ',' {
		l.i++
		k := l.until("=, ", false)
		if l.i >= len(s) || s[l.i] != '=' || k == "" {
			return nil, l.fail("bad tag")
		}
		l.i++
		v := l.until(", ", false)
		if v == "" {
			return nil, l.fail("empty tag value")
		}
		p.Tags = append(p.Tags, Tag{k, v})
	}
	p.sortTags()
	if l.i >= len(s) || s[l.i] != ' ' {
		return nil, errEOL
	}
	l.i++
	for {
		k := l.until("=", false)
		if l.i >= len(s) || k == "" {
			return nil, l.fail("bad field")
		}
		l.i++
		v, err := l.value()
		if err != nil {
			return nil, err
		}
		p.Fields[k] = v
		if l.i >= len(s) || s[l.i] == ' ' {
			break
		}
		if s[l.i] != ',' {
			return nil, l.fail("expected ','")
		}
		l.i++
	}
	if len(p.Fields) == 0 {
		return nil, errNoFields
	}
	if l.i < len(s) {
		ts := strings.TrimSpace(s[l.i:])
		n, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			return nil, l.fail("bad timestamp " + strconv.Quote(ts))
		}
		p.Time = time.Unix(0, n*int64(prec)).UTC()
	}
	return p, nil
}

func (l *lx) value() (any, error) {
	if l.i < len(l.s) && l.s[l.i] == '"' {
		l.i++
		v := l.until("", true)
		if l.i >= len(l.s) {
			return nil, l.fail("unterminated string")
		}
		l.i++
		return v, nil
	}
	st := l.i
	for l.i < len(l.s) && l.s[l.i] != ',' && l.s[l.i] != ' ' {
		l.i++
	}
	raw := l.s[st:l.i]
	if raw == "" {
		return nil, l.fail("empty field value")
	}
	switch raw[len(raw)-1] {
	case 'i':
		if n, err := strconv.ParseInt(raw[:len(raw)-1], 10, 64); err == nil {
			return n, nil
		}
	case 'u':
		if n, err := strconv.ParseUint(raw[:len(raw)-1], 10, 64); err == nil {
			return n, nil
		}
	}
	switch raw {
	case "t", "T", "true", "True", "TRUE":
		return true, nil
	case "f", "F", "false", "False", "FALSE":
		return false, nil
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		l.i = st
		return nil, l.fail("bad field value " + strconv.Quote(raw))
	}
	return f, nil
}
