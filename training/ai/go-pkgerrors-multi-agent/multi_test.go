package errors

import (
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"testing"
)

func TestCombineNil(t *testing.T) {
	tests := [][]error{
		nil,
		{},
		{nil},
		{nil, nil, nil},
	}

	for _, errs := range tests {
		if got := Combine(errs...); got != nil {
			t.Errorf("Combine(%v): got %#v, expected nil", errs, got)
		}
	}
}

func TestCombineSingle(t *testing.T) {
	err := New("only")
	got := Combine(nil, err, nil)
	if got != err {
		t.Errorf("Combine(nil, err, nil): got %#v, want %#v", got, err)
	}
}

func TestCombine(t *testing.T) {
	tests := []struct {
		errs []error
		want string
	}{
		{[]error{io.EOF, io.ErrUnexpectedEOF}, "EOF; unexpected EOF"},
		{[]error{New("a"), nil, Wrap(io.EOF, "b")}, "a; b: EOF"},
		{[]error{Combine(New("a"), New("b")), New("c")}, "a; b; c"},
	}

	for _, tt := range tests {
		got := Combine(tt.errs...)
		if got.Error() != tt.want {
			t.Errorf("Combine(%v): got: %q, want %q", tt.errs, got, tt.want)
		}
	}
}

func TestAppend(t *testing.T) {
	var err error
	for _, e := range []error{nil, New("a"), nil, New("b"), Combine(New("c"), New("d"))} {
		err = Append(err, e)
	}

	want := []string{"a", "b", "c", "d"}
	got := make([]string, 0, len(want))
	for _, e := range Errors(err) {
		got = append(got, e.Error())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Errors(Append(...)): got %v, want %v", got, want)
	}
}

func TestErrors(t *testing.T) {
	x := New("error")
	tests := []struct {
		err  error
		want []error
	}{
		{nil, nil},
		{x, []error{x}},
		{Combine(x, io.EOF), []error{x, io.EOF}},
	}

	for i, tt := range tests {
		got := Errors(tt.err)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("test %d: Errors(%v): got %v, want %v", i+1, tt.err, got, tt.want)
		}
	}
}

func TestErrorsReturnsCopy(t *testing.T) {
	err := Combine(io.EOF, io.ErrClosedPipe)
	errs := Errors(err)
	errs[0] = nil
	if Errors(err)[0] != io.EOF {
		t.Errorf("modifying the result of Errors changed the group")
	}
}

func TestMultiIs(t *testing.T) {
	err := Combine(New("a"), Wrap(os.ErrNotExist, "open config"))

	if !Is(err, os.ErrNotExist) {
		t.Errorf("Is(%v, os.ErrNotExist): got false, want true", err)
	}
	if Is(err, io.EOF) {
		t.Errorf("Is(%v, io.EOF): got true, want false", err)
	}
}

func TestMultiAs(t *testing.T) {
	pathErr := &os.PathError{Op: "open", Path: "/nope", Err: os.ErrNotExist}
	err := Combine(io.EOF, WithStack(pathErr))

	var target *os.PathError
	if !As(err, &target) {
		t.Fatalf("As(%v, *os.PathError): got false, want true", err)
	}
	if target != pathErr {
		t.Errorf("As: got %v, want %v", target, pathErr)
	}

	// the standard library sees through the group too
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("errors.Is(%v, os.ErrNotExist): got false, want true", err)
	}
}

func TestFormatMulti(t *testing.T) {
	err := Combine(New("first"), io.EOF)

	tests := []struct {
		format string
		want   string
	}{{
		"%s",
		"first; EOF",
	}, {
		"%v",
		"first; EOF",
	}, {
		"%q",
		`"first; EOF"`,
	}, {
		"%+v",
		"2 errors occurred:\n" +
			"\\[1\\] first\n" +
			"github.com/pkg/errors.TestFormatMulti\n" +
			"\t.+/github.com/pkg/errors/multi_test.go:128\n" +
			"(?s:.*)" +
			"\\[2\\] EOF$",
	}}

	for i, tt := range tests {
		got := fmt.Sprintf(tt.format, err)
		if !regexp.MustCompile("^" + tt.want + "$").MatchString(got) {
			t.Errorf("test %d: fmt.Sprintf(%q, err):\n got: %q\nwant: %q", i+1, tt.format, got, tt.want)
		}
	}
}
