package analyze

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"lede/article"
	"lede/evaluate"
)

// BenchmarkSeed analyses the seed article; it runs on a fresh clone.
func BenchmarkSeed(b *testing.B) {
	a := seedArticle(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if err := Article(ctx, a, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkAEB analyses the gold texts of the AEB pages (181 news and blog
// articles), each split into paragraphs on blank lines. The issue asks for
// at least 200 articles per second on one core: run with -cpu 1.
func BenchmarkAEB(b *testing.B) {
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("no ../shared/datasets beside the module: AEB benchmark skipped")
	}
	pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb"))
	if err != nil {
		b.Fatal(err)
	}
	articles := make([]*article.Article, len(pages))
	for i, p := range pages {
		articles[i] = paragraphs(p.Gold)
	}
	ctx := context.Background()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, a := range articles {
			if err := Article(ctx, a, Options{}); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// paragraphs makes an article of text split on blank lines.
func paragraphs(text string) *article.Article {
	a := &article.Article{}
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: p})
		}
	}
	return a
}
