package lede

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/net/html"

	"lede/evaluate"
)

// BenchmarkExtract runs Extract over the 181 AEB pages per iteration, as the
// bench's lede row calls it (page bytes and URL in, decode included), against
// html.Parse alone on the same bytes, and reports both times per pass and
// their ratio, the speed target (≤ 2). Like the bench, it reads each
// page just before timing it and keeps no page around: with all pages held
// in memory the heap would be large and the garbage collector would run far
// less often than in a real run, hiding the cost of allocations.
func BenchmarkExtract(b *testing.B) {
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("SKIP: ../shared/datasets not found; Extract benchmark not run")
	}
	pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb"))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	read := func(p evaluate.AEBPage) []byte {
		data, err := evaluate.ReadMaybeGzip(p.Path)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	b.ReportAllocs()
	var parseTime, extractTime, parseCPU, extractCPU time.Duration
	for b.Loop() {
		for _, p := range pages {
			data := read(p)
			start, startCPU := time.Now(), processCPU()
			if _, err := html.Parse(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
			parseTime += time.Since(start)
			parseCPU += processCPU() - startCPU

			data = read(p)
			start, startCPU = time.Now(), processCPU()
			if _, err := Extract(ctx, data, Options{URL: p.URL}); err != nil {
				b.Fatal(err)
			}
			extractTime += time.Since(start)
			extractCPU += processCPU() - startCPU
		}
	}
	n := float64(b.N)
	b.ReportMetric(parseTime.Seconds()/n, "parse-s/pass")
	b.ReportMetric(extractTime.Seconds()/n, "extract-s/pass")
	b.ReportMetric(extractTime.Seconds()/parseTime.Seconds(), "extract/parse")
	// On a shared machine the wall clock also counts the time other
	// processes held the CPU; the process's CPU time (garbage collection
	// included) does not, and with -cpu 1 it is the work each side did.
	if parseCPU > 0 {
		b.ReportMetric(extractCPU.Seconds()/parseCPU.Seconds(), "extract/parse-cpu")
	}
}
