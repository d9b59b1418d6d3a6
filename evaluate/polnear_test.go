package evaluate

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"lede/analyze"
	"lede/article"
)

func TestParseBrat(t *testing.T) {
	src := "T1\tSource 0 11\tPat Caddell\nT2\tCue 11 12\t:\nT9\tContent 315 448;463 553\t“One …”\nT4\tAttribution 11 12\t:\nE1\tAttribution:T4 Content:T3\n"
	got, err := parseBrat(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(got["Source"]) != 1 || len(got["Cue"]) != 1 || len(got["Content"]) != 1 || len(got["Content"][0]) != 2 {
		t.Fatalf("parsed %v", got)
	}
	if got["Content"][0][1] != (RuneSpan{463, 553}) {
		t.Errorf("second fragment %v", got["Content"][0][1])
	}
	if _, err := parseBrat("T1\tSource 5 x\tq\n"); err == nil {
		t.Error("bad offsets accepted")
	}
}

func TestScoreRole(t *testing.T) {
	text := "He said the plan would fail badly today" // tokens start at 0 3 8 12 17 23 28 34
	starts := tokenStarts(text)
	span := func(a, b int) [][]RuneSpan { return [][]RuneSpan{{{a, b}}} }
	tests := []struct {
		name           string
		pred, gold     [][]RuneSpan
		exact, overlap int
	}{
		{"same tokens, different punctuation", span(8, 39), span(7, 40), 1, 1},
		{"half of each", span(8, 27), span(12, 39), 0, 1},      // pred 4 tokens, gold 6, shared 3
		{"too little of gold", span(8, 16), span(8, 39), 0, 0}, // 2 of 6
		{"disjoint", span(0, 2), span(8, 39), 0, 0},
		{"one-to-one", append(span(8, 39), span(8, 39)[0]), span(8, 39), 1, 1},
	}
	for _, tt := range tests {
		var rs RoleScores
		scoreRole(&rs, starts, tt.pred, tt.gold)
		if rs.Exact.Matched != tt.exact || rs.Overlap.Matched != tt.overlap {
			t.Errorf("%s: exact %d overlap %d, want %d %d", tt.name, rs.Exact.Matched, rs.Overlap.Matched, tt.exact, tt.overlap)
		}
	}
}

func TestQuoteMarkSpans(t *testing.T) {
	// quoted returns the texts of the spans, to read the cases at a glance.
	quoted := func(text string) []string {
		runes := []rune(text)
		var out []string
		for _, s := range QuoteMarkSpans(text) {
			out = append(out, string(runes[s.Start:s.End]))
		}
		return out
	}
	tests := []struct {
		name, text string
		want       []string
	}{
		{"curly", "He said “it is over” today.", []string{"it is over"}},
		{"straight, two quotes", `"Yes," she said. "No."`, []string{"Yes,", "No."}},
		{"guillemets and low-high", "«Oui» und „Ja“", []string{"Oui", "Ja"}},
		{"apostrophes are not quotes", "Clinton’s team and Trump’s aides", nil},
		{"single marks inside a double quote", "“I said ‘no’ twice,” he said.", []string{"I said ‘no’ twice,"}},
		{"unclosed quote ends at a blank line", "“First paragraph goes on.\n\n“Second one ends.” Done.", []string{"Second one ends."}},
		{"a quote may cross one line break", "“Across\na line” here", []string{"Across\na line"}},
		{"no word inside", "a “ ” b \"...\" c", nil},
		{"unclosed at the end", "He said “never", nil},
		{"multibyte runes before count as one", "é “ab”", []string{"ab"}},
	}
	for _, tt := range tests {
		if got := quoted(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestPolNeARPerArticle scores a tiny synthetic corpus and checks that the
// per-article counts sum to the totals, and that the baseline finds the
// quoted content but no source or cue.
func TestPolNeARPerArticle(t *testing.T) {
	docs := []PolNeARDoc{
		{Name: "a", Text: "“We will win,” Smith said.", Spans: map[string][][]RuneSpan{
			"Content": {{{1, 12}}}, "Source": {{{14, 19}}}, "Cue": {{{20, 24}}}}},
		{Name: "b", Text: "Jones said that the plan failed. “No comment,” an aide said.", Spans: map[string][][]RuneSpan{
			"Content": {{{11, 32}}}, "Source": {{{0, 5}}}, "Cue": {{{6, 10}}}}},
		{Name: "c", Text: "Nothing quoted here.", Spans: map[string][][]RuneSpan{}},
	}
	sc, err := scorePolNeARDocs(context.Background(), docs, PolNeARQuoteMarks)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Articles != 3 || len(sc.PerArticle) != 3 {
		t.Fatalf("%d articles, %d per-article scores, want 3", sc.Articles, len(sc.PerArticle))
	}
	checkSums(t, sc)
	// a: the quote is the gold content; b: the quote is not an attribution
	// PolNeAR marks here, and the indirect one has no marks.
	if got := sc.Content.Exact; got.Matched != 1 || got.Pred != 2 || got.Gold != 2 {
		t.Errorf("content exact %+v, want 1 matched of 2 predicted, 2 gold", got)
	}
	if got := sc.PerArticle[0].Content.Exact; got.F1 != 1 {
		t.Errorf("article a content exact F1 %.3f, want 1", got.F1)
	}
	if sc.Source.Overlap.Pred != 0 || sc.Cue.Overlap.Pred != 0 || sc.Source.Overlap.Gold != 2 {
		t.Errorf("source %+v cue %+v: the baseline predicts no source or cue", sc.Source.Overlap, sc.Cue.Overlap)
	}
}

// checkSums holds the per-article counts to the totals.
func checkSums(t *testing.T, sc PolNeARScores) {
	t.Helper()
	var sum PolNeARArticleScores
	for _, a := range sc.PerArticle {
		sum.Content.add(a.Content)
		sum.Source.add(a.Source)
		sum.Cue.add(a.Cue)
	}
	for _, r := range []struct {
		name       string
		sum, total RoleScores
	}{{"content", sum.Content, sc.Content}, {"source", sum.Source, sc.Source}, {"cue", sum.Cue, sc.Cue}} {
		for _, m := range []struct {
			rule       string
			sum, total PRF
		}{{"exact", r.sum.Exact, r.total.Exact}, {"overlap", r.sum.Overlap, r.total.Overlap}} {
			if m.sum.Matched != m.total.Matched || m.sum.Pred != m.total.Pred || m.sum.Gold != m.total.Gold {
				t.Errorf("%s %s: per-article counts sum to %d/%d/%d, totals %d/%d/%d", r.name, m.rule,
					m.sum.Matched, m.sum.Pred, m.sum.Gold, m.total.Matched, m.total.Pred, m.total.Gold)
			}
			if again := NewPRF(m.total.Matched, m.total.Pred, m.total.Gold); again != m.total {
				t.Errorf("%s %s: NewPRF gives %+v, the scorer %+v", r.name, m.rule, again, m.total)
			}
		}
	}
}

func TestPolNeARArticle(t *testing.T) {
	text := "Title line\n\nFirst para, “quoted”.\nSame para.\n\n\nSecond.\n"
	a, off := PolNeARArticle(text)
	if len(a.Blocks) != 3 {
		t.Fatalf("blocks %+v", a.Blocks)
	}
	for i, b := range a.Blocks {
		if text[off[i]:off[i]+len(b.Text)] != b.Text {
			t.Errorf("block %d offset %d does not point at %q", i, off[i], b.Text)
		}
	}
}

// TestPolNeARDev scores the analysis on PolNeAR dev and holds it to the
// issue's targets (overlap F1: content ≥ 0.60, source ≥ 0.55).
func TestPolNeARDev(t *testing.T) {
	dir, ok := Datasets()
	if !ok {
		t.Skip("no ../shared/datasets beside the module: PolNeAR dev not scored")
	}
	sc := scorePolNeARSplit(t, filepath.Join(dir, "polnear"), "dev")
	checkSums(t, sc)
	if sc.Content.Overlap.F1 < 0.60 {
		t.Errorf("content overlap F1 %.3f < 0.60", sc.Content.Overlap.F1)
	}
	if sc.Source.Overlap.F1 < 0.55 {
		t.Errorf("source overlap F1 %.3f < 0.55", sc.Source.Overlap.F1)
	}
}

// TestPolNeARTrain prints the train split's figures, the ones to tune rules
// on; it asserts the targets with a margin below dev's, so a rule that only
// helps dev cannot hide a loss on train.
func TestPolNeARTrain(t *testing.T) {
	dir, ok := Datasets()
	if !ok {
		t.Skip("no ../shared/datasets beside the module: PolNeAR train not scored")
	}
	if testing.Short() {
		t.Skip("PolNeAR train (840 articles) skipped in -short mode")
	}
	sc := scorePolNeARSplit(t, filepath.Join(dir, "polnear"), "train")
	checkSums(t, sc)
	if sc.Content.Overlap.F1 < 0.58 || sc.Source.Overlap.F1 < 0.55 {
		t.Errorf("train overlap F1 content %.3f source %.3f, below 0.58 / 0.55", sc.Content.Overlap.F1, sc.Source.Overlap.F1)
	}
}

func scorePolNeARSplit(t *testing.T, dir, split string) PolNeARScores {
	t.Helper()
	sc, err := ScorePolNeARSplit(context.Background(), dir, split, func(ctx context.Context, a *article.Article) error {
		return analyze.Article(ctx, a, analyze.Options{})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		name string
		s    RoleScores
	}{{"content", sc.Content}, {"source", sc.Source}, {"cue", sc.Cue}} {
		t.Logf("%s %-7s exact P %.3f R %.3f F1 %.3f | overlap P %.3f R %.3f F1 %.3f (pred %d, gold %d)", split, r.name,
			r.s.Exact.P, r.s.Exact.R, r.s.Exact.F1, r.s.Overlap.P, r.s.Overlap.R, r.s.Overlap.F1, r.s.Overlap.Pred, r.s.Overlap.Gold)
	}
	t.Logf("%s: %d articles", split, sc.Articles)
	return sc
}
