package feeds

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const rssSample = `<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title> Example </title><link>https://example.com/</link>
  <item><title>Old</title><link>https://example.com/1</link><pubDate>Mon, 02 Jan 2006 15:04:05 -0700</pubDate></item>
  <item><title>Undated</title><guid>u-1</guid></item>
  <item><title>New</title><link>https://example.com/2</link><pubDate>Tue, 3 Jan 2006 10:00:00 GMT</pubDate></item>
</channel></rss>`

const atomSample = `<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Example</title>
  <link rel="self" href="https://example.org/feed.xml"/>
  <link href="https://example.org/"/>
  <entry><id>tag:1</id><title>Entry</title><link href="https://example.org/e1"/>
    <updated>2021-05-01T12:00:00Z</updated><content>Full text</content></entry>
</feed>`

func TestParseRSS(t *testing.T) {
	f, err := Parse(strings.NewReader(rssSample))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Example" || f.Link != "https://example.com/" {
		t.Errorf("channel = %q %q", f.Title, f.Link)
	}
	var titles []string
	for _, it := range f.Items {
		titles = append(titles, it.Title)
	}
	if strings.Join(titles, ",") != "New,Old,Undated" {
		t.Errorf("order = %v", titles)
	}
	if f.Items[1].ID != "https://example.com/1" {
		t.Errorf("ID should fall back to link, got %q", f.Items[1].ID)
	}
}

func TestParseAtom(t *testing.T) {
	f, err := Parse(strings.NewReader(atomSample))
	if err != nil {
		t.Fatal(err)
	}
	if f.Link != "https://example.org/" {
		t.Errorf("feed link = %q, want the alternate link", f.Link)
	}
	it := f.Items[0]
	if it.Summary != "Full text" || it.Published.Year() != 2021 {
		t.Errorf("item = %+v", it)
	}
}

func TestParseRejectsOtherXML(t *testing.T) {
	_, err := Parse(strings.NewReader(`<html><body/></html>`))
	if !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("err = %v", err)
	}
	if _, err := Parse(strings.NewReader(``)); err == nil {
		t.Error("empty input should fail")
	}
}

func TestFetchConditional(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Write([]byte(atomSample))
	}))
	defer srv.Close()

	var f Fetcher
	res, err := f.Fetch(context.Background(), srv.URL, Conditional{})
	if err != nil || res.Feed == nil || res.Next.ETag != `"v1"` {
		t.Fatalf("first fetch: %+v %v", res, err)
	}
	res, err = f.Fetch(context.Background(), srv.URL, res.Next)
	if err != nil || !res.NotModified || res.Next.ETag != `"v1"` {
		t.Fatalf("second fetch: %+v %v", res, err)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			w.Write(bytes.Repeat([]byte("x"), MaxFeedSize+10))
			return
		}
		http.Error(w, "gone", http.StatusGone)
	}))
	defer srv.Close()

	var f Fetcher
	if _, err := f.Fetch(context.Background(), srv.URL+"/missing", Conditional{}); err == nil || !strings.Contains(err.Error(), "410") {
		t.Errorf("want status error, got %v", err)
	}
	if _, err := f.Fetch(context.Background(), srv.URL+"/big", Conditional{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("want ErrTooLarge, got %v", err)
	}
}
