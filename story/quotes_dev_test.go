package story

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lede"
	"lede/evaluate"
)

// TestHajiyevQuoteTraced holds issue 9's quote check on stories-dev:
// Hajiyev's "Even with regard to former militaries and combatants…" is
// found in every version that carries it (the texts that quote him on
// "combatants", in whichever English rendering) and its first outlet is the
// earliest of them.
func TestHajiyevQuoteTraced(t *testing.T) {
	docs := loadDevSet(t)
	dir, _ := evaluate.Datasets()
	ctx := context.Background()
	var src []QuoteSource
	carrying := map[int64]string{}
	for i, d := range docs {
		if d.Story != "karabakh-amnesty" {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, "stories-dev", d.File))
		if err != nil {
			t.Fatal(err)
		}
		a := *d.article
		if err := lede.Analyze(ctx, &a); err != nil {
			t.Fatal(err)
		}
		id := int64(i + 1)
		src = append(src, QuoteSource{ArticleID: id, URL: d.URL, Article: &a})
		if strings.Contains(strings.ToLower(string(text)), "combatants") {
			carrying[id] = d.File
		}
	}
	var trace *QuoteTrace
	traces := GroupQuotes(src)
	for i := range traces {
		if strings.Contains(strings.ToLower(traces[i].Text+strings.Join(traces[i].Variants, " ")), "combatants") {
			trace = &traces[i]
			break
		}
	}
	if trace == nil {
		t.Fatal("no traced quote about combatants")
	}
	t.Logf("%q — %s; %d outlets; first %s %s; %d variants", trace.Text, trace.Speaker, trace.Outlets, trace.First.SiteName, trace.First.Published, len(trace.Variants))
	found := map[int64]bool{}
	for _, a := range trace.Seen {
		found[a.ArticleID] = true
	}
	for id, file := range carrying {
		if !found[id] {
			t.Errorf("%s carries the quote but is not among its appearances", file)
		}
	}
	first := parsePublished(trace.First.Published)
	for _, a := range trace.Seen {
		if p := parsePublished(a.Published); !p.IsZero() && (first.IsZero() || p.Before(first)) {
			t.Errorf("first appearance %s (%s) is not the earliest: %s has %s", trace.First.SiteName, trace.First.Published, a.SiteName, a.Published)
		}
	}
	if !strings.Contains(trace.Speaker, "Hajiyev") {
		t.Errorf("speaker %q, want Hajiyev", trace.Speaker)
	}
}
