package ingest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"lede/source"
	"lede/store"
)

// queue holds the URLs a run is to fetch. With SQLite (one writer, one
// process) it lives in memory and a rerun fetches again what a feed lists,
// asking with conditional GET; with PostgreSQL it is the store's table, so
// that several processes fetch each URL once.
type queue interface {
	// add queues targets not queued before and says how many it added.
	add(ctx context.Context, input string, ts []source.Target) (int, error)
	// claim takes one URL to fetch; ok is false when none is ready now.
	claim(ctx context.Context) (c claimed, ok bool, err error)
	// finish marks a claimed URL done (stored, unchanged, skipped) or failed.
	finish(ctx context.Context, id int64, res Result)
	// wait is signalled when something may have become ready to claim.
	wait() <-chan struct{}
}

// claimed is a URL taken from the queue.
type claimed struct {
	id     int64
	input  string
	target source.Target
}

// newQueue picks the queue for the store's engine.
func (r *run) newQueue() queue {
	if r.st.Engine() == "postgres" {
		return &storeQueue{st: r.st, worker: r.opts.Worker, lease: r.opts.Lease, log: r.log.Warn}
	}
	return &memQueue{seen: map[string]bool{}, ready: make(chan struct{}, 1)}
}

// memQueue is the in-process queue: each URL once per run.
type memQueue struct {
	mu    sync.Mutex
	seen  map[string]bool // by store key, so that URL variants are fetched once
	items []claimed
	next  int64
	ready chan struct{}
}

func (q *memQueue) add(ctx context.Context, input string, ts []source.Target) (int, error) {
	q.mu.Lock()
	added := 0
	for _, t := range ts {
		k := source.Key(t.URL)
		if k == "" {
			k = t.URL
		}
		if q.seen[k] {
			continue
		}
		q.seen[k] = true
		q.next++
		q.items = append(q.items, claimed{id: q.next, input: input, target: t})
		added++
	}
	q.mu.Unlock()
	if added > 0 {
		select {
		case q.ready <- struct{}{}:
		default:
		}
	}
	return added, nil
}

func (q *memQueue) claim(ctx context.Context) (claimed, bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.items) == 0 {
		return claimed{}, false, nil
	}
	c := q.items[0]
	q.items = q.items[1:]
	if len(q.items) > 0 {
		// Wake another fetcher for the rest.
		select {
		case q.ready <- struct{}{}:
		default:
		}
	}
	return c, true, nil
}

func (q *memQueue) finish(context.Context, int64, Result) {}

func (q *memQueue) wait() <-chan struct{} { return q.ready }

// storeQueue is the store's fetch queue, shared by every process on one
// PostgreSQL database.
type storeQueue struct {
	st     store.Store
	worker string
	lease  time.Duration
	log    func(msg string, args ...any)
}

// pollEvery is how often an idle fetcher looks at a shared queue again
// while discovery may still add to it (its own or another process's).
const pollEvery = 200 * time.Millisecond

func (q *storeQueue) add(ctx context.Context, input string, ts []source.Target) (int, error) {
	if len(ts) == 0 {
		return 0, nil
	}
	items := make([]store.QueueItem, 0, len(ts))
	for _, t := range ts {
		it := store.QueueItem{URL: t.URL, Input: input, Hint: "page"}
		if p, ok := ParseTime(t.Listed.Published); ok {
			it.Published = p
		}
		items = append(items, it)
	}
	n, err := q.st.Enqueue(ctx, items)
	if err != nil {
		return n, fmt.Errorf("queueing %d URLs of %s: %w", len(items), input, err)
	}
	return n, nil
}

func (q *storeQueue) claim(ctx context.Context) (claimed, bool, error) {
	items, err := q.st.Claim(ctx, q.worker, 1, q.lease)
	if err != nil || len(items) == 0 {
		if errors.Is(err, context.Canceled) {
			err = nil
		}
		return claimed{}, false, err
	}
	it := items[0]
	t := source.Target{URL: it.URL, Source: it.Input}
	if !it.Published.IsZero() {
		t.Listed.Published = it.Published.UTC().Format(time.RFC3339)
	}
	return claimed{id: it.ID, input: it.Input, target: t}, true, nil
}

func (q *storeQueue) finish(ctx context.Context, id int64, res Result) {
	if ctx.Err() != nil {
		return // interrupted: the lease runs out and another run takes it
	}
	var err error
	if res.Outcome == Failed && res.Err != nil {
		err = q.st.Fail(ctx, id, res.Err.Error())
	} else {
		err = q.st.Done(ctx, id)
	}
	if err != nil {
		q.log("fetch queue: marking a URL finished failed", "id", id, "err", err)
	}
}

func (q *storeQueue) wait() <-chan struct{} {
	ch := make(chan struct{})
	time.AfterFunc(pollEvery, func() { close(ch) })
	return ch
}
