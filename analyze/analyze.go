// Package analyze finds what an article says: its sentences, the people,
// organisations and places it names (with their roles), the statements it
// attributes to them and the events it reports. The work is done by
// sub-packages, one per concern:
//
//	sentence  tokens and sentences with byte offsets
//	entity    names grouped into entities, with roles from the text
//	quote     direct, partial and indirect quotes with resolved speakers
//	event     events coded to PLOVER, with actors, place and date
//	lexicon   the embedded word lists all of them read
//
// Article builds one view of the text — segments with tokens and
// sentences, the entity index, the lexicon — once, and every stage reads it.
package analyze

import (
	"context"
	"fmt"
	"strings"

	"lede/analyze/entity"
	"lede/analyze/event"
	"lede/analyze/lexicon"
	"lede/analyze/quote"
	"lede/analyze/sentence"
	"lede/article"
	"lede/language"
)

// Options tune analysis.
type Options struct {
	// Events are the tables events are coded with; nil for event.Default().
	Events *event.Tables
}

// Article adds sentences, entities, quotes and events to a, replacing any it
// had. The title, the dek, paragraphs, headings, lists and blockquotes are
// read; preformatted blocks and tables are skipped, as they hold code and
// data rather than prose. An article in a language analysis does not read
// gets a warning and nothing else: no entity, quote or event is guessed
// from words of another language.
func Article(ctx context.Context, a *article.Article, opts Options) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	a.Sentences, a.Entities, a.Quotes, a.Events = nil, nil, nil, nil
	if !language.AnalysisSupported(a.Language) {
		a.Warnings = appendOnce(a.Warnings, fmt.Sprintf("analysis supports %s; this text is %s",
			strings.Join(language.AnalysisLanguages(), ", "), a.Language))
		return nil
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
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	tables := opts.Events
	if tables == nil {
		tables = event.Default()
	}
	a.Events = event.Find(&event.Document{
		Segments: segs, Entities: x, Quotes: a.Quotes, Lexicon: lx,
		Published: event.ParsePublished(a.Published),
	}, tables)
	if len(x.Entities) > 0 {
		a.Entities = make([]article.Entity, len(x.Entities))
		for i, e := range x.Entities {
			a.Entities[i] = e.Entity
		}
	}
	return nil
}

func appendOnce(list []string, s string) []string {
	for _, o := range list {
		if o == s {
			return list
		}
	}
	return append(list, s)
}
