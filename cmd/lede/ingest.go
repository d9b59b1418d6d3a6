package main

// lede ingest and lede reindex: flags, the store, progress and the summary.
// The pipeline itself is package ingest.

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"time"

	"lede"
	"lede/article"
	"lede/decode"
	"lede/ingest"
	"lede/source"
	"lede/store"
	"lede/story"
	"lede/story/storecorpus"
)

const ingestUsage = `Usage: lede ingest [flags] SOURCE...

Extracts, analyses and stores every page of each SOURCE in the corpus store,
and places each article in its story. SOURCE is a file or a directory (.html,
.htm, .txt and their .gz), a JSON Lines file of records (url with html or
text; published, title, site_name, language override what extraction finds),
a WARC or WARC.gz file, a local feed or sitemap, or an http(s) URL of a page,
an RSS, Atom or JSON feed, or a sitemap (told apart by content).

A page stored before with the same content is skipped; a changed page keeps
its earlier version. A failing page or source is recorded (lede status) and
the others go on; the exit status is 1 when anything failed.

Flags:
`

const reindexUsage = `Usage: lede reindex [flags]

Extracts and analyses every stored raw page again with this lede, without
fetching, keeping ids, versions and stories (lede restory regroups).

Flags:
`

// corpusFlags are the flags every corpus command shares.
type corpusFlags struct {
	db      string
	verbose bool
}

// declareCorpusFlags declares --db and -v on fs.
func declareCorpusFlags(fs *flag.FlagSet) *corpusFlags {
	c := &corpusFlags{}
	fs.StringVar(&c.db, "db", defaultDB(), "the corpus store `DSN`: an SQLite file or a postgres:// URL (from $LEDE_DB when set)")
	fs.BoolVar(&c.verbose, "v", false, "log each page")
	return c
}

// defaultDB is $LEDE_DB, else lede.db in the current folder.
func defaultDB() string {
	if db := os.Getenv("LEDE_DB"); db != "" {
		return db
	}
	return "lede.db"
}

// logger is the corpus commands' logger on stderr: warnings, or every page
// with -v.
func (c *corpusFlags) logger(stderr io.Writer) *slog.Logger {
	level := slog.LevelWarn
	if c.verbose {
		level = slog.LevelDebug
	}
	return slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: dropTime}))
}

// parseInterleaved parses flags that may come before or after the
// operands; everything after "--" is an operand.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		after := fs.Args()
		if consumed := len(rest) - len(after); consumed > 0 && rest[consumed-1] == "--" {
			return append(operands, after...), nil
		}
		if len(after) == 0 {
			return operands, nil
		}
		operands = append(operands, after[0])
		rest = after[1:]
	}
}

// newFlagSet is a flag set whose -h prints usage then the flags.
func newFlagSet(name, usage string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, usage)
		fs.PrintDefaults()
	}
	return fs
}

// usageError prints a bad command line's reason and returns exitUsage
// (exitOK for -h).
func usageError(cmd string, err error, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "lede %s: %v\n", cmd, err)
	return exitUsage
}

// parseDate reads a --since or --until value: a date (2024-05-06), a
// date-time (RFC 3339), or a duration back from now (36h, 7d).
func parseDate(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := ingest.ParseTime(s); ok {
		return t, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if d, err := time.ParseDuration(n + "h"); err == nil && d >= 0 {
			return now.Add(-24 * d), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, fmt.Errorf("%q is not a date: use 2024-05-06, 2024-05-06T10:00:00Z, or a time back from now such as 36h or 7d", s)
}

// openStore opens the store the flags name.
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("opening the store %s: %w", redactDSN(dsn), err)
	}
	return st, nil
}

// openExistingStore opens a store that must already exist: a command that
// only reads (search, status) does not leave an empty SQLite file behind a
// mistyped --db.
func openExistingStore(ctx context.Context, dsn string) (store.Store, error) {
	if !strings.Contains(dsn, "://") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("no store at %s (lede ingest makes one): %w", dsn, err)
		}
	}
	return openStore(ctx, dsn)
}

// redactDSN hides a password in a postgres:// URL for messages.
func redactDSN(dsn string) string {
	scheme, rest, ok := strings.Cut(dsn, "://")
	if !ok {
		return dsn
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return dsn
	}
	if user, _, hasPass := strings.Cut(rest[:at], ":"); hasPass {
		return scheme + "://" + user + ":xxxxx" + rest[at:]
	}
	return dsn
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede ingest", ingestUsage, stderr)
	cf := declareCorpusFlags(fs)
	workers := fs.Int("j", runtime.NumCPU(), "pages extracted and stored in parallel")
	delay := fs.Duration("delay", source.DefaultDelay, "pause between two requests to one host (a larger robots.txt Crawl-delay wins)")
	allowPrivate := fs.Bool("allow-private", false, "allow requests to loopback, private and link-local addresses (a local crawl)")
	since := fs.String("since", "", "skip pages published before this `date` (2024-05-06, RFC 3339, or 7d back)")
	maxBytes := fs.Int64("max-bytes", decode.DefaultMaxBytes, "largest page accepted, before and after gzip, in bytes")
	timeout := fs.Duration("timeout", source.DefaultTimeout, "time limit for fetching one URL")
	noStories := fs.Bool("no-stories", false, "store articles without placing them in stories (lede restory does it later)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to `file` (for go tool pprof)")
	inputs, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("ingest", err, stderr)
	}
	if len(inputs) == 0 {
		return usageError("ingest", errors.New("no SOURCE given (a file, a directory, a JSON Lines or WARC file, a feed, a sitemap or a URL)"), stderr)
	}
	if *workers < 1 {
		return usageError("ingest", fmt.Errorf("-j must be at least 1, not %d", *workers), stderr)
	}
	if *maxBytes < 1 {
		return usageError("ingest", fmt.Errorf("--max-bytes must be positive, not %d", *maxBytes), stderr)
	}
	sinceT, err := parseDate(*since, time.Now())
	if err != nil {
		return usageError("ingest", fmt.Errorf("--since: %w", err), stderr)
	}
	if *delay == 0 {
		*delay = -1 // source reads 0 as its default; --delay 0 means none
	}
	log := cf.logger(stderr)
	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "lede ingest: %v\n", err)
			return exitFailed
		}
		// Deferred first, so it runs last: the store's close is profiled too.
		defer stopProfile()
	}

	defer ingestGC()()

	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede ingest: %v\n", err)
		return exitFailed
	}
	defer st.Close()

	prog := newProgress(stderr, isTerminal(stderr), log)
	opts := ingest.Options{
		Workers: *workers,
		Since:   sinceT,
		Source: source.Options{
			AllowPrivate: *allowPrivate,
			Delay:        *delay,
			Timeout:      *timeout,
			MaxBytes:     *maxBytes,
		},
		Extract: lede.Options{MaxBytes: *maxBytes, Timeout: *timeout},
		OnPage:  prog.page,
		OnFound: prog.setFound,
		Logger:  log,
	}
	if !*noStories {
		withStories(&opts, st, log)
	}
	sum, err := ingest.Run(ctx, st, inputs, opts)
	prog.end()
	fmt.Fprintf(stderr, "lede ingest: %s\n", sum)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "lede ingest: interrupted; what was stored stays, run the same command again to go on")
		return exitFailed
	case err != nil:
		fmt.Fprintf(stderr, "lede ingest: %v\n", err)
		return exitFailed
	case sum.Failed > 0:
		return exitFailed
	}
	return exitOK
}

func runReindex(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede reindex", reindexUsage, stderr)
	cf := declareCorpusFlags(fs)
	workers := fs.Int("j", runtime.NumCPU(), "articles extracted in parallel")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("reindex", err, stderr)
	}
	if len(rest) > 0 {
		return usageError("reindex", fmt.Errorf("reindex takes no operands, got %q", rest[0]), stderr)
	}
	if *workers < 1 {
		return usageError("reindex", fmt.Errorf("-j must be at least 1, not %d", *workers), stderr)
	}
	log := cf.logger(stderr)
	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede reindex: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	prog := newProgress(stderr, isTerminal(stderr), log)
	sum, err := ingest.Reindex(ctx, st, ingest.Options{Workers: *workers, OnPage: prog.page, Logger: log})
	prog.end()
	fmt.Fprintf(stderr, "lede reindex: %d articles re-extracted in %s, %d failed\n", sum.Updated, sum.Elapsed.Round(10*time.Millisecond), sum.Failed)
	if err != nil {
		fmt.Fprintf(stderr, "lede reindex: %v\n", err)
		return exitFailed
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// The garbage collector's settings for lede ingest. Extraction and
// analysis allocate about 2.5 MB per page and keep little of it, so at
// Go's default GOGC of 100 the collector ran some 60 times over the 692
// pages of the acceptance check, 6.5% of the run's CPU; at 200 it runs
// half as often (3.7%) for a heap half as large again (about 100 → 150
// MB). The soft limit keeps that bounded whatever the pages: near it the
// collector runs as often as it must. GOGC or GOMEMLIMIT in the
// environment win.
const (
	ingestGCPercent   = 200
	ingestMemoryLimit = 1 << 30
)

// ingestGC sets the collector for an ingest and returns what restores it
// (the command may run inside a longer process: tests, lede serve).
func ingestGC() (restore func()) {
	restoreGC, restoreLimit := func() {}, func() {}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(ingestGCPercent)
		restoreGC = func() { debug.SetGCPercent(old) }
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(ingestMemoryLimit)
		restoreLimit = func() { debug.SetMemoryLimit(old) }
	}
	return func() { restoreLimit(); restoreGC() }
}

// startCPUProfile writes a CPU profile to path until the returned stop is
// called: the whole command's CPU, workers, writer and GC, as the
// acceptance check's wall time sees it on a machine with few cores.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// storyPlacer places stored articles in their stories (the Grouper
// serialises placements) over the store seen as a story corpus
// (newStoryCorpus, in stories.go), made at the first placement so that a
// run with nothing new does not read the store for it. When the corpus
// cannot be made the articles are stored without stories, with one
// warning: lede restory groups them later.
type storyPlacer struct {
	st  store.Store
	log *slog.Logger
	g   *story.Grouper

	mu     sync.Mutex
	corpus story.Corpus
	failed bool
	// The run's placed articles and what was prepared of them, for done's
	// second look; prepared is dropped (and the articles read back) past
	// keptPrepared of them, to bound memory on long runs.
	placed   []int64
	prepared map[int64]*story.Prepared
}

// keptPrepared bounds the preparations a run keeps (a few KB each).
const keptPrepared = 20000

func newStoryPlacer(st store.Store, log *slog.Logger) *storyPlacer {
	return &storyPlacer{st: st, log: log, g: story.NewGrouper(story.Options{})}
}

// withStories sets opts to place every stored article in its story: one
// by one (Group) where the store writes one article at a time
// (PostgreSQL), prepared by the workers and placed a batch at a time
// (PrepareGroup, GroupBatch) where it writes batches (SQLite).
func withStories(opts *ingest.Options, st store.Store, log *slog.Logger) {
	p := newStoryPlacer(st, log)
	opts.Group, opts.PrepareGroup, opts.GroupBatch, opts.GroupDone = p.place, p.g.Prepare, p.placeBatch, p.done
}

// storyPlacement is the one-by-one placement and its end, for callers that
// place articles themselves (serve's ingests, the benchmarks' stores).
func storyPlacement(st store.Store, log *slog.Logger) (place func(context.Context, int64, *article.Article) error, done func(context.Context) error) {
	p := newStoryPlacer(st, log)
	return p.place, p.done
}

// corpusOf returns the story corpus, made at the first call; nil when it
// cannot be made.
func (p *storyPlacer) corpusOf(ctx context.Context) story.Corpus {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.corpus == nil && !p.failed {
		c, err := newStoryCorpus(ctx, p.st, p.g, true)
		if err != nil {
			p.failed = true
			p.log.Warn("articles are stored without stories; run lede restory later", "err", err)
		} else {
			p.corpus = c
		}
	}
	return p.corpus
}

// place places one article.
func (p *storyPlacer) place(ctx context.Context, id int64, a *article.Article) error {
	c := p.corpusOf(ctx)
	if c == nil {
		return nil
	}
	pr := p.g.Prepare(a)
	_, err := p.g.AddPrepared(ctx, c, id, pr)
	if err == nil {
		p.note([]int64{id}, []*story.Prepared{pr})
	}
	return err
}

// note keeps placed articles' ids and preparations for done.
func (p *storyPlacer) note(ids []int64, prepared []*story.Prepared) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.placed = append(p.placed, ids...)
	if len(p.placed) > keptPrepared {
		p.prepared = nil
		return
	}
	if p.prepared == nil && len(p.placed) == len(ids) {
		p.prepared = make(map[int64]*story.Prepared)
	}
	if p.prepared != nil {
		for i, id := range ids {
			p.prepared[id] = prepared[i]
		}
	}
}

// placeBatch places a stored batch's articles, in order, from what the
// workers prepared.
func (p *storyPlacer) placeBatch(ctx context.Context, ids []int64, prepared []*story.Prepared) error {
	c := p.corpusOf(ctx)
	if c == nil {
		return nil
	}
	_, err := p.g.AddBatch(ctx, c, ids, prepared)
	if err == nil {
		p.note(ids, prepared)
	}
	return err
}

// done takes a second look at the run's articles, then writes what the
// corpus buffered. Placement is incremental, so an article placed early
// in a run was compared with the stories as they were then; one
// Reconsider pass over the run's articles moves each to the story it
// links to best now (none is split off), which makes the grouping depend
// far less on the order pages arrived in (on stories-dev, pairwise F1
// 0.840 → 0.861 averaged over shuffled orders).
func (p *storyPlacer) done(ctx context.Context) error {
	p.mu.Lock()
	c, placed, prepared := p.corpus, p.placed, p.prepared
	p.mu.Unlock()
	if c == nil {
		return nil
	}
	if len(placed) > 1 {
		var err error
		if prepared != nil {
			_, err = p.g.ReconsiderPrepared(ctx, c, eachPrepared(placed, prepared))
		} else {
			_, err = p.g.Reconsider(ctx, c, p.eachPlaced(ctx, placed))
		}
		if err != nil {
			return fmt.Errorf("reconsider the run's stories: %w", err)
		}
	}
	if f, ok := c.(interface{ Flush(context.Context) error }); ok {
		return f.Flush(ctx)
	}
	return nil
}

// eachPrepared yields the kept preparations in id order.
func eachPrepared(placed []int64, prepared map[int64]*story.Prepared) func(fn func(int64, *story.Prepared) error) error {
	ids := slices.Clone(placed)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return func(fn func(int64, *story.Prepared) error) error {
		for _, id := range ids {
			if pr := prepared[id]; pr != nil {
				if err := fn(id, pr); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// eachPlaced yields the placed articles in id order: a scan of the store
// from the first of them when they are most of that range (a run of new
// pages), else each read by its id (a run that updated a few old ones).
func (p *storyPlacer) eachPlaced(ctx context.Context, placed []int64) func(fn func(int64, *article.Article) error) error {
	ids := slices.Clone(placed)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	first, last := ids[0], ids[len(ids)-1]
	if last-first < 2*int64(len(ids)) {
		want := make(map[int64]bool, len(ids))
		for _, id := range ids {
			want[id] = true
		}
		each := storecorpus.EachSince(ctx, p.st, first-1)
		return func(fn func(int64, *article.Article) error) error {
			return each(func(id int64, a *article.Article) error {
				if !want[id] {
					return nil
				}
				return fn(id, a)
			})
		}
	}
	return func(fn func(int64, *article.Article) error) error {
		for _, id := range ids {
			sa, err := p.st.Article(ctx, id)
			if err != nil {
				return fmt.Errorf("article %d: %w", id, err)
			}
			if sa.Article != nil {
				if err := fn(id, sa.Article); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// progress draws a run's progress on a terminal (done of found, stored,
// failed, rate, time left) and logs each page with -v.
type progress struct {
	w     io.Writer
	tty   bool
	log   *slog.Logger
	start time.Time

	mu     sync.Mutex // page and found come from different goroutines
	last   time.Time
	done   int
	found  int
	failed int
	stored int
}

func newProgress(w io.Writer, tty bool, log *slog.Logger) *progress {
	return &progress{w: w, tty: tty, log: log, start: time.Now()}
}

// progressEvery is how often the progress line is redrawn.
const progressEvery = 200 * time.Millisecond

// page counts one page done.
func (p *progress) page(r ingest.Result) {
	if r.Err != nil {
		p.log.Debug("page", "source", r.Source, "outcome", r.Outcome, "err", r.Err)
	} else {
		p.log.Debug("page", "source", r.Source, "outcome", r.Outcome, "id", r.ID, "no_body", r.NoBody, "elapsed", r.Elapsed.Round(time.Millisecond))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	switch r.Outcome {
	case ingest.Failed:
		p.failed++
	case ingest.Created, ingest.Updated:
		p.stored++
	}
	p.draw(false)
}

// setFound sets how many pages and URLs were found so far.
func (p *progress) setFound(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.found = n
	p.draw(false)
}

// draw redraws the line, at most every progressEvery unless forced. The
// caller holds mu.
func (p *progress) draw(force bool) {
	if !p.tty {
		return
	}
	now := time.Now()
	if !force && now.Sub(p.last) < progressEvery {
		return
	}
	p.last = now
	rate := float64(p.done) / max(now.Sub(p.start).Seconds(), 1e-3)
	line := fmt.Sprintf("lede: %d", p.done)
	if p.found > p.done {
		line += fmt.Sprintf("/%d", p.found)
	}
	line += fmt.Sprintf(" pages, %d stored, %d failed, %.1f/s", p.stored, p.failed, rate)
	if left := p.found - p.done; left > 0 && rate > 0 {
		line += fmt.Sprintf(", %s left", (time.Duration(float64(left)/rate) * time.Second).Round(time.Second))
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

// end clears the progress line.
func (p *progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && !p.last.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
