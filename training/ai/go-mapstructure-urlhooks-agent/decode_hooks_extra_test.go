package mapstructure

import (
	"net/url"
	"reflect"
	"regexp"
	"testing"
	"time"
)

func TestStringToURLHookFunc(t *testing.T) {
	strValue := reflect.ValueOf("5")
	urlValue := reflect.ValueOf(url.URL{})
	cases := []struct {
		f, t   reflect.Value
		result interface{}
		err    bool
	}{
		{reflect.ValueOf("https://example.com:8080/path?q=1"), urlValue,
			&url.URL{
				Scheme:   "https",
				Host:     "example.com:8080",
				Path:     "/path",
				RawQuery: "q=1",
			}, false},
		{reflect.ValueOf("http://[::1"), urlValue, (*url.URL)(nil), true},
		{strValue, strValue, "5", false},
	}

	for i, tc := range cases {
		f := StringToURLHookFunc()
		actual, err := DecodeHookExec(f, tc.f, tc.t)
		if tc.err != (err != nil) {
			t.Fatalf("case %d: expected err %#v", i, tc.err)
		}
		if !reflect.DeepEqual(actual, tc.result) {
			t.Fatalf(
				"case %d: expected %#v, got %#v",
				i, tc.result, actual)
		}
	}
}

func TestStringToTimeLocationHookFunc(t *testing.T) {
	strValue := reflect.ValueOf("5")
	locValue := reflect.ValueOf(time.Location{})
	cases := []struct {
		f, t   reflect.Value
		result interface{}
		err    bool
	}{
		{reflect.ValueOf("UTC"), locValue, time.UTC, false},
		{reflect.ValueOf(""), locValue, time.UTC, false},
		{reflect.ValueOf("Not/AZone"), locValue, (*time.Location)(nil), true},
		{strValue, strValue, "5", false},
	}

	for i, tc := range cases {
		f := StringToTimeLocationHookFunc()
		actual, err := DecodeHookExec(f, tc.f, tc.t)
		if tc.err != (err != nil) {
			t.Fatalf("case %d: expected err %#v", i, tc.err)
		}
		if !reflect.DeepEqual(actual, tc.result) {
			t.Fatalf(
				"case %d: expected %#v, got %#v",
				i, tc.result, actual)
		}
	}
}

func TestStringToRegexpHookFunc(t *testing.T) {
	strValue := reflect.ValueOf("5")
	reValue := reflect.ValueOf(regexp.Regexp{})
	cases := []struct {
		f, t   reflect.Value
		result interface{}
		err    bool
	}{
		{reflect.ValueOf("^a+b$"), reValue, regexp.MustCompile("^a+b$"), false},
		{reflect.ValueOf("a("), reValue, (*regexp.Regexp)(nil), true},
		{strValue, strValue, "5", false},
	}

	for i, tc := range cases {
		f := StringToRegexpHookFunc()
		actual, err := DecodeHookExec(f, tc.f, tc.t)
		if tc.err != (err != nil) {
			t.Fatalf("case %d: expected err %#v", i, tc.err)
		}
		if !reflect.DeepEqual(actual, tc.result) {
			t.Fatalf(
				"case %d: expected %#v, got %#v",
				i, tc.result, actual)
		}
	}
}

func TestStringToByteSizeHookFunc(t *testing.T) {
	strValue := reflect.ValueOf("5")
	intValue := reflect.ValueOf(int64(0))
	uintValue := reflect.ValueOf(uint(0))
	cases := []struct {
		f, t   reflect.Value
		result interface{}
		err    bool
	}{
		{reflect.ValueOf("512"), intValue, uint64(512), false},
		{reflect.ValueOf("64KB"), intValue, uint64(64 << 10), false},
		{reflect.ValueOf("64 kib"), uintValue, uint64(64 << 10), false},
		{reflect.ValueOf("1.5G"), intValue, uint64(3 << 29), false},
		{reflect.ValueOf("2tb"), uintValue, uint64(2 << 40), false},
		{reflect.ValueOf("10 parsecs"), intValue, nil, true},
		{reflect.ValueOf("MB"), intValue, nil, true},
		{reflect.ValueOf("99999999999TB"), intValue, nil, true},
		{strValue, strValue, "5", false},
		{reflect.ValueOf(5), intValue, 5, false},
	}

	for i, tc := range cases {
		f := StringToByteSizeHookFunc()
		actual, err := DecodeHookExec(f, tc.f, tc.t)
		if tc.err != (err != nil) {
			t.Fatalf("case %d: expected err %#v", i, tc.err)
		}
		if !reflect.DeepEqual(actual, tc.result) {
			t.Fatalf(
				"case %d: expected %#v, got %#v",
				i, tc.result, actual)
		}
	}
}

func TestDecode_ExtraHooks(t *testing.T) {
	type Config struct {
		Endpoint url.URL
		Zone     *time.Location
		Match    *regexp.Regexp
		MaxBody  int64
	}

	input := map[string]interface{}{
		"endpoint": "https://api.example.com/v1",
		"zone":     "UTC",
		"match":    "^/users/[0-9]+$",
		"maxbody":  "4MB",
	}

	var result Config
	config := &DecoderConfig{
		DecodeHook: ComposeDecodeHookFunc(
			StringToURLHookFunc(),
			StringToTimeLocationHookFunc(),
			StringToRegexpHookFunc(),
			StringToByteSizeHookFunc(),
		),
		Result: &result,
	}

	decoder, err := NewDecoder(config)
	if err != nil {
		t.Fatalf("err: %s", err)
	}

	if err := decoder.Decode(input); err != nil {
		t.Fatalf("got an err: %s", err)
	}

	if result.Endpoint.Host != "api.example.com" || result.Endpoint.Path != "/v1" {
		t.Errorf("bad endpoint: %#v", result.Endpoint)
	}
	if result.Zone == nil || result.Zone.String() != "UTC" {
		t.Errorf("bad zone: %#v", result.Zone)
	}
	if result.Match == nil || !result.Match.MatchString("/users/42") {
		t.Errorf("bad match: %#v", result.Match)
	}
	if result.MaxBody != 4<<20 {
		t.Errorf("bad max body: %d", result.MaxBody)
	}
}
