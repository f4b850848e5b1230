package semver

import (
	"errors"
	"reflect"
	"sort"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Version
	}{
		{"plain", "1.2.3", Version{Major: 1, Minor: 2, Patch: 3}},
		{"v prefix", "v10.0.1", Version{Major: 10, Patch: 1}},
		{"zeros", "0.0.0", Version{}},
		{"pre-release", "1.0.0-alpha.1", Version{Major: 1, Pre: []string{"alpha", "1"}}},
		{"build metadata", "1.0.0+20240101", Version{Major: 1, Build: "20240101"}},
		{"pre and build", "2.1.0-rc.2+sha.abc123", Version{Major: 2, Minor: 1, Pre: []string{"rc", "2"}, Build: "sha.abc123"}},
		{"hyphen inside pre-release", "1.0.0-x-y.7", Version{Major: 1, Pre: []string{"x-y", "7"}}},
		{"large numbers", "18446744073709551615.0.0", Version{Major: 18446744073709551615}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) returned error: %v", tt.in, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"two parts", "1.2"},
		{"four parts", "1.2.3.4"},
		{"leading zero major", "01.2.3"},
		{"leading zero patch", "1.2.03"},
		{"negative", "-1.2.3"},
		{"letters", "1.x.3"},
		{"empty pre-release", "1.2.3-"},
		{"empty pre-release identifier", "1.2.3-alpha..1"},
		{"numeric pre-release with leading zero", "1.2.3-01"},
		{"empty build", "1.2.3+"},
		{"overflow", "18446744073709551616.0.0"},
		{"whitespace", " 1.2.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want error", tt.in)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("Parse(%q) error = %v, want it to wrap ErrInvalid", tt.in, err)
			}
		})
	}
}

func mustParse(t *testing.T, s string) Version {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"1.0.0", "1.0.0", 0},
		{"1.0.0", "2.0.0", -1},
		{"2.0.0", "1.9.9", 1},
		{"1.2.0", "1.10.0", -1}, // numeric, not lexical
		{"1.0.9", "1.0.10", -1},
		{"1.0.0-alpha", "1.0.0", -1}, // pre-release sorts before release
		{"1.0.0", "1.0.0-rc.1", 1},
		{"1.0.0-alpha", "1.0.0-alpha.1", -1},      // shorter set of identifiers sorts first
		{"1.0.0-alpha.1", "1.0.0-alpha.beta", -1}, // numeric < alphanumeric
		{"1.0.0-beta.2", "1.0.0-beta.11", -1},
		{"1.0.0-rc.1", "1.0.0-beta.11", 1},
		{"1.0.0+build.1", "1.0.0+build.2", 0}, // build metadata is ignored
		{"1.0.0-rc.1+a", "1.0.0-rc.1+b", 0},
	}
	for _, tt := range tests {
		t.Run(tt.a+"_vs_"+tt.b, func(t *testing.T) {
			a, b := mustParse(t, tt.a), mustParse(t, tt.b)
			if got := Compare(a, b); got != tt.want {
				t.Errorf("Compare(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			// Compare must be antisymmetric.
			if got := Compare(b, a); got != -tt.want {
				t.Errorf("Compare(%s, %s) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestCompareSortsSpecExample(t *testing.T) {
	// The precedence example from semver.org, section 11.
	want := []string{
		"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
		"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
	}
	shuffled := []string{want[5], want[7], want[0], want[3], want[6], want[1], want[4], want[2]}

	vs := make([]Version, len(shuffled))
	for i, s := range shuffled {
		vs[i] = mustParse(t, s)
	}
	sort.Slice(vs, func(i, j int) bool { return Compare(vs[i], vs[j]) < 0 })

	for i, v := range vs {
		if v.String() != want[i] {
			t.Errorf("position %d: got %s, want %s", i, v, want[i])
		}
	}
}

func TestStringRoundTrip(t *testing.T) {
	for _, s := range []string{"0.0.1", "1.2.3-alpha.1", "1.2.3+meta", "1.2.3-rc.1+build.5"} {
		t.Run(s, func(t *testing.T) {
			if got := mustParse(t, s).String(); got != s {
				t.Errorf("String() = %q, want %q", got, s)
			}
		})
	}
}

func TestBump(t *testing.T) {
	tests := []struct {
		in, part, want string
	}{
		{"1.2.3", "major", "2.0.0"},
		{"1.2.3", "minor", "1.3.0"},
		{"1.2.3", "patch", "1.2.4"},
		{"1.2.3-rc.1", "patch", "1.2.3"}, // releasing a pre-release keeps the patch number
		{"1.2.3-rc.1", "minor", "1.3.0"},
		{"1.2.3+build", "patch", "1.2.4"}, // build metadata is dropped
	}
	for _, tt := range tests {
		t.Run(tt.in+"/"+tt.part, func(t *testing.T) {
			got, err := mustParse(t, tt.in).Bump(tt.part)
			if err != nil {
				t.Fatalf("Bump(%q): %v", tt.part, err)
			}
			if got.String() != tt.want {
				t.Errorf("Bump(%q) = %s, want %s", tt.part, got, tt.want)
			}
		})
	}
}

func TestBumpUnknownPart(t *testing.T) {
	if _, err := mustParse(t, "1.0.0").Bump("micro"); err == nil {
		t.Fatal("Bump(\"micro\") succeeded, want error")
	}
}
