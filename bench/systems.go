package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"lede"
	"lede/article"
	"lede/bench/pagerun"
	"lede/evaluate"
	"lede/textclean"
)

// Output is one system's result on one page (see package pagerun).
type Output = pagerun.Output

// System is one extractor under test. Exactly one of InProcess, Peer and
// (for Readability.js) neither says how it runs.
type System struct {
	Name  string // what --systems takes
	Label string // the row's name in the table
	// Scored is false for rows that only measure speed (the parse floor).
	Scored bool
	// Prepare, when set, turns the page into the system's input before the
	// clock starts: the text mode is handed a scrape, and the scrape is not
	// the system's work.
	Prepare func(page []byte) []byte
	// InProcess systems run in the bench binary itself (bench --system NAME).
	InProcess pagerun.Extractor
	// Peer names the program under peers/ that runs a Go peer; it is built
	// once per run, so the peer's libraries never load into lede's process.
	Peer string
}

// systems lists every row the bench knows, in table order. Readability.js
// has neither InProcess nor Peer: the bench binary drives Node (see
// readabilityjs.go).
var systems = []System{
	{Name: "lede", Label: "lede", Scored: true, InProcess: runLede},
	{Name: "go-trafilatura", Label: "go-trafilatura v1.12.2", Scored: true, Peer: "gotrafilatura"},
	{Name: "go-readability", Label: "go-readability (readeck) v2.1.3", Scored: true, Peer: "goreadability"},
	{Name: "readability-js", Label: "Readability.js 0.6 (jsdom 26.1)", Scored: true},
	{Name: "naive-text", Label: "naive text (the scrape as is)", Scored: true, InProcess: runNaiveText},
	{Name: "lede-text", Label: "lede text mode (on the scrape)", Scored: true, Prepare: scrape, InProcess: runLedeText},
	{Name: "html-parse", Label: "html.Parse alone (the floor)", Scored: false, InProcess: runParseFloor},
}

// systemNamed finds a system by its --systems name.
func systemNamed(name string) (System, bool) {
	for _, s := range systems {
		if s.Name == name {
			return s, true
		}
	}
	return System{}, false
}

// runLede is lede as a library user calls it: the page's bytes in (lede
// decodes the charset and tells HTML from text itself).
func runLede(ctx context.Context, page []byte, pageURL string) (Output, error) {
	a, err := lede.Extract(ctx, page, lede.Options{URL: pageURL})
	if err != nil {
		return Output{}, fmt.Errorf("lede: %w", err)
	}
	return articleOutput(a), nil
}

// articleOutput is what the metrics read of a lede Article: blocks are the
// paragraphs.
func articleOutput(a *article.Article) Output {
	out := Output{Text: a.Text(), Title: a.Title, Byline: strings.Join(a.Authors, ", "), Published: a.Published}
	for _, b := range a.Blocks {
		out.Paragraphs = append(out.Paragraphs, b.Text)
	}
	return out
}

// runNaiveText is what a scraper that keeps every visible line hands over:
// the baseline the text mode has to beat.
func runNaiveText(ctx context.Context, page []byte, pageURL string) (Output, error) {
	text := evaluate.NaiveText(string(page))
	return Output{Text: text, Paragraphs: pagerun.LinesOf(text)}, nil
}

// scrape is what a scraper that keeps every visible line would have handed
// lede's text mode.
func scrape(page []byte) []byte { return []byte(evaluate.NaiveText(string(page))) }

// runLedeText cleans a scrape (see scrape) with lede's text mode.
func runLedeText(ctx context.Context, text []byte, pageURL string) (Output, error) {
	a, err := textclean.FromText(ctx, string(text), textclean.Options{})
	if err != nil {
		return Output{}, fmt.Errorf("lede text mode: %w", err)
	}
	return articleOutput(a), nil
}

// runParseFloor only parses: no extractor can be faster than the parser it
// stands on, so this row is the speed floor.
func runParseFloor(ctx context.Context, page []byte, pageURL string) (Output, error) {
	if _, err := html.Parse(bytes.NewReader(page)); err != nil {
		return Output{}, fmt.Errorf("html.Parse: %w", err)
	}
	return Output{}, nil
}
