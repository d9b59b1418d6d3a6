package textclean

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkShortLines cleans 1M one-letter lines (2 MB), the shape that used
// to take 230× its input in memory.
func BenchmarkShortLines(b *testing.B) {
	text := "T\n" + strings.Repeat("a\n", 1<<20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := FromText(context.Background(), text, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestShortLinesMemoryBound guards text mode's memory: 16 MB of one-letter
// lines took 3.7 GB (230× the input) and 20 s. Everything FromText
// allocates, live or garbage, must now stay within 10× the input plus a
// constant, which bounds its peak as well.
func TestShortLinesMemoryBound(t *testing.T) {
	const constant = 32 << 20
	cases := map[string]string{
		"one-letter lines":         "T\n" + strings.Repeat("a\n", 8<<20),
		"one-letter lines, blanks": "T\n" + strings.Repeat("a\n\n", 5<<20),
		"two alternating lines":    "T\n" + strings.Repeat("a\nb\n", 4<<20),
		"short numbered lines":     "T\n" + numbered(1<<20),
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			a, err := FromText(context.Background(), text, Options{})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes in, %d MB allocated (%.1f×), %d blocks", len(text), allocated>>20, float64(allocated)/float64(len(text)), len(a.Blocks))
			if raceDetector {
				return // allocations are not the code's own under -race
			}
			if limit := uint64(10*len(text) + constant); allocated > limit {
				t.Errorf("allocated %d MB for %d MB of text; the bound is %d MB", allocated>>20, len(text)>>20, limit>>20)
			}
			if !strings.Contains(a.Text(), "a") && !strings.Contains(a.Text(), "1") {
				t.Errorf("the text is lost")
			}
		})
	}
}

// numbered is n lines "1" … "n", each a few bytes.
func numbered(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strconv.Itoa(i))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestCollapseSpace keeps collapseSpace the same as joining the fields.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b ", "a  b", "a\tb", "a\nb\nc", "\u00a0x\u2003 y ", "Read  More ›", "één  twee"} {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
