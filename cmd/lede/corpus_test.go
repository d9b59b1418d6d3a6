package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"lede"
	"lede/article"
	"lede/evaluate"
	"lede/ingest"
	"lede/internal/pgtest"
	"lede/store"
	"lede/story"
)

// corpusPage is a small news page of our own making, told apart by n: a
// headline, a date, a quote and paragraphs with words of its own.
func corpusPage(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><title>Ferry council vote %d</title>
<meta property="article:published_time" content="2024-05-%02dT10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry council vote %d</h1>`, n, 1+n%28, n)
	for p := range 4 {
		fmt.Fprintf(&b, `<p>The ferry council of ward%d met on Tuesday to debate motion%d-%d, and its members said `+
			`the harbour timetable would change after the vote on pier%d. "We listened to every resident of ward%d," `+
			`said Mayor Alda Brennan, who chaired the session.</p>`, n, n, p, n*7+p, n)
	}
	b.WriteString(`</article><footer>© Ferry Gazette</footer></body></html>`)
	return b.String()
}

// corpusFiles writes pages 0..n-1 as files p000.html… in a new folder.
func corpusFiles(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.html", i)), []byte(corpusPage(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// corpusRun runs the command in-process.
func corpusRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr strings.Builder
	code := run(t.Context(), args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// corpusStatus is lede status --format json.
func corpusStatus(t *testing.T, db string) map[string]any {
	t.Helper()
	code, out, errOut := corpusRun(t, "status", "--db", db, "--format", "json")
	if code != exitOK {
		t.Fatalf("status: exit %d: %s", code, errOut)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("status JSON: %v\n%s", err, out)
	}
	return s
}

func articlesIn(t *testing.T, db string) int {
	t.Helper()
	return int(corpusStatus(t, db)["articles"].(float64))
}

func TestIngestSearchStatus(t *testing.T) {
	dir := corpusFiles(t, 5)
	db := filepath.Join(t.TempDir(), "c.db")
	code, _, errOut := corpusRun(t, "ingest", "--db", db, "-j", "2", dir, exampleText)
	if code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "6 pages") {
		t.Errorf("summary line missing or wrong: %q", errOut)
	}
	s := corpusStatus(t, db)
	for _, k := range []string{"articles", "sources", "errors", "versions", "size_bytes"} {
		if _, ok := s[k].(float64); !ok {
			t.Errorf("status has no integer %q: %v", k, s)
		}
	}
	if s["articles"].(float64) != 6 || s["errors"].(float64) != 0 || s["size_bytes"].(float64) <= 0 {
		t.Errorf("status %v; want 6 articles, 0 errors, a size", s)
	}

	// A phrase of one page finds that page first.
	code, out, errOut := corpusRun(t, "search", "--db", db, "--format", "json", "--limit", "3", `"debate motion3-2"`)
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	var hits []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var h map[string]any
		if err := json.Unmarshal([]byte(line), &h); err != nil {
			t.Fatalf("search line is not JSON: %v: %q", err, line)
		}
		hits = append(hits, h)
	}
	if len(hits) == 0 || !strings.HasSuffix(hits[0]["source"].(string), "p003.html") {
		t.Fatalf("phrase search: %v; want p003.html first", hits)
	}
	for _, k := range []string{"id", "url", "source", "title", "site_name", "published", "snippet", "score"} {
		if _, ok := hits[0][k]; !ok {
			t.Errorf("hit has no %q: %v", k, hits[0])
		}
	}
	if !strings.Contains(strings.ToLower(hits[0]["snippet"].(string)), "motion3-2") {
		t.Errorf("snippet %q does not show the match", hits[0]["snippet"])
	}

	// Text output is readable and has no escapes when not on a terminal.
	code, out, _ = corpusRun(t, "search", "--db", db, "ward4")
	if code != exitOK || !strings.Contains(out, "Ferry council vote 4") || strings.Contains(out, "\033") {
		t.Errorf("text search: exit %d:\n%s", code, out)
	}

	// Quotes: what Brennan said.
	code, out, errOut = corpusRun(t, "search", "--db", db, "--quotes", "--format", "json", "listened")
	if code != exitOK {
		t.Fatalf("quote search: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"speaker"`) || !strings.Contains(out, "listened to every resident") {
		t.Errorf("quote search found no quote with its speaker:\n%s", out)
	}

	// A bad query is the user's error (exit 2), not the store's.
	if code, _, errOut := corpusRun(t, "search", "--db", db, "ferry OR"); code != exitUsage {
		t.Errorf("bad query: exit %d (%s); want %d", code, errOut, exitUsage)
	}
}

func TestIngestMissingSourceFailsAndOthersGoOn(t *testing.T) {
	dir := corpusFiles(t, 2)
	db := filepath.Join(t.TempDir(), "c.db")
	code, _, errOut := corpusRun(t, "ingest", "--db", db, dir, filepath.Join(dir, "missing.warc.gz"))
	if code != exitFailed {
		t.Fatalf("exit %d; want %d for a missing source (%s)", code, exitFailed, errOut)
	}
	s := corpusStatus(t, db)
	if s["articles"].(float64) != 2 || s["errors"].(float64) < 1 {
		t.Errorf("status %v; want the 2 pages stored and the missing source's error", s)
	}
	if !strings.Contains(fmt.Sprint(s["per_source"]), "missing.warc.gz") {
		t.Errorf("the missing source's error is not listed: %v", s["per_source"])
	}
}

func TestIngestCommandLineErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	for _, args := range [][]string{
		{"ingest", "--db", db},
		{"ingest", "--db", db, "-j", "0", "x"},
		{"ingest", "--db", db, "--since", "someday", "x"},
		{"search", "--db", db},
		{"search", "--db", db, "--format", "xml", "x"},
		{"status", "--db", db, "extra"},
		{"reindex", "--db", db, "extra"},
	} {
		if code, _, _ := corpusRun(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d; want %d", args, code, exitUsage)
		}
	}
}

func TestParseDate(t *testing.T) {
	now := time.Date(2024, 5, 10, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in, want string
	}{
		{"2024-05-06", "2024-05-06T00:00:00Z"},
		{"2024-05-06T08:00:00+02:00", "2024-05-06T06:00:00Z"},
		{"36h", "2024-05-09T00:00:00Z"},
		{"7d", "2024-05-03T12:00:00Z"},
		{"", "0001-01-01T00:00:00Z"},
	} {
		got, err := parseDate(tc.in, now)
		if err != nil || got.UTC().Format(time.RFC3339) != tc.want {
			t.Errorf("parseDate(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseDate("next week", now); err == nil {
		t.Error("parseDate accepted next week")
	}
}

// childEnv names the command line a child process of the test binary runs
// (TestCorpusChildProcess): its arguments as a JSON array.
const childEnv = "LEDE_CORPUS_CHILD"

// TestCorpusChildProcess is not a test: it is the lede command, run in a
// child process of the test binary so that a test can kill it.
func TestCorpusChildProcess(t *testing.T) {
	env := os.Getenv(childEnv)
	if env == "" {
		t.Skip("runs only as a child process of the corpus tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(env), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(run(context.Background(), args, os.Stdin, os.Stdout, os.Stderr))
}

// child starts the command in a child process; its stderr is returned.
func child(t *testing.T, args ...string) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCorpusChildProcess$")
	env, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), childEnv+"="+string(env))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stderr
}

// storedPages lists what a store holds, one line per article (key, source,
// title, body), sorted: two stores that hold the same pages list the same.
func storedPages(t *testing.T, db string) []string {
	t.Helper()
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var lines []string
	err = st.Each(t.Context(), 0, false, func(sa store.StoredArticle) error {
		var body strings.Builder
		for _, b := range sa.Article.Blocks {
			body.WriteString(b.Text)
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%d\t%d", sa.Key, filepath.Base(sa.Source), sa.Article.Title, len(body.String()), sa.Versions))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return lines
}

func TestIngestKilledMidRunResumesToACleanRunsStore(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child ingest of 200 pages; not with -short")
	}
	const pages = 200
	dir := corpusFiles(t, pages)
	tmp := t.TempDir()
	clean, crash := filepath.Join(tmp, "clean.db"), filepath.Join(tmp, "crash.db")
	if code, _, errOut := corpusRun(t, "ingest", "--db", clean, "-j", "2", dir); code != exitOK {
		t.Fatalf("clean run: exit %d: %s", code, errOut)
	}

	// The killed run: -v logs each page; the kill comes after a tenth.
	cmd, stderr := child(t, "ingest", "--db", crash, "-j", "2", "-v", dir)
	sc := bufio.NewScanner(stderr)
	seen := 0
	for sc.Scan() && seen < pages/10 {
		if strings.Contains(sc.Text(), "outcome=created") {
			seen++
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, stderr)
	cmd.Wait()
	if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() {
		t.Fatalf("the child ended before the kill (%v): make the run longer", cmd.ProcessState)
	}
	killedAt := articlesIn(t, crash)
	if killedAt >= pages {
		t.Fatalf("%d of %d pages stored when killed: not mid-run", killedAt, pages)
	}
	t.Logf("killed after %d of %d articles", killedAt, pages)
	if ok := integrityOK(t, crash); !ok {
		t.Fatal("the killed run's store fails its integrity check")
	}

	if code, _, errOut := corpusRun(t, "ingest", "--db", crash, "-j", "2", dir); code != exitOK {
		t.Fatalf("rerun: exit %d: %s", code, errOut)
	}
	want, got := storedPages(t, clean), storedPages(t, crash)
	if !slices.Equal(got, want) {
		t.Errorf("after the rerun the store holds %d articles, the clean run's %d; first difference:\n%s",
			len(got), len(want), firstDifference(got, want))
	}
}

// integrityOK runs SQLite's integrity check on a store file.
func integrityOK(t *testing.T, path string) bool {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatal(err)
	}
	return res == "ok"
}

func firstDifference(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("  got  %s\n  want %s", a[i], b[i])
		}
	}
	return fmt.Sprintf("  one list is longer (%d vs %d)", len(a), len(b))
}

// countingSite is a local news site on 127.0.0.1 with an RSS feed of n
// pages; it counts the requests for each path.
type countingSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newCountingSite(t *testing.T, n int) *countingSite {
	s := &countingSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		var i int
		switch {
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Ferry Gazette</title>`)
			for i := range n {
				fmt.Fprintf(w, `<item><title>Vote %d</title><link>%s/news/%d.html</link></item>`, i, s.URL, 1000+i)
			}
			fmt.Fprint(w, `</channel></rss>`)
		case r.URL.Path == "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		default:
			if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &i); err != nil {
				http.NotFound(w, r)
				return
			}
			time.Sleep(5 * time.Millisecond) // a server that takes its time, so the workers overlap
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, corpusPage(i))
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestThreeIngestWorkersShareOnePostgres(t *testing.T) {
	dsn := pgtest.Start(t)
	const feedPages, files = 30, 20
	site := newCountingSite(t, feedPages)
	dir := corpusFiles(t, files)
	args := []string{"ingest", "--db", dsn, "-j", "2", "--allow-private", "--delay", "0", site.URL + "/feed.xml", dir}
	var cmds []*exec.Cmd
	for range 3 {
		cmd, stderr := child(t, args...)
		go io.Copy(io.Discard, stderr)
		cmds = append(cmds, cmd)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("worker %d: %v", i, err)
		}
	}
	for i := range feedPages {
		site.mu.Lock()
		n := site.hits[fmt.Sprintf("/news/%d.html", 1000+i)]
		site.mu.Unlock()
		if n != 1 {
			t.Errorf("page %d fetched %d times by the three workers; want once", i, n)
		}
	}
	s := corpusStatus(t, dsn)
	if got := s["articles"].(float64); got != feedPages+files {
		t.Errorf("%v articles after three workers; want %d, each page once", got, feedPages+files)
	}
	lines := storedPages(t, dsn)
	keys := map[string]bool{}
	for _, l := range lines {
		k, _, _ := strings.Cut(l, "\t")
		if keys[k] {
			t.Errorf("key stored twice: %s", k)
		}
		keys[k] = true
	}
	// The same commands give the same search on PostgreSQL.
	code, out, errOut := corpusRun(t, "search", "--db", dsn, "--format", "json", "--limit", "3", `"debate motion1003-2"`)
	if code != exitOK || !strings.Contains(out, "/news/1003.html") {
		t.Errorf("phrase search on PostgreSQL: exit %d (%s):\n%s", code, errOut, out)
	}
}

// cpuTime is the process's CPU time so far, user and system: on a machine
// shared with other work it measures a benchmark where wall time cannot.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportRates reports pages per second of wall time and CPU milliseconds
// per page (the process's, counted from cpu0).
func reportRates(b *testing.B, pages int, cpu0 time.Duration) {
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(time.Millisecond)/float64(pages), "cpu-ms/page")
}

// aebPages lists the AEB dataset's pages, or skips the benchmark.
func aebPages(b *testing.B) []string {
	b.Helper()
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("no ../shared/datasets beside the repository: the AEB pages are not here")
	}
	pages, err := filepath.Glob(filepath.Join(dir, "aeb", "html", "*.html.gz"))
	if err != nil || len(pages) == 0 {
		b.Skipf("no AEB pages in %s (%v)", dir, err)
	}
	return pages
}

// BenchmarkIngestAEB measures, on the 181 AEB pages with two workers,
// extraction alone (what lede extract -j 2 does), extraction with
// analysis, and the whole ingest into a new SQLite store without and with
// story grouping: where an ingest's time goes. Run with -benchtime 3x.
func BenchmarkIngestAEB(b *testing.B) {
	pages := aebPages(b)
	ctx := context.Background()
	datas := make([][]byte, len(pages))
	for i, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas[i] = data
	}
	perPage := func(b *testing.B, analyze bool) {
		cpu0 := cpuTime()
		for b.Loop() {
			var wg sync.WaitGroup
			next := make(chan []byte)
			for range 2 {
				wg.Go(func() {
					for d := range next {
						lede.Extract(ctx, d, lede.Options{Analyze: analyze})
					}
				})
			}
			for _, d := range datas {
				next <- d
			}
			close(next)
			wg.Wait()
		}
		reportRates(b, b.N*len(pages), cpu0)
	}
	b.Run("extract", func(b *testing.B) { perPage(b, false) })
	b.Run("extract+analyze", func(b *testing.B) { perPage(b, true) })
	ingestRun := func(b *testing.B, stories bool) {
		log := slog.New(slog.DiscardHandler)
		cpu0 := cpuTime()
		for b.Loop() {
			b.StopTimer()
			db := filepath.Join(b.TempDir(), "c.db")
			st, err := store.Open(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			opts := ingest.Options{Workers: 2, Logger: log}
			if stories {
				withStories(&opts, st, log)
			}
			b.StartTimer()
			sum, err := ingest.Run(ctx, st, pages, opts)
			if err != nil || sum.Created != len(pages) {
				b.Fatalf("%s, %v", sum, err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		// The CPU of opening and closing stores is counted too: it is small.
		reportRates(b, b.N*len(pages), cpu0)
	}
	b.Run("ingest", func(b *testing.B) { ingestRun(b, false) })
	b.Run("ingest+stories", func(b *testing.B) { ingestRun(b, true) })
}

// largeStoreSize is the article count of BenchmarkIngestIntoLargeStore's
// grown store: $LEDE_BENCH_ARTICLES, else 20,000 (2,000 with -short).
func largeStoreSize() int {
	if n, err := strconv.Atoi(os.Getenv("LEDE_BENCH_ARTICLES")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return 2000
	}
	return 20000
}

// largeStore returns the path of an SQLite store holding n articles, built
// once (stored directly and placed in stories, without extraction: it is
// the store that is to be large) and cached in $TMPDIR/lede-ingest-bench;
// each call gets its own copy, so that a benchmark's ingests do not grow
// the cache.
func largeStore(b *testing.B, n int) string {
	b.Helper()
	ctx := context.Background()
	dir := filepath.Join(os.TempDir(), "lede-ingest-bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	cached := filepath.Join(dir, fmt.Sprintf("large-%d-stories.db", n))
	if _, err := os.Stat(cached); err != nil {
		building := cached + ".building"
		os.Remove(building)
		st, err := store.Open(ctx, building)
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		log := slog.New(slog.DiscardHandler)
		// Stored and placed in batches, as ingest's SQLite writer does:
		// a store of 100,000 is built in minutes, not an hour.
		placer := newStoryPlacer(st, log)
		bp := st.(interface {
			PutBatch(context.Context, []store.Record) ([]store.PutResult, error)
		})
		var (
			recs []store.Record
			prs  []*story.Prepared
		)
		flush := func() {
			puts, err := bp.PutBatch(ctx, recs)
			if err != nil {
				b.Fatal(err)
			}
			ids := make([]int64, len(puts))
			for i, put := range puts {
				ids[i] = put.ID
			}
			if err := placer.placeBatch(ctx, ids, prs); err != nil {
				b.Fatal(err)
			}
			recs, prs = recs[:0], prs[:0]
		}
		for i := range n {
			a := &article.Article{
				Title:     fmt.Sprintf("Ferry council vote %d", 1_000_000+i),
				Published: fmt.Sprintf("2023-%02d-%02dT10:00:00Z", 1+i%12, 1+i%28),
				SiteName:  fmt.Sprintf("Gazette %d", i%40),
				Language:  "en",
			}
			for p := range 6 {
				a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: fmt.Sprintf(
					"The ferry council of ward%d met to debate motion%d-%d; the harbour timetable of pier%d changes after the vote.", i, i, p, i*7+p)})
			}
			u := fmt.Sprintf("https://gazette%d.example/news/%d", i%40, i)
			recs = append(recs, store.Record{URL: u, Key: u, Source: "bench", Input: "bench", Raw: []byte(a.Title), Article: a})
			prs = append(prs, placer.g.Prepare(a))
			if len(recs) == 64 {
				flush()
			}
		}
		if len(recs) > 0 {
			flush()
		}
		if err := placer.done(ctx); err != nil {
			b.Fatal(err)
		}
		st.Close()
		b.Logf("built a store of %d articles in %s", n, time.Since(start).Round(time.Second))
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(building + suffix) // closed cleanly: checkpointed into the file
		}
		if err := os.Rename(building, cached); err != nil {
			b.Fatal(err)
		}
	}
	data, err := os.ReadFile(cached)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "large.db")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkIngestIntoLargeStore ingests the same kind of new pages (50 per
// op, extraction, analysis, store and stories, two workers) into an empty
// store and into one already holding largeStoreSize articles: the rate
// into the large one should be at most 30% lower.
//
//	go test ./cmd/lede -run XXX -bench IngestIntoLargeStore -benchtime 5x
func BenchmarkIngestIntoLargeStore(b *testing.B) {
	const perOp = 50
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	next := 0 // pages are never the same twice, so none is skipped as stored
	bench := func(b *testing.B, db string) {
		st, err := store.Open(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		cpu0 := cpuTime()
		var setup time.Duration // CPU spent writing the pages, left out
		for b.Loop() {
			b.StopTimer()
			s0 := cpuTime()
			dir := b.TempDir()
			for range perOp {
				next++
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%06d.html", next)), []byte(corpusPage(next)), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			opts := ingest.Options{Workers: 2, Logger: log}
			withStories(&opts, st, log)
			setup += cpuTime() - s0
			b.StartTimer()
			sum, err := ingest.Run(ctx, st, []string{dir}, opts)
			if err != nil || sum.Created != perOp {
				b.Fatalf("%s, %v", sum, err)
			}
		}
		reportRates(b, b.N*perOp, cpu0+setup)
	}
	b.Run("empty", func(b *testing.B) { bench(b, filepath.Join(b.TempDir(), "empty.db")) })
	b.Run(fmt.Sprintf("large-%d", largeStoreSize()), func(b *testing.B) { bench(b, largeStore(b, largeStoreSize())) })
}

func TestReadingCommandsLeaveNoStoreBehindAMistypedDB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "mistyped.db")
	for _, args := range [][]string{
		{"status", "--db", db},
		{"search", "--db", db, "ferry"},
	} {
		if code, _, errOut := corpusRun(t, args...); code != exitFailed || !strings.Contains(errOut, "no store at") {
			t.Errorf("%q: exit %d, %q; want %d and a message", args, code, errOut, exitFailed)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("%s was created by a reading command", db)
	}
}
