package errors

import (
	"fmt"
	"io"
	"strings"
)

// Combine returns an error that groups the non-nil errors in errs.
// If every error in errs is nil, Combine returns nil. If exactly one error
// is non-nil, that error is returned unchanged.
//
// Combine is useful when several independent operations can fail and all
// the failures should be reported, for example when closing resources:
//
//     err := errors.Combine(f.Close(), conn.Close(), db.Close())
//
// The returned error prints the messages of the grouped errors separated by
// "; ". With the %+v verb each grouped error is printed with %+v on its own
// line, so stack traces recorded by New, Wrap and friends are kept.
func Combine(errs ...error) error {
	var m multiError
	for _, err := range errs {
		m = m.append(err)
	}
	switch len(m) {
	case 0:
		return nil
	case 1:
		return m[0]
	default:
		return m
	}
}

// Append adds errs to err, flattening any group created by Combine or Append,
// and returns the result as Combine does. Append(nil, err) is err.
//
//     var err error
//     for _, f := range files {
//             err = errors.Append(err, f.Close())
//     }
//     return err
func Append(err error, errs ...error) error {
	all := make([]error, 0, len(errs)+1)
	all = append(all, err)
	all = append(all, errs...)
	return Combine(all...)
}

// Errors returns the errors grouped in err by Combine or Append.
// If err is not a group, Errors returns a slice containing only err,
// or nil if err is nil.
func Errors(err error) []error {
	if err == nil {
		return nil
	}
	if m, ok := err.(multiError); ok {
		errs := make([]error, len(m))
		copy(errs, m)
		return errs
	}
	return []error{err}
}

// multiError is a group of two or more non-nil errors.
type multiError []error

// append adds err to m, flattening err if it is itself a group.
// nil errors are dropped.
func (m multiError) append(err error) multiError {
	if err == nil {
		return m
	}
	if other, ok := err.(multiError); ok {
		return append(m, other...)
	}
	return append(m, err)
}

func (m multiError) Error() string {
	msgs := make([]string, len(m))
	for i, err := range m {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

// Is reports whether any of the grouped errors matches target,
// so that Is(err, target) looks into every member of the group.
func (m multiError) Is(target error) bool {
	for _, err := range m {
		if Is(err, target) {
			return true
		}
	}
	return false
}

// As finds the first grouped error that matches target, as As does.
func (m multiError) As(target interface{}) bool {
	for _, err := range m {
		if As(err, target) {
			return true
		}
	}
	return false
}

func (m multiError) Format(s fmt.State, verb rune) {
	switch verb {
	case 'v':
		if s.Flag('+') {
			fmt.Fprintf(s, "%d errors occurred:", len(m))
			for i, err := range m {
				fmt.Fprintf(s, "\n[%d] %+v", i+1, err)
			}
			return
		}
		fallthrough
	case 's':
		io.WriteString(s, m.Error())
	case 'q':
		fmt.Fprintf(s, "%q", m.Error())
	}
}
