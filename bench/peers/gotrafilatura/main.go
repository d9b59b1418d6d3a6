// Command gotrafilatura is the bench's child for go-trafilatura
// (github.com/markusmobius/go-trafilatura, pinned in bench/go.mod): page
// requests in, outputs out, as package pagerun describes. It is a program
// of its own because go-trafilatura's dependencies build large tables when
// they start, which must not count against any other system.
package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"time"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"lede/bench/pagerun"
)

func main() {
	if err := pagerun.Serve(context.Background(), os.Stdin, os.Stdout, pagerun.Timed(nil, extract), nil); err != nil {
		fmt.Fprintln(os.Stderr, "gotrafilatura:", err)
		os.Exit(1)
	}
}

// extract runs go-trafilatura with its defaults (no fallback extractors).
func extract(ctx context.Context, page []byte, pageURL string) (pagerun.Output, error) {
	opts := trafilatura.Options{}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil {
		return pagerun.Output{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	out := pagerun.Output{Text: res.ContentText, Title: res.Metadata.Title, Byline: res.Metadata.Author}
	if !res.Metadata.Date.IsZero() {
		out.Published = res.Metadata.Date.Format(time.RFC3339)
	}
	// The plain text runs paragraphs together; the tree keeps them apart.
	out.Paragraphs = pagerun.Paragraphs(res.ContentNode)
	return out, nil
}
