package csvimport

import (
	"errors"
	"strings"
	"testing"
	"time"
)

var peopleSchema = Schema{Columns: []Column{
	{Name: "email", Kind: String, Required: true, Aliases: []string{"e-mail", "Email Address"}, Validate: Email},
	{Name: "name", Kind: String, Required: true},
	{Name: "age", Kind: Int, Validate: Between(0, 150)},
	{Name: "role", Kind: String, Validate: OneOf("admin", "member")},
	{Name: "active", Kind: Bool},
	{Name: "joined", Kind: Date},
}}

func TestImportValidFile(t *testing.T) {
	in := "\ufeffE-Mail,Name,Age,Role,Active,Joined\n" +
		"ada@example.com,Ada,36,admin,yes,2021-03-04\n" +
		"bob@example.com,Bob,,member,no,\n" +
		",,,,,\n"

	recs, err := Import(strings.NewReader(in), peopleSchema, Options{})
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	if recs[0]["age"] != int64(36) || recs[0]["active"] != true {
		t.Errorf("first record = %v", recs[0])
	}
	if want := time.Date(2021, 3, 4, 0, 0, 0, 0, time.UTC); recs[0]["joined"] != want {
		t.Errorf("joined = %v, want %v", recs[0]["joined"], want)
	}
	if _, has := recs[1]["age"]; has {
		t.Error("empty optional cell should be absent from the record")
	}
}

func TestImportCollectsAllCellErrors(t *testing.T) {
	in := "email,name,age,role\n" +
		"not-an-email,Ann,abc,owner\n" +
		"ok@example.com,,200,member\n"

	_, err := Import(strings.NewReader(in), peopleSchema, Options{})
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error = %v, want *ValidationError", err)
	}

	got := map[string]int{}
	for _, ce := range verr.Errors {
		got[ce.Column]++
	}
	want := map[string]int{"email": 1, "age": 2, "role": 1, "name": 1}
	for col, n := range want {
		if got[col] != n {
			t.Errorf("errors in %q = %d, want %d (all: %v)", col, got[col], n, verr.Errors)
		}
	}
	if verr.Errors[0].Row != 2 {
		t.Errorf("first error on row %d, want 2", verr.Errors[0].Row)
	}
}

func TestImportHeaderProblems(t *testing.T) {
	in := "email,email address,nickname\nx@y.z,x@y.z,xy\n"
	_, err := Import(strings.NewReader(in), peopleSchema, Options{})

	var herr *HeaderError
	if !errors.As(err, &herr) {
		t.Fatalf("error = %v, want *HeaderError", err)
	}
	if len(herr.Missing) != 1 || herr.Missing[0] != "name" {
		t.Errorf("missing = %v", herr.Missing)
	}
	if len(herr.Duplicate) != 1 || len(herr.Unexpected) != 1 {
		t.Errorf("duplicate = %v, unexpected = %v", herr.Duplicate, herr.Unexpected)
	}
}

func TestImportStopsAtMaxErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("email,name\n")
	for i := 0; i < 50; i++ {
		b.WriteString("bad,x\n")
	}
	_, err := Import(strings.NewReader(b.String()), peopleSchema, Options{MaxErrors: 5})
	var verr *ValidationError
	if !errors.As(err, &verr) || len(verr.Errors) != 5 || !verr.Truncated {
		t.Fatalf("got %v", err)
	}
}

func TestImportMaxRows(t *testing.T) {
	in := "email,name\na@b.cd,A\nc@d.ef,C\n"
	_, err := Import(strings.NewReader(in), peopleSchema, Options{MaxRows: 1})
	if !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("error = %v, want ErrTooManyRows", err)
	}
}

func TestSchemaRejectsAmbiguousAliases(t *testing.T) {
	s := Schema{Columns: []Column{
		{Name: "email"},
		{Name: "contact", Aliases: []string{" EMAIL "}},
	}}
	if err := s.Validate(); err == nil {
		t.Fatal("expected an error: ' EMAIL ' normalises to the same header as 'email'")
	}
}
