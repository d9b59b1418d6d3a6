// Package analyze finds what an article says: sentences, entities, quotes.
package analyze

import (
	"context"

	"lede/article"
)

// Options tune analysis.
type Options struct{}

// Article adds sentences, entities and quotes to a.
func Article(ctx context.Context, a *article.Article, opts Options) error {
	return nil // SCAFFOLD: replaced by the analysis stage
}
