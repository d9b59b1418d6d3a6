package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// warcRecord builds one WARC record (version "1.0" or "1.1").
func warcRecord(version, typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/%s\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-4000-8000-000000000000>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n", version, typ, b.Len()+len(uri)+len(block))
	if uri != "" && version == "1.0" {
		// the WARC 1.0 grammar put the URI in angle brackets, and some
		// writers of that time did
		fmt.Fprintf(&b, "WARC-Target-URI: <%s>\r\n", uri)
	} else if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

func httpResponse(contentType string, body []byte) []byte {
	return append([]byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", contentType, len(body))), body...)
}

// warcFile lays records out: "plain", "member" (one gzip member per
// record) or "whole" (one gzip member for the file).
func warcFile(t testing.TB, layout string, records ...[]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	switch layout {
	case "plain":
		for _, r := range records {
			out.Write(r)
		}
	case "member":
		for _, r := range records {
			out.Write(gzipBytes(t, r))
		}
	case "whole":
		out.Write(gzipBytes(t, bytes.Join(records, nil)))
	}
	return out.Bytes()
}

// sampleRecords: warcinfo, then for two pages a request and a response, an
// image response and a metadata record that must all be skipped.
func sampleRecords(version string) [][]byte {
	return [][]byte{
		warcRecord(version, "warcinfo", "", "application/warc-fields", []byte("software: lede test\r\n")),
		warcRecord(version, "request", "https://example.org/1.html", "application/http; msgtype=request", []byte("GET /1.html HTTP/1.1\r\nHost: example.org\r\n\r\n")),
		warcRecord(version, "response", "https://example.org/1.html", "application/http; msgtype=response", httpResponse("text/html; charset=utf-8", articleHTML("One"))),
		warcRecord(version, "response", "https://example.org/logo.png", "application/http; msgtype=response", httpResponse("image/png", []byte("\x89PNG\r\n\x1a\n"))),
		warcRecord(version, "metadata", "https://example.org/1.html", "application/warc-fields", []byte("outlink: https://example.org/2.html\r\n")),
		warcRecord(version, "response", "https://example.org/2.html", "application/http; msgtype=response", httpResponse("text/html", articleHTML("Two"))),
	}
}

func discoverAll(t *testing.T, input string, opts Options) []Found {
	t.Helper()
	var out []Found
	if err := Discover(context.Background(), input, opts, func(f Found) error {
		out = append(out, f)
		return nil
	}); err != nil {
		t.Fatalf("Discover(%s): %v", input, err)
	}
	return out
}

func TestWARCLayoutsAndVersions(t *testing.T) {
	dir := t.TempDir()
	for _, version := range []string{"1.0", "1.1"} {
		for _, layout := range []string{"plain", "member", "whole"} {
			t.Run(version+"/"+layout, func(t *testing.T) {
				name := filepath.Join(dir, fmt.Sprintf("crawl-%s-%s.warc", version, layout))
				if layout != "plain" {
					name += ".gz"
				}
				if err := os.WriteFile(name, warcFile(t, layout, sampleRecords(version)...), 0o644); err != nil {
					t.Fatal(err)
				}
				found := discoverAll(t, name, testOptions())
				var urls []string
				for _, f := range found {
					if f.Page == nil || f.Page.Err != nil {
						t.Fatalf("unexpected %+v %+v", f, f.Page)
					}
					p := f.Page
					urls = append(urls, p.URL)
					if p.FetchedAt.Format("2006-01-02T15:04:05Z") != "2024-05-01T12:00:00Z" {
						t.Errorf("%s: FetchedAt %v, want the WARC-Date", p.URL, p.FetchedAt)
					}
					if !strings.HasPrefix(p.ContentType, "text/html") {
						t.Errorf("%s: ContentType %q", p.URL, p.ContentType)
					}
					if !bytes.HasPrefix(p.Body, []byte("<!DOCTYPE html>")) {
						t.Errorf("%s: body starts %q, want the HTML without HTTP headers", p.URL, p.Body[:min(40, len(p.Body))])
					}
					if !strings.HasPrefix(p.Source, name+"#") {
						t.Errorf("Source %q, want %s#offset", p.Source, name)
					}
				}
				if want := "https://example.org/1.html https://example.org/2.html"; strings.Join(urls, " ") != want {
					t.Errorf("pages %v, want %s", urls, want)
				}
			})
		}
	}
}

// A record that cannot be parsed is reported, and the records after it are
// still read, in every layout.
func TestWARCBrokenRecordDoesNotStopTheRest(t *testing.T) {
	dir := t.TempDir()
	good := sampleRecords("1.1")
	broken := []byte("WARC/1.1\r\nWARC-Type: response\r\nthis line is no header field\r\nContent-Length: abc\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html></html>\r\n\r\n")
	records := [][]byte{good[2], broken, good[5]}
	for _, layout := range []string{"plain", "member", "whole"} {
		t.Run(layout, func(t *testing.T) {
			name := filepath.Join(dir, "broken-"+layout+".warc.gz")
			os.WriteFile(name, warcFile(t, layout, records...), 0o644)
			found := discoverAll(t, name, testOptions())
			var urls []string
			errs := 0
			for _, f := range found {
				switch {
				case f.Page.Err != nil:
					errs++
					if !errors.Is(f.Page.Err, ErrRecord) {
						t.Errorf("broken record: %v, want ErrRecord", f.Page.Err)
					}
				default:
					urls = append(urls, f.Page.URL)
				}
			}
			t.Logf("%d found, %d errors: %v", len(found), errs, urls)
			if len(urls) == 0 || urls[len(urls)-1] != "https://example.org/2.html" {
				t.Errorf("pages %v: the record after the broken one was lost", urls)
			}
			if errs == 0 {
				t.Error("the broken record was not reported")
			}
		})
	}
}

func TestWARCBadGzipMember(t *testing.T) {
	good := sampleRecords("1.1")
	first := gzipBytes(t, good[2])
	bad := gzipBytes(t, good[5])
	bad[len(bad)/2] ^= 0xff // corrupt the middle of the second member
	third := gzipBytes(t, warcRecord("1.1", "response", "https://example.org/3.html", "application/http; msgtype=response", httpResponse("text/html", articleHTML("Three"))))
	name := filepath.Join(t.TempDir(), "bad.warc.gz")
	os.WriteFile(name, bytes.Join([][]byte{first, bad, third}, nil), 0o644)
	var urls []string
	errs := 0
	for _, f := range discoverAll(t, name, testOptions()) {
		if f.Page.Err != nil {
			errs++
			continue
		}
		urls = append(urls, f.Page.URL)
	}
	if strings.Join(urls, " ") != "https://example.org/1.html https://example.org/3.html" || errs == 0 {
		t.Errorf("pages %v, %d errors; want 1 and 3 read and the bad member reported", urls, errs)
	}
}
