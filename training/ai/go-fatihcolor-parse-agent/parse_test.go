package color

import (
	"bytes"
	"fmt"
	"testing"
)

func TestParseAttribute(t *testing.T) {
	tests := []struct {
		name string
		want Attribute
	}{
		{name: "bold", want: Bold},
		{name: "Bold", want: Bold},
		{name: "dim", want: Faint},
		{name: "underline", want: Underline},
		{name: "reverse", want: ReverseVideo},
		{name: "strike", want: CrossedOut},
		{name: "black", want: FgBlack},
		{name: "red", want: FgRed},
		{name: "WHITE", want: FgWhite},
		{name: "hired", want: FgHiRed},
		{name: "hi_cyan", want: FgHiCyan},
		{name: "on_green", want: BgGreen},
		{name: "bgyellow", want: BgYellow},
		{name: "on_hiblue", want: BgHiBlue},
		{name: "bghimagenta", want: BgHiMagenta},
		{name: "0", want: Reset},
		{name: "4", want: Underline},
		{name: "95", want: FgHiMagenta},
		{name: " 1 ", want: Bold},
	}

	for _, test := range tests {
		a, err := ParseAttribute(test.name)
		if err != nil {
			t.Errorf("Expecting %q to parse, got error: %s", test.name, err)
			continue
		}

		if a != test.want {
			t.Errorf("Expecting %d for %q, got %d", test.want, test.name, a)
		}
	}
}

func TestParseAttributeError(t *testing.T) {
	names := []string{"", "  ", "purple", "on_", "hi", "onred", "-1", "108", "bold!"}

	for _, name := range names {
		if a, err := ParseAttribute(name); err == nil {
			t.Errorf("Expecting an error for %q, got %d", name, a)
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		spec string
		want *Color
	}{
		{spec: "red", want: New(FgRed)},
		{spec: "bold red", want: New(Bold, FgRed)},
		{spec: "red,bold", want: New(FgRed, Bold)},
		{spec: "bold  yellow\ton_blue", want: New(Bold, FgYellow, BgBlue)},
		{spec: "hiwhite on_hiblack underline", want: New(FgHiWhite, BgHiBlack, Underline)},
		{spec: "bold bold red", want: New(Bold, FgRed)},
		{spec: "1;31", want: nil},
		{spec: "", want: New()},
		{spec: "none", want: New()},
		{spec: "NONE", want: New()},
	}

	for _, test := range tests {
		c, err := Parse(test.spec)
		if test.want == nil {
			if err == nil {
				t.Errorf("Expecting an error for %q, got %v", test.spec, c.params)
			}
			continue
		}

		if err != nil {
			t.Errorf("Expecting %q to parse, got error: %s", test.spec, err)
			continue
		}

		if !c.Equals(test.want) {
			t.Errorf("Expecting %v for %q, got %v", test.want.params, test.spec, c.params)
		}
	}
}

func TestParseOutput(t *testing.T) {
	rb := new(bytes.Buffer)
	Output = rb

	NoColor = false

	c, err := Parse("bold red on_blue")
	if err != nil {
		t.Fatal(err)
	}

	c.Print("text")

	line, _ := rb.ReadString('\n')
	scannedLine := fmt.Sprintf("%q", line)
	colored := fmt.Sprintf("\x1b[%d;%d;%dm%s\x1b[0m", Bold, FgRed, BgBlue, "text")
	escapedForm := fmt.Sprintf("%q", colored)

	if scannedLine != escapedForm {
		t.Errorf("Expecting %s, got '%s'\n", escapedForm, scannedLine)
	}
}

func TestMustParse(t *testing.T) {
	if c := MustParse("green"); !c.Equals(New(FgGreen)) {
		t.Errorf("Expecting green, got %v", c.params)
	}

	defer func() {
		if r := recover(); r == nil {
			t.Error("Expecting MustParse to panic on an unknown color")
		}
	}()

	MustParse("bold chartreuse")
}
