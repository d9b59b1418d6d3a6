// Package analyze finds what an article says: its sentences, the people,
// organisations and places it names (with their roles), and the statements
// it attributes to them. The work is done by sub-packages, one per concern:
//
//	sentence  tokens and sentences with byte offsets
//	entity    names grouped into entities, with roles from the text
//	quote     direct, partial and indirect quotes with resolved speakers
//	lexicon   the embedded word lists all of them read
//
// Article wires them over the title, the dek and the body blocks.
package analyze

import (
	"context"
	"fmt"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/quote"
	"lede/analyze/sentence"
	"lede/article"
)

// Options tune analysis.
type Options struct{}

// Article adds sentences, entities and quotes to a, replacing any it had.
// The title, the dek, paragraphs, headings, lists and blockquotes are read;
// preformatted blocks and tables are skipped, as they hold code and data
// rather than prose.
func Article(ctx context.Context, a *article.Article, opts Options) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	lx := lexicon.Default()
	var segs []*sentence.Segment
	add := func(block int, text string) {
		if text != "" {
			segs = append(segs, sentence.NewSegment(block, text, lx))
		}
	}
	add(article.TitleBlock, a.Title)
	add(article.DekBlock, a.Dek)
	for i, b := range a.Blocks {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("analyze: %w", err)
			}
		}
		switch b.Kind {
		case article.Pre, article.Table:
			continue
		}
		add(i, b.Text)
	}
	a.Sentences = a.Sentences[:0]
	for _, s := range segs {
		for _, r := range s.Sentences {
			start, end := s.Bytes(r.From, r.To)
			if end > start {
				a.Sentences = append(a.Sentences, article.Sentence{Span: article.Span{Block: s.Block, Start: start, End: end}})
			}
		}
	}
	x := entity.Find(segs, lx)
	a.Quotes = quote.Find(segs, lx, x)
	a.Entities = make([]article.Entity, len(x.Entities))
	for i, e := range x.Entities {
		a.Entities[i] = e.Entity
	}
	if len(a.Sentences) == 0 {
		a.Sentences = nil
	}
	return nil
}
