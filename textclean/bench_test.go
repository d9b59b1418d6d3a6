package textclean

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"lede/evaluate"
)

// BenchmarkFromTextSeed cleans the seed scrape (runs on a fresh clone).
func BenchmarkFromTextSeed(b *testing.B) {
	text, err := os.ReadFile(filepath.Join("testdata", "trtworld-karabakh-amnesty.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := FromText(context.Background(), string(text), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFromTextAEB cleans the naive text of every AEB page per
// iteration; the text is rendered once, outside the timer.
func BenchmarkFromTextAEB(b *testing.B) {
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("shared datasets not found: skipping")
	}
	pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb"))
	if err != nil {
		b.Fatal(err)
	}
	var texts []string
	size := 0
	for _, p := range pages {
		src, err := evaluate.ReadMaybeGzip(p.Path)
		if err != nil {
			b.Fatal(err)
		}
		t := evaluate.NaiveText(string(src))
		texts = append(texts, t)
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			if _, err := FromText(context.Background(), t, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
