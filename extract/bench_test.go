package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lede/evaluate"
)

// The benchmarks show extraction against its floor, html.Parse: the issue
// allows the whole of FromHTML at most twice the parse time.

func benchmarkFile(b *testing.B, name string) {
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromHTML(context.Background(), string(src), Options{URL: "https://example.com/"}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromHTML(b *testing.B) {
	for _, size := range []struct{ name, file string }{
		{"small-21KB", "aeb-small.html"},
		{"medium-64KB", "wcxb-substack.html"},
		{"large-163KB", "aeb-large.html"},
	} {
		b.Run(size.name, func(b *testing.B) { benchmarkFile(b, size.file) })
	}
}

// loadAEBSources reads the AEB pages, or skips.
func loadAEBSources(b *testing.B) []string {
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("SKIP: ../shared/datasets not found; AEB benchmark not run")
	}
	pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb"))
	if err != nil {
		b.Fatal(err)
	}
	srcs := make([]string, len(pages))
	for i, p := range pages {
		data, err := evaluate.ReadMaybeGzip(p.Path)
		if err != nil {
			b.Fatal(err)
		}
		srcs[i] = string(data)
	}
	return srcs
}

// BenchmarkAEB runs all 181 AEB pages per iteration, first through
// html.Parse alone and then through the full FromHTML, alternating so that a
// change in machine load hits both alike. It reports both times per pass
// over the pages and their ratio, the speed target (≤ 2).
func BenchmarkAEB(b *testing.B) {
	srcs := loadAEBSources(b)
	var parseTime, fullTime time.Duration
	for b.Loop() {
		start := time.Now()
		for _, s := range srcs {
			if _, err := html.Parse(strings.NewReader(s)); err != nil {
				b.Fatal(err)
			}
		}
		parseTime += time.Since(start)
		start = time.Now()
		for _, s := range srcs {
			if _, err := FromHTML(context.Background(), s, Options{}); err != nil {
				b.Fatal(err)
			}
		}
		fullTime += time.Since(start)
	}
	n := float64(b.N)
	b.ReportMetric(parseTime.Seconds()/n, "parse-s/pass")
	b.ReportMetric(fullTime.Seconds()/n, "full-s/pass")
	b.ReportMetric(fullTime.Seconds()/parseTime.Seconds(), "full/parse")
}
