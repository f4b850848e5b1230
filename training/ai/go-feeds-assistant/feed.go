// Package feeds parses RSS 2.0 and Atom 1.0 documents into one common shape,
// so callers do not have to care which format a site publishes.
package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Feed is the format-independent result of parsing.
type Feed struct {
	Title string
	Link  string
	Items []Item
}

// Item is a single entry in a feed.
type Item struct {
	ID        string
	Title     string
	Link      string
	Summary   string
	Published time.Time // zero if the feed gave no parseable date
}

// ErrUnknownFormat is returned when the root element is neither <rss> nor an
// Atom <feed>.
var ErrUnknownFormat = errors.New("feeds: document is not RSS or Atom")

// The structs below mirror just the parts of each format we need.
// encoding/xml ignores everything else.

type rssDoc struct {
	Channel struct {
		Title string    `xml:"title"`
		Link  string    `xml:"link"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	GUID        string `xml:"guid"`
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	Description string `xml:"description"`
	PubDate     string `xml:"pubDate"`
}

type atomDoc struct {
	Title   string      `xml:"title"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
	Content   string     `xml:"content"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
}

// Parse reads a whole RSS or Atom document from r.
//
// Items are returned newest first; items without a date keep their document
// order after the dated ones. Missing IDs fall back to the item's link so
// callers always have something to de-duplicate on.
func Parse(r io.Reader) (*Feed, error) {
	// We need to look at the root element before choosing a struct, and
	// xml.Decoder cannot rewind, so buffer the document once.
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("feeds: reading document: %w", err)
	}

	root, err := rootElement(data)
	if err != nil {
		return nil, err
	}

	var feed *Feed
	switch root {
	case "rss":
		feed, err = parseRSS(data)
	case "feed":
		feed, err = parseAtom(data)
	default:
		return nil, fmt.Errorf("%w (root element <%s>)", ErrUnknownFormat, root)
	}
	if err != nil {
		return nil, err
	}

	sortNewestFirst(feed.Items)
	return feed, nil
}

// rootElement returns the local name of the first start element.
func rootElement(data []byte) (string, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return "", fmt.Errorf("feeds: empty document")
		}
		if err != nil {
			return "", fmt.Errorf("feeds: invalid XML: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local, nil
		}
	}
}

func parseRSS(data []byte) (*Feed, error) {
	var doc rssDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("feeds: invalid RSS: %w", err)
	}
	feed := &Feed{
		Title: strings.TrimSpace(doc.Channel.Title),
		Link:  strings.TrimSpace(doc.Channel.Link),
	}
	for _, it := range doc.Channel.Items {
		item := Item{
			ID:      strings.TrimSpace(it.GUID),
			Title:   strings.TrimSpace(it.Title),
			Link:    strings.TrimSpace(it.Link),
			Summary: strings.TrimSpace(it.Description),
		}
		item.Published, _ = parseDate(it.PubDate) // an unparseable date is not fatal
		if item.ID == "" {
			item.ID = item.Link
		}
		feed.Items = append(feed.Items, item)
	}
	return feed, nil
}

func parseAtom(data []byte) (*Feed, error) {
	var doc atomDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("feeds: invalid Atom: %w", err)
	}
	feed := &Feed{
		Title: strings.TrimSpace(doc.Title),
		Link:  alternateLink(doc.Links),
	}
	for _, e := range doc.Entries {
		item := Item{
			ID:    strings.TrimSpace(e.ID),
			Title: strings.TrimSpace(e.Title),
			Link:  alternateLink(e.Links),
		}
		// Prefer the short summary; fall back to the full content.
		item.Summary = strings.TrimSpace(e.Summary)
		if item.Summary == "" {
			item.Summary = strings.TrimSpace(e.Content)
		}
		// <published> is optional in Atom, <updated> is required.
		date := e.Published
		if strings.TrimSpace(date) == "" {
			date = e.Updated
		}
		item.Published, _ = parseDate(date)
		if item.ID == "" {
			item.ID = item.Link
		}
		feed.Items = append(feed.Items, item)
	}
	return feed, nil
}

// alternateLink picks the rel="alternate" link (the default when rel is
// absent), falling back to the first link of any kind.
func alternateLink(links []atomLink) string {
	for _, l := range links {
		if l.Rel == "" || l.Rel == "alternate" {
			return strings.TrimSpace(l.Href)
		}
	}
	if len(links) > 0 {
		return strings.TrimSpace(links[0].Href)
	}
	return ""
}

// dateLayouts covers RFC 822/1123 as used by RSS (with and without seconds,
// numeric or named zones) and RFC 3339 as used by Atom. Real feeds are sloppy,
// so we try them in turn.
var dateLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 -0700",
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02",
}

func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("empty date")
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}

func sortNewestFirst(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i].Published, items[j].Published
		// Dated items come before undated ones.
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		return a.After(b)
	})
}
