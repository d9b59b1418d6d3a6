package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// maxListingEntries caps the entries read from one feed or sitemap; the
// sitemap protocol allows 50,000 per file.
const maxListingEntries = 50_000

// parseListing reads a feed or sitemap body (already gunzipped) of the given
// format (from sniff) into the Targets it names. base resolves relative
// links (the listing's own URL; empty for a local file), src becomes each
// Target's Source, depth the listing's own depth. Entries dated before since
// are left out.
func parseListing(body []byte, format, base, src string, depth int, since time.Time) (*Listing, error) {
	baseURL, _ := url.Parse(base)
	var targets []Target
	var err error
	switch format {
	case "sitemap", "sitemapindex":
		targets, err = parseSitemap(body, baseURL, src, depth, since)
	default:
		targets, err = parseFeed(body, baseURL, src, depth, since)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", format, ErrListing, err)
	}
	return &Listing{Format: format, Targets: targets}, nil
}

func parseFeed(body []byte, base *url.URL, src string, depth int, since time.Time) ([]Target, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if base == nil || base.Host == "" {
		// a local feed file: its own link says where relative links point
		if l, err := url.Parse(strings.TrimSpace(feed.Link)); err == nil && l.IsAbs() {
			base = l
		}
	}
	var out []Target
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		link := strings.TrimSpace(it.Link)
		if link == "" && len(it.Links) > 0 {
			link = strings.TrimSpace(it.Links[0])
		}
		if link == "" && isHTTPURL(it.GUID) {
			link = strings.TrimSpace(it.GUID) // an RSS guid with isPermaLink
		}
		if link == "" {
			continue
		}
		var published *time.Time
		switch {
		case it.PublishedParsed != nil:
			published = it.PublishedParsed
		case it.UpdatedParsed != nil:
			published = it.UpdatedParsed
		}
		if published != nil && !since.IsZero() && published.Before(since) {
			continue
		}
		t := Target{
			URL:    resolve(base, link),
			Source: src,
			Depth:  depth + 1,
			Listed: Override{Title: strings.TrimSpace(it.Title), SiteName: strings.TrimSpace(feed.Title), Language: feed.Language},
		}
		if published != nil {
			t.Listed.Published = published.UTC().Format(time.RFC3339)
		}
		out = append(out, t)
		if len(out) >= maxListingEntries {
			break
		}
	}
	return out, nil
}

// sitemapEntry is a <url> of a urlset or a <sitemap> of a sitemap index,
// with the Google News extension (news:news). Field tags without a
// namespace match the elements in any namespace.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod"`
	News    struct {
		Publication struct {
			Name     string `xml:"name"`
			Language string `xml:"language"`
		} `xml:"publication"`
		PublicationDate string `xml:"publication_date"`
		Title           string `xml:"title"`
	} `xml:"news"`
}

func parseSitemap(body []byte, base *url.URL, src string, depth int, since time.Time) ([]Target, error) {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // URLs are ASCII
	var out []Target
	root := ""
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return out, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		name := strings.ToLower(se.Name.Local)
		if root == "" {
			root = name
			if root != "urlset" && root != "sitemapindex" {
				return nil, fmt.Errorf("root element <%s> is not urlset or sitemapindex", se.Name.Local)
			}
			continue
		}
		if name != "url" && name != "sitemap" {
			if err := dec.Skip(); err != nil {
				return out, err
			}
			continue
		}
		var e sitemapEntry
		if err := dec.DecodeElement(&e, &se); err != nil {
			return out, err
		}
		loc := strings.TrimSpace(e.Loc)
		if loc == "" {
			continue
		}
		if !since.IsZero() {
			if d, ok := parseW3CDate(e.News.PublicationDate); ok && d.Before(since) {
				continue
			}
			if d, ok := parseW3CDate(e.Lastmod); ok && d.Before(since) {
				continue // not changed since: neither is what it lists
			}
		}
		t := Target{URL: resolve(base, loc), Source: src, Depth: depth + 1, MayList: root == "sitemapindex"}
		if d, ok := parseW3CDate(e.News.PublicationDate); ok {
			t.Listed.Published = d.UTC().Format(time.RFC3339)
		}
		t.Listed.Title = strings.TrimSpace(e.News.Title)
		t.Listed.SiteName = strings.TrimSpace(e.News.Publication.Name)
		t.Listed.Language = strings.TrimSpace(e.News.Publication.Language)
		out = append(out, t)
		if len(out) >= maxListingEntries {
			break
		}
	}
	if root == "" {
		return nil, errors.New("no root element")
	}
	return out, nil
}

// w3cLayouts are the W3C Datetime forms sitemaps use, longest first.
var w3cLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02",
	"2006-01",
	"2006",
}

func parseW3CDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range w3cLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// resolve makes ref absolute against base when it can; it returns ref
// as is otherwise (the fetch then refuses it with a reason).
func resolve(base *url.URL, ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	if base == nil || u.IsAbs() {
		return u.String()
	}
	return base.ResolveReference(u).String()
}

func isHTTPURL(s string) bool {
	l := strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}
