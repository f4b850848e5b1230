package dotenv

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func parse(t *testing.T, src string, lookup func(string) (string, bool)) map[string]string {
	t.Helper()
	env, err := Parse(strings.NewReader(src), lookup)
	if err != nil {
		t.Fatalf("Parse(%q) returned error: %v", src, err)
	}
	return env
}

func TestParseValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want map[string]string
	}{
		{"simple", "A=1", map[string]string{"A": "1"}},
		{"spaces around equals", "A = 1", map[string]string{"A": "1"}},
		{"empty value", "A=", map[string]string{"A": ""}},
		{"export prefix", "export A=1", map[string]string{"A": "1"}},
		{"comment lines and blanks", "# c\n\nA=1\n  # indented\n", map[string]string{"A": "1"}},
		{"inline comment", "A=hello # world", map[string]string{"A": "hello"}},
		{"hash without space is kept", "A=abc#def", map[string]string{"A": "abc#def"}},
		{"single quotes are literal", `A='x $B \n'`, map[string]string{"A": `x $B \n`}},
		{"single quote keeps hash", "A='a # b'", map[string]string{"A": "a # b"}},
		{"double quote escapes", `A="line1\nline2\t\"q\""`, map[string]string{"A": "line1\nline2\t\"q\""}},
		{"escaped dollar", `A="cost \$5"`, map[string]string{"A": "cost $5"}},
		{"later wins", "A=1\nA=2", map[string]string{"A": "2"}},
		{"dotted key", "app.port=80", map[string]string{"app.port": "80"}},
		{"crlf line endings", "A=1\r\nB=2\r\n", map[string]string{"A": "1", "B": "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src, nil)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestParseMultilineDoubleQuoted(t *testing.T) {
	src := "KEY=\"-----BEGIN-----\nabc\n-----END-----\"\nNEXT=1\n"
	got := parse(t, src, nil)
	if got["KEY"] != "-----BEGIN-----\nabc\n-----END-----" {
		t.Errorf("KEY = %q", got["KEY"])
	}
	if got["NEXT"] != "1" {
		t.Errorf("NEXT = %q; lines after a multi-line value must still parse", got["NEXT"])
	}
}

func TestExpansion(t *testing.T) {
	lookup := func(k string) (string, bool) {
		m := map[string]string{"HOME": "/home/me", "EMPTY": ""}
		v, ok := m[k]
		return v, ok
	}
	tests := []struct {
		name, src, key, want string
	}{
		{"braced from file", "A=x\nB=${A}y", "B", "xy"},
		{"bare from file", "A=x\nB=$A/y", "B", "x/y"},
		{"from lookup", "P=$HOME/bin", "P", "/home/me/bin"},
		{"file shadows lookup", "HOME=/tmp\nP=${HOME}", "P", "/tmp"},
		{"undefined is empty", "P=[${NOPE}]", "P", "[]"},
		{"in double quotes", `P="${HOME} dir"`, "P", "/home/me dir"},
		{"not in single quotes", `P='${HOME}'`, "P", "${HOME}"},
		{"forward reference is empty", "A=$B\nB=1", "A", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parse(t, tt.src, lookup)
			if got[tt.key] != tt.want {
				t.Errorf("%s = %q, want %q", tt.key, got[tt.key], tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		wantLine int
		wantMsg  string
	}{
		{"no equals", "A=1\nJUSTAKEY\n", 2, "missing '='"},
		{"bad key start", "1A=x", 1, "invalid key"},
		{"bad key char", "A-B=x", 1, "invalid key"},
		{"empty key", "=x", 1, "invalid key"},
		{"unterminated single", "A='oops", 1, "unterminated single quote"},
		{"unterminated double reports start line", "X=1\nA=\"never\nclosed\n", 2, "unterminated double quote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.src), nil)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want *ParseError", err)
			}
			if pe.Line != tt.wantLine {
				t.Errorf("Line = %d, want %d", pe.Line, tt.wantLine)
			}
			if !strings.Contains(pe.Error(), tt.wantMsg) {
				t.Errorf("Error() = %q, want it to contain %q", pe.Error(), tt.wantMsg)
			}
		})
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("boom") }

func TestParseReaderError(t *testing.T) {
	if _, err := Parse(failingReader{}, nil); err == nil || err.Error() != "boom" {
		t.Errorf("err = %v, want boom", err)
	}
}

func TestLoadDoesNotOverrideExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".env")
	content := "DOTENV_TEST_NEW=from-file\nDOTENV_TEST_SET=from-file\n"
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DOTENV_TEST_SET", "from-process")
	// t.Setenv restores values it set, but DOTENV_TEST_NEW is set by Load.
	t.Cleanup(func() { os.Unsetenv("DOTENV_TEST_NEW") })

	if err := Load(path); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := os.Getenv("DOTENV_TEST_NEW"); got != "from-file" {
		t.Errorf("DOTENV_TEST_NEW = %q", got)
	}
	if got := os.Getenv("DOTENV_TEST_SET"); got != "from-process" {
		t.Errorf("DOTENV_TEST_SET = %q, existing value must win", got)
	}
}

func TestLoadMissingFile(t *testing.T) {
	err := Load(filepath.Join(t.TempDir(), "absent.env"))
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("err = %v, want os.ErrNotExist", err)
	}
}
