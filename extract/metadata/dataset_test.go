package metadata

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lede/evaluate"
)

// The dataset tests measure Read against the gold of the shared datasets,
// with the comparison rules of evaluate (TitleMatch, BylineMatch,
// DateMatch) that the bench uses too. Rates are over all pages for title and
// byline (a page whose gold has no byline matches when we give none, as in
// Readability.js's own tests) and over the pages whose gold has a date for
// the published time. The loose verdicts decide; strict rates are printed.

func datasetsDir(t *testing.T) string {
	t.Helper()
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("SKIP: ../shared/datasets not found beside the module root; dataset rates not measured")
	}
	return dir
}

// readPages runs Read on every page, on all cores, and returns the results
// in page order; a page that cannot be read is reported and left nil.
func readPages(t *testing.T, n int, page func(i int) (path, pageURL string)) []*Result {
	t.Helper()
	results := make([]*Result, n)
	evaluate.ForEach(n, func(i int) {
		path, pageURL := page(i)
		data, err := evaluate.ReadMaybeGzip(path)
		if err != nil {
			t.Errorf("read %s: %v", path, err)
			return
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("parse %s: %v", path, err)
			return
		}
		results[i] = Read(doc, pageURL)
	})
	return results
}

func rate(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// floor is a rate a dataset test must reach.
type floor struct {
	name      string
	got, want float64
}

func checkFloors(t *testing.T, set string, floors []floor) {
	t.Helper()
	for _, f := range floors {
		if f.got < f.want {
			t.Errorf("%s %s rate %.3f below %.2f", set, f.name, f.got, f.want)
		}
	}
}

// TestMozillaMetadata measures title, byline and published time on the 130
// Readability.js test pages against issue 2's targets. The title floor,
// issue 2's 0.95, is on the pages outside titleByDesign: there the gold,
// which is Readability.js's output, titles the story otherwise than issue 14
// asks on purpose; they are reported, not counted.
func TestMozillaMetadata(t *testing.T) {
	dir := datasetsDir(t)
	pages, err := evaluate.LoadMozilla(filepath.Join(dir, "mozilla"))
	if err != nil {
		t.Fatal(err)
	}
	var title, titleStrict, byline, bylineStrict, bylineGold, bylineGoldOK, pub, pubOf int
	var titleOf, titleKept int // the pages outside titleByDesign, and those matched
	results := readPages(t, len(pages), func(i int) (string, string) {
		// Readability's tests run every page at this address.
		return pages[i].Path, "http://fakehost/test/page.html"
	})
	for i, pg := range pages {
		r := results[i]
		if r == nil {
			continue
		}
		strict, ok := evaluate.TitleMatch(r.Title, pg.Title)
		if reason, listed := titleByDesign[pg.Name]; listed {
			if !ok {
				t.Logf("title   %-28s got %q want %q (by design: %s)", pg.Name, r.Title, pg.Title, reason)
			}
		} else {
			titleOf++
			if ok {
				titleKept++
			}
		}
		if ok {
			title++
			if strict {
				titleStrict++
			} else if os.Getenv("MOZ_LOOSE") != "" {
				t.Logf("loose   %-28s got %q want %q", pg.Name, r.Title, pg.Title)
			}
		} else if _, listed := titleByDesign[pg.Name]; !listed {
			t.Logf("title   %-28s got %q want %q", pg.Name, r.Title, pg.Title)
		}
		strict, match := evaluate.BylineMatch(strings.Join(r.Authors, ", "), pg.Byline)
		if strict {
			bylineStrict++
		}
		if !strict && match && os.Getenv("MOZ_LOOSE") != "" {
			t.Logf("lbyline %-28s got %q want %q", pg.Name, strings.Join(r.Authors, ", "), pg.Byline)
		}
		if match {
			byline++
		} else {
			t.Logf("byline  %-28s got %q want %q", pg.Name, strings.Join(r.Authors, ", "), pg.Byline)
		}
		if pg.Byline != "" {
			bylineGold++
			if match {
				bylineGoldOK++
			}
		}
		if pg.Published != "" {
			pubOf++
			if evaluate.DateMatch(r.Published, pg.Published) {
				pub++
			} else {
				t.Logf("pubdate %-28s got %q want %q", pg.Name, r.Published, pg.Published)
			}
		}
	}
	n := len(pages)
	t.Logf("mozilla %d pages outside titleByDesign: title %.3f", titleOf, rate(titleKept, titleOf))
	t.Logf("mozilla %d pages: title %.3f (strict %.3f), byline %.3f (strict %.3f; %.3f of the %d pages with a gold byline), published %.3f of %d",
		n, rate(title, n), rate(titleStrict, n), rate(byline, n), rate(bylineStrict, n),
		rate(bylineGoldOK, bylineGold), bylineGold, rate(pub, pubOf), pubOf)
	checkFloors(t, "mozilla", []floor{
		{"title (pages outside titleByDesign)", rate(titleKept, titleOf), 0.95},
		{"byline", rate(byline, n), 0.85},
		{"published", rate(pub, pubOf), 0.90},
	})
}

// titleByDesign are the Mozilla pages whose gold title differs from the one
// issue 14 asks for on purpose, each with the reason. The gold is
// Readability.js's output: it takes og:title or the <title> over the
// headline the page shows, and keeps its own order of metadata tags.
var titleByDesign = map[string]string{
	"theverge":               "the shown h1 over og:title ('… hands-on: …')",
	"videos-1":               "the shown h1 over og:title",
	"cnet-svg-classes":       "the shown h1 over og:title",
	"citylab-1":              "the shown h1 over og:title",
	"dropbox-blog":           "the shown h1 over og:title",
	"mozilla-1":              "the shown h1 over a <title> of three slogans",
	"bug-1255978":            "the shown h1 ('The seven secrets …') over og:title",
	"v8-blog":                "the shown h1 over Readability's cut of <title> at its colon, which keeps '· V8'",
	"003-metadata-preferred": "two Dublin Core titles (name=DC.title, property=dc:title): Readability keeps the later, lede the first",
}

// TestWCXBMetadata reports title, author and date rates on the WCXB
// development pages whose gold has them. WCXB has no target in issue 2, and
// its gold differs from Mozilla's on purpose-made choices (its titles are
// mostly the visible h1, its authors what the page credits, user names
// included); the test fails when a rate falls a few points below what this
// reader measured (title 0.776, author 0.746, date 0.806, article titles
// exact 0.864 in issue 14's round), so a regression shows.
func TestWCXBMetadata(t *testing.T) {
	dir := datasetsDir(t)
	pages, err := evaluate.LoadWCXB(filepath.Join(dir, "wcxb-dev"))
	if err != nil {
		t.Fatal(err)
	}
	if testing.Short() {
		t.Skip("SKIP: WCXB (1497 pages) in -short mode")
	}
	var title, titleOf, author, authorStrict, authorOf, date, dateEither, dateOf int
	var articleTitleExact, articleTitleOf int // the title target is on article pages, exact
	// Pages whose html file is missing are left out (nil), not failed.
	var present []int
	for i, pg := range pages {
		if _, err := os.Stat(pg.Path); err == nil {
			present = append(present, i)
		}
	}
	results := readPages(t, len(present), func(i int) (string, string) {
		return pages[present[i]].Path, pages[present[i]].URL
	})
	for i, r := range results {
		pg := pages[present[i]]
		if r == nil {
			continue
		}
		if pg.Title != "" {
			titleOf++
			strict, ok := evaluate.TitleMatch(r.Title, pg.Title)
			if pg.Type == "article" {
				articleTitleOf++
				if strict {
					articleTitleExact++
				} else if testing.Verbose() && os.Getenv("WCXB_MISSES") != "" {
					t.Logf("atitle %s got %q want %q", pg.ID, r.Title, pg.Title)
				}
			}
			if ok {
				title++
			} else if testing.Verbose() && os.Getenv("WCXB_MISSES") != "" {
				t.Logf("title  %s got %q want %q", pg.ID, r.Title, pg.Title)
			}
		}
		if pg.Author != "" {
			authorOf++
			strict, match := evaluate.BylineMatch(strings.Join(r.Authors, ", "), pg.Author)
			if strict {
				authorStrict++
			}
			if match {
				author++
			} else if testing.Verbose() && os.Getenv("WCXB_MISSES") != "" {
				t.Logf("author %s got %q want %q", pg.ID, strings.Join(r.Authors, ", "), pg.Author)
			}
		}
		if pg.Date != "" {
			dateOf++
			if evaluate.DateMatch(r.Published, pg.Date) {
				date++
				dateEither++
			} else if evaluate.DateMatch(r.Modified, pg.Date) {
				dateEither++
			} else if testing.Verbose() && os.Getenv("WCXB_MISSES") != "" {
				t.Logf("date   %s got %q want %q", pg.ID, r.Published, pg.Date)
			}
		}
	}
	t.Logf("wcxb-dev articles: title exact %.3f of %d", rate(articleTitleExact, articleTitleOf), articleTitleOf)
	t.Logf("wcxb-dev: title %.3f of %d, author %.3f (strict %.3f) of %d, publish date %.3f (published or modified %.3f) of %d",
		rate(title, titleOf), titleOf, rate(author, authorOf), rate(authorStrict, authorOf), authorOf,
		rate(date, dateOf), rate(dateEither, dateOf), dateOf)
	checkFloors(t, "wcxb", []floor{
		{"title", rate(title, titleOf), 0.75},
		{"article title exact", rate(articleTitleExact, articleTitleOf), 0.84},
		{"author", rate(author, authorOf), 0.72},
		{"publish date", rate(date, dateOf), 0.78},
	})
}
