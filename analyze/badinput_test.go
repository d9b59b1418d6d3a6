package analyze

import (
	"context"
	"strings"
	"testing"
	"time"

	"lede/article"
)

// Bad input never panics, never points outside the text and never costs
// more than linear time: these tests hold analysis to that.

// FuzzArticle checks that any text analyses without panic and that every
// span points inside its block.
func FuzzArticle(f *testing.F) {
	for _, s := range []string{
		"“A,” he said.\n\n“B", "According to , .", "Mr. . said: “", "'' `` « » ‹", "X, who, said, that",
		"Hikmet Hajiyev, adviser to, told Reuters that", "\"\"\"\"", "said said said", "(((( ))) said Smith (",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := paragraphs(s)
		a.Title, a.Dek = s, s
		if err := Article(context.Background(), a, Options{}); err != nil {
			t.Fatal(err)
		}
		text := func(sp article.Span) string {
			switch sp.Block {
			case article.TitleBlock:
				return a.Title
			case article.DekBlock:
				return a.Dek
			}
			return a.Blocks[sp.Block].Text
		}
		check := func(sp article.Span) {
			if sp.Start < 0 || sp.End < sp.Start || sp.End > len(text(sp)) {
				t.Fatalf("span %+v outside its text", sp)
			}
		}
		for _, q := range a.Quotes {
			check(q.Span)
			if q.Speaker != nil && q.Speaker.Span != nil {
				check(*q.Speaker.Span)
			}
			if q.Speaker != nil && q.Speaker.Entity >= len(a.Entities) {
				t.Fatalf("speaker entity %d of %d", q.Speaker.Entity, len(a.Entities))
			}
		}
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				check(m.Span)
			}
		}
	})
}

// TestLargeInputLinear analyses pathological paragraphs (one huge run-on
// sentence full of cues, quotes and names; thousands of short quoted
// paragraphs) and fails if they take much longer than linear time would.
func TestLargeInputLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	run := func(a *article.Article) time.Duration {
		start := time.Now()
		if err := Article(context.Background(), a, Options{}); err != nil {
			t.Fatal(err)
		}
		return time.Since(start)
	}
	build := func(n int) *article.Article {
		var one strings.Builder
		for i := 0; i < n; i++ {
			one.WriteString(`John Smith said "we will stay" and he told Reuters that Mary Jones, an adviser, warned, `)
		}
		a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: one.String()}}}
		for i := 0; i < n; i++ {
			a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: `"We will stay," he said. According to Smith, it is over.`})
		}
		return a
	}
	run(build(10)) // warm up: the word lists load on first use
	small, large := run(build(2000)), run(build(8000))
	t.Logf("2000 units: %v, 8000 units: %v", small, large)
	if large > 12*small+time.Second {
		t.Errorf("4× the input took %v against %v: not linear", large, small)
	}
}
