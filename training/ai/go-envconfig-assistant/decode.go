package envconfig

import (
	"encoding"
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"
)

var (
	textUnmarshalerType = reflect.TypeOf((*encoding.TextUnmarshaler)(nil)).Elem()
	durationType        = reflect.TypeOf(time.Duration(0))
	timeType            = reflect.TypeOf(time.Time{})
	urlType             = reflect.TypeOf(url.URL{})
)

// setValue parses raw according to the type of v and stores the result.
//
// Supported types are strings, booleans, all integer and float kinds,
// time.Duration, time.Time (RFC 3339), url.URL, anything implementing
// encoding.TextUnmarshaler, pointers to those, and slices and maps of them.
// Slice elements are separated by sep; map entries are "key:value" pairs
// separated by sep.
func setValue(v reflect.Value, raw, sep string) error {
	// Allocate pointers lazily so that unset optional fields stay nil.
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return setValue(v.Elem(), raw, sep)
	}

	// Custom types take priority over the built-in kinds below, so that a
	// named string type with its own UnmarshalText is respected.
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshalerType) {
		u := v.Addr().Interface().(encoding.TextUnmarshaler)
		return u.UnmarshalText([]byte(raw))
	}

	switch v.Type() {
	case durationType:
		d, err := time.ParseDuration(raw)
		if err != nil {
			return err
		}
		v.SetInt(int64(d))
		return nil
	case timeType:
		t, err := time.Parse(time.RFC3339, raw)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(t))
		return nil
	case urlType:
		u, err := url.Parse(raw)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(*u))
		return nil
	}

	switch v.Kind() {
	case reflect.String:
		v.SetString(raw)
	case reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return fmt.Errorf("invalid boolean %q", raw)
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		// Base 0 accepts "0x1F", "0o17" and "1_000" as well as plain decimals.
		n, err := strconv.ParseInt(raw, 0, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("invalid integer %q: %w", raw, err)
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(raw, 0, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("invalid unsigned integer %q: %w", raw, err)
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(raw, v.Type().Bits())
		if err != nil {
			return fmt.Errorf("invalid number %q: %w", raw, err)
		}
		v.SetFloat(f)
	case reflect.Slice:
		return setSlice(v, raw, sep)
	case reflect.Map:
		return setMap(v, raw, sep)
	default:
		return fmt.Errorf("unsupported field type %s", v.Type())
	}
	return nil
}

// setSlice splits raw on sep and decodes each element. An empty string
// produces an empty (non-nil) slice rather than a slice with one empty item.
func setSlice(v reflect.Value, raw, sep string) error {
	var parts []string
	if strings.TrimSpace(raw) != "" {
		parts = strings.Split(raw, sep)
	}
	out := reflect.MakeSlice(v.Type(), len(parts), len(parts))
	for i, p := range parts {
		if err := setValue(out.Index(i), strings.TrimSpace(p), sep); err != nil {
			return fmt.Errorf("element %d: %w", i, err)
		}
	}
	v.Set(out)
	return nil
}

// setMap parses "key:value" pairs separated by sep, e.g. "a:1,b:2".
func setMap(v reflect.Value, raw, sep string) error {
	out := reflect.MakeMap(v.Type())
	if strings.TrimSpace(raw) != "" {
		for _, pair := range strings.Split(raw, sep) {
			k, val, found := strings.Cut(pair, ":")
			if !found {
				return fmt.Errorf("invalid map entry %q: expected key:value", pair)
			}
			key := reflect.New(v.Type().Key()).Elem()
			if err := setValue(key, strings.TrimSpace(k), sep); err != nil {
				return fmt.Errorf("map key %q: %w", k, err)
			}
			elem := reflect.New(v.Type().Elem()).Elem()
			if err := setValue(elem, strings.TrimSpace(val), sep); err != nil {
				return fmt.Errorf("map value for %q: %w", k, err)
			}
			out.SetMapIndex(key, elem)
		}
	}
	v.Set(out)
	return nil
}
