package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lede/evaluate"
)

// polnearArticle is one article's counts, the same under both rules and
// for every role, which is all the margin and the tables look at.
func polnearArticle(matched, pred, gold int) evaluate.PolNeARArticleScores {
	prf := evaluate.NewPRF(matched, pred, gold)
	role := evaluate.RoleScores{Exact: prf, Overlap: prf}
	return evaluate.PolNeARArticleScores{Content: role, Source: role, Cue: role}
}

// polnearScores totals articles the way the scorer does.
func polnearScores(articles ...evaluate.PolNeARArticleScores) evaluate.PolNeARScores {
	var m, p, g int
	for _, a := range articles {
		m, p, g = m+a.Content.Exact.Matched, p+a.Content.Exact.Pred, g+a.Content.Exact.Gold
	}
	prf := evaluate.NewPRF(m, p, g)
	role := evaluate.RoleScores{Exact: prf, Overlap: prf}
	return evaluate.PolNeARScores{Articles: len(articles), Content: role, Source: role, Cue: role, PerArticle: articles}
}

func TestPolNeARMargin(t *testing.T) {
	same := polnearScores(polnearArticle(2, 4, 4), polnearArticle(2, 4, 4), polnearArticle(2, 4, 4))
	varied := polnearScores(polnearArticle(4, 4, 4), polnearArticle(0, 4, 4), polnearArticle(3, 4, 4), polnearArticle(1, 4, 4))
	tests := []struct {
		name       string
		scores     evaluate.PolNeARScores
		wantMargin bool
	}{
		{"every article alike: no spread", same, false},
		{"articles differ: a spread", varied, true},
		{"one article: no resampling", polnearScores(polnearArticle(1, 2, 3)), false},
	}
	for _, tt := range tests {
		for _, rule := range polnearRules {
			m := polnearMargin(tt.scores, rule)
			if (m > 0) != tt.wantMargin || m > 0.5 {
				t.Errorf("%s, %s %s: margin %.3f", tt.name, rule.role, rule.match, m)
			}
		}
	}
}

// TestPolNeARTables checks the layout: a summary line per system with as
// many cells as the header, the baseline's absent memory shown as —, the
// matching rule stated above the tables.
func TestPolNeARTables(t *testing.T) {
	runs := []polnearRun{
		{system: "lede", label: "lede", scores: polnearScores(polnearArticle(3, 4, 5), polnearArticle(1, 2, 2)), seconds: 0.5, peakMB: 20},
		{system: "quote-marks", label: "quote marks only", scores: polnearScores(polnearArticle(1, 1, 5), polnearArticle(0, 0, 2)), seconds: 0.1},
	}
	rows := polnearRows(runs)
	if len(rows) != len(runs)*len(polnearRules) {
		t.Fatalf("%d rows, want %d", len(rows), len(runs)*len(polnearRules))
	}
	header, lines := polnearSummaryCells(runs, rows)
	for _, l := range lines {
		if len(l) != len(header) {
			t.Errorf("line %q has %d cells, header %d", l[0], len(l), len(header))
		}
	}
	if got := lines[1][len(header)-1]; got != "—" {
		t.Errorf("baseline peak MB %q, want —", got)
	}
	var b bytes.Buffer
	if err := writePolNeARMarkdown(&b, runs, rows, []string{"--markdown", "DIR"}, time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	for _, want := range []string{
		"go run . --markdown DIR",
		"Measured 2026-11-29 09:00 UTC",
		"at least 50% of the predicted span's tokens and at least 50% of the gold span's",
		"one-to-one",
		"| quote marks only | 0.250 ± ", // P 1/1, R 1/7
		"| lede: Content (overlap) | 0.667 | 0.571 | 0.615 ± ", // P 4/6, R 4/7
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

// TestPolNeARRun runs the bench's PolNeAR path on the real dev split: both
// systems are scored on every article, and the baseline predicts content
// only.
func TestPolNeARRun(t *testing.T) {
	dir := datasetDir(t, "polnear")
	jsonPath := filepath.Join(t.TempDir(), "rows.json")
	var out bytes.Buffer
	if err := runPolNeAR(context.Background(), &out, dir, options{jsonPath: jsonPath}, nil); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + out.String())
	data, err := os.ReadFile(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	var rows []Row
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2*len(polnearRules) {
		t.Fatalf("%d rows, want %d", len(rows), 2*len(polnearRules))
	}
	for _, r := range rows {
		predicted := r.Extra[1].Value
		baseline := r.System == "quote-marks"
		content := strings.Contains(r.Label, "Content")
		if r.Pages != rows[0].Pages || r.Pages == 0 {
			t.Errorf("%s: %d articles, want %d", r.Label, r.Pages, rows[0].Pages)
		}
		if baseline && !content && predicted != 0 || (!baseline || content) && predicted == 0 {
			t.Errorf("%s: %.0f spans predicted", r.Label, predicted)
		}
		if r.F1Margin == nil || *r.F1 > 0 && *r.F1Margin == 0 {
			t.Errorf("%s: no bootstrap margin", r.Label)
		}
	}
}
