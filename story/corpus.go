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
// candidates without comparing all pairs, each article's encoded features
// to score a candidate, and story membership. store's SQLite and PostgreSQL
// stores implement it; the methods take only plain types so that store need
// not import this package.
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
	// SetStory places an article in a story. storyID 0 starts a new story;
	// the story's id is returned.
	SetStory(ctx context.Context, articleID, storyID int64) (int64, error)
	// MergeStories moves every article of story from into story into.
	MergeStories(ctx context.Context, into, from int64) error
	// ClearStories forgets every story and every article's keys and
	// features, for a regrouping of the whole corpus.
	ClearStories(ctx context.Context) error
}

// Candidate is an article that shares keys with the one being placed.
type Candidate struct {
	ArticleID int64
	StoryID   int64 // 0 if the candidate is in no story yet
	Published time.Time
	Shared    int    // how many of the asked keys it has
	Features  []byte // as given to PutStoryFeatures
}
