package ingest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"lede/store"
	"lede/story"
)

// ErrNoStoryCorpus is returned by StoryCorpus for a store that cannot hold
// what story grouping needs.
var ErrNoStoryCorpus = errors.New("the store cannot group stories")

// termCounter is the part of story.Corpus a store may or may not have: the
// document counts grouping weighs terms by.
type termCounter interface {
	AddTermCounts(ctx context.Context, terms []uint64, delta int) error
	TermCounts(ctx context.Context, terms []uint64) (counts []int, articles int, err error)
}

// StoryCorpus is the store as story grouping sees it. The store keeps its
// own types (it does not import package story); this converts between
// them. It fails with ErrNoStoryCorpus when the store lacks term counts.
func StoryCorpus(st store.Store) (story.Corpus, error) {
	tc, ok := st.(termCounter)
	if !ok {
		return nil, fmt.Errorf("%w: no term counts in the %s store", ErrNoStoryCorpus, st.Engine())
	}
	return storyCorpus{Store: st, termCounter: tc}, nil
}

// storyCorpus adapts a store.Store to story.Corpus.
type storyCorpus struct {
	store.Store
	termCounter
}

func (c storyCorpus) StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]story.Candidate, error) {
	cs, err := c.Store.StoryCandidates(ctx, articleID, keys, from, to, limit)
	if err != nil {
		return nil, err
	}
	out := make([]story.Candidate, len(cs))
	for i, x := range cs {
		out[i] = story.Candidate(x)
	}
	return out, nil
}

func (c storyCorpus) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	s, err := c.Store.Story(ctx, storyID)
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

func (c storyCorpus) Stories(ctx context.Context) (map[int64][]int64, error) {
	ss, err := c.Store.Stories(ctx, store.StoryQuery{All: true})
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]int64, len(ss))
	for _, s := range ss {
		ids := make([]int64, len(s.Articles))
		for i, a := range s.Articles {
			ids[i] = a.ID
		}
		slices.Sort(ids)
		out[s.ID] = ids
	}
	return out, nil
}
