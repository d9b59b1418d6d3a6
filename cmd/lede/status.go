package main

// lede status: what the store holds, and what failed.

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"lede/store"
)

const statusUsage = `Usage: lede status [flags]

Counts what the corpus store holds (articles, sources, errors, earlier
versions, stories, queued URLs, size) and shows the last errors per source.
With --format json: one object with the integers articles, sources, errors,
versions, stories, queued and size_bytes, the engine, and per_source.

Flags:
`

// statusJSON is lede status's JSON object: top-level integers, then the
// per-source detail.
type statusJSON struct {
	Engine    string       `json:"engine"`
	Articles  int          `json:"articles"`
	Sources   int          `json:"sources"`
	Errors    int          `json:"errors"`
	Versions  int          `json:"versions"`
	Stories   int          `json:"stories"`
	Queued    int          `json:"queued"`
	SizeBytes int64        `json:"size_bytes"`
	PerSource []sourceJSON `json:"per_source"`
}

type sourceJSON struct {
	Input      string      `json:"input"`
	Articles   int         `json:"articles"`
	Errors     int         `json:"errors"`
	LastErrors []errorJSON `json:"last_errors,omitempty"`
}

type errorJSON struct {
	Source string `json:"source,omitempty"`
	URL    string `json:"url,omitempty"`
	Reason string `json:"reason"`
	At     string `json:"at,omitempty"`
}

func runStatus(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede status", statusUsage, stderr)
	cf := declareCorpusFlags(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("status", err, stderr)
	}
	if len(rest) > 0 {
		return usageError("status", fmt.Errorf("status takes no operands, got %q", rest[0]), stderr)
	}
	if *format != "text" && *format != "json" {
		return usageError("status", fmt.Errorf("unknown --format %q: use text or json", *format), stderr)
	}
	st, err := openExistingStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede status: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	s, err := st.Status(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lede status: %v\n", err)
		return exitFailed
	}
	out := toStatusJSON(st.Engine(), s)
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "lede status: %v\n", err)
			return exitFailed
		}
		return exitOK
	}
	writeStatusText(stdout, cf.db, out)
	return exitOK
}

func toStatusJSON(engine string, s store.Status) statusJSON {
	out := statusJSON{
		Engine: engine, Articles: s.Articles, Sources: s.Sources, Errors: s.Errors, Versions: s.Versions,
		Stories: s.Stories, Queued: s.Queued, SizeBytes: s.SizeBytes, PerSource: []sourceJSON{},
	}
	for _, ps := range s.PerSource {
		sj := sourceJSON{Input: ps.Input, Articles: ps.Articles, Errors: ps.Errors}
		for _, e := range ps.LastErrors {
			sj.LastErrors = append(sj.LastErrors, errorJSON{Source: e.Source, URL: e.URL, Reason: e.Reason, At: store.RFC3339(e.At)})
		}
		out.PerSource = append(out.PerSource, sj)
	}
	return out
}

// writeStatusText writes the status for a person.
func writeStatusText(w io.Writer, db string, s statusJSON) {
	fmt.Fprintf(w, "store      %s (%s, %s)\n", redactDSN(db), s.Engine, formatSize(s.SizeBytes))
	fmt.Fprintf(w, "articles   %d (%d earlier versions)\n", s.Articles, s.Versions)
	fmt.Fprintf(w, "stories    %d\n", s.Stories)
	fmt.Fprintf(w, "sources    %d\n", s.Sources)
	fmt.Fprintf(w, "errors     %d\n", s.Errors)
	if s.Queued > 0 {
		fmt.Fprintf(w, "queued     %d URLs to fetch\n", s.Queued)
	}
	if len(s.PerSource) == 0 {
		return
	}
	fmt.Fprintln(w)
	for _, ps := range s.PerSource {
		fmt.Fprintf(w, "%s: %d articles, %d errors\n", oneLine(ps.Input), ps.Articles, ps.Errors)
		for _, e := range ps.LastErrors {
			where := firstNonEmpty(e.URL, e.Source)
			fmt.Fprintf(w, "  %s %s: %s\n", strings.TrimSpace(e.At), oneLine(where), oneLine(e.Reason))
		}
	}
}

// formatSize is a byte count for a person.
func formatSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
