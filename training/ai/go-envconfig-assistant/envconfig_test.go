package envconfig

import (
	"errors"
	"net"
	"reflect"
	"testing"
	"time"
)

// mapLookup builds a Lookup backed by a plain map, so tests never depend on
// the real process environment.
func mapLookup(m map[string]string) Lookup {
	return func(key string) (string, bool) {
		v, ok := m[key]
		return v, ok
	}
}

type dbConfig struct {
	URL      string `env:"URL" required:"true"`
	MaxConns int    `env:"MAX_CONNS" default:"10"`
}

type appConfig struct {
	Addr    string            `env:"ADDR" default:":8080"`
	Timeout time.Duration     `env:"TIMEOUT" default:"5s"`
	Debug   bool              `env:"DEBUG"`
	Hosts   []string          `env:"HOSTS"`
	Ports   []uint16          `env:"PORTS" sep:";"`
	Weights map[string]int    `env:"WEIGHTS"`
	Bind    net.IP            `env:"BIND"` // implements encoding.TextUnmarshaler
	Ratio   *float64          `env:"RATIO"`
	DB      dbConfig          `env:"DB_"`
	Labels  map[string]string `env:"-"`
	ignored string            //nolint:unused // must be skipped silently
}

func TestProcessFullConfig(t *testing.T) {
	env := map[string]string{
		"APP_TIMEOUT":   "1m30s",
		"APP_DEBUG":     "true",
		"APP_HOSTS":     "a.example, b.example",
		"APP_PORTS":     "80;443",
		"APP_WEIGHTS":   "x:1,y:2",
		"APP_BIND":      "10.0.0.1",
		"APP_RATIO":     "0.25",
		"APP_DB_URL":    "postgres://localhost/app",
		"APP_DB_UNUSED": "should be ignored",
	}
	var cfg appConfig
	if err := Process(&cfg, Options{Prefix: "APP_", Lookup: mapLookup(env)}); err != nil {
		t.Fatalf("Process returned error: %v", err)
	}

	if cfg.Addr != ":8080" {
		t.Errorf("Addr = %q, want default %q", cfg.Addr, ":8080")
	}
	if cfg.Timeout != 90*time.Second {
		t.Errorf("Timeout = %v, want 1m30s", cfg.Timeout)
	}
	if !cfg.Debug {
		t.Error("Debug = false, want true")
	}
	if want := []string{"a.example", "b.example"}; !reflect.DeepEqual(cfg.Hosts, want) {
		t.Errorf("Hosts = %q, want %q", cfg.Hosts, want)
	}
	if want := []uint16{80, 443}; !reflect.DeepEqual(cfg.Ports, want) {
		t.Errorf("Ports = %v, want %v", cfg.Ports, want)
	}
	if want := map[string]int{"x": 1, "y": 2}; !reflect.DeepEqual(cfg.Weights, want) {
		t.Errorf("Weights = %v, want %v", cfg.Weights, want)
	}
	if !cfg.Bind.Equal(net.IPv4(10, 0, 0, 1)) {
		t.Errorf("Bind = %v, want 10.0.0.1", cfg.Bind)
	}
	if cfg.Ratio == nil || *cfg.Ratio != 0.25 {
		t.Errorf("Ratio = %v, want pointer to 0.25", cfg.Ratio)
	}
	if cfg.DB.URL != "postgres://localhost/app" || cfg.DB.MaxConns != 10 {
		t.Errorf("DB = %+v, want URL set and MaxConns defaulted to 10", cfg.DB)
	}
}

func TestProcessCollectsAllErrors(t *testing.T) {
	env := map[string]string{
		"TIMEOUT":      "soon",
		"DB_MAX_CONNS": "many",
	}
	var cfg appConfig
	err := Process(&cfg, Options{Lookup: mapLookup(env)})

	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error type = %T, want Errors", err)
	}
	// TIMEOUT is malformed, DB_URL is missing, DB_MAX_CONNS is malformed.
	if len(errs) != 3 {
		t.Fatalf("got %d errors, want 3:\n%v", len(errs), err)
	}
	if !errors.Is(err, ErrRequired) {
		t.Error("errors.Is(err, ErrRequired) = false, want true")
	}
	if errs[1].Var != "DB_URL" || errs[1].Field != "DB.URL" {
		t.Errorf("second error = %+v, want DB.URL / DB_URL", errs[1])
	}
}

func TestProcessRejectsBadTargets(t *testing.T) {
	var notStruct int
	var nilPtr *appConfig
	for name, target := range map[string]any{
		"non-pointer":           appConfig{},
		"nil pointer":           nilPtr,
		"pointer to non-struct": &notStruct,
	} {
		if err := Process(target, Options{Lookup: mapLookup(nil)}); err == nil {
			t.Errorf("%s: Process succeeded, want error", name)
		}
	}
}

func TestEmptyValueFallsBackToDefault(t *testing.T) {
	cfg := struct {
		Level string `env:"LEVEL" default:"info"`
	}{}
	if err := Process(&cfg, Options{Lookup: mapLookup(map[string]string{"LEVEL": ""})}); err != nil {
		t.Fatal(err)
	}
	if cfg.Level != "info" {
		t.Errorf("Level = %q, want %q", cfg.Level, "info")
	}
}
