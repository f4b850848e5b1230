package jsonpatch

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"
)

// assertJSONEqual compares two JSON documents structurally, so that key order
// and whitespace do not matter.
func assertJSONEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("result is not valid JSON: %v\n%s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation in test: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func mustDecode(t *testing.T, patch string) Patch {
	t.Helper()
	p, err := Decode([]byte(patch))
	if err != nil {
		t.Fatalf("Decode(%s): %v", patch, err)
	}
	return p
}

func TestApply(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		patch string
		want  string
	}{
		{
			name:  "add object member",
			doc:   `{"foo":"bar"}`,
			patch: `[{"op":"add","path":"/baz","value":"qux"}]`,
			want:  `{"foo":"bar","baz":"qux"}`,
		},
		{
			name:  "add replaces existing member",
			doc:   `{"foo":"bar"}`,
			patch: `[{"op":"add","path":"/foo","value":1}]`,
			want:  `{"foo":1}`,
		},
		{
			name:  "add array element in the middle",
			doc:   `{"foo":["bar","baz"]}`,
			patch: `[{"op":"add","path":"/foo/1","value":"qux"}]`,
			want:  `{"foo":["bar","qux","baz"]}`,
		},
		{
			name:  "add at end of array with dash",
			doc:   `{"foo":[1,2]}`,
			patch: `[{"op":"add","path":"/foo/-","value":3}]`,
			want:  `{"foo":[1,2,3]}`,
		},
		{
			name:  "add at index equal to length",
			doc:   `[1,2]`,
			patch: `[{"op":"add","path":"/2","value":3}]`,
			want:  `[1,2,3]`,
		},
		{
			name:  "add into nested array inside array",
			doc:   `[[1],[2]]`,
			patch: `[{"op":"add","path":"/1/0","value":0}]`,
			want:  `[[1],[0,2]]`,
		},
		{
			name:  "add whole document",
			doc:   `{"a":1}`,
			patch: `[{"op":"add","path":"","value":[true]}]`,
			want:  `[true]`,
		},
		{
			name:  "add null value",
			doc:   `{}`,
			patch: `[{"op":"add","path":"/n","value":null}]`,
			want:  `{"n":null}`,
		},
		{
			name:  "remove object member",
			doc:   `{"baz":"qux","foo":"bar"}`,
			patch: `[{"op":"remove","path":"/baz"}]`,
			want:  `{"foo":"bar"}`,
		},
		{
			name:  "remove array element",
			doc:   `{"foo":["bar","qux","baz"]}`,
			patch: `[{"op":"remove","path":"/foo/1"}]`,
			want:  `{"foo":["bar","baz"]}`,
		},
		{
			name:  "replace value",
			doc:   `{"baz":"qux","foo":"bar"}`,
			patch: `[{"op":"replace","path":"/baz","value":"boo"}]`,
			want:  `{"baz":"boo","foo":"bar"}`,
		},
		{
			name:  "replace array element keeps position",
			doc:   `["a","b","c"]`,
			patch: `[{"op":"replace","path":"/1","value":"B"}]`,
			want:  `["a","B","c"]`,
		},
		{
			name:  "move value between objects",
			doc:   `{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}`,
			patch: `[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]`,
			want:  `{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}`,
		},
		{
			name:  "move array element",
			doc:   `{"foo":["all","grass","cows","eat"]}`,
			patch: `[{"op":"move","from":"/foo/1","path":"/foo/3"}]`,
			want:  `{"foo":["all","cows","eat","grass"]}`,
		},
		{
			name:  "copy value",
			doc:   `{"a":{"x":1}}`,
			patch: `[{"op":"copy","from":"/a","path":"/b"}]`,
			want:  `{"a":{"x":1},"b":{"x":1}}`,
		},
		{
			name:  "test passes then add",
			doc:   `{"baz":"qux","foo":["a",2,"c"]}`,
			patch: `[{"op":"test","path":"/baz","value":"qux"},{"op":"add","path":"/ok","value":true}]`,
			want:  `{"baz":"qux","foo":["a",2,"c"],"ok":true}`,
		},
		{
			name:  "test compares objects structurally",
			doc:   `{"a":{"x":1,"y":[1,2]}}`,
			patch: `[{"op":"test","path":"/a","value":{"y":[1,2],"x":1}}]`,
			want:  `{"a":{"x":1,"y":[1,2]}}`,
		},
		{
			name:  "escaped pointer tokens",
			doc:   `{"a/b":1,"m~n":2}`,
			patch: `[{"op":"replace","path":"/a~1b","value":10},{"op":"remove","path":"/m~0n"}]`,
			want:  `{"a/b":10}`,
		},
		{
			name:  "empty patch is identity",
			doc:   `{"a":[1,{"b":null}]}`,
			patch: `[]`,
			want:  `{"a":[1,{"b":null}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustDecode(t, tt.patch).Apply([]byte(tt.doc))
			if err != nil {
				t.Fatalf("Apply: unexpected error: %v", err)
			}
			assertJSONEqual(t, got, tt.want)
		})
	}
}

func TestApplyErrors(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		patch   string
		wantErr error // nil means any error is acceptable
	}{
		{"remove missing member", `{"a":1}`, `[{"op":"remove","path":"/b"}]`, ErrPathNotFound},
		{"replace missing member", `{"a":1}`, `[{"op":"replace","path":"/b","value":2}]`, ErrPathNotFound},
		{"add to missing parent", `{}`, `[{"op":"add","path":"/a/b","value":1}]`, ErrPathNotFound},
		{"array index out of range", `[1,2]`, `[{"op":"add","path":"/3","value":0}]`, ErrPathNotFound},
		{"remove past end", `[1]`, `[{"op":"remove","path":"/1"}]`, ErrPathNotFound},
		{"leading zero index", `[1,2]`, `[{"op":"remove","path":"/01"}]`, ErrInvalidPath},
		{"negative index", `[1,2]`, `[{"op":"remove","path":"/-1"}]`, ErrInvalidPath},
		{"dash only valid for add", `[1,2]`, `[{"op":"remove","path":"/-"}]`, ErrInvalidPath},
		{"path without slash", `{"a":1}`, `[{"op":"remove","path":"a"}]`, ErrInvalidPath},
		{"bad tilde escape", `{"a":1}`, `[{"op":"remove","path":"/~2"}]`, ErrInvalidPath},
		{"test value mismatch", `{"a":1}`, `[{"op":"test","path":"/a","value":2}]`, ErrTestFailed},
		{"test number against string", `{"a":1}`, `[{"op":"test","path":"/a","value":"1"}]`, ErrTestFailed},
		{"unknown op", `{}`, `[{"op":"frobnicate","path":"/a"}]`, nil},
		{"add without value", `{}`, `[{"op":"add","path":"/a"}]`, nil},
		{"move into own child", `{"a":{"b":{}}}`, `[{"op":"move","from":"/a","path":"/a/b/c"}]`, nil},
		{"traverse through scalar", `{"a":1}`, `[{"op":"add","path":"/a/b","value":1}]`, ErrPathNotFound},
		{"invalid document", `{"a":`, `[]`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustDecode(t, tt.patch).Apply([]byte(tt.doc))
			if err == nil {
				t.Fatalf("Apply succeeded with %s, want an error", got)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error = %v, want errors.Is(err, %v)", err, tt.wantErr)
			}
			if got != nil {
				t.Errorf("partial result returned alongside error: %s", got)
			}
		})
	}
}

func TestApplyErrorNamesOperation(t *testing.T) {
	p := mustDecode(t, `[{"op":"add","path":"/a","value":1},{"op":"remove","path":"/missing"}]`)
	_, err := p.Apply([]byte(`{}`))
	if err == nil {
		t.Fatal("expected an error")
	}
	const want = "operation 1 (remove /missing): jsonpatch: path not found"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err.Error(), want)
	}
}

func TestMoveToSamePathIsNoop(t *testing.T) {
	got, err := mustDecode(t, `[{"op":"move","from":"/a","path":"/a"}]`).Apply([]byte(`{"a":[1]}`))
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	assertJSONEqual(t, got, `{"a":[1]}`)
}

func TestCopyIsIndependent(t *testing.T) {
	// After a copy, changing the copy must not change the original.
	p := mustDecode(t, `[
		{"op":"copy","from":"/src","path":"/dst"},
		{"op":"add","path":"/dst/list/-","value":3},
		{"op":"replace","path":"/dst/name","value":"changed"}
	]`)
	got, err := p.Apply([]byte(`{"src":{"name":"orig","list":[1,2]}}`))
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	assertJSONEqual(t, got, `{"src":{"name":"orig","list":[1,2]},"dst":{"name":"changed","list":[1,2,3]}}`)
}

func TestDecodeRejectsMalformedPatch(t *testing.T) {
	for _, in := range []string{`{"op":"add"}`, `[`, `"add"`, `[{"op":1}]`} {
		if _, err := Decode([]byte(in)); err == nil {
			t.Errorf("Decode(%s) succeeded, want error", in)
		}
	}
}
