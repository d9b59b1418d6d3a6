package story

import (
	"context"
	"sync"
)

// TermTable counts in how many articles each term occurs, in memory. A
// store without counts of its own keeps them in one, filled from the
// articles it places and, when opened on a grown corpus, from a sample of
// them (document frequencies from a sample weigh terms the same way).
type TermTable struct {
	mu       sync.Mutex
	counts   map[uint64]int
	articles int
}

// NewTermTable returns an empty table.
func NewTermTable() *TermTable { return &TermTable{counts: map[uint64]int{}} }

// AddTermCounts is Corpus.AddTermCounts.
func (t *TermTable) AddTermCounts(ctx context.Context, terms []uint64, delta int) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, h := range terms {
		if n := t.counts[h] + delta; n > 0 {
			t.counts[h] = n
		} else {
			delete(t.counts, h)
		}
	}
	t.articles = max(0, t.articles+delta)
	return nil
}

// TermCounts is Corpus.TermCounts.
func (t *TermTable) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]int, len(terms))
	for i, h := range terms {
		out[i] = t.counts[h]
	}
	return out, t.articles, nil
}

// Reset forgets every count.
func (t *TermTable) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.counts = map[uint64]int{}
	t.articles = 0
}

// Articles is how many articles were counted.
func (t *TermTable) Articles() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.articles
}
