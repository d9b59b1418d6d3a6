package main

// lede search: flags, the query, and the hits as JSON Lines or text.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"lede/store"
)

const searchUsage = `Usage: lede search [flags] QUERY

Ranked full-text search over the stored articles' titles, deks and bodies.
QUERY has words (all must match), "phrases", OR, NOT or -word, prefix* terms
and (groups). With --quotes it searches what was quoted instead.

Output: JSON Lines (--format json), one hit a line with id, url, source,
title, site_name, language, published, snippet and score; or text, the
match highlighted on a terminal.

Flags:
`

func runSearch(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede search", searchUsage, stderr)
	cf := declareCorpusFlags(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	limit := fs.Int("limit", 10, "most hits shown")
	offset := fs.Int("offset", 0, "hits skipped first (for the next page)")
	site := fs.String("site", "", "only articles of this site (name or host)")
	lang := fs.String("lang", "", "only articles in this language (en also matches en-GB)")
	since := fs.String("since", "", "only articles published at or after this `date`")
	until := fs.String("until", "", "only articles published at or before this `date`")
	author := fs.String("author", "", "only articles by this author")
	entity := fs.String("entity", "", "only articles that name this entity")
	speaker := fs.String("speaker", "", "only articles quoting this speaker (with --quotes: quotes of this speaker)")
	event := fs.String("event", "", "only articles with an event of this PLOVER `type` (ASSAULT, PROTEST, …)")
	actor := fs.String("actor", "", "only articles with an event whose source or target is this `name`")
	quotes := fs.Bool("quotes", false, "search quotes: what was said, and by whom")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("search", err, stderr)
	}
	if *format != "text" && *format != "json" {
		return usageError("search", fmt.Errorf("unknown --format %q: use text or json", *format), stderr)
	}
	if *limit < 1 || *offset < 0 {
		return usageError("search", errors.New("--limit must be at least 1 and --offset not negative"), stderr)
	}
	now := time.Now()
	sinceT, err := parseDate(*since, now)
	if err != nil {
		return usageError("search", fmt.Errorf("--since: %w", err), stderr)
	}
	untilT, err := parseDate(*until, now)
	if err != nil {
		return usageError("search", fmt.Errorf("--until: %w", err), stderr)
	}
	if len(*until) == len("2006-01-02") {
		untilT = untilT.Add(24*time.Hour - time.Nanosecond) // the whole day
	}
	text := strings.Join(words, " ")
	filtered := *site != "" || *lang != "" || *since != "" || *until != "" || *author != "" || *entity != "" || *speaker != "" || *event != "" || *actor != ""
	if strings.TrimSpace(text) == "" && !filtered {
		return usageError("search", errors.New(`no QUERY given (words, "a phrase", OR, NOT, prefix*) and no filter`), stderr)
	}

	st, err := openExistingStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede search: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	color := *format == "text" && isTerminal(stdout)

	if *quotes {
		hits, total, err := st.SearchQuotes(ctx, store.QuoteQuery{Text: text, Speaker: *speaker, Since: sinceT, Until: untilT, Limit: *limit, Offset: *offset})
		if err != nil {
			return searchFailed(err, stderr)
		}
		writeQuotes(out, hits, total, *format, *offset)
		return exitOK
	}
	hits, total, err := st.Search(ctx, store.Query{
		Text: text, Site: *site, Lang: *lang, Since: sinceT, Until: untilT,
		Author: *author, Entity: *entity, Speaker: *speaker, Event: *event, Actor: *actor,
		Limit: *limit, Offset: *offset,
	})
	if err != nil {
		return searchFailed(err, stderr)
	}
	writeHits(out, hits, total, *format, *offset, color)
	return exitOK
}

// searchFailed reports a bad query (exit 2) or a store failure (exit 1).
func searchFailed(err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "lede search: %v\n", err)
	if errors.Is(err, store.ErrQuery) {
		return exitUsage
	}
	return exitFailed
}

// writeHits writes article hits as JSON Lines or as text.
func writeHits(w io.Writer, hits []store.Hit, total int, format string, offset int, color bool) {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, h := range hits {
			enc.Encode(h.JSON())
		}
		return
	}
	if len(hits) == 0 {
		fmt.Fprintln(w, "no articles match")
		return
	}
	for i, h := range hits {
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(w, "%d. %s\n", offset+i+1, emphasize(oneLine(title), color))
		var meta []string
		for _, s := range []string{h.SiteName, dateOf(h.Published), h.Language, fmt.Sprintf("id %d", h.ID)} {
			if s != "" {
				meta = append(meta, oneLine(s))
			}
		}
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		if loc := firstNonEmpty(h.URL, h.Source); loc != "" {
			fmt.Fprintf(w, "   %s\n", oneLine(loc))
		}
		if h.Snippet != "" {
			fmt.Fprintf(w, "   %s\n", highlight(h.Snippet, h.Highlights, color))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d–%d of %d articles\n", offset+1, offset+len(hits), total)
}

// writeQuotes writes quote hits as JSON Lines or as text.
func writeQuotes(w io.Writer, hits []store.QuoteHit, total int, format string, offset int) {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, q := range hits {
			enc.Encode(q.JSON())
		}
		return
	}
	if len(hits) == 0 {
		fmt.Fprintln(w, "no quotes match")
		return
	}
	for i, q := range hits {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "(unattributed)"
		}
		fmt.Fprintf(w, "%d. %s: “%s”\n", offset+i+1, oneLine(speaker), oneLine(q.Text))
		var meta []string
		for _, s := range []string{q.SiteName, dateOf(q.Published), fmt.Sprintf("article %d", q.ArticleID), q.URL} {
			if s != "" {
				meta = append(meta, oneLine(s))
			}
		}
		fmt.Fprintf(w, "   %s\n\n", strings.Join(meta, " · "))
	}
	fmt.Fprintf(w, "%d–%d of %d quotes\n", offset+1, offset+len(hits), total)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// ANSI escapes for a terminal.
const (
	ansiBold  = "\033[1m"
	ansiMatch = "\033[1;33m" // bold yellow
	ansiReset = "\033[0m"
)

func emphasize(s string, color bool) string {
	if !color {
		return s
	}
	return ansiBold + s + ansiReset
}

// highlight marks the matched ranges of a snippet on a terminal; elsewhere
// the snippet is left as it is. Ranges out of order or out of bounds are
// ignored, never trusted.
func highlight(snippet string, ranges []store.Range, color bool) string {
	snippet = oneLine(snippet)
	if !color || len(ranges) == 0 {
		return snippet
	}
	var b strings.Builder
	at := 0
	for _, r := range ranges {
		if r.Start < at || r.End <= r.Start || r.End > len(snippet) {
			continue
		}
		b.WriteString(snippet[at:r.Start])
		b.WriteString(ansiMatch)
		b.WriteString(snippet[r.Start:r.End])
		b.WriteString(ansiReset)
		at = r.End
	}
	b.WriteString(snippet[at:])
	return b.String()
}

// oneLine replaces line breaks, tabs and other control characters (a
// stored page's escape sequences must not reach the terminal) by spaces,
// byte for byte, so that highlight ranges still hold.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
