package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"lede"
	"lede/article"
	"lede/source"
	"lede/store"
)

// Reindex extracts and analyses every stored raw page again with this lede,
// with no fetch, and replaces each article's extraction in place: ids,
// keys, raw pages, versions and stories stay. What a record or a listing
// said of a page (its date, title, site, language) is not kept apart from
// the article, so a field the new extraction leaves empty keeps its stored
// value. Each article is replaced in its own transaction; an interrupted
// reindex leaves every article either old or new.
func Reindex(ctx context.Context, st store.Store, opts Options) (Summary, error) {
	start := time.Now()
	r := &run{st: st, opts: opts, log: opts.Logger, workers: max(1, opts.Workers)}
	if r.log == nil {
		r.log = slog.Default()
	}
	jobs := make(chan store.StoredArticle, r.workers)
	results := make(chan Result, r.workers)
	var wg sync.WaitGroup
	for range r.workers {
		wg.Go(func() {
			for sa := range jobs {
				results <- r.reindexOne(ctx, sa)
			}
		})
	}
	walkErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		walkErr <- st.Each(ctx, 0, true, func(sa store.StoredArticle) error {
			select {
			case jobs <- sa:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	go func() {
		wg.Wait()
		close(results)
	}()
	var sum Summary
	for res := range results {
		sum.add(res)
		if opts.OnPage != nil {
			opts.OnPage(res)
		}
	}
	sum.Elapsed = time.Since(start)
	if err := <-walkErr; err != nil {
		return sum, fmt.Errorf("reading the store: %w", err)
	}
	if err := r.fatal(); err != nil {
		return sum, err
	}
	return sum, ctx.Err()
}

// reindexOne re-extracts one stored article from its raw page.
func (r *run) reindexOne(ctx context.Context, sa store.StoredArticle) Result {
	start := time.Now()
	res := Result{Input: sa.Input, Source: sa.Source, URL: sa.URL, ID: sa.ID}
	done := func(o Outcome, err error) Result {
		res.Outcome, res.Err, res.Elapsed = o, err, time.Since(start)
		return res
	}
	if err := ctx.Err(); err != nil {
		return done(Failed, err)
	}
	eopts := r.opts.Extract
	eopts.Analyze = true
	eopts.URL = sa.URL
	eopts.ContentType = sa.ContentType
	a, err := lede.Extract(ctx, sa.Raw, eopts)
	if err != nil {
		return done(Failed, fmt.Errorf("article %d (%s): %w", sa.ID, sa.Source, err))
	}
	a.Input = sa.Source
	if old := sa.Article; old != nil {
		keepStored(a, old)
	}
	if len(a.Blocks) == 0 {
		res.NoBody = true
		if !hasWarning(a, NoBody) {
			a.Warnings = append(a.Warnings, NoBody)
		}
	}
	if err := r.st.ReplaceArticle(ctx, sa.ID, a); err != nil {
		if ctx.Err() == nil {
			r.failRun(fmt.Errorf("store: replacing article %d: %w", sa.ID, err))
		}
		return done(Failed, err)
	}
	return done(Updated, nil)
}

// keepStored keeps the stored article's date, title, site and language
// where the new extraction found none: they may have come from a record.
func keepStored(a, old *article.Article) {
	applyOverride(a, source.Override{Published: old.Published, Title: old.Title, SiteName: old.SiteName, Language: old.Language}, false)
}
