package dotenv

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("dotenv: line %d: %s", e.Line, e.Msg) }

// Parse reads KEY=VALUE lines. Supports `export ` prefixes, # comments,
// single quotes (literal), double quotes (escapes, ${VAR} expansion, multi-line)
// and ${VAR} / $VAR expansion in unquoted values. Lookup resolves variables
// not defined earlier in the file; it may be nil.
func Parse(r io.Reader, lookup func(string) (string, bool)) (map[string]string, error) {
	env := map[string]string{}
	get := func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		if lookup != nil {
			if v, ok := lookup(k); ok {
				return v
			}
		}
		return ""
	}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		key, rest, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok {
			return nil, &ParseError{n, fmt.Sprintf("missing '=' after %q", key)}
		}
		if !validKey(key) {
			return nil, &ParseError{n, fmt.Sprintf("invalid key %q", key)}
		}
		rest = strings.TrimLeft(rest, " \t")
		var val string
		switch {
		case strings.HasPrefix(rest, "'"):
			end := strings.IndexByte(rest[1:], '\'')
			if end < 0 {
				return nil, &ParseError{n, "unterminated single quote"}
			}
			val = rest[1 : end+1]
		case strings.HasPrefix(rest, `"`):
			body := rest[1:]
			start := n
			for {
				if end, ok := closingQuote(body); ok {
					val = expand(unescape(body[:end]), get)
					break
				}
				if !sc.Scan() {
					return nil, &ParseError{start, "unterminated double quote"}
				}
				n++
				body += "\n" + sc.Text()
			}
		default:
			if i := strings.Index(rest, " #"); i >= 0 {
				rest = rest[:i]
			}
			val = expand(strings.TrimSpace(rest), get)
		}
		env[key] = val
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return env, nil
}

func validKey(k string) bool {
	if k == "" || (k[0] >= '0' && k[0] <= '9') {
		return false
	}
	for _, c := range k {
		if !(c == '_' || c == '.' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func closingQuote(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i, true
		}
	}
	return 0, false
}

func unescape(s string) string {
	r := strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\"`, `"`, `\\`, `\`, `\$`, "\x00")
	return r.Replace(s)
}

func expand(s string, get func(string) string) string {
	out := os.Expand(s, get)
	return strings.ReplaceAll(out, "\x00", "$")
}

// Load parses path and sets variables that are not already set in the process.
func Load(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	env, err := Parse(f, os.LookupEnv)
	if err != nil {
		return err
	}
	for k, v := range env {
		if _, set := os.LookupEnv(k); !set {
			if err := os.Setenv(k, v); err != nil {
				return err
			}
		}
	}
	return nil
}
