package source

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"lede/decode"
)

// kind is what a body is, told from its first bytes.
type kind int

const (
	kindPage    kind = iota // an HTML page or a text: extract it
	kindWARC                // WARC records
	kindJSONL               // JSON Lines records
	kindListing             // a feed or a sitemap; format says which
)

// sniffBytes is how much of a body detection looks at.
const sniffBytes = 64 << 10

// sniff tells what head (the first bytes of a body, already gunzipped) is,
// and for a listing its format ("rss", "atom", "json", "sitemap",
// "sitemapindex").
func sniff(head []byte) (kind, string) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(trimmed, []byte("WARC/")):
		return kindWARC, ""
	case bytes.HasPrefix(trimmed, []byte("{")):
		if isJSONFeed(trimmed) {
			return kindListing, "json"
		}
		return kindJSONL, ""
	case bytes.HasPrefix(trimmed, []byte("<")):
		if f := xmlListingFormat(trimmed); f != "" {
			return kindListing, f
		}
	}
	return kindPage, ""
}

// isJSONFeed reports whether a JSON object carries JSON Feed's version
// ("https://jsonfeed.org/version/1.1"). It reads the top-level keys in
// order and stops at the first value it cannot read, so a truncated head is
// fine as long as "version" comes early (the spec puts it first).
func isJSONFeed(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return false
		}
		key, _ := t.(string)
		if key == "version" {
			var v string
			if dec.Decode(&v) != nil {
				return false
			}
			return strings.HasPrefix(v, "https://jsonfeed.org/version/") ||
				strings.HasPrefix(v, "http://jsonfeed.org/version/")
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return false
		}
	}
	return false
}

// xmlListingFormat returns the listing format of an XML document by its
// root element, or "" for anything else (an HTML page, broken XML).
func xmlListingFormat(b []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	// Only the root element's name is read, which is ASCII in every
	// charset a feed declares.
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 64 { // prolog tokens: declaration, comments, doctype, spaces
		t, err := dec.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := t.(xml.StartElement); ok {
			switch strings.ToLower(se.Name.Local) {
			case "rss":
				return "rss"
			case "rdf":
				return "rss" // RSS 1.0 is RDF
			case "feed":
				return "atom"
			case "urlset":
				return "sitemap"
			case "sitemapindex":
				return "sitemapindex"
			}
			return ""
		}
	}
	return ""
}

// isGzip reports whether b starts with the gzip magic.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

// pageHeadBytes is the short head sniffBody reads first: enough for an
// HTML page's doctype or root element, which settles what most bodies are.
const pageHeadBytes = 512

// sniffBody tells what a body is (gzipped or not) by its head. An HTML
// page is told by its first bytes, so only they are decompressed; anything
// else is sniffed on the long head a listing's prolog may need. (Every
// page of a crawl went through 64 KiB of gunzip here only to be told a
// page: a tenth of reading it.)
func sniffBody(b []byte) (kind, string) {
	if head := gunzipHead(b, pageHeadBytes); startsHTML(head) {
		return kindPage, ""
	}
	return sniff(gunzipHead(b, sniffBytes))
}

// startsHTML reports whether head opens an HTML document: its doctype or
// its root element first, after a BOM and spaces. No feed or sitemap does.
func startsHTML(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	start := bytes.ToLower(head[:min(len(head), len("<!doctype html"))])
	if bytes.Equal(start, []byte("<!doctype html")) {
		return true
	}
	rest, ok := bytes.CutPrefix(start, []byte("<html"))
	return ok && len(rest) > 0 && bytes.IndexByte([]byte("> \t\r\n"), rest[0]) >= 0
}

// gunzipHead returns the first n bytes of b, decompressed if b is gzip; a
// broken gzip gives what could be read.
func gunzipHead(b []byte, n int) []byte {
	if !isGzip(b) {
		return b[:min(len(b), n)]
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	head, _ := io.ReadAll(io.LimitReader(zr, int64(n)))
	return head
}

// gunzip decompresses b when it is gzip, capped at limit bytes.
func gunzip(b []byte, limit int64) ([]byte, error) {
	if !isGzip(b) {
		return b, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("bad gzip: %w", err)
	}
	out, err := decode.ReadAll(zr, limit)
	if err != nil {
		if errors.Is(err, decode.ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("bad gzip: %w", err)
	}
	return out, nil
}
