package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pemistahl/lingua-go"

	"lede"
	"lede/article"
	"lede/evaluate"
	"lede/language"
)

// TestLanguageDetection measures language.Detect on the fundus-eval and
// WCXB development pages: each page is extracted, its declared language
// kept, and the body text handed to language.Detect. A second detector,
// lingua-go in high-accuracy mode over all its languages (too large and
// slow for extraction, fine for checking), reads the same text; the share
// where both agree on the base language is the figure, and every
// disagreement is printed for a hand check. Run with -v:
//
//	cd bench && LEDE_LANGUAGE_CHECK=1 go test -run TestLanguageDetection -v
//
// It loads all of lingua's models (minutes, gigabytes), so it runs only when
// asked for, not in CI.
func TestLanguageDetection(t *testing.T) {
	if os.Getenv("LEDE_LANGUAGE_CHECK") == "" {
		t.Skip("language detection check over fundus-eval and WCXB runs with LEDE_LANGUAGE_CHECK=1 (it loads every lingua model)")
	}
	root, ok := evaluate.Datasets()
	if !ok {
		t.Skip("no ../shared/datasets: language detection skipped")
	}
	second := lingua.NewLanguageDetectorBuilder().FromAllLanguages().Build()
	for _, set := range []string{"fundus-eval/html", "wcxb-dev/html"} {
		dir := filepath.Join(root, set)
		names, err := filepath.Glob(filepath.Join(dir, "*.html*"))
		if err != nil || len(names) == 0 {
			t.Skipf("%s: no pages", dir)
		}
		sort.Strings(names)
		agree, total, empty := 0, 0, 0
		declaredWrong := 0
		for _, n := range names {
			data, err := evaluate.ReadMaybeGzip(n)
			if err != nil {
				t.Fatal(err)
			}
			a, err := lede.Extract(context.Background(), data, lede.Options{})
			if err != nil {
				continue // no body: nothing to detect
			}
			text := bodyText(a)
			if len(text) < 200 {
				continue
			}
			total++
			got := language.Detect(text, a.Language)
			l, ok := second.DetectLanguageOf(text)
			ref := ""
			if ok {
				ref = strings.ToLower(l.IsoCode639_1().String())
			}
			base := strings.SplitN(strings.ToLower(got), "-", 2)[0]
			decl := strings.SplitN(strings.ToLower(strings.ReplaceAll(a.Language, "_", "-")), "-", 2)[0]
			if decl != "" && decl != ref {
				declaredWrong++
			}
			switch {
			case got == "":
				empty++
				t.Logf("%s: empty (declared %q, lingua %q): %.80q", filepath.Base(n), a.Language, ref, text)
			case base == ref:
				agree++
			default:
				t.Logf("%s: lede %q, lingua %q, declared %q: %.120q", filepath.Base(n), got, ref, a.Language, text)
			}
		}
		t.Logf("%s: %d/%d pages agree with lingua (%.1f%%), %d empty; the declaration disagrees with lingua on %d",
			set, agree, total, 100*float64(agree)/float64(max(total, 1)), empty, declaredWrong)
	}
}

// bodyText is the article's title and body blocks as one text.
func bodyText(a *article.Article) string {
	var b strings.Builder
	b.WriteString(a.Title)
	for _, bl := range a.Blocks {
		b.WriteString("\n")
		b.WriteString(bl.Text)
	}
	return b.String()
}
