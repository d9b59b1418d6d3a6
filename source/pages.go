package source

import (
	"context"
	"sync"
)

// MemoryValidators keeps validators in memory for one run; the store
// keeps them across runs. The zero value is ready to use.
type MemoryValidators struct {
	mu sync.Mutex
	m  map[string]Validator
}

// Validator returns what was kept for url.
func (m *MemoryValidators) Validator(_ context.Context, url string) (Validator, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.m[Key(url)], nil
}

// SetValidator keeps v for url.
func (m *MemoryValidators) SetValidator(_ context.Context, url string, v Validator) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil {
		m.m = make(map[string]Validator)
	}
	m.m[Key(url)] = v
	return nil
}

// Pages reads every input, fetches the URLs they name with workers
// goroutines (at least 1) through one Fetcher, follows feeds and sitemaps,
// and calls yield for every Page, from one goroutine at a time, in the
// order they are ready. Each URL is fetched once (by Key); listings are not
// yielded (they are expanded), neither are 304 answers. Once yield has
// returned nil for a fetched page, its Validator is kept in
// opts.Validators.
//
// It returns yield's error (after stopping the workers) or ctx's.
func Pages(ctx context.Context, inputs []string, opts Options, workers int, yield func(Page) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	opts = opts.withDefaults()
	f := NewFetcher(opts)
	defer f.Close()
	workers = max(workers, 1)

	q := newTargetQueue()
	out := make(chan Page)
	var wg sync.WaitGroup

	// discovery: ready pages go out, targets into the queue
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer q.done()
		for _, in := range inputs {
			err := Discover(ctx, in, opts, func(found Found) error {
				if found.Target != nil {
					q.push(*found.Target)
					return nil
				}
				select {
				case out <- *found.Page:
					return nil
				case <-ctx.Done():
					return ctx.Err()
				}
			})
			if err != nil {
				return
			}
		}
	}()

	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				t, ok := q.pop(ctx)
				if !ok {
					return
				}
				p := f.Fetch(ctx, t)
				switch {
				case p.Listing != nil:
					for _, lt := range p.Listing.Targets {
						q.push(lt)
					}
				case p.NotModified:
				default:
					select {
					case out <- p:
					case <-ctx.Done():
					}
				}
				q.done()
			}
		}()
	}
	go func() {
		<-ctx.Done() // cancelled: by a failing yield, by the caller, or on return
		q.close()
	}()
	go func() {
		wg.Wait() // discovery ends with its inputs, the workers when the queue closes
		close(out)
	}()

	var err error
	for p := range out {
		if err != nil {
			continue // draining after a failure
		}
		if err = yield(p); err != nil {
			cancel()
			continue
		}
		if opts.Validators != nil && p.Err == nil && !p.Validator.IsZero() && p.Body != nil {
			if verr := opts.Validators.SetValidator(ctx, p.URL, p.Validator); verr != nil {
				opts.Logger.Warn("source: validator not kept", "url", p.URL, "err", verr)
			}
		}
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// targetQueue is the in-memory queue of Targets: unbounded (a listing's
// entries are pushed by the workers themselves, so a bounded queue could
// deadlock), deduplicated by Key. It closes itself when nothing is pending
// (discovery has ended and every target pushed is done), or on close.
type targetQueue struct {
	mu      sync.Mutex
	items   []Target
	seen    map[string]bool
	pending int // targets pushed and not yet done, plus one for discovery
	closed  bool
	wake    chan struct{} // closed with the queue
}

func newTargetQueue() *targetQueue {
	return &targetQueue{seen: make(map[string]bool), pending: 1, wake: make(chan struct{}, 1)}
}

func (q *targetQueue) push(t Target) {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := Key(t.URL)
	if q.closed || q.seen[k] {
		return
	}
	q.seen[k] = true
	q.pending++
	q.items = append(q.items, t)
	q.signalLocked()
}

func (q *targetQueue) signalLocked() {
	if q.closed {
		return
	}
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// done marks one pushed target (or discovery) finished.
func (q *targetQueue) done() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.pending--
	if q.pending == 0 {
		q.closeLocked()
	}
}

func (q *targetQueue) close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.closeLocked()
}

func (q *targetQueue) closeLocked() {
	if !q.closed {
		q.closed = true
		close(q.wake)
	}
}

// pop takes the next target; false when the queue is closed or ctx is
// done.
func (q *targetQueue) pop(ctx context.Context) (Target, bool) {
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return Target{}, false
		}
		if len(q.items) > 0 {
			t := q.items[0]
			q.items = q.items[1:]
			if len(q.items) > 0 {
				q.signalLocked() // another worker may take the next one
			}
			q.mu.Unlock()
			return t, true
		}
		q.mu.Unlock()
		select {
		case <-q.wake:
		case <-ctx.Done():
			return Target{}, false
		}
	}
}
