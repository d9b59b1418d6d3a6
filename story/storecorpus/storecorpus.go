// Package storecorpus lets story grouping run on lede's store: it adapts a
// store.Store to story.Corpus. The store keeps its own plain types and does
// not import package story; this package converts between the two, and
// keeps term counts in memory for a store that has none of its own.
package storecorpus

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"lede/store"
	"lede/story"
)

// termCounter is the counting half of story.Corpus, which a store may keep.
type termCounter interface {
	AddTermCounts(ctx context.Context, terms []uint64, delta int) error
	TermCounts(ctx context.Context, terms []uint64) ([]int, int, error)
}

// Sample is how many of the most recent stored articles fill the in-memory
// term counts of a store without counts, when New is asked to seed them.
// Document frequencies from a sample weigh terms as the whole corpus would.
const Sample = 5000

// Corpus is a store seen as story.Corpus.
type Corpus struct {
	st    store.Store
	terms termCounter
	table *story.TermTable // the in-memory counts, when the store has none
}

var (
	_ story.Corpus = (*Corpus)(nil)
	_ story.Placer = (*Corpus)(nil)
)

// New wraps st. Term counts come from the store when it keeps them, else
// from a table in memory; with seed set that table is first filled from up
// to Sample stored articles (placing new articles into a grown corpus),
// while a regrouping counts every article itself.
func New(ctx context.Context, st store.Store, g *story.Grouper, seed bool) (*Corpus, error) {
	if tc, ok := st.(termCounter); ok {
		return &Corpus{st: st, terms: tc}, nil
	}
	table := story.NewTermTable()
	c := &Corpus{st: st, terms: table, table: table}
	if !seed {
		return c, nil
	}
	status, err := st.Status(ctx)
	if err != nil {
		return nil, fmt.Errorf("storecorpus: counting stored articles: %w", err)
	}
	after := int64(max(0, status.Articles-Sample))
	err = st.Each(ctx, after, false, func(sa store.StoredArticle) error {
		if sa.Article == nil || sa.StoryID == 0 {
			return nil // not placed yet: it is counted when it is
		}
		return table.AddTermCounts(ctx, g.Terms(sa.Article), 1)
	})
	if err != nil {
		return nil, fmt.Errorf("storecorpus: counting terms of stored articles: %w", err)
	}
	return c, nil
}

// PutStoryFeatures implements story.Corpus.
func (c *Corpus) PutStoryFeatures(ctx context.Context, id int64, published time.Time, keys []uint64, features []byte) error {
	return c.st.PutStoryFeatures(ctx, id, published, keys, features)
}

// StoryCandidates implements story.Corpus.
func (c *Corpus) StoryCandidates(ctx context.Context, id int64, keys []uint64, from, to time.Time, limit int) ([]story.Candidate, error) {
	cands, err := c.st.StoryCandidates(ctx, id, keys, from, to, limit)
	if err != nil {
		return nil, err
	}
	out := make([]story.Candidate, len(cands))
	for i, x := range cands {
		out[i] = story.Candidate(x)
	}
	return out, nil
}

// AddTermCounts implements story.Corpus.
func (c *Corpus) AddTermCounts(ctx context.Context, terms []uint64, delta int) error {
	return c.terms.AddTermCounts(ctx, terms, delta)
}

// TermCounts implements story.Corpus.
func (c *Corpus) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	return c.terms.TermCounts(ctx, terms)
}

// SetStory implements story.Corpus.
func (c *Corpus) SetStory(ctx context.Context, articleID, storyID int64) (int64, error) {
	return c.st.SetStory(ctx, articleID, storyID)
}

// MergeStories implements story.Corpus.
func (c *Corpus) MergeStories(ctx context.Context, into, from int64) error {
	return c.st.MergeStories(ctx, into, from)
}

// StoryArticles implements story.Corpus.
func (c *Corpus) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	s, err := c.st.Story(ctx, storyID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(s.Articles))
	for i, a := range s.Articles {
		ids[i] = a.ID
	}
	slices.Sort(ids)
	return ids, nil
}

// Stories implements story.Corpus.
func (c *Corpus) Stories(ctx context.Context) (map[int64][]int64, error) {
	list, err := c.st.Stories(ctx, store.StoryQuery{All: true})
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]int64, len(list))
	for _, s := range list {
		ids := make([]int64, len(s.Articles))
		for i, a := range s.Articles {
			ids[i] = a.ID
		}
		slices.Sort(ids)
		out[s.ID] = ids
	}
	return out, nil
}

// PlaceArticle implements story.Placer: in the store's own one
// transaction when it has PlaceArticle (the same method, plain types),
// else as three writes.
func (c *Corpus) PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte, terms []uint64) (int64, error) {
	if p, ok := c.st.(story.Placer); ok && c.table == nil {
		return p.PlaceArticle(ctx, articleID, storyID, published, keys, features, terms)
	}
	storyID, err := c.st.SetStory(ctx, articleID, storyID)
	if err != nil {
		return 0, err
	}
	if err := c.st.PutStoryFeatures(ctx, articleID, published, keys, features); err != nil {
		return 0, err
	}
	if len(terms) > 0 {
		if err := c.terms.AddTermCounts(ctx, terms, 1); err != nil {
			return 0, err
		}
	}
	return storyID, nil
}

// ClearStories implements story.Corpus.
func (c *Corpus) ClearStories(ctx context.Context) error {
	if c.table != nil {
		c.table.Reset()
	}
	return c.st.ClearStories(ctx)
}
