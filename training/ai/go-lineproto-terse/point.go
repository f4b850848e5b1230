package lineproto

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

type Tag struct{ K, V string }

type Point struct {
	Name   string
	Tags   []Tag
	Fields map[string]any
	Time   time.Time
}

var (
	errNoFields = errors.New("lineproto: point has no fields")
	errEOL      = errors.New("lineproto: unexpected end of line")
)

type SyntaxError struct {
	Line int
	Col  int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("lineproto: %d:%d: %s", e.Line, e.Col, e.Msg)
}

func (p *Point) Tag(k string) (string, bool) {
	i := sort.Search(len(p.Tags), func(i int) bool { return p.Tags[i].K >= k })
	if i < len(p.Tags) && p.Tags[i].K == k {
		return p.Tags[i].V, true
	}
	return "", false
}

func (p *Point) Key() string {
	var b strings.Builder
	b.WriteString(esc(p.Name, ", "))
	for _, t := range p.Tags {
		b.WriteByte(',')
		b.WriteString(esc(t.K, ",= "))
		b.WriteByte('=')
		b.WriteString(esc(t.V, ",= "))
	}
	return b.String()
}

func (p *Point) sortTags() {
	sort.Slice(p.Tags, func(i, j int) bool { return p.Tags[i].K < p.Tags[j].K })
}

func esc(s, set string) string {
	if !strings.ContainsAny(s, set+`\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || strings.IndexByte(set, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func fieldVal(v any) (string, error) {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'g', -1, 32), nil
	case int:
		return strconv.Itoa(x) + "i", nil
	case int64:
		return strconv.FormatInt(x, 10) + "i", nil
	case int32:
		return strconv.FormatInt(int64(x), 10) + "i", nil
	case uint64:
		return strconv.FormatUint(x, 10) + "u", nil
	case uint:
		return strconv.FormatUint(uint64(x), 10) + "u", nil
	case bool:
		return strconv.FormatBool(x), nil
	case string:
		return `"` + esc(x, `"`) + `"`, nil
	}
	return "", fmt.Errorf("lineproto: unsupported field type %T", v)
}
