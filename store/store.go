// Package store is lede's corpus: every ingested article with its raw page,
// its analysis (entities, quotes, events), its earlier versions, the sources
// it came from and their errors, the fetch queue several workers share, and
// the stories the story package groups articles into.
//
// One interface, Store, has two engines behind it: SQLite (embedded, a file,
// modernc.org/sqlite with FTS5) and PostgreSQL 15 (pgx, tsvector + GIN).
// Open picks the engine from the DSN. Both share the schema's shape, the
// query language (one parser, compiled to an FTS5 MATCH or a tsquery) and
// most of the SQL; where the engines must differ the SQL is written once per
// engine. The same calls give the same results on both.
//
// Every write is its own short transaction, so a process killed at any
// moment loses at most the article in flight and never leaves a half-stored
// one. Versioned migrations run on Open, serialised across processes
// (BEGIN IMMEDIATE in SQLite, an advisory lock in PostgreSQL).
package store

import (
	"context"
	"errors"
	"time"

	"lede/article"
)

// ErrNotFound is returned (wrapped) when an id names nothing stored.
var ErrNotFound = errors.New("not found")

// ErrQuery is wrapped by every error of the query language, so that callers
// can answer "bad query" (exit 2, HTTP 400) rather than "store failed".
var ErrQuery = errors.New("bad query")

// Store is the corpus. Implementations are safe for concurrent use.
type Store interface {
	// Put stores one article in its own transaction. Same key and same
	// text: nothing changes (Unchanged). Same key, changed text: the
	// earlier text becomes a version and the new one replaces it
	// (Updated). A page whose extraction found no body is stored too.
	Put(ctx context.Context, r Record) (PutResult, error)
	// HasPage says whether a page with exactly these bytes is stored (as
	// an article's current raw page), so a rerun can skip extracting pages
	// it already holds.
	HasPage(ctx context.Context, raw []byte) (id int64, ok bool, err error)
	// ReplaceArticle replaces a stored article's extraction and analysis
	// (for reindex), keeping its id, key, raw page, versions and story. It
	// records no new version: the page did not change, lede did.
	ReplaceArticle(ctx context.Context, id int64, a *article.Article) error
	// Article returns one stored article (without its raw page).
	Article(ctx context.Context, id int64) (StoredArticle, error)
	// Raw returns a stored article's raw page as it was fetched.
	Raw(ctx context.Context, id int64) ([]byte, error)
	// Versions returns the earlier versions of an article, oldest first.
	Versions(ctx context.Context, id int64) ([]Version, error)
	// Each calls fn for every stored article with id > after, in id order,
	// reading in small batches so that fn may write to the store (reindex,
	// restory). With raw set, StoredArticle.Raw holds the raw page. An
	// error from fn stops the walk and is returned.
	Each(ctx context.Context, after int64, raw bool, fn func(StoredArticle) error) error

	// RecordError records that a page or a source failed. The same input
	// and URL failing again replaces the reason (so a rerun does not count
	// an error twice); a later successful Put of the URL clears it.
	RecordError(ctx context.Context, e SourceError) error
	// Status counts what the store holds.
	Status(ctx context.Context) (Status, error)

	// Search runs a query of lede's query language (see ParseQuery) with
	// filters; it returns one page of hits, best first, and the number of
	// matching articles, counted up to MaxTotal. A query matching more
	// articles than the rank window (300) is ranked among its newest
	// matches, so a broad word costs no more than a rare one.
	Search(ctx context.Context, q Query) ([]Hit, int, error)
	// SearchQuotes finds quotes by their words and/or speaker.
	SearchQuotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, int, error)

	// Fetch queue shared by workers (PostgreSQL: FOR UPDATE SKIP LOCKED
	// with leases; SQLite: the same, single writer).
	Queue

	// Conditional GET validators by URL.
	Validators(ctx context.Context, url string) (etag, lastModified string, err error)
	SetValidators(ctx context.Context, url, etag, lastModified string) error

	// Story grouping (the methods of story.Corpus, in plain types; a
	// []Candidate converts element-wise to []story.Candidate).
	PutStoryFeatures(ctx context.Context, articleID int64, published time.Time, keys []uint64, features []byte) error
	StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error)
	SetStory(ctx context.Context, articleID, storyID int64) (int64, error)
	MergeStories(ctx context.Context, into, from int64) error
	// ClearStories also forgets the term counts.
	ClearStories(ctx context.Context) error
	// Document counts of story terms (story.Corpus's AddTermCounts and
	// TermCounts): AddTermCounts adds delta to each distinct term's count
	// and to the number of counted articles.
	AddTermCounts(ctx context.Context, terms []uint64, delta int) error
	TermCounts(ctx context.Context, terms []uint64) (counts []int, articles int, err error)

	// Story reads.
	// Stories lists stories, newest first.
	Stories(ctx context.Context, q StoryQuery) ([]Story, error)
	// Story returns one story with its articles, oldest first.
	Story(ctx context.Context, id int64) (Story, error)
	// StoryArticles returns the full stored articles of a story, oldest first.
	StoryArticles(ctx context.Context, storyID int64) ([]StoredArticle, error)

	// Quote identity: SetQuoteKeys gives each of an article's quotes (in
	// Article.Quotes order) the key the story package computed for it;
	// QuoteGroups returns quotes grouped by key, most outlets first.
	SetQuoteKeys(ctx context.Context, articleID int64, keys []uint64) error
	QuoteGroups(ctx context.Context, q QuoteQuery) ([]QuoteGroup, error)

	// Engine is "sqlite" or "postgres".
	Engine() string
	Close() error
}

// Queue is the fetch queue: URLs to fetch, claimed by workers under a lease
// so that each is fetched once and a crashed worker's claims come back when
// their lease expires.
type Queue interface {
	// Enqueue adds URLs not seen before (a URL already queued, claimed or
	// done is left as it is) and returns how many were added.
	Enqueue(ctx context.Context, items []QueueItem) (int, error)
	// Claim takes up to n pending URLs (or ones whose lease expired) for
	// worker, leased for lease.
	Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]QueueItem, error)
	// Done marks a claimed URL fetched and stored.
	Done(ctx context.Context, id int64) error
	// Fail marks a claimed URL failed with a reason; it is not retried.
	Fail(ctx context.Context, id int64, reason string) error
	// Pending counts URLs not yet done or failed.
	Pending(ctx context.Context) (int, error)
}

// Record is one article to store, as ingest hands it over.
type Record struct {
	// Key identifies the article across fetches: the canonical URL key the
	// caller computed, or a content hash for a page without URL. Empty
	// means: the SHA-256 of Raw.
	Key string
	// URL is the page's own URL as ingested (not the normalised key).
	URL string
	// Source says where this page came from (a path, a URL, "x.warc.gz#123").
	Source string
	// Input is the SOURCE argument the page was read through (the file,
	// directory, feed or sitemap as the user gave it); status counts per Input.
	Input       string
	FetchedAt   time.Time
	ContentType string
	Raw         []byte // the page as fetched (stored compressed)
	Article     *article.Article

	// encoded is the row an SQLite or PostgreSQL store's Encode made of
	// the record ahead of writing it; nil: made when it is written.
	encoded *row
}

// PutResult says what Put did.
type PutResult struct {
	ID        int64
	Created   bool // a new article
	Updated   bool // the text changed: the earlier one is now a version
	Unchanged bool // same text as stored: nothing written
}

// StoredArticle is an article as the store holds it.
type StoredArticle struct {
	ID          int64
	Key         string
	URL         string
	Source      string
	Input       string
	FetchedAt   time.Time
	ContentType string
	Published   time.Time // parsed Article.Published; zero when unknown
	StoryID     int64     // 0 when in no story
	Versions    int       // earlier versions kept
	Article     *article.Article
	Raw         []byte // only from Each with raw set
}

// Version is an earlier text of an article.
type Version struct {
	ArticleID int64
	FetchedAt time.Time
	Article   *article.Article
}

// SourceError is a failure recorded for status.
type SourceError struct {
	Input  string // the SOURCE argument
	Source string // the page's source, if one page failed
	URL    string
	Reason string
	At     time.Time // zero means now
}

// Status is what `lede status` prints.
type Status struct {
	Articles  int   `json:"articles"` // each article once, whatever its versions
	Sources   int   `json:"sources"`  // distinct inputs seen
	Errors    int   `json:"errors"`
	Versions  int   `json:"versions"` // earlier versions kept
	Stories   int   `json:"stories"`
	Queued    int   `json:"queued"` // fetch queue: not yet done
	SizeBytes int64 `json:"size_bytes"`
	// PerSource is per input: counts and its last errors.
	PerSource []SourceStatus `json:"per_source"`
}

// SourceStatus is one input's counts.
type SourceStatus struct {
	Input      string        `json:"input"`
	Articles   int           `json:"articles"`
	Errors     int           `json:"errors"`
	LastErrors []SourceError `json:"last_errors,omitempty"` // newest first, a few
}

// Query is a search: Text in lede's query language plus filters. Zero
// fields do not filter.
type Query struct {
	Text    string // words, "phrases", AND, OR, NOT, -word, prefix*, (groups)
	Site    string // site name or host (www. ignored), case-insensitive
	Lang    string // language tag; "en" also matches "en-GB"
	Since   time.Time
	Until   time.Time
	Author  string // case-insensitive, the full name as stored
	Entity  string // an entity's canonical name, case-insensitive
	Speaker string // a quote's speaker, case-insensitive
	Event   string // PLOVER event type (ASSAULT, …)
	Actor   string // an event's source or target name, with Event or alone
	Limit   int    // default 10
	Offset  int
}

// Hit is one search result.
type Hit struct {
	ID        int64
	URL       string
	Source    string
	Title     string
	SiteName  string
	Language  string
	Published time.Time
	// Snippet is the match in context, plain text; Highlights are the
	// matched words in it as byte ranges, for the caller to mark.
	Snippet    string
	Highlights []Range
	Score      float64 // higher is better, comparable within one result list
}

// Range is Snippet[Start:End].
type Range struct{ Start, End int }

// QuoteQuery finds quotes: Text (query language, over quote words) and/or
// Speaker (case-insensitive full name).
type QuoteQuery struct {
	Text    string
	Speaker string
	Since   time.Time
	Until   time.Time
	Limit   int // default 20
	Offset  int
}

// QuoteHit is one quote of one article.
type QuoteHit struct {
	ArticleID int64
	Index     int // in Article.Quotes
	Text      string
	Kind      string
	Speaker   string
	Key       uint64 // 0 when not keyed yet
	URL       string
	SiteName  string
	Published time.Time
}

// QuoteGroup is one quote (by key) and every article that carries it,
// earliest first.
type QuoteGroup struct {
	Key     uint64
	Outlets int // distinct site names (or articles without one)
	Quotes  []QuoteHit
}

// Candidate is an article sharing story keys with the one being placed; it
// has story.Candidate's fields in the same order, so it converts.
type Candidate struct {
	ArticleID int64
	StoryID   int64
	Published time.Time
	Shared    int
	Features  []byte
}

// StoryQuery lists stories.
type StoryQuery struct {
	Since time.Time // stories with an article published at or after
	All   bool      // include stories of one article
	Limit int       // 0: all
}

// Story is a group of articles about one event.
type Story struct {
	ID             int64
	Title          string // the earliest article's title
	FirstPublished time.Time
	Articles       []StoryArticle
}

// StoryArticle is what a story list shows of an article.
type StoryArticle struct {
	ID        int64
	URL       string
	SiteName  string
	Published time.Time
	Title     string
	Language  string
	Agency    string
}

// QueueItem is a URL to fetch with what the enqueuer knows of it.
type QueueItem struct {
	ID    int64 // set by the store
	URL   string
	Input string // the SOURCE argument it was found through
	// Hint is what the URL is expected to be ("page", "feed", "sitemap")
	// and Published the date the feed or sitemap gave, if any.
	Hint      string
	Published time.Time
	Attempts  int
}

// Open opens (creating if needed) the store named by dsn and applies any
// pending migrations: a postgres:// or postgresql:// URL is PostgreSQL,
// anything else an SQLite file path.
func Open(ctx context.Context, dsn string) (Store, error) {
	if isPostgres(dsn) {
		return openPostgres(ctx, dsn)
	}
	return openSQLite(ctx, dsn)
}
