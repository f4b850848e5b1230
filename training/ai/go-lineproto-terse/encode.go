package lineproto

import (
	"bufio"
	"io"
	"sort"
	"strconv"
	"time"
)

type Encoder struct {
	w    *bufio.Writer
	prec time.Duration
	keys []string
}

func NewEncoder(w io.Writer, prec time.Duration) *Encoder {
	if prec <= 0 {
		prec = time.Nanosecond
	}
	return &Encoder{w: bufio.NewWriter(w), prec: prec}
}

func (e *Encoder) Encode(p *Point) error {
	if len(p.Fields) == 0 {
		return errNoFields
	}
	p.sortTags()
	e.w.WriteString(p.Key())
	e.keys = e.keys[:0]
	for k := range p.Fields {
		e.keys = append(e.keys, k)
	}
	sort.Strings(e.keys)
	for i, k := range e.keys {
		v, err := fieldVal(p.Fields[k])
		if err != nil {
			return err
		}
		if i == 0 {
			e.w.WriteByte(' ')
		} else {
			e.w.WriteByte(',')
		}
		e.w.WriteString(esc(k, ",= "))
		e.w.WriteByte('=')
		e.w.WriteString(v)
	}
	if !p.Time.IsZero() {
		e.w.WriteByte(' ')
		e.w.WriteString(strconv.FormatInt(p.Time.UnixNano()/int64(e.prec), 10))
	}
	return e.w.WriteByte('\n')
}

func (e *Encoder) Flush() error { return e.w.Flush() }

func Format(p *Point) (string, error) {
	var b bytesBuf
	e := NewEncoder(&b, 0)
	if err := e.Encode(p); err != nil {
		return "", err
	}
	if err := e.Flush(); err != nil {
		return "", err
	}
	return string(b[:len(b)-1]), nil
}

type bytesBuf []byte

func (b *bytesBuf) Write(p []byte) (int, error) {
	*b = append(*b, p...)
	return len(p), nil
}
