package source

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// fuzzDiscover runs the reader of one stream over data and checks what every
// reader promises: it ends, never panics, and each item is a Page or a
// Target.
func fuzzDiscover(t *testing.T, data []byte) int {
	opts := testOptions()
	opts.MaxBytes = 1 << 20
	opts.MaxLineBytes = 4 << 10
	n := 0
	d := discoverer{opts: opts.withDefaults(), yield: func(f Found) error {
		if (f.Page == nil) == (f.Target == nil) {
			t.Fatalf("Found with both or neither of Page and Target: %+v", f)
		}
		if f.Page != nil && f.Page.Err == nil && f.Page.Body == nil {
			t.Fatalf("a Page with neither Body nor Err: %+v", f.Page)
		}
		n++
		return nil
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := d.stream(ctx, "fuzz", bytes.NewReader(data), time.Time{}); err != nil {
		t.Fatalf("stream: %v", err)
	}
	return n
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"url": "https://example.org/a", "html": "<p>a</p>"}` + "\n" + `{"text": "b"}`))
	f.Add([]byte(`{"url": 3}` + "\n\n" + `{"html": null}` + "\n{"))
	f.Add(gzipBytes(f, []byte(`{"url": "https://example.org/a", "text": "t", "published": "2024"}`)))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 || data[0] != '{' {
			data = append([]byte("{"), data...) // keep it sniffed as JSON Lines
		}
		fuzzDiscover(t, data)
	})
}

func FuzzWARC(f *testing.F) {
	recs := sampleRecords("1.1")
	f.Add(warcFile(f, "plain", recs...))
	f.Add(warcFile(f, "member", recs[2], recs[5]))
	f.Add(warcFile(f, "whole", sampleRecords("1.0")...))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\nHTTP/1.1 200 OK\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDiscover(t, data)
	})
}

// FuzzListing covers detection and the feed and sitemap parsers on any
// body, as a fetched page or a local file would give them.
func FuzzListing(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><link>/a</link><pubDate>Mon, 06 May 2024 10:01:00 GMT</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><link href="https://e.org/a"/></entry></feed>`))
	f.Add([]byte(`{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "https://e.org/a"}]}`))
	f.Add([]byte(`<urlset><url><loc>https://e.org/a</loc><lastmod>2024-05</lastmod><news:news><news:publication_date>2024-05-06</news:publication_date></news:news></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>https://e.org/s.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<!DOCTYPE html><html><body><p>a page</p></body></html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, format := sniffBody(data)
		if k == kindListing {
			l, err := parseListing(data, format, "https://example.org/feed", "fuzz", 0, time.Time{})
			if err == nil && l == nil {
				t.Fatal("parseListing: no Listing and no error")
			}
		}
		fuzzDiscover(t, data)
	})
}
