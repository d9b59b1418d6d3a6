// Package textclean turns scraped plain text into one Article.
//
// Much news reaches lede as text a scraper already flattened: a web-corpus
// dump, a browser's "select all, copy". The page's furniture is still there,
// one line each: "Read More", "Loading...", photo captions and their credits,
// headlines of other stories, the wire agency's name, menu labels. The tags
// that would tell them apart are gone, so textclean reads the lines alone:
//
//  1. each line is classified by its own text (classify.go, with credits.go
//     and bylines.go; shape.go measures words, stops and headline shape):
//     interface words, credits, agency lines, bylines and datelines come from
//     the word lists in rules/, everything else is a sentence or a label;
//  2. repetition and neighbours settle the rest (context.go, captions.go):
//     repeated labels are furniture, a line followed by a credit is a
//     caption, comment headers (and names over a post's time) end the
//     story, records of a headline, a summary and a date are teasers; runs
//     of lines sharing a bullet or a number, and labels after a sentence
//     ending in a colon, are list items (lists.go);
//  3. on a noisy page, the main-content region is the stretch of lines where
//     sentences outweigh labels (region.go); lines outside it are dropped.
//     A page with no story but a long list of items keeps the list
//     (listing.go);
//  4. position finds the story's parts (story.go): title and dek at the top,
//     the agency sign-off at the end, teasers after a "Read more", headings
//     before paragraphs;
//  5. the kept lines become the Article (assemble.go): runs of list items
//     one List block, headings ranked by their section number.
//
// Clean text, with no sign of page furniture, passes through with every
// paragraph kept.
package textclean

import (
	"context"
	"fmt"

	"lede/article"
)

// Options tune text cleaning. The zero value is the default.
type Options struct {
	// KeepAll turns off the dropping of lines outside the main-content region
	// (step 3), for text known to hold one article and nothing else.
	KeepAll bool
}

// noiseEvidence is how many furniture lines (interface words, credits,
// captions, repeats, teasers, datelines) make a text a flattened page rather
// than a clean article. One stray credit line is not enough.
const noiseEvidence = 2

// FromText builds the article from scraped plain text.
func FromText(ctx context.Context, text string, opts Options) (*article.Article, error) {
	c, err := classify(ctx, text, opts)
	if err != nil {
		return nil, err
	}
	return assemble(c.lines, c.start, c.end), nil
}

// classified is the text cut into lines, each with its kind, and the main
// region [start, end) of the lines.
type classified struct {
	lines      []line
	start, end int
	noisy      bool // the text shows page furniture (see noiseEvidence)
}

// ctxCheckLines: how many lines are classified between two looks at ctx.
const ctxCheckLines = 4096

// classify runs the rules, in the order of the package comment.
func classify(ctx context.Context, text string, opts Options) (*classified, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("textclean: %w", err)
	}
	lines := splitLines(text)
	for i := range lines {
		if i%ctxCheckLines == ctxCheckLines-1 {
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("textclean: %w", err)
			}
		}
		classifyAlone(&lines[i])
	}
	markRepeats(lines)
	markCommentHeaders(lines)
	markCaptions(lines)
	markLinesOfParagraphs(lines)
	markColonLists(lines)
	markBulletLists(lines)
	markTeaserRecords(lines)
	c := &classified{lines: lines, end: len(lines), noisy: countNoise(lines) >= noiseEvidence}
	if c.noisy && !opts.KeepAll {
		c.start, c.end = mainRegion(lines)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("textclean: %w", err)
	}
	markTitleAndDek(lines, c.start, c.end, c.noisy)
	markSignOff(lines, c.start, c.end)
	markTeasers(lines, c.start, c.end)
	markHeadings(lines, c.start, c.end, c.noisy)
	if !c.noisy {
		keepInCleanText(lines)
	}
	return c, nil
}

// countNoise counts the lines classified as page furniture.
func countNoise(lines []line) int {
	n := 0
	for _, l := range lines {
		if l.kind.isNoise() {
			n++
		}
	}
	return n
}
