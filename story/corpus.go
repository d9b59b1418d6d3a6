// Package story finds the same story across outlets: every stored article
// joins the story it belongs to or starts one (grouping by shingle sketches,
// shared names, numbers and quotes, inside a time window); a story's
// versions are aligned to the one they derive from and diffed word by word;
// quotes are recognised across articles and traced to where they first
// appeared.
package story

import (
	"context"
	"time"
)

// Corpus is what grouping needs of the store: a key → article index to find
// candidates without comparing all pairs, document counts of terms to weigh
// them, each article's encoded features to score a candidate, and story
// membership. store's SQLite and PostgreSQL stores implement it, and
// MemoryCorpus in this package does for tests and benchmarks; the methods
// take only plain types.
type Corpus interface {
	// PutStoryFeatures records an article's candidate keys (sketch bands,
	// rare names, numbers, quote hashes) and its encoded features,
	// replacing any it had.
	PutStoryFeatures(ctx context.Context, articleID int64, published time.Time, keys []uint64, features []byte) error
	// StoryCandidates returns at most limit articles other than articleID
	// that share at least one of keys and were published within [from, to]
	// (an article without a date, or a zero from/to, matches any window),
	// the most shared keys first.
	StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error)
	// AddTermCounts adds delta to the document count of each of terms (the
	// distinct terms of one article) and to the number of counted
	// articles. Grouping weighs a term by how rare it is in the corpus.
	AddTermCounts(ctx context.Context, terms []uint64, delta int) error
	// TermCounts returns the document count of each of terms (0 for a term
	// never counted), in the order asked, and the number of counted articles.
	TermCounts(ctx context.Context, terms []uint64) (counts []int, articles int, err error)
	// SetStory places an article in a story. storyID 0 starts a new story;
	// the story's id is returned.
	SetStory(ctx context.Context, articleID, storyID int64) (int64, error)
	// MergeStories moves every article of story from into story into.
	MergeStories(ctx context.Context, into, from int64) error
	// StoryArticles returns the ids of a story's articles, ascending; none
	// for an unknown story.
	StoryArticles(ctx context.Context, storyID int64) ([]int64, error)
	// Stories returns every story's article ids (ascending), by story id.
	Stories(ctx context.Context) (map[int64][]int64, error)
	// ClearStories forgets every story, every article's keys and features
	// and every term count, for a regrouping of the whole corpus.
	ClearStories(ctx context.Context) error
}

// Placer is what a Corpus may add to record a placement in one write (one
// transaction in a store) rather than three: the article's story (0
// starts one; the id is returned), its keys and features as
// PutStoryFeatures takes them, and, unless terms is empty, one more count
// for each of its terms and for the counted articles, as AddTermCounts.
type Placer interface {
	PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte, terms []uint64) (int64, error)
}

// Transactor is what a Corpus may add to make each placement one unit:
// Transact runs fn with a Corpus whose reads and writes all belong to one
// transaction, committed when fn returns nil and rolled back otherwise. A
// store then answers a placement's reads from the connection that writes
// it, in one round of locking. Only the placement's methods need work on
// the Corpus fn gets (TermCounts, StoryCandidates, sizes, SetStory,
// MergeStories, PutStoryFeatures, AddTermCounts, PlaceArticle); listing or
// clearing every story there may fail.
type Transactor interface {
	Transact(ctx context.Context, fn func(Corpus) error) error
}

// StorySizer is what a Corpus may add to count a story's articles without
// listing them: placement weighs a story by its size, and a large story's
// member list costs as much to read as it is long.
type StorySizer interface {
	StorySize(ctx context.Context, storyID int64) (int, error)
}

// StoryFinder is what a Corpus may add to tell an article's story without
// listing every story: Reconsider then reads only the stories its articles
// touch, so its cost follows the run, not the corpus.
type StoryFinder interface {
	StoryOf(ctx context.Context, articleID int64) (int64, error)
}

// Candidate is an article that shares keys with the one being placed.
type Candidate struct {
	ArticleID int64
	StoryID   int64 // 0 if the candidate is in no story yet
	Published time.Time
	Shared    int    // how many of the asked keys it has
	Features  []byte // as given to PutStoryFeatures
}
