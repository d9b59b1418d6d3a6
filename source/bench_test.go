package source

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkKey(b *testing.B) {
	urls := []string{
		"https://www.example.org/news/2024/05/06/story-of-the-day/amp/?utm_source=twitter&utm_medium=social&id=7#comments",
		"http://Example.ORG:80/a/./b/../c/index.html?b=2&a=1&fbclid=IwAR0",
		"https://example-org.cdn.ampproject.org/c/s/example.org/news/story.amp.html",
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Key(urls[i%len(urls)])
	}
}

// benchFile writes n copies of a page as the given input kind.
func benchFile(b *testing.B, kind string, n int) (string, int64) {
	page := articleHTML("Bench")
	var buf bytes.Buffer
	name := filepath.Join(b.TempDir(), "bench")
	switch kind {
	case "warc.gz":
		for i := range n {
			rec := warcRecord("1.1", "response", fmt.Sprintf("https://example.org/%d.html", i), "application/http; msgtype=response", httpResponse("text/html", page))
			buf.Write(gzipBytes(b, rec))
		}
		name += ".warc.gz"
	case "jsonl":
		for i := range n {
			fmt.Fprintf(&buf, `{"url": "https://example.org/%d.html", "html": %q}`+"\n", i, page)
		}
		name += ".jsonl"
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	return name, int64(buf.Len())
}

func benchmarkDiscover(b *testing.B, kind string) {
	const n = 200
	name, size := benchFile(b, kind, n)
	opts := testOptions()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		got := 0
		err := Discover(context.Background(), name, opts, func(f Found) error {
			if f.Page == nil || f.Page.Err != nil {
				b.Fatalf("unexpected %+v", f)
			}
			got++
			return nil
		})
		if err != nil || got != n {
			b.Fatalf("%d pages, err %v", got, err)
		}
	}
}

func BenchmarkDiscoverWARC(b *testing.B)  { benchmarkDiscover(b, "warc.gz") }
func BenchmarkDiscoverJSONL(b *testing.B) { benchmarkDiscover(b, "jsonl") }
