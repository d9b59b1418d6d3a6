// Package textclean turns scraped plain text into one Article.
package textclean

import (
	"context"

	"lede/article"
)

// Options tune text cleaning.
type Options struct{}

// FromText builds the article from scraped plain text.
func FromText(ctx context.Context, text string, opts Options) (*article.Article, error) {
	return &article.Article{}, nil // SCAFFOLD: replaced by the line classifier
}
