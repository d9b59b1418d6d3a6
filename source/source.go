// Package source yields the pages lede reads, from every kind of input:
// files and directories, JSON Lines records, WARC files, RSS/Atom/JSON feeds,
// sitemaps and http(s) URLs. It owns fetching: robots.txt, per-host
// politeness, conditional GET, retries, size and time caps, and the
// private-address guard every request passes (package source/guard).
//
// A Source is opened from what the user typed (Open) and read as a stream of
// Pages; a page that could not be read is a Page with Err set, so one bad
// record never stops the others.
package source

import (
	"time"
)

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
	// Err is set, instead of Body, when the page could not be read or
	// fetched; the reason a person can act on ("404 Not Found", "robots.txt
	// disallows", "bad gzip").
	Err error
}

// Override is what a record says of its page, over what extraction finds.
type Override struct {
	Published string // ISO 8601 date or date-time
	Title     string
	SiteName  string
	Language  string
}
