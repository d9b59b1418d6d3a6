// Package extract turns an HTML page into one Article.
package extract

import (
	"context"

	"lede/article"
)

// Options tune extraction.
type Options struct {
	URL          string // the page's address, to resolve relative links
	KeepComments bool
	KeepTables   bool
}

// FromHTML extracts the article from UTF-8 HTML.
func FromHTML(ctx context.Context, src string, opts Options) (*article.Article, error) {
	return &article.Article{URL: opts.URL}, nil // SCAFFOLD: replaced by the extraction engine
}
