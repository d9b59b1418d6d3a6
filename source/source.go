// Package source yields the pages lede reads, from every kind of input:
// files and directories, JSON Lines records, WARC files, RSS/Atom/JSON feeds,
// sitemaps and http(s) URLs. It owns fetching: robots.txt, per-host
// politeness, conditional GET, retries, size and time caps, and the
// private-address guard every request passes (package source/guard).
//
// Reading is split in two steps so that several processes can share the
// work through a queue in a database:
//
//   - Discover turns what the user typed into Found items, each either a
//     ready Page (a file, a JSON Lines record, a WARC record, or a source that
//     failed) or a Target, a URL to fetch (an http(s) input, or an entry of a
//     local feed or sitemap). Discover itself never touches the network.
//   - (*Fetcher).Fetch fetches one Target and returns its Page. When the
//     Target may be a listing (an input URL, a sitemap index's child) and its
//     content is a feed or sitemap, the Page carries a Listing: the Targets it
//     names, to fetch in turn; such a page is not an article.
//
// Pages does both in one process, with an in-memory queue, for a simple run.
// Key gives the canonical key of a URL, under which the store keeps a page
// and a queue deduplicates its URLs.
//
// What an input is, is told by its content, not its name: a file named
// .xml may be an RSS feed or a sitemap, a URL ending in .html may answer with
// a feed. A page that could not be read is a Page with Err set, so one bad
// record never stops the others.
package source

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"time"
)

// UserAgent is what lede says it is on every request: an honest name with a
// link. It is the text of lede.UserAgent, kept here so that source does not
// import the root package.
const UserAgent = "lede/0.1 (+https://github.com/lede)"

// RobotsAgent is the name robots.txt groups are matched against.
const RobotsAgent = "lede"

// Page is one document to extract, with where it came from.
type Page struct {
	// URL is the page's own address: the URL fetched (after redirects), a
	// WARC record's target URI, a JSON Lines record's url; empty for a local
	// file with no known address.
	URL string
	// Source says where the page came from, for a person to find it again:
	// the file path, the URL as given, "x.warc.gz#1234" (a record's offset),
	// "records.jsonl:17" (a line).
	Source string
	// FetchedAt is when the page was fetched or, for a WARC record, its
	// WARC-Date; a file's modification time.
	FetchedAt   time.Time
	ContentType string // the HTTP Content-Type, if known
	Body        []byte // the raw bytes as fetched or read (maybe gzipped)
	// Kind forces the input kind when the source knows it ("html", "text");
	// empty means detect. A JSON Lines record with "text" sets "text".
	Kind string
	// Override holds what a JSON Lines record says about the page; non-empty
	// fields win over what extraction finds.
	Override Override
	// Listed holds what the feed or sitemap that listed the page said of it
	// (its date, its title): hints, used only where extraction finds nothing.
	Listed Override
	// Validator is what the server sent for a later conditional GET (ETag,
	// Last-Modified). Store it (Validators.SetValidator) only once the page
	// itself is stored, so that a crash in between cannot make a later run
	// skip a page it never kept.
	Validator Validator
	// NotModified is set when a conditional GET was answered 304 Not
	// Modified: Body is empty and there is nothing new to extract. It is not
	// an error.
	NotModified bool
	// Listing is set when the fetched page turned out to be a feed or a
	// sitemap: the page is not an article; its Targets are to be fetched.
	Listing *Listing
	// Err is set, instead of Body, when the page could not be read or
	// fetched; the reason a person can act on ("404 Not Found", "robots.txt
	// disallows", "bad gzip").
	Err error
}

// Override is what a record says of its page, over what extraction finds.
type Override struct {
	Published string `json:"published,omitempty"` // ISO 8601 date or date-time
	Title     string `json:"title,omitempty"`
	SiteName  string `json:"site_name,omitempty"`
	Language  string `json:"language,omitempty"`
}

// Target is a URL to fetch, with what its listing said of it. Its JSON form
// is meant to be kept in a queue table as it is.
type Target struct {
	URL string `json:"url"`
	// Source is the input or listing that named the URL: the URL as the
	// user typed it, the feed's URL, "sitemap.xml" (a local file).
	Source string `json:"source,omitempty"`
	// Listed is what the feed or sitemap entry said (published, title).
	Listed Override `json:"listed,omitempty"`
	// MayList is set for URLs that may be feeds or sitemaps themselves (an
	// input URL, a sitemap index's entries): Fetch then looks at the content
	// and returns a Listing when it is one. A feed's items and a sitemap's
	// URLs are pages, never expanded.
	MayList bool `json:"may_list,omitempty"`
	// Depth counts the listings between the input and this URL (0 for an
	// input); Fetch expands no listing deeper than Options.MaxListingDepth,
	// so a sitemap index that lists itself ends.
	Depth int `json:"depth,omitempty"`
}

// Listing is what a feed or sitemap names.
type Listing struct {
	// Format is "rss", "atom", "json" (JSON Feed), "sitemap" (urlset) or
	// "sitemapindex".
	Format  string
	Targets []Target
}

// Found is one thing Discover found: either a Page ready to extract (or a
// failed source, Page.Err set) or a Target to fetch. Exactly one is set.
type Found struct {
	Page   *Page
	Target *Target
}

// Validator is what a conditional GET sends back to the server.
type Validator struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// IsZero reports whether there is nothing to send.
func (v Validator) IsZero() bool { return v.ETag == "" && v.LastModified == "" }

// Validators keeps the conditional-GET validators of fetched URLs between
// fetches. The store implements it so that a later run asks only for what
// changed; MemoryValidators is the one for a single run. The url is the
// page's URL (Page.URL, the last one after redirects).
type Validators interface {
	// Validator returns what was kept for url, the zero Validator if none.
	Validator(ctx context.Context, url string) (Validator, error)
	// SetValidator keeps v for url.
	SetValidator(ctx context.Context, url string, v Validator) error
}

// Options configure Discover, the Fetcher and Pages. The zero value is
// polite and safe: guarded, a 1 s delay per host, robots.txt honoured.
type Options struct {
	// AllowPrivate lifts the private-address guard (--allow-private): for
	// crawls of a local server. The scheme allow-list still holds.
	AllowPrivate bool
	// Delay is the pause between two requests to one host: 0 means
	// DefaultDelay, a negative value none. A larger robots.txt Crawl-delay
	// wins.
	Delay time.Duration
	// PerHost is how many requests may be in flight to one host: 1 (the
	// default) or 2; more is treated as 2.
	PerHost int
	// Timeout caps one request, body included (default DefaultTimeout).
	Timeout time.Duration
	// MaxBytes caps one body as read and after gzip (default
	// decode.DefaultMaxBytes).
	MaxBytes int64
	// MaxRedirects caps the redirects of one request (default
	// guard.DefaultMaxRedirects).
	MaxRedirects int
	// Retries is how many times a request answered 429 or 5xx, or failing
	// on the network, is tried again: 0 means DefaultRetries, a negative
	// value none.
	Retries int
	// RetryWait is the first pause before a retry, doubled each time
	// (default DefaultRetryWait); a Retry-After header wins when larger.
	RetryWait time.Duration
	// MaxRetryWait caps one pause; a Retry-After beyond it ends the retries
	// (default DefaultMaxRetryWait).
	MaxRetryWait time.Duration
	// MaxCrawlDelay caps a robots.txt Crawl-delay (default
	// DefaultMaxCrawlDelay), so one host cannot stall a run for hours.
	MaxCrawlDelay time.Duration
	// UserAgent replaces UserAgent on requests (robots.txt is still matched
	// as RobotsAgent).
	UserAgent string
	// Validators keeps ETag / Last-Modified between fetches; nil: no
	// conditional GET.
	Validators Validators
	// Since drops the entries of feeds and sitemaps dated before it (entries
	// without a date are kept). Zero: keep all.
	Since time.Time
	// MaxLineBytes caps one JSON Lines record (default twice MaxBytes plus
	// 64 KiB: a page's HTML escaped as a JSON string).
	MaxLineBytes int
	// MaxListingDepth caps how deep listings are followed (default
	// DefaultMaxListingDepth): input → sitemap index → sitemap → pages is 2.
	MaxListingDepth int
	// Logger receives what is skipped and why (default slog.Default()).
	Logger *slog.Logger
	// Stdin is what the input "-" reads (default os.Stdin).
	Stdin io.Reader
}

// Defaults of Options.
const (
	DefaultDelay           = time.Second
	DefaultTimeout         = 30 * time.Second
	DefaultRetries         = 3
	DefaultRetryWait       = time.Second
	DefaultMaxRetryWait    = time.Minute
	DefaultMaxCrawlDelay   = 30 * time.Second
	DefaultMaxListingDepth = 3
)

// Errors a Page's Err wraps, for callers to count and report by kind.
var (
	// ErrRobots: robots.txt disallows the URL for lede.
	ErrRobots = errors.New("robots.txt disallows")
	// ErrHTTPStatus: the server answered with an error status (see
	// StatusError for the code).
	ErrHTTPStatus = errors.New("HTTP error status")
	// ErrNotRegular: a path names a FIFO, a device or a socket.
	ErrNotRegular = errors.New("not a regular file")
	// ErrRecord: a JSON Lines record or WARC record is malformed.
	ErrRecord = errors.New("bad record")
	// ErrListing: a feed or sitemap could not be parsed.
	ErrListing = errors.New("bad feed or sitemap")
)

// StatusError is an HTTP error answer; it wraps ErrHTTPStatus.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

func (e *StatusError) Error() string { return e.Status }

// Unwrap lets errors.Is find ErrHTTPStatus.
func (e *StatusError) Unwrap() error { return ErrHTTPStatus }
