package textclean

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"lede/article"
	"lede/evaluate"
)

// These tests measure textclean on pages it was not written for. They need
// the shared datasets (../shared/datasets beside the module) and skip,
// visibly, on a fresh clone.

func datasetDir(t *testing.T, name string) string {
	t.Helper()
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("shared datasets not found (../shared/datasets beside the module root): skipping")
	}
	dir = filepath.Join(dir, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("dataset %s not found: skipping", dir)
	}
	return dir
}

// bodyText is the article body as the word metrics read it.
func bodyText(a *article.Article) string {
	parts := make([]string, 0, len(a.Blocks))
	for _, b := range a.Blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n\n")
}

// page is one evaluation page: its HTML, its gold body and, when the gold
// has one, its title.
type page struct{ path, gold, title string }

// pageScore is one page's word F1 for its naive text and for textclean's
// body, and for textclean's title when the gold has one.
type pageScore struct{ naive, cleaned, title float64 }

// naiveScores renders each page to naive text and scores that text and
// textclean's body against the gold.
// dense, when set, rewrites the naive text before scoring.
func naiveScores(t *testing.T, pages []page, dense func(string) string) []pageScore {
	t.Helper()
	ctx := context.Background()
	scores := make([]pageScore, 0, len(pages))
	for _, p := range pages {
		src, err := evaluate.ReadMaybeGzip(p.path)
		if err != nil {
			t.Fatalf("read %s: %v", p.path, err)
		}
		text := evaluate.NaiveText(string(src))
		if dense != nil {
			text = dense(text)
		}
		a, err := FromText(ctx, text, Options{})
		if err != nil {
			t.Fatalf("FromText %s: %v", p.path, err)
		}
		_, _, fn := evaluate.WordF1(text, p.gold)
		_, _, fc := evaluate.WordF1(bodyText(a), p.gold)
		var ft float64
		if p.title != "" {
			_, _, ft = evaluate.WordF1(a.Title, p.title)
		}
		scores = append(scores, pageScore{fn, fc, ft})
	}
	return scores
}

// means averages the scores of the pages keep selects.
func means(scores []pageScore, keep func(i int) bool) (naive, cleaned float64, n int) {
	for i, s := range scores {
		if keep(i) {
			naive += s.naive
			cleaned += s.cleaned
			n++
		}
	}
	if n == 0 {
		return 0, 0, 0
	}
	return naive / float64(n), cleaned / float64(n), n
}

// aebTarget is the word F1 textclean must reach on the naive text of the AEB
// pages (the naive text itself scores about 0.65).
const aebTarget = 0.85

func TestAEBNaiveText(t *testing.T) {
	dir := datasetDir(t, "aeb")
	aeb, err := evaluate.LoadAEB(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages []page
	for _, p := range aeb {
		pages = append(pages, page{path: p.Path, gold: p.Gold})
	}
	all := func(int) bool { return true }
	naive, cleaned, n := means(naiveScores(t, pages, nil), all)
	t.Logf("AEB %d pages: word F1 naive text %.3f, textclean %.3f", n, naive, cleaned)
	if cleaned < aebTarget {
		t.Errorf("AEB word F1 %.3f below the target %.2f", cleaned, aebTarget)
	}
	// The same text with one block per line and no blank line, the way
	// web-corpus dumps (WET files) store it.
	oneBlockPerLine := func(s string) string { return strings.ReplaceAll(s, "\n\n", "\n") }
	naive, cleaned, n = means(naiveScores(t, pages, oneBlockPerLine), all)
	t.Logf("AEB %d pages, no blank lines: word F1 naive text %.3f, textclean %.3f", n, naive, cleaned)
	if cleaned < aebTarget {
		t.Errorf("AEB word F1 without blank lines %.3f below the target %.2f", cleaned, aebTarget)
	}
}

func TestWCXBNaiveText(t *testing.T) {
	if testing.Short() {
		t.Skip("WCXB-dev takes half a minute: skipped in -short mode")
	}
	dir := datasetDir(t, "wcxb-dev")
	wcxb, err := evaluate.LoadWCXB(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages []page
	for _, p := range wcxb {
		pages = append(pages, page{path: p.Path, gold: p.Main, title: p.Title})
	}
	scores := naiveScores(t, pages, nil)
	naive, cleaned, n := means(scores, func(int) bool { return true })
	t.Logf("WCXB-dev all %d pages: word F1 naive text %.3f, textclean %.3f", n, naive, cleaned)
	if cleaned < naive {
		t.Errorf("WCXB-dev word F1 %.3f below the naive text's %.3f", cleaned, naive)
	}
	types := map[string]bool{}
	for _, p := range wcxb {
		types[p.Type] = true
	}
	for _, typ := range slices.Sorted(maps.Keys(types)) {
		naive, cleaned, n := means(scores, func(i int) bool { return wcxb[i].Type == typ })
		t.Logf("  %-13s %4d pages: naive %.3f, textclean %.3f", typ, n, naive, cleaned)
	}
	isArticle := func(i int) bool { return wcxb[i].Type == "article" }
	naive, cleaned, n = means(scores, isArticle)
	t.Logf("WCXB-dev %d article pages: word F1 naive text %.3f, textclean %.3f", n, naive, cleaned)
	if cleaned < naive {
		t.Errorf("WCXB-dev article word F1 %.3f below the naive text's %.3f", cleaned, naive)
	}
	title, titled := 0.0, 0
	for i, s := range scores {
		if isArticle(i) && wcxb[i].Title != "" {
			title += s.title
			titled++
		}
	}
	if titled > 0 {
		// Reported, not asserted: naive text has lost the <title> and <h1>
		// marks, so the headline is a guess among the lines above the story.
		t.Logf("WCXB-dev %d article pages with a gold title: title word F1 %.3f", titled, title/float64(titled))
	}
}

// TestMozillaNaiveText: the Readability.js test pages, scored against the
// text of their expected.html. Reported and held at least at the naive
// text's score; many of these pages are not news.
func TestMozillaNaiveText(t *testing.T) {
	dir := datasetDir(t, "mozilla")
	mozilla, err := evaluate.LoadMozilla(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages []page
	for _, p := range mozilla {
		expected, err := evaluate.ReadMaybeGzip(p.ExpectedPath)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, page{path: p.Path, gold: evaluate.NaiveText(string(expected))})
	}
	naive, cleaned, n := means(naiveScores(t, pages, nil), func(int) bool { return true })
	t.Logf("Mozilla %d pages: word F1 naive text %.3f, textclean %.3f", n, naive, cleaned)
	if cleaned < naive {
		t.Errorf("Mozilla word F1 %.3f below the naive text's %.3f", cleaned, naive)
	}
}

// TestPolNeARKeepsParagraphs: the PolNeAR dev articles are clean text (one
// article, no page furniture, paragraphs separated by blank lines), so no
// paragraph may be lost. A paragraph counts as kept when it stands inside the
// title, the dek or a body block, or each of its lines does (in the few
// articles that seldom use blank lines, every line is a block); a picture credit set aside as an Image
// ("Getty/Instagram.") counts as kept too, since the Article still holds it.
// Paragraphs without a letter or digit ("___.") carry nothing to lose.
func TestPolNeARKeepsParagraphs(t *testing.T) {
	dir := datasetDir(t, filepath.Join("polnear", "dev", "text"))
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no PolNeAR dev texts in %s: %v", dir, err)
	}
	paragraphs, lost, titled := 0, 0, 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a, err := FromText(context.Background(), string(src), Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if first, _, _ := strings.Cut(strings.TrimSpace(string(src)), "\n"); a.Title != "" && a.Title == strings.TrimSpace(first) {
			titled++ // every PolNeAR article opens with its headline
		}
		kept := []string{fold(a.Title), fold(a.Dek)}
		for _, b := range a.Blocks {
			kept = append(kept, fold(b.Text))
		}
		for _, im := range a.Images {
			kept = append(kept, fold(im.Caption), fold(im.Credit))
		}
		for _, raw := range blankLine.Split(string(src), -1) {
			p := fold(raw)
			if !strings.ContainsFunc(p, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
				continue
			}
			paragraphs++
			if !keptIn(p, kept) && !linesKeptIn(raw, kept) {
				lost++
				t.Errorf("%s: paragraph lost: %.100q", filepath.Base(f), p)
			}
		}
	}
	t.Logf("PolNeAR dev: %d articles, %d paragraphs, %d lost; the headline line taken as title in %d", len(files), paragraphs, lost, titled)
}

// blankLine separates paragraphs: a line holding nothing but white space
// (NBSP included) is blank.
var blankLine = regexp.MustCompile(`\n[\s\p{Zs}]*\n`)

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// linesKeptIn: each line of the paragraph is kept, in one block or another.
// Text that seldom uses blank lines has one block per line (see splitLines).
func linesKeptIn(paragraph string, kept []string) bool {
	for _, l := range strings.Split(paragraph, "\n") {
		if l = fold(l); l != "" && !keptIn(l, kept) {
			return false
		}
	}
	return true
}

func keptIn(p string, kept []string) bool {
	for _, k := range kept {
		if k != "" && strings.Contains(k, p) {
			return true
		}
	}
	return false
}
