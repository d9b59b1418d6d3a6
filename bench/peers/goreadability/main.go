// Command goreadability is the bench's child for go-readability
// (codeberg.org/readeck/go-readability/v2, pinned in bench/go.mod): page
// requests in, outputs out, as package pagerun describes.
package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2"

	"lede/bench/pagerun"
)

func main() {
	if err := pagerun.Serve(context.Background(), os.Stdin, os.Stdout, pagerun.Timed(nil, extract), nil); err != nil {
		fmt.Fprintln(os.Stderr, "goreadability:", err)
		os.Exit(1)
	}
}

// extract runs go-readability's default parser and renders its text.
func extract(ctx context.Context, page []byte, pageURL string) (pagerun.Output, error) {
	u, _ := url.Parse(pageURL) // nil is allowed: links stay relative
	art, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil {
		return pagerun.Output{}, fmt.Errorf("go-readability: %w", err)
	}
	out := pagerun.Output{Title: art.Title(), Byline: art.Byline()}
	if art.Node != nil {
		var b strings.Builder
		if err := art.RenderText(&b); err != nil {
			return pagerun.Output{}, fmt.Errorf("go-readability text: %w", err)
		}
		out.Text = b.String()
	}
	if t, err := art.PublishedTime(); err == nil {
		out.Published = t.Format(time.RFC3339)
	}
	out.Paragraphs = pagerun.Paragraphs(art.Node)
	return out, nil
}
