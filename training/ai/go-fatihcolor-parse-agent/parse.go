package color

import (
	"fmt"
	"strconv"
	"strings"
)

// attrNames maps the names accepted by Parse to their base attributes.
var attrNames = map[string]Attribute{
	"reset":      Reset,
	"bold":       Bold,
	"faint":      Faint,
	"dim":        Faint,
	"italic":     Italic,
	"underline":  Underline,
	"ul":         Underline,
	"blink":      BlinkSlow,
	"blinkslow":  BlinkSlow,
	"blinkfast":  BlinkRapid,
	"reverse":    ReverseVideo,
	"concealed":  Concealed,
	"crossedout": CrossedOut,
	"strike":     CrossedOut,
}

// colorNames maps color names to their offset from FgBlack. The same offset
// is used for the background and hi-intensity variants.
var colorNames = map[string]Attribute{
	"black":   0,
	"red":     1,
	"green":   2,
	"yellow":  3,
	"blue":    4,
	"magenta": 5,
	"cyan":    6,
	"white":   7,
}

// ParseAttribute returns the Attribute for a single name. Names are case
// insensitive. Colors can be prefixed with "hi" for the hi-intensity variant
// and with "on_" (or "bg") for the background, for example "red", "hiblue",
// "on_green" or "on_hiwhite". Plain SGR numbers such as "4" or "95" are
// accepted as well.
func ParseAttribute(name string) (Attribute, error) {
	s := strings.ToLower(strings.TrimSpace(name))
	if s == "" {
		return 0, fmt.Errorf("color: empty attribute name")
	}

	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 107 {
			return 0, fmt.Errorf("color: SGR code out of range: %d", n)
		}
		return Attribute(n), nil
	}

	if a, ok := attrNames[s]; ok {
		return a, nil
	}

	base := FgBlack
	switch {
	case strings.HasPrefix(s, "on_"):
		s, base = s[3:], BgBlack
	case strings.HasPrefix(s, "bg"):
		s, base = s[2:], BgBlack
	}

	if strings.HasPrefix(s, "hi") {
		s = s[2:]
		base += FgHiBlack - FgBlack
	}

	s = strings.TrimPrefix(s, "_")
	c, ok := colorNames[s]
	if !ok {
		return 0, fmt.Errorf("color: unknown attribute %q", name)
	}

	return base + c, nil
}

// Parse returns a new color object from a spec made of attribute names,
// separated by spaces or commas. See ParseAttribute for the names. It's useful
// to let users pick colors in a config file or with a command line flag:
//
//	c, err := color.Parse("bold yellow on_blue")
//	if err != nil {
//		return err
//	}
//	c.Println("Prints bold yellow text on blue.")
//
// An empty spec or "none" returns a color without any attributes.
func Parse(spec string) (*Color, error) {
	fields := strings.FieldsFunc(spec, func(r rune) bool {
		return r == ' ' || r == ',' || r == '\t'
	})

	c := New()
	if len(fields) == 1 && strings.EqualFold(fields[0], "none") {
		return c, nil
	}

	for _, f := range fields {
		a, err := ParseAttribute(f)
		if err != nil {
			return nil, err
		}

		// don't add the same attribute twice, "bold bold red" is just bold red
		if !c.attrExists(a) {
			c.Add(a)
		}
	}

	return c, nil
}

// MustParse is like Parse but panics if the spec can't be parsed. It
// simplifies the initialization of global color variables.
func MustParse(spec string) *Color {
	c, err := Parse(spec)
	if err != nil {
		panic(err)
	}

	return c
}
