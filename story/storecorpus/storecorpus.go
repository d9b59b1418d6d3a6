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
	"sync"
	"time"

	"lede/article"
	"lede/store"
	"lede/story"
)

// termReader reads term counts: the store, or a story transaction.
type termReader interface {
	TermCounts(ctx context.Context, terms []uint64) ([]int, int, error)
}

// termCounter is the counting half of story.Corpus, which a store may keep.
type termCounter interface {
	AddTermCounts(ctx context.Context, terms []uint64, delta int) error
	TermCounts(ctx context.Context, terms []uint64) ([]int, int, error)
}

// Sample is how many of the most recent stored articles fill the in-memory
// term counts of a store without counts, when New is asked to seed them.
// Document frequencies from a sample weigh terms as the whole corpus would.
const Sample = 5000

// Corpus is a store seen as story.Corpus. Term counts a store keeps are
// read through a cache and written in batches: a placement adds some 150
// counts, and writing them one article at a time would cost more than
// storing the article. The cache and the pending counts are bounded; Flush
// writes what is pending (every flushEvery placements, and when the caller
// is done). Counts are statistics: a process killed before its flush loses
// at most flushEvery articles' worth, and other processes read them when
// flushed.
type Corpus struct {
	st    store.Store
	terms termCounter
	table *story.TermTable // the in-memory counts, when the store has none

	mu       sync.Mutex
	cache    map[uint64]int // counts as last read or written, own writes included
	pending  map[uint64]int // counts added here, not yet written
	articles int            // the store's article count as last read, plus pending
	pendingN int            // articles counted here, not yet written
	placed   int            // placements since the last flush
}

// Bounds of the count cache and batches.
const (
	// A flush upserts one row per distinct pending term: the words most
	// articles share merge into one row each over a longer batch, so 256
	// placements cost less than four batches of 64.
	flushEvery = 256
	cacheLimit = 1 << 19 // terms cached; the cache is dropped when full
)

var (
	_ story.Corpus     = (*Corpus)(nil)
	_ story.Placer     = (*Corpus)(nil)
	_ story.StorySizer = (*Corpus)(nil)
	_ story.Transactor = (*Corpus)(nil)
)

// New wraps st. Term counts come from the store when it keeps them, else
// from a table in memory; with seed set that table is first filled from up
// to Sample stored articles (placing new articles into a grown corpus),
// while a regrouping counts every article itself.
func New(ctx context.Context, st store.Store, g *story.Grouper, seed bool) (*Corpus, error) {
	if tc, ok := st.(termCounter); ok {
		return &Corpus{st: st, terms: tc, cache: map[uint64]int{}, pending: map[uint64]int{}, articles: -1}, nil
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

// EachSince yields the stored articles with an id above after, in id
// order, the way Grouper.Settle and Grouper.Reconsider read them: at the
// end of an ingest run, after is the highest id stored before the run.
func EachSince(ctx context.Context, st store.Store, after int64) func(fn func(int64, *article.Article) error) error {
	return func(fn func(int64, *article.Article) error) error {
		return st.Each(ctx, after, false, func(sa store.StoredArticle) error {
			if sa.Article == nil {
				return nil
			}
			return fn(sa.ID, sa.Article)
		})
	}
}

// PutStoryFeatures implements story.Corpus.
func (c *Corpus) PutStoryFeatures(ctx context.Context, id int64, published time.Time, keys []uint64, features []byte) error {
	return c.st.PutStoryFeatures(ctx, id, published, keys, features)
}

// StoryCandidates implements story.Corpus.
func (c *Corpus) StoryCandidates(ctx context.Context, id int64, keys []uint64, from, to time.Time, limit int) ([]story.Candidate, error) {
	return candidates(c.st.StoryCandidates(ctx, id, keys, from, to, limit))
}

// candidates converts the store's candidates to the story package's.
func candidates(cands []store.Candidate, err error) ([]story.Candidate, error) {
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
	if c.table != nil {
		return c.table.AddTermCounts(ctx, terms, delta)
	}
	if c.addPending(terms, delta) {
		return c.Flush(ctx)
	}
	return nil
}

// addPending counts terms as pending writes and reports whether the
// pending counts are due to be flushed.
func (c *Corpus) addPending(terms []uint64, delta int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range terms {
		c.pending[t] += delta
		if n, ok := c.cache[t]; ok {
			c.cache[t] = n + delta
		}
	}
	c.pendingN += delta
	if c.articles >= 0 {
		c.articles += delta
	}
	c.placed++
	return c.placed >= flushEvery || len(c.pending) >= cacheLimit
}

// TermCounts implements story.Corpus.
func (c *Corpus) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	if c.table != nil {
		return c.table.TermCounts(ctx, terms)
	}
	return c.termCounts(ctx, c.terms, terms)
}

// termCounts answers from the cache and asks src for the terms it misses.
func (c *Corpus) termCounts(ctx context.Context, src termReader, terms []uint64) ([]int, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]int, len(terms))
	var missing []uint64
	var at []int
	for i, t := range terms {
		if n, ok := c.cache[t]; ok {
			out[i] = n
		} else {
			missing = append(missing, t)
			at = append(at, i)
		}
	}
	if len(missing) > 0 || c.articles < 0 {
		counts, articles, err := src.TermCounts(ctx, missing)
		if err != nil {
			return nil, 0, err
		}
		if len(c.cache)+len(missing) > cacheLimit {
			c.cache = map[uint64]int{}
		}
		for k, i := range at {
			n := counts[k] + c.pending[missing[k]]
			out[i] = n
			c.cache[missing[k]] = n
		}
		c.articles = articles + c.pendingN
	}
	return out, c.articles, nil
}

// deltaWriter is what a store may add to write a batch of term counts in
// one statement: deltas[i] more for terms[i], and articles more counted
// articles.
type deltaWriter interface {
	AddTermDeltas(ctx context.Context, terms []uint64, deltas []int, articles int) error
}

// Flush writes the pending term counts to the store: in one call when the
// store has AddTermDeltas, else one AddTermCounts per distinct amount
// (most terms grew by one) and a last call that sets the article count
// right (each of those calls also adds its amount to it).
func (c *Corpus) Flush(ctx context.Context) error {
	if c.table != nil {
		return nil
	}
	c.mu.Lock()
	pending, articles := c.pending, c.pendingN
	c.pending, c.pendingN, c.placed = map[uint64]int{}, 0, 0
	c.mu.Unlock()
	if len(pending) == 0 && articles == 0 {
		return nil
	}
	if dw, ok := c.st.(deltaWriter); ok {
		terms, deltas := make([]uint64, 0, len(pending)), make([]int, 0, len(pending))
		for t, d := range pending {
			terms, deltas = append(terms, t), append(deltas, d)
		}
		if err := dw.AddTermDeltas(ctx, terms, deltas, articles); err != nil {
			return fmt.Errorf("storecorpus: writing term counts: %w", err)
		}
		return nil
	}
	byDelta := map[int][]uint64{}
	for t, d := range pending {
		if d != 0 {
			byDelta[d] = append(byDelta[d], t)
		}
	}
	correction := articles
	for d, terms := range byDelta {
		if err := c.terms.AddTermCounts(ctx, terms, d); err != nil {
			return fmt.Errorf("storecorpus: writing term counts: %w", err)
		}
		correction -= d
	}
	if correction != 0 {
		if err := c.terms.AddTermCounts(ctx, nil, correction); err != nil {
			return fmt.Errorf("storecorpus: writing term counts: %w", err)
		}
	}
	return nil
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

// storySizer is what a store may add to count a story's articles.
type storySizer interface {
	StorySize(ctx context.Context, storyID int64) (int, error)
}

// storyFinder is what a store may add to tell an article's story.
type storyFinder interface {
	StoryOf(ctx context.Context, articleID int64) (int64, error)
}

// StoryOf implements story.StoryFinder: the store's answer when it offers
// one, else a walk over every story.
func (c *Corpus) StoryOf(ctx context.Context, articleID int64) (int64, error) {
	if f, ok := c.st.(storyFinder); ok {
		return f.StoryOf(ctx, articleID)
	}
	stories, err := c.Stories(ctx)
	if err != nil {
		return 0, err
	}
	for id, members := range stories {
		if slices.Contains(members, articleID) {
			return id, nil
		}
	}
	return 0, nil
}

// StorySize implements story.StorySizer: a count in the store when it
// offers one, else the length of the story's member list.
func (c *Corpus) StorySize(ctx context.Context, storyID int64) (int, error) {
	if sz, ok := c.st.(storySizer); ok {
		return sz.StorySize(ctx, storyID)
	}
	ids, err := c.StoryArticles(ctx, storyID)
	return len(ids), err
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

// storyPlacer is what a store may add to write a placement's story and
// features in one transaction (store's PlaceArticle).
type storyPlacer interface {
	PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte) (int64, error)
}

// PlaceArticle implements story.Placer: the story and the features are
// written, in one transaction when the store offers it, the term counts
// batched.
func (c *Corpus) PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte, terms []uint64) (int64, error) {
	var err error
	if sp, ok := c.st.(storyPlacer); ok {
		if storyID, err = sp.PlaceArticle(ctx, articleID, storyID, published, keys, features); err != nil {
			return 0, err
		}
	} else {
		if storyID, err = c.st.SetStory(ctx, articleID, storyID); err != nil {
			return 0, err
		}
		if err := c.st.PutStoryFeatures(ctx, articleID, published, keys, features); err != nil {
			return 0, err
		}
	}
	if len(terms) > 0 {
		if err := c.AddTermCounts(ctx, terms, 1); err != nil {
			return 0, err
		}
	}
	return storyID, nil
}

// storyTxer is what a store may add to run a placement in one transaction
// (store's InStoryTx).
type storyTxer interface {
	InStoryTx(ctx context.Context, fn func(*store.StoryTx) error) error
}

// Transact implements story.Transactor: with a store that offers it, fn
// runs on the store's story transaction (one transaction per placement,
// its reads on the writing connection); else on c itself. Term counts due
// to be written are flushed after the commit, in a transaction of their
// own.
func (c *Corpus) Transact(ctx context.Context, fn func(story.Corpus) error) error {
	stx, ok := c.st.(storyTxer)
	if !ok || c.table != nil {
		return fn(c)
	}
	t := &txCorpus{c: c}
	err := stx.InStoryTx(ctx, func(tx *store.StoryTx) error {
		t.tx = tx
		return fn(t)
	})
	if err != nil {
		return err
	}
	if t.flush {
		return c.Flush(ctx)
	}
	return nil
}

// txCorpus is the corpus inside one story transaction: reads and writes go
// through tx, term counts through c's cache and pending counts.
type txCorpus struct {
	c     *Corpus
	tx    *store.StoryTx
	flush bool // pending counts are due to be written after the commit
}

var (
	_ story.Placer     = (*txCorpus)(nil)
	_ story.StorySizer = (*txCorpus)(nil)
)

// errInPlacement is what the methods a placement does not use say inside
// one: they read or clear every story, which belongs in no placement's
// transaction.
var errInPlacement = errors.New("storecorpus: not available inside a placement transaction")

func (t *txCorpus) PutStoryFeatures(ctx context.Context, id int64, published time.Time, keys []uint64, features []byte) error {
	return t.tx.PutStoryFeatures(ctx, id, published, keys, features)
}

func (t *txCorpus) StoryCandidates(ctx context.Context, id int64, keys []uint64, from, to time.Time, limit int) ([]story.Candidate, error) {
	return candidates(t.tx.StoryCandidates(ctx, id, keys, from, to, limit))
}

func (t *txCorpus) AddTermCounts(ctx context.Context, terms []uint64, delta int) error {
	if t.c.addPending(terms, delta) {
		t.flush = true
	}
	return nil
}

func (t *txCorpus) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	return t.c.termCounts(ctx, t.tx, terms)
}

func (t *txCorpus) SetStory(ctx context.Context, articleID, storyID int64) (int64, error) {
	return t.tx.SetStory(ctx, articleID, storyID)
}

func (t *txCorpus) MergeStories(ctx context.Context, into, from int64) error {
	return t.tx.MergeStories(ctx, into, from)
}

func (t *txCorpus) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	return t.tx.StoryArticleIDs(ctx, storyID)
}

func (t *txCorpus) StorySize(ctx context.Context, storyID int64) (int, error) {
	return t.tx.StorySize(ctx, storyID)
}

func (t *txCorpus) Stories(ctx context.Context) (map[int64][]int64, error) {
	return nil, errInPlacement
}

func (t *txCorpus) ClearStories(ctx context.Context) error { return errInPlacement }

func (t *txCorpus) PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte, terms []uint64) (int64, error) {
	storyID, err := t.tx.PlaceArticle(ctx, articleID, storyID, published, keys, features)
	if err != nil {
		return 0, err
	}
	if len(terms) > 0 {
		t.AddTermCounts(ctx, terms, 1)
	}
	return storyID, nil
}

// ClearStories implements story.Corpus.
func (c *Corpus) ClearStories(ctx context.Context) error {
	if c.table != nil {
		c.table.Reset()
	} else {
		c.mu.Lock()
		c.cache, c.pending, c.pendingN, c.placed, c.articles = map[uint64]int{}, map[uint64]int{}, 0, 0, -1
		c.mu.Unlock()
	}
	return c.st.ClearStories(ctx)
}
