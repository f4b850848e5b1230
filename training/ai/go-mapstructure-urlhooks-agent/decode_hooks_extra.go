package mapstructure

import (
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// StringToURLHookFunc returns a DecodeHookFunc that converts
// strings to url.URL.
func StringToURLHookFunc() DecodeHookFunc {
	return func(
		f reflect.Type,
		t reflect.Type,
		data interface{}) (interface{}, error) {
		if f.Kind() != reflect.String {
			return data, nil
		}
		if t != reflect.TypeOf(url.URL{}) {
			return data, nil
		}

		// Convert it by parsing
		return url.Parse(data.(string))
	}
}

// StringToTimeLocationHookFunc returns a DecodeHookFunc that converts
// strings to *time.Location using time.LoadLocation.
func StringToTimeLocationHookFunc() DecodeHookFunc {
	return func(
		f reflect.Type,
		t reflect.Type,
		data interface{}) (interface{}, error) {
		if f.Kind() != reflect.String {
			return data, nil
		}
		if t != reflect.TypeOf(time.Location{}) && t != reflect.TypeOf(&time.Location{}) {
			return data, nil
		}

		// Convert it by loading the zone
		return time.LoadLocation(data.(string))
	}
}

// StringToRegexpHookFunc returns a DecodeHookFunc that converts
// strings to *regexp.Regexp.
func StringToRegexpHookFunc() DecodeHookFunc {
	return func(
		f reflect.Type,
		t reflect.Type,
		data interface{}) (interface{}, error) {
		if f.Kind() != reflect.String {
			return data, nil
		}
		if t != reflect.TypeOf(regexp.Regexp{}) && t != reflect.TypeOf(&regexp.Regexp{}) {
			return data, nil
		}

		// Convert it by compiling
		return regexp.Compile(data.(string))
	}
}

var byteSizeUnits = map[string]uint64{
	"":    1,
	"b":   1,
	"k":   1 << 10,
	"kb":  1 << 10,
	"kib": 1 << 10,
	"m":   1 << 20,
	"mb":  1 << 20,
	"mib": 1 << 20,
	"g":   1 << 30,
	"gb":  1 << 30,
	"gib": 1 << 30,
	"t":   1 << 40,
	"tb":  1 << 40,
	"tib": 1 << 40,
}

// StringToByteSizeHookFunc returns a DecodeHookFunc that converts
// strings such as "512", "64KB" or "1.5GiB" to an unsigned or signed
// integer number of bytes. Units are powers of 1024 and case-insensitive.
func StringToByteSizeHookFunc() DecodeHookFunc {
	return func(
		f reflect.Kind,
		t reflect.Kind,
		data interface{}) (interface{}, error) {
		if f != reflect.String {
			return data, nil
		}
		switch t {
		case reflect.Int, reflect.Int64, reflect.Uint, reflect.Uint64:
		default:
			return data, nil
		}

		raw := strings.TrimSpace(data.(string))
		i := strings.IndexFunc(raw, func(r rune) bool {
			return !(r >= '0' && r <= '9' || r == '.')
		})
		num, unit := raw, ""
		if i >= 0 {
			num, unit = raw[:i], strings.TrimSpace(raw[i:])
		}

		mult, ok := byteSizeUnits[strings.ToLower(unit)]
		if !ok {
			return nil, fmt.Errorf("failed parsing byte size %v: unknown unit %q", data, unit)
		}
		n, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return nil, fmt.Errorf("failed parsing byte size %v: %s", data, err)
		}

		size := n * float64(mult)
		if size >= 1<<63 {
			return nil, fmt.Errorf("failed parsing byte size %v: value too large", data)
		}
		return uint64(size), nil
	}
}
