package story

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"
)

// MemoryCorpus is a Corpus held in memory: the same index and membership a
// store keeps, for tests, benchmarks and one-off runs over articles that are
// not stored. It is safe for concurrent use.
type MemoryCorpus struct {
	mu        sync.Mutex
	postings  map[uint64]*postings // key → articles that have it
	articles  map[int64]*memoryArticle
	termCount map[uint64]int
	counted   int
	stories   map[int64][]int64
	nextStory int64
}

// postings are the articles that have one key: the dated ones by
// publication time (then id), so that a lookup reads the window's stretch
// only, as the stores' key index does, and the undated ones, which every
// window matches.
type postings struct {
	dated   []posting
	undated []int64
}

type posting struct {
	at int64 // publication time, Unix nanoseconds
	id int64
}

func (p *postings) add(id int64, published time.Time) {
	if published.IsZero() {
		p.undated = append(p.undated, id)
		return
	}
	e := posting{published.UnixNano(), id}
	i := sort.Search(len(p.dated), func(i int) bool {
		d := p.dated[i]
		return d.at > e.at || d.at == e.at && d.id >= e.id
	})
	p.dated = slices.Insert(p.dated, i, e)
}

func (p *postings) remove(id int64, published time.Time) {
	if published.IsZero() {
		p.undated = slices.DeleteFunc(p.undated, func(x int64) bool { return x == id })
		return
	}
	p.dated = slices.DeleteFunc(p.dated, func(d posting) bool { return d.id == id })
}

// each calls fn for every article of the window [from, to] (all when it is
// open) and every undated one.
func (p *postings) each(from, to time.Time, fn func(id int64)) {
	for _, id := range p.undated {
		fn(id)
	}
	lo, hi := 0, len(p.dated)
	if !from.IsZero() && !to.IsZero() {
		f, t := from.UnixNano(), to.UnixNano()
		lo = sort.Search(len(p.dated), func(i int) bool { return p.dated[i].at >= f })
		hi = sort.Search(len(p.dated), func(i int) bool { return p.dated[i].at > t })
	}
	for _, d := range p.dated[lo:max(lo, hi)] {
		fn(d.id)
	}
}

type memoryArticle struct {
	published time.Time
	keys      []uint64
	features  []byte
	story     int64
}

// NewMemoryCorpus returns an empty MemoryCorpus.
func NewMemoryCorpus() *MemoryCorpus {
	return &MemoryCorpus{
		postings:  map[uint64]*postings{},
		articles:  map[int64]*memoryArticle{},
		termCount: map[uint64]int{},
		stories:   map[int64][]int64{},
	}
}

// PutStoryFeatures implements Corpus.
func (m *MemoryCorpus) PutStoryFeatures(ctx context.Context, articleID int64, published time.Time, keys []uint64, features []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	a := m.articles[articleID]
	if a == nil {
		a = &memoryArticle{}
		m.articles[articleID] = a
	}
	for _, k := range a.keys {
		if p := m.postings[k]; p != nil {
			p.remove(articleID, a.published)
			if len(p.dated) == 0 && len(p.undated) == 0 {
				delete(m.postings, k)
			}
		}
	}
	a.published = published
	a.keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	a.features = slices.Clone(features)
	for _, k := range a.keys {
		p := m.postings[k]
		if p == nil {
			p = &postings{}
			m.postings[k] = p
		}
		p.add(articleID, published)
	}
	return nil
}

// StoryCandidates implements Corpus.
func (m *MemoryCorpus) StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	shared := map[int64]int{}
	for _, k := range slices.Compact(slices.Sorted(slices.Values(keys))) {
		if p := m.postings[k]; p != nil {
			p.each(from, to, func(id int64) {
				if id != articleID {
					shared[id]++
				}
			})
		}
	}
	out := make([]Candidate, 0, len(shared))
	for id, n := range shared {
		a := m.articles[id]
		if !inWindow(a.published, from, to) {
			continue
		}
		out = append(out, Candidate{ArticleID: id, StoryID: a.story, Published: a.published, Shared: n, Features: a.features})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Shared != out[j].Shared {
			return out[i].Shared > out[j].Shared
		}
		return out[i].ArticleID < out[j].ArticleID
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// inWindow reports whether t lies in [from, to]; an unknown date, or an
// open window, matches.
func inWindow(t, from, to time.Time) bool {
	if t.IsZero() || from.IsZero() || to.IsZero() {
		return true
	}
	return !t.Before(from) && !t.After(to)
}

// AddTermCounts implements Corpus.
func (m *MemoryCorpus) AddTermCounts(ctx context.Context, terms []uint64, delta int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, t := range terms {
		if n := m.termCount[t] + delta; n > 0 {
			m.termCount[t] = n
		} else {
			delete(m.termCount, t)
		}
	}
	m.counted = max(0, m.counted+delta)
	return nil
}

// TermCounts implements Corpus.
func (m *MemoryCorpus) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]int, len(terms))
	for i, t := range terms {
		out[i] = m.termCount[t]
	}
	return out, m.counted, nil
}

// SetStory implements Corpus.
func (m *MemoryCorpus) SetStory(ctx context.Context, articleID, storyID int64) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	a := m.articles[articleID]
	if a == nil {
		a = &memoryArticle{}
		m.articles[articleID] = a
	}
	if storyID == 0 {
		m.nextStory++
		storyID = m.nextStory
	} else if _, ok := m.stories[storyID]; !ok {
		return 0, fmt.Errorf("story %d does not exist", storyID)
	}
	if a.story != 0 {
		m.removeMember(a.story, articleID)
	}
	a.story = storyID
	m.stories[storyID] = append(m.stories[storyID], articleID)
	slices.Sort(m.stories[storyID])
	return storyID, nil
}

func (m *MemoryCorpus) removeMember(storyID, articleID int64) {
	left := slices.DeleteFunc(m.stories[storyID], func(id int64) bool { return id == articleID })
	if len(left) == 0 {
		delete(m.stories, storyID)
		return
	}
	m.stories[storyID] = left
}

// MergeStories implements Corpus.
func (m *MemoryCorpus) MergeStories(ctx context.Context, into, from int64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if into == from {
		return nil
	}
	if _, ok := m.stories[into]; !ok {
		return fmt.Errorf("story %d does not exist", into)
	}
	for _, id := range m.stories[from] {
		m.articles[id].story = into
	}
	m.stories[into] = slices.Sorted(slices.Values(append(m.stories[into], m.stories[from]...)))
	delete(m.stories, from)
	return nil
}

// StoryArticles implements Corpus.
func (m *MemoryCorpus) StoryArticles(ctx context.Context, storyID int64) ([]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.stories[storyID]), nil
}

// StorySize implements StorySizer.
func (m *MemoryCorpus) StorySize(ctx context.Context, storyID int64) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.stories[storyID]), nil
}

// Stories implements Corpus.
func (m *MemoryCorpus) Stories(ctx context.Context) (map[int64][]int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[int64][]int64, len(m.stories))
	for id, members := range m.stories {
		out[id] = slices.Clone(members)
	}
	return out, nil
}

// ClearStories implements Corpus.
func (m *MemoryCorpus) ClearStories(ctx context.Context) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.postings = map[uint64]*postings{}
	m.articles = map[int64]*memoryArticle{}
	m.termCount = map[uint64]int{}
	m.counted = 0
	m.stories = map[int64][]int64{}
	return nil
}
