// Package ingest is the corpus pipeline: pages from package source are
// extracted and analysed (lede.Extract with analysis), stored (package
// store: one transaction per article in PostgreSQL, per small batch of
// articles in SQLite) and handed to story grouping.
//
// A run reads every input in the order given. Pages that are ready (files,
// JSON Lines records, WARC records) go straight to the workers; URLs to fetch
// go through a queue, in memory for SQLite (one writer) or the store's own
// for PostgreSQL, so that several `lede ingest` processes share the fetching
// and each URL is fetched once. A failing page or source is recorded in the
// store with its reason and never stops the others; the Summary says how
// many failed.
//
// Ingest is restartable: what was committed stays (a batch whole or not
// at all), and a page stored before with the same bytes is recognised by
// its key and content hash before it is extracted again, so a rerun after
// Ctrl-C or kill -9 is cheap and ends with every page stored exactly once.
package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"lede"
	"lede/article"
	"lede/source"
	"lede/store"
	"lede/story"
)

// NoBody is the warning a stored page carries when extraction found no
// body: the raw page is kept so that a later reindex can recover it.
const NoBody = "no body found"

// Options configure a run. The zero value uses one worker, the source
// package's polite defaults and no grouping.
type Options struct {
	// Workers is how many pages are extracted and stored at once (-j).
	Workers int
	// Since skips pages published before it (pages without a date are
	// kept); feed and sitemap entries dated before it are not fetched.
	Since time.Time
	// Source configures discovery and fetching (delay, guard, caps). Its
	// Since, Validators and Logger are set by the run.
	Source source.Options
	// Extract configures extraction (size cap, comments, tables); Analyze
	// is always on, URL and ContentType come from each page.
	Extract lede.Options
	// Group, when set, is called for every article stored or changed, to
	// place it in a story. A grouping error is recorded as the page's
	// error but the article stays stored.
	Group func(ctx context.Context, id int64, a *article.Article) error
	// PrepareGroup and GroupBatch, when both are set, take the place of
	// Group where the store writes in batches (SQLite): the workers call
	// PrepareGroup, in parallel, for each article they hand to the store
	// (story.Grouper.Prepare: the part of a placement that needs no
	// corpus), and the single writer calls GroupBatch once per stored
	// batch with the articles it created or changed, in order, each with
	// what PrepareGroup made of it (story.Grouper.AddBatch: one corpus
	// transaction). The writer is ingest's one serial stage; what it does
	// not do, the workers' cores share. A GroupBatch error is recorded as
	// the error of each page of the batch, which stays stored.
	PrepareGroup func(a *article.Article) *story.Prepared
	GroupBatch   func(ctx context.Context, ids []int64, prepared []*story.Prepared) error
	// GroupDone, when set, is called once when the run ends (also when it
	// was interrupted, with a context of its own) so that grouping can
	// write what it buffered.
	GroupDone func(ctx context.Context) error
	// OnPage is called for every page done, from one goroutine at a time,
	// in the order they finish: for progress and logs.
	OnPage func(Result)
	// OnFound is called, from the discovery goroutine (concurrently with
	// OnPage), with the number of pages and URLs found so far: the total a
	// progress display counts towards. With a shared queue it counts the
	// URLs this process queued.
	OnFound func(total int)
	// Worker names this process in the store's fetch queue (default
	// host:pid).
	Worker string
	// Lease is how long a claimed URL stays this worker's before another
	// may take it (default DefaultLease): longer than a fetch with its
	// retries and politeness waits.
	Lease time.Duration
	// Logger receives warnings (default slog.Default()).
	Logger *slog.Logger
}

// groupDoneTimeout bounds Options.GroupDone after an interrupt.
const groupDoneTimeout = 30 * time.Second

// DefaultLease is the fetch-queue lease: a fetch is capped at 30 s, with
// retries a few minutes at worst.
const DefaultLease = 5 * time.Minute

// Outcome says what became of one page.
type Outcome string

// Outcomes of a page.
const (
	Created     Outcome = "created"      // a new article
	Updated     Outcome = "updated"      // the text changed; the earlier one is a version
	Unchanged   Outcome = "unchanged"    // stored before with the same content
	NotModified Outcome = "not-modified" // the server answered 304 to a conditional GET
	Skipped     Outcome = "skipped"      // published before --since
	Failed      Outcome = "failed"
)

// Result is one page done.
type Result struct {
	Input   string // the SOURCE argument
	Source  string // the page's own source (path, URL, record)
	URL     string
	ID      int64 // the stored article, when stored
	Outcome Outcome
	NoBody  bool // stored, but extraction found no body
	Err     error
	Elapsed time.Duration
}

// Summary counts a run's pages.
type Summary struct {
	Pages       int // pages done, whatever their outcome
	Created     int
	Updated     int
	Unchanged   int
	NotModified int
	Skipped     int
	NoBody      int // stored without a body (among Created and Updated)
	Failed      int
	Elapsed     time.Duration
}

// add counts one result.
func (s *Summary) add(r Result) {
	s.Pages++
	switch r.Outcome {
	case Created:
		s.Created++
	case Updated:
		s.Updated++
	case Unchanged:
		s.Unchanged++
	case NotModified:
		s.NotModified++
	case Skipped:
		s.Skipped++
	case Failed:
		s.Failed++
	}
	if r.NoBody {
		s.NoBody++
	}
}

// Stored is how many pages were written: new or changed articles.
func (s Summary) Stored() int { return s.Created + s.Updated }

// String is the one-line summary a run ends with.
func (s Summary) String() string {
	rate := 0.0
	if secs := s.Elapsed.Seconds(); secs > 0 {
		rate = float64(s.Pages) / secs
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d pages in %s (%.1f/s): %d new, %d updated, %d unchanged",
		s.Pages, s.Elapsed.Round(10*time.Millisecond), rate, s.Created, s.Updated, s.Unchanged+s.NotModified)
	if s.Skipped > 0 {
		fmt.Fprintf(&b, ", %d before --since", s.Skipped)
	}
	if s.NoBody > 0 {
		fmt.Fprintf(&b, ", %d without body", s.NoBody)
	}
	fmt.Fprintf(&b, ", %d failed", s.Failed)
	return b.String()
}

// encoder is what a store may offer to make a record's row ahead of
// writing it (store's Encode), so that the workers do it.
type encoder interface {
	Encode(r *store.Record) error
}

// seenIndex is what a store may offer to skip a page before extraction: is
// an article stored from exactly these raw bytes? A store without it still
// ends right (Put answers Unchanged), only slower.
type seenIndex interface {
	HasPage(ctx context.Context, raw []byte) (id int64, ok bool, err error)
}

// Run ingests every input into st. It returns when all are done or ctx is
// cancelled; what was committed stays either way. The error is for the run
// itself (the store failing, ctx cancelled); failed pages are counted in
// the Summary and recorded in the store.
func Run(ctx context.Context, st store.Store, inputs []string, opts Options) (Summary, error) {
	start := time.Now()
	r := newRun(st, opts)
	queue := r.newQueue()

	pages := make(chan work, 2*r.workers)
	results := make(chan Result, 2*r.workers)

	// Discovery: ready pages go to the workers, URLs to the queue;
	// listings named on the command line are fetched here, their pages
	// queued.
	discoveryDone := make(chan struct{})
	go func() {
		defer close(discoveryDone)
		for _, in := range inputs {
			if ctx.Err() != nil {
				return
			}
			r.discover(ctx, in, queue, pages, results)
		}
	}()

	// Fetchers take URLs from the queue until discovery is over and the
	// queue has nothing left to claim.
	var fetchers sync.WaitGroup
	for range r.fetchers() {
		fetchers.Go(func() { r.fetchLoop(ctx, queue, discoveryDone, pages) })
	}
	go func() {
		<-discoveryDone
		fetchers.Wait()
		close(pages)
	}()

	// Workers extract and analyse; storers write. The two are apart so
	// that a worker never waits for the store: SQLite has one writer, and
	// a worker held at its lock would leave a core idle. For the same
	// reason the channel between them holds a whole batch: the SQLite
	// storer takes pages only between batches, and with room for two the
	// workers stopped after two pages while it wrote one — with -j 2 on
	// two cores, a core idle for most of every batch.
	toStore := make(chan extracted, r.storeBuffer())
	finish := func(w work, res Result) {
		if w.claim != 0 {
			queue.finish(ctx, w.claim, res)
		}
		results <- res
	}
	var workers, storers sync.WaitGroup
	for range r.workers {
		workers.Go(func() {
			for w := range pages {
				res, x, ok := r.prepare(ctx, w)
				if !ok {
					finish(w, res)
					continue
				}
				toStore <- x
			}
		})
	}
	for range r.storers() {
		storers.Go(func() {
			if r.batch != nil {
				r.storeBatches(ctx, toStore, finish)
				return
			}
			for x := range toStore {
				finish(x.w, r.keep(ctx, x))
			}
		})
	}
	go func() {
		workers.Wait()
		close(toStore)
		storers.Wait()
		close(results)
	}()

	var sum Summary
	for res := range results {
		if ctx.Err() != nil && errors.Is(res.Err, ctx.Err()) {
			continue // interrupted, not failed: the next run does it
		}
		sum.add(res)
		if r.opts.OnPage != nil {
			r.opts.OnPage(res)
		}
	}
	if r.opts.GroupDone != nil {
		// Interrupted or not, what grouping buffered is written, within
		// a bound of its own.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), groupDoneTimeout)
		if err := r.opts.GroupDone(fctx); err != nil {
			r.log.Warn("story grouping: writing what was buffered failed", "err", err)
		}
		cancel()
	}
	sum.Elapsed = time.Since(start)
	if err := r.fatal(); err != nil {
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	for _, p := range r.listings {
		r.keepValidator(ctx, p)
	}
	return sum, nil
}

// work is one page for a worker, with the input it came through and its
// queue claim (0 when it did not come from the queue).
type work struct {
	input string
	page  source.Page
	claim int64
}

// run is one ingest's shared state.
type run struct {
	st      store.Store
	opts    Options
	log     *slog.Logger
	fetcher *source.Fetcher
	workers int
	seen    seenIndex   // nil when the store has none
	encoder encoder     // nil when the store has none
	batch   batchPutter // the one SQLite writer's batches; nil when stored one by one

	mu       sync.Mutex
	err      error         // the first store failure; the run stops on it
	listings []source.Page // feeds and sitemaps fetched, for their validators
	found    int           // pages and URLs found, for OnFound
}

func newRun(st store.Store, opts Options) *run {
	if opts.Workers < 1 {
		opts.Workers = 1
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Lease <= 0 {
		opts.Lease = DefaultLease
	}
	if opts.Worker == "" {
		host, _ := os.Hostname()
		opts.Worker = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	so := opts.Source
	so.Since = opts.Since
	so.Logger = opts.Logger
	so.Validators = storeValidators{st}
	if so.MaxBytes == 0 {
		so.MaxBytes = opts.Extract.MaxBytes
	}
	r := &run{st: st, opts: opts, log: opts.Logger, workers: opts.Workers}
	r.opts.Source = so
	r.fetcher = source.NewFetcher(so)
	r.seen, _ = st.(seenIndex)
	r.encoder, _ = st.(encoder)
	if st.Engine() != "postgres" {
		// PostgreSQL's writers do not wait for each other: one
		// transaction per article and per worker keeps them all busy.
		r.batch, _ = st.(batchPutter)
	}
	return r
}

// batchPutter is what a store may offer to write several articles in one
// transaction (store's PutBatch): all of them or none.
type batchPutter interface {
	PutBatch(ctx context.Context, rs []store.Record) ([]store.PutResult, error)
}

// A batch of the single SQLite writer is at most batchSize articles or what
// arrived within batchWait of its first, whichever comes first: a commit
// costs a third of storing an article, and a short wait bounds what a
// kill -9 loses (the batch, which the rerun stores again) and how late
// progress is told.
const (
	batchSize = 32
	batchWait = 100 * time.Millisecond
)

// storeBatches is the SQLite storer: it takes extracted pages as they come
// and stores them in batches.
func (r *run) storeBatches(ctx context.Context, toStore <-chan extracted, finish func(work, Result)) {
	timer := time.NewTimer(batchWait)
	timer.Stop()
	batch := make([]extracted, 0, batchSize)
	for {
		x, ok := <-toStore
		if !ok {
			return
		}
		batch = append(batch[:0], x)
		timer.Reset(batchWait)
		open := true
	collect:
		for len(batch) < batchSize {
			select {
			case x, more := <-toStore:
				if !more {
					open = false
					break collect
				}
				batch = append(batch, x)
			case <-timer.C:
				break collect
			}
		}
		timer.Stop()
		for i, res := range r.keepBatch(ctx, batch) {
			finish(batch[i].w, res)
		}
		if !open {
			return
		}
	}
}

// keepBatch stores extracted pages in one transaction, then keeps their
// validators and places them in their stories, as keep does for one.
func (r *run) keepBatch(ctx context.Context, batch []extracted) []Result {
	recs := make([]store.Record, len(batch))
	for i, x := range batch {
		recs[i] = x.rec
	}
	out := make([]Result, len(batch))
	puts, err := r.batch.PutBatch(ctx, recs)
	if err != nil {
		if ctx.Err() == nil {
			r.failRun(fmt.Errorf("store %d pages from %s: %w", len(batch), batch[0].w.page.Source, err))
		}
		for i, x := range batch {
			res := x.res
			res.Outcome, res.Err = Failed, err
			res.Elapsed = time.Since(x.start)
			out[i] = res
		}
		return out
	}
	for i, x := range batch {
		out[i] = r.stored(ctx, x, puts[i])
	}
	if r.groupsBatches() {
		r.groupBatch(ctx, batch, out)
	} else {
		for i, x := range batch {
			r.group(ctx, x, out[i])
		}
	}
	for i, x := range batch {
		out[i].Elapsed = time.Since(x.start)
	}
	return out
}

// groupsBatches says whether the SQLite writer places a batch's articles
// at once, prepared by the workers (Options.GroupBatch).
func (r *run) groupsBatches() bool {
	return r.batch != nil && r.opts.GroupBatch != nil && r.opts.PrepareGroup != nil
}

// groupBatch places the articles of a stored batch that were created or
// changed in their stories, in one call.
func (r *run) groupBatch(ctx context.Context, batch []extracted, res []Result) {
	var (
		ids    []int64
		prs    []*story.Prepared
		placed []int
	)
	for i, x := range batch {
		if res[i].Outcome == Created || res[i].Outcome == Updated {
			ids, prs, placed = append(ids, res[i].ID), append(prs, x.prepared), append(placed, i)
		}
	}
	if len(ids) == 0 {
		return
	}
	if err := r.opts.GroupBatch(ctx, ids, prs); err != nil && ctx.Err() == nil {
		r.log.Warn("story grouping failed", "pages", len(ids), "first", batch[placed[0]].w.page.Source, "err", err)
		for _, i := range placed {
			r.record(ctx, batch[i].w.input, batch[i].w.page, fmt.Errorf("story grouping: %w", err))
		}
	}
}

// group places one stored article in its story (Options.Group).
func (r *run) group(ctx context.Context, x extracted, res Result) {
	if r.opts.Group == nil || (res.Outcome != Created && res.Outcome != Updated) {
		return
	}
	if err := r.opts.Group(ctx, res.ID, x.a); err != nil && ctx.Err() == nil {
		r.log.Warn("story grouping failed", "source", x.w.page.Source, "id", res.ID, "err", err)
		r.record(ctx, x.w.input, x.w.page, fmt.Errorf("story grouping: %w", err))
	}
}

// record is what the store keeps of an extracted page.
func record(x extracted) store.Record {
	p := x.w.page
	return store.Record{
		Key:         Key(p),
		URL:         p.URL,
		Source:      p.Source,
		Input:       x.w.input,
		FetchedAt:   p.FetchedAt,
		ContentType: p.ContentType,
		Raw:         p.Body,
		Article:     x.a,
	}
}

// fetchers is how many goroutines fetch: the source package keeps each
// host polite, so a few more than the workers keep several hosts busy.
func (r *run) fetchers() int { return max(4, r.workers) }

// storeBuffer is how many extracted pages may wait for the storers: a
// batch and what the workers finish while it is written (SQLite), or one
// per worker (PostgreSQL, whose storers take pages one at a time). Each
// holds its raw page and article, so the bound is what memory allows.
func (r *run) storeBuffer() int {
	if r.batch != nil {
		return batchSize + r.workers
	}
	return r.workers
}

// storers is how many goroutines write to the store: one for SQLite,
// which has a single writer anyway; for PostgreSQL as many as the
// workers, since its writers do not wait for each other.
func (r *run) storers() int {
	if r.st.Engine() == "postgres" {
		return r.workers
	}
	return 1
}

// failRun records a failure of the store itself: it ends the run.
func (r *run) failRun(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		r.err = err
	}
}

func (r *run) fatal() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// discover reads one input: ready pages to the workers, URLs to the queue.
// A URL that may be a listing (an input URL, a sitemap index's entries) is
// fetched here and, when it is a feed or a sitemap, its entries queued; if
// it is a page it goes to the workers like any other.
func (r *run) discover(ctx context.Context, input string, q queue, pages chan<- work, results chan<- Result) {
	err := source.Discover(ctx, input, r.opts.Source, func(f source.Found) error {
		switch {
		case f.Page != nil:
			r.addFound(1)
			return send(ctx, pages, work{input: input, page: *f.Page})
		case f.Target != nil:
			return r.expand(ctx, input, *f.Target, q, pages)
		}
		return nil
	})
	if err != nil && ctx.Err() == nil {
		// The input as a whole failed (a missing file, an unreadable
		// directory): one failed page in its name.
		res := r.fail(ctx, input, source.Page{Source: input, Err: err}, err)
		select {
		case results <- res:
		case <-ctx.Done():
		}
	}
}

// expand fetches a target that may be a listing and queues what it lists;
// page targets are queued as they are.
func (r *run) expand(ctx context.Context, input string, t source.Target, q queue, pages chan<- work) error {
	if !t.MayList {
		return r.queue(ctx, q, input, []source.Target{t})
	}
	p := r.fetcher.Fetch(ctx, t)
	if p.Listing == nil {
		r.addFound(1)
		return send(ctx, pages, work{input: input, page: p})
	}
	var listed []source.Target
	for _, child := range p.Listing.Targets {
		if !child.MayList {
			listed = append(listed, child)
			continue
		}
		if err := r.expand(ctx, input, child, q, pages); err != nil {
			return err
		}
	}
	if err := r.queue(ctx, q, input, listed); err != nil {
		return err
	}
	// A listing is stored by none: its validators are kept when the run
	// ends well, so that a run cut short fetches it again in full.
	r.mu.Lock()
	r.listings = append(r.listings, p)
	r.mu.Unlock()
	return nil
}

// queue adds targets to the queue and counts them found.
func (r *run) queue(ctx context.Context, q queue, input string, ts []source.Target) error {
	n, err := q.add(ctx, input, ts)
	r.addFound(n)
	return err
}

// addFound counts n more pages or URLs found and tells OnFound.
func (r *run) addFound(n int) {
	if n == 0 || r.opts.OnFound == nil {
		return
	}
	r.mu.Lock()
	r.found += n
	total := r.found
	r.mu.Unlock()
	r.opts.OnFound(total)
}

// fetchLoop claims URLs and fetches them until discovery is over and
// nothing is left to claim.
func (r *run) fetchLoop(ctx context.Context, q queue, discoveryDone <-chan struct{}, pages chan<- work) {
	for ctx.Err() == nil && r.fatal() == nil {
		item, ok, err := q.claim(ctx)
		if err != nil {
			r.failRun(fmt.Errorf("fetch queue: %w", err))
			return
		}
		if !ok {
			select {
			case <-discoveryDone:
				// One more look: discovery may have queued the last URLs
				// between the claim and now.
				if item, ok, err = q.claim(ctx); err != nil || !ok {
					return
				}
			case <-q.wait():
				continue
			case <-ctx.Done():
				return
			}
		}
		p := r.fetcher.Fetch(ctx, item.target)
		if err := send(ctx, pages, work{input: item.input, page: p, claim: item.id}); err != nil {
			return
		}
	}
}

// send hands w to the workers unless ctx ends first.
func send(ctx context.Context, pages chan<- work, w work) error {
	select {
	case pages <- w:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// extracted is a page ready to store: what the workers hand the storers.
type extracted struct {
	w        work
	a        *article.Article
	rec      store.Record    // what to store, encoded by the worker when the store can
	prepared *story.Prepared // Options.PrepareGroup's, when the writer groups batches
	res      Result          // Outcome still to be set
	start    time.Time
}

// prepare does a page's work up to storing: the skip checks, extraction
// and analysis. It returns the page's final Result, or ok with what to
// store.
func (r *run) prepare(ctx context.Context, w work) (res Result, x extracted, ok bool) {
	start := time.Now()
	p := w.page
	res = Result{Input: w.input, Source: p.Source, URL: p.URL}
	done := func(res Result) (Result, extracted, bool) {
		res.Elapsed = time.Since(start)
		return res, extracted{}, false
	}
	if err := ctx.Err(); err != nil {
		res.Outcome, res.Err = Failed, err
		return done(res)
	}
	if p.Err != nil {
		return done(r.fail(ctx, w.input, p, p.Err))
	}
	if p.NotModified {
		res.Outcome = NotModified
		return done(res)
	}
	if p.Listing != nil {
		// A feed found where a page was expected (a feed's item that is
		// itself a feed): not an article, and not followed further.
		res.Outcome = Skipped
		return done(res)
	}
	if r.seen != nil {
		id, seen, err := r.seen.HasPage(ctx, p.Body)
		if err != nil {
			if ctx.Err() == nil {
				r.failRun(fmt.Errorf("store: %w", err))
			}
			res.Outcome, res.Err = Failed, err
			return done(res)
		}
		if seen && p.URL != "" {
			// The same bytes stored under another key (a file's page now
			// read with its URL) are a new article: keep the address.
			sa, err := r.st.Article(ctx, id)
			seen = err == nil && sa.Key == Key(p)
		}
		if seen {
			res.ID, res.Outcome = id, Unchanged
			return done(res)
		}
	}
	a, err := r.extract(ctx, p)
	if err != nil {
		return done(r.fail(ctx, w.input, p, err))
	}
	if since := r.opts.Since; !since.IsZero() {
		if t, ok := ParseTime(a.Published); ok && t.Before(since) {
			res.Outcome = Skipped
			return done(res)
		}
	}
	if len(a.Blocks) == 0 {
		res.NoBody = true
		if !hasWarning(a, NoBody) {
			a.Warnings = append(a.Warnings, NoBody)
		}
		r.log.Warn("stored without a body", "source", p.Source)
	}
	x = extracted{w: w, a: a, res: res, start: start}
	x.rec = record(x)
	if r.encoder != nil {
		// The store's row is made here, in parallel, not by the single
		// writer.
		if err := r.encoder.Encode(&x.rec); err != nil {
			return done(r.fail(ctx, w.input, p, err))
		}
	}
	if r.groupsBatches() {
		x.prepared = r.opts.PrepareGroup(a)
	}
	return res, x, true
}

// keep stores an extracted page in its own transaction, keeps its
// validators and places it in its story.
func (r *run) keep(ctx context.Context, x extracted) Result {
	p, res := x.w.page, x.res
	put, err := r.st.Put(ctx, x.rec)
	if err != nil {
		if ctx.Err() == nil {
			r.failRun(fmt.Errorf("store %s: %w", p.Source, err))
		}
		res.Outcome, res.Err = Failed, err
		res.Elapsed = time.Since(x.start)
		return res
	}
	res = r.stored(ctx, x, put)
	r.group(ctx, x, res)
	res.Elapsed = time.Since(x.start)
	return res
}

// stored finishes a page its store wrote: its outcome and its validators.
// Its story is the caller's to place.
func (r *run) stored(ctx context.Context, x extracted, put store.PutResult) Result {
	p, res := x.w.page, x.res
	res.ID = put.ID
	switch {
	case put.Created:
		res.Outcome = Created
	case put.Updated:
		res.Outcome = Updated
	default:
		res.Outcome = Unchanged
	}
	r.keepValidator(ctx, p)
	return res
}

// extract runs extraction and analysis over one page and lays the page's
// record over what was found.
func (r *run) extract(ctx context.Context, p source.Page) (*article.Article, error) {
	opts := r.opts.Extract
	opts.Analyze = true
	opts.URL = p.URL
	opts.ContentType = p.ContentType
	if p.Kind != "" {
		opts.Input = p.Kind
	}
	a, err := lede.Extract(ctx, p.Body, opts)
	if err != nil {
		return nil, err
	}
	a.Input = p.Source
	applyOverride(a, p.Override, true)
	applyOverride(a, p.Listed, false)
	return a, nil
}

// applyOverride lays what a record (force) or a listing (only where
// extraction found nothing) says of a page over the article.
func applyOverride(a *article.Article, o source.Override, force bool) {
	set := func(field *string, v string) {
		if v != "" && (force || *field == "") {
			*field = v
		}
	}
	set(&a.Published, o.Published)
	set(&a.Title, o.Title)
	set(&a.SiteName, o.SiteName)
	set(&a.Language, o.Language)
}

func hasWarning(a *article.Article, w string) bool {
	for _, x := range a.Warnings {
		if x == w {
			return true
		}
	}
	return false
}

// fail records a failed page in the store and says so.
func (r *run) fail(ctx context.Context, input string, p source.Page, err error) Result {
	r.log.Warn("page failed", "input", input, "source", p.Source, "err", err)
	r.record(ctx, input, p, err)
	return Result{Input: input, Source: p.Source, URL: p.URL, Outcome: Failed, Err: err}
}

func (r *run) record(ctx context.Context, input string, p source.Page, err error) {
	if ctx.Err() != nil {
		return
	}
	src := p.Source
	if src == "" {
		src = input
	}
	if rerr := r.st.RecordError(ctx, store.SourceError{Input: input, Source: src, URL: p.URL, Reason: err.Error()}); rerr != nil && ctx.Err() == nil {
		r.failRun(fmt.Errorf("store: recording an error: %w", rerr))
	}
}

// keepValidator stores a fetched page's conditional-GET validators, once the
// page itself is stored.
func (r *run) keepValidator(ctx context.Context, p source.Page) {
	if p.URL == "" || p.Validator.IsZero() || ctx.Err() != nil {
		return
	}
	if err := (storeValidators{r.st}).SetValidator(ctx, p.URL, p.Validator); err != nil {
		r.log.Warn("keeping validators failed", "url", p.URL, "err", err)
	}
}

// Key is the store key of a page: the canonical URL key when the page has
// a URL, else the SHA-256 of its raw bytes.
func Key(p source.Page) string {
	if p.URL != "" {
		if k := source.Key(p.URL); k != "" {
			return k
		}
	}
	h := sha256.Sum256(p.Body)
	return "sha256:" + hex.EncodeToString(h[:])
}

// ParseTime reads an article's ISO 8601 date or date-time.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// timeLayouts are the forms of Article.Published, most precise first.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"2006-01",
}

// storeValidators adapts the store's conditional-GET validators to the
// source package's interface.
type storeValidators struct{ st store.Store }

func (v storeValidators) Validator(ctx context.Context, url string) (source.Validator, error) {
	etag, lm, err := v.st.Validators(ctx, url)
	if errors.Is(err, store.ErrNotFound) {
		return source.Validator{}, nil
	}
	return source.Validator{ETag: etag, LastModified: lm}, err
}

func (v storeValidators) SetValidator(ctx context.Context, url string, val source.Validator) error {
	return v.st.SetValidators(ctx, url, val.ETag, val.LastModified)
}
