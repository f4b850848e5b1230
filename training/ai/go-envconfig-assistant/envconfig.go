// Package envconfig populates a struct from environment variables.
//
// Fields are mapped to variables with struct tags:
//
//	type Config struct {
//		Addr     string        `env:"ADDR" default:":8080"`
//		Timeout  time.Duration `env:"TIMEOUT" default:"5s"`
//		Debug    bool          `env:"DEBUG"`
//		Hosts    []string      `env:"HOSTS" sep:","`
//		Database struct {
//			URL string `env:"URL" required:"true"`
//		} `env:"DB_"`
//	}
//
// Nested structs use their tag as a prefix for the variables of their fields,
// so Database.URL above is read from DB_URL (or MYAPP_DB_URL with a prefix
// of "MYAPP_"). Fields without an env tag are ignored.
package envconfig

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
)

// Lookup returns the value of an environment variable and whether it was set.
// It has the same signature as os.LookupEnv, which is the default; tests can
// supply a map-backed function instead of touching the real environment.
type Lookup func(key string) (string, bool)

// Options controls how Process reads the environment.
type Options struct {
	// Prefix is prepended to every variable name, e.g. "MYAPP_".
	Prefix string
	// Lookup replaces os.LookupEnv when non-nil.
	Lookup Lookup
}

// FieldError describes a single field that could not be populated.
type FieldError struct {
	Field string // Go path of the field, e.g. "Database.URL"
	Var   string // environment variable name, e.g. "MYAPP_DB_URL"
	Err   error  // underlying cause
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("envconfig: %s (%s): %v", e.Field, e.Var, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

// ErrRequired is wrapped by a FieldError when a required variable is unset.
var ErrRequired = errors.New("required variable is not set")

// Errors collects every FieldError found during a single Process call, so
// that users can fix all of their configuration at once instead of one
// variable per restart.
type Errors []*FieldError

func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Is reports whether any collected error matches target, so that callers
// can write errors.Is(err, envconfig.ErrRequired) without iterating.
func (es Errors) Is(target error) bool {
	for _, e := range es {
		if errors.Is(e, target) {
			return true
		}
	}
	return false
}

// Process fills the struct pointed to by target from the environment.
//
// target must be a non-nil pointer to a struct. All fields are processed even
// when some of them fail; the returned error is then of type Errors.
func Process(target any, opts Options) error {
	rv := reflect.ValueOf(target)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("envconfig: target must be a non-nil pointer to a struct, got %T", target)
	}
	rv = rv.Elem()
	if rv.Kind() != reflect.Struct {
		return fmt.Errorf("envconfig: target must point to a struct, got %s", rv.Kind())
	}

	lookup := opts.Lookup
	if lookup == nil {
		lookup = os.LookupEnv
	}

	var errs Errors
	walk(rv, opts.Prefix, "", lookup, &errs)
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// MustProcess is like Process but panics on error. It is intended for use in
// main packages, where a broken configuration should stop the program early.
func MustProcess(target any, opts Options) {
	if err := Process(target, opts); err != nil {
		panic(err)
	}
}

// walk visits every tagged field of the struct value v. prefix is the
// variable prefix accumulated from enclosing structs, and path is the Go
// field path used in error messages.
func walk(v reflect.Value, prefix, path string, lookup Lookup, errs *Errors) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		// Unexported fields cannot be set through reflection.
		if !sf.IsExported() {
			continue
		}
		name, tagged := sf.Tag.Lookup("env")
		if !tagged || name == "-" {
			continue
		}

		fv := v.Field(i)
		fieldPath := sf.Name
		if path != "" {
			fieldPath = path + "." + sf.Name
		}

		// A nested struct (other than one we know how to decode directly,
		// such as time.Time) contributes its tag as a prefix.
		if isNestedStruct(sf.Type) {
			if fv.Kind() == reflect.Pointer {
				if fv.IsNil() {
					fv.Set(reflect.New(sf.Type.Elem()))
				}
				fv = fv.Elem()
			}
			walk(fv, prefix+name, fieldPath, lookup, errs)
			continue
		}

		varName := prefix + name
		raw, ok := lookup(varName)
		if !ok || raw == "" {
			if def, hasDefault := sf.Tag.Lookup("default"); hasDefault {
				raw, ok = def, true
			}
		}
		if !ok {
			if sf.Tag.Get("required") == "true" {
				*errs = append(*errs, &FieldError{Field: fieldPath, Var: varName, Err: ErrRequired})
			}
			// Leave the field at whatever value the caller initialised it to.
			continue
		}

		sep := sf.Tag.Get("sep")
		if sep == "" {
			sep = ","
		}
		if err := setValue(fv, raw, sep); err != nil {
			*errs = append(*errs, &FieldError{Field: fieldPath, Var: varName, Err: err})
		}
	}
}

// isNestedStruct reports whether t is a struct (or pointer to struct) that
// should be walked field by field rather than decoded from a single string.
func isNestedStruct(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	// Types that decode themselves from text are leaves, not nested configs.
	return !reflect.PointerTo(t).Implements(textUnmarshalerType) && t != timeType
}
