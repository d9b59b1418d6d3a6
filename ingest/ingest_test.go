package ingest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"lede/article"
	"lede/source"
	"lede/store"
	"lede/story"
	"lede/story/storecorpus"
)

// newsPage is a small news page of our own making: a headline, a date and
// a few paragraphs whose words are told apart by n.
func newsPage(n int, published string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><title>Harbour council vote number %d</title>
<meta property="og:title" content="Harbour council vote number %d">
<meta property="article:published_time" content="%s"></head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article><h1>Harbour council vote number %d</h1>`, n, n, published, n)
	for p := range 4 {
		fmt.Fprintf(&b, `<p>The harbour council of district %d met on Tuesday evening to debate item %d of its agenda, `+
			`and the members said the ferry timetable would change after the vote of case %d-%d. `+
			`"We listened to every resident," said Mayor Alda Brennan, who chaired the session for the %dth time.</p>`, n, p, n, p, n+p)
	}
	b.WriteString(`</article><footer>© Harbour Gazette</footer></body></html>`)
	return b.String()
}

// writeFiles writes name → content under a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openSQLite opens a new SQLite store in the test's folder.
func openSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "corpus.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func quietOptions() Options {
	return Options{
		Workers: 2,
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
		Source:  source.Options{Delay: -1, Retries: -1},
	}
}

func status(t *testing.T, st store.Store) store.Status {
	t.Helper()
	s, err := st.Status(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestRunStoresEachPageOnceAndSkipsItOnRerun(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.html":     newsPage(1, "2024-05-06T10:00:00Z"),
		"b/c.html":   newsPage(2, "2024-05-07T10:00:00Z"),
		"b/d.htm":    newsPage(3, "2024-05-08T10:00:00Z"),
		"notes.json": `{"not": "a page"}`,
	})
	st := openSQLite(t)
	sum, err := Run(t.Context(), st, []string{dir}, quietOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 3 || sum.Failed != 0 {
		t.Fatalf("first run: %s; want 3 new, 0 failed", sum)
	}
	again, err := Run(t.Context(), st, []string{dir}, quietOptions())
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 3 || again.Created+again.Updated != 0 {
		t.Fatalf("rerun: %s; want 3 unchanged", again)
	}
	if s := status(t, st); s.Articles != 3 || s.Versions != 0 {
		t.Errorf("store holds %d articles, %d versions; want 3, 0", s.Articles, s.Versions)
	}
}

func TestRunKeepsAnEarlierVersionOfAChangedPage(t *testing.T) {
	dir := writeFiles(t, map[string]string{"page.html": newsPage(1, "2024-05-06T10:00:00Z")})
	st := openSQLite(t)
	if _, err := Run(t.Context(), st, []string{dir}, quietOptions()); err != nil {
		t.Fatal(err)
	}
	// The same page at the same address, rewritten: records carry the URL
	// so that both fetches have one key.
	recs := func(n int) string {
		return fmt.Sprintf(`{"url": "https://gazette.example/harbour", "html": %q}`+"\n", newsPage(n, "2024-05-06T10:00:00Z"))
	}
	for i, n := range []int{1, 2} {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("r%d.jsonl", i))
		os.WriteFile(path, []byte(recs(n)), 0o644)
		sum, err := Run(t.Context(), st, []string{path}, quietOptions())
		if err != nil {
			t.Fatal(err)
		}
		want := []Outcome{Created, Updated}[i]
		if (want == Created && sum.Created != 1) || (want == Updated && sum.Updated != 1) {
			t.Fatalf("record %d: %s; want 1 %s", i, sum, want)
		}
	}
	if s := status(t, st); s.Articles != 2 || s.Versions != 1 {
		t.Errorf("store holds %d articles, %d versions; want 2 (the file, the URL), 1", s.Articles, s.Versions)
	}
}

func TestRunRecordsFailuresAndGoesOn(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good.html":  newsPage(1, "2024-05-06T10:00:00Z"),
		"image.html": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
		"empty.html": "",
	})
	missing := filepath.Join(dir, "missing.html")
	st := openSQLite(t)
	var mu sync.Mutex
	failed := map[string]bool{}
	opts := quietOptions()
	opts.OnPage = func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		if r.Outcome == Failed {
			failed[filepath.Base(r.Source)] = true
		}
	}
	sum, err := Run(t.Context(), st, []string{dir, missing}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 1 || sum.Failed != 3 {
		t.Fatalf("%s; want 1 new, 3 failed (image, empty, missing)", sum)
	}
	for _, name := range []string{"image.html", "empty.html", "missing.html"} {
		if !failed[name] {
			t.Errorf("%s not reported failed (failed: %v)", name, failed)
		}
	}
	if s := status(t, st); s.Errors < 3 || s.Articles != 1 {
		t.Errorf("status: %d errors, %d articles; want ≥ 3 errors recorded, 1 article", s.Errors, s.Articles)
	}
}

func TestRunStoresAPageWithoutBody(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"nav.html": `<html><head><title>Index</title></head><body><nav><a href="/a">A</a> <a href="/b">B</a></nav></body></html>`,
	})
	st := openSQLite(t)
	var got Result
	opts := quietOptions()
	opts.OnPage = func(r Result) { got = r }
	sum, err := Run(t.Context(), st, []string{dir}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 1 || !got.NoBody {
		t.Fatalf("%s, last result %+v; want the page stored without body", sum, got)
	}
	sa, err := st.Article(t.Context(), got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(sa.Article, NoBody) {
		t.Errorf("stored warnings %q; want %q", sa.Article.Warnings, NoBody)
	}
	raw, err := st.Raw(t.Context(), got.ID)
	if err != nil || !strings.Contains(string(raw), "<nav>") {
		t.Errorf("raw page not kept: %q, %v", raw, err)
	}
}

func TestRunRecordOverridesAndSince(t *testing.T) {
	lines := []string{
		fmt.Sprintf(`{"url": "https://gazette.example/old", "html": %q, "published": "2020-01-02", "site_name": "Old Gazette"}`, newsPage(1, "")),
		fmt.Sprintf(`{"url": "https://gazette.example/new", "html": %q, "published": "2024-05-06T09:00:00Z", "title": "Record title"}`, newsPage(2, "")),
		fmt.Sprintf(`{"url": "https://gazette.example/undated", "text": %q}`, "Undated harbour notes\n\nThe harbour council met again on Friday to settle the ferry timetable for good, the clerk said."),
	}
	dir := writeFiles(t, map[string]string{"records.jsonl": strings.Join(lines, "\n") + "\n"})
	st := openSQLite(t)
	opts := quietOptions()
	opts.Since = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ids := map[string]int64{}
	opts.OnPage = func(r Result) { ids[r.URL] = r.ID }
	sum, err := Run(t.Context(), st, []string{filepath.Join(dir, "records.jsonl")}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 2 || sum.Skipped != 1 {
		t.Fatalf("%s; want 2 new and 1 before --since", sum)
	}
	sa, err := st.Article(t.Context(), ids["https://gazette.example/new"])
	if err != nil {
		t.Fatal(err)
	}
	if sa.Article.Title != "Record title" || sa.Article.Published != "2024-05-06T09:00:00Z" {
		t.Errorf("record overrides not applied: title %q, published %q", sa.Article.Title, sa.Article.Published)
	}
}

// site is a local news site on 127.0.0.1: an RSS feed of n pages, counting
// the requests of each path.
type site struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

func newSite(t *testing.T, n int) *site {
	s := &site{hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/feed.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>`)
		for i := 1; i <= n; i++ {
			fmt.Fprintf(w, `<item><title>Story %d</title><link>%s/news/%d.html</link><pubDate>Mon, 06 May 2024 10:%02d:00 GMT</pubDate></item>`, i, s.URL, i, i)
		}
		fmt.Fprint(w, `</channel></rss>`)
	})
	mux.HandleFunc("/news/", func(w http.ResponseWriter, r *http.Request) {
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/news/%d.html", &i); err != nil || i < 1 || i > n {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, newsPage(100+i, "2024-05-06T10:00:00Z"))
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func TestRunFetchesTheFeedsPages(t *testing.T) {
	s := newSite(t, 5)
	st := openSQLite(t)
	opts := quietOptions()
	opts.Source.AllowPrivate = true
	sum, err := Run(t.Context(), st, []string{s.URL + "/feed.xml", s.URL + "/news/99.html"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 5 || sum.Failed != 1 {
		t.Fatalf("%s; want the feed's 5 pages new and the 404 failed", sum)
	}
	for i := 1; i <= 5; i++ {
		if n := s.count(fmt.Sprintf("/news/%d.html", i)); n != 1 {
			t.Errorf("page %d fetched %d times; want once", i, n)
		}
	}
}

func TestRunRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	s := newSite(t, 2)
	st := openSQLite(t)
	sum, err := Run(t.Context(), st, []string{s.URL + "/news/1.html"}, quietOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 1 || sum.Created != 0 {
		t.Fatalf("%s; want the loopback URL refused", sum)
	}
	if n := s.count("/news/1.html"); n != 0 {
		t.Errorf("the refused URL was requested %d times", n)
	}
}

func TestReindexKeepsIdsAndCounts(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.html": newsPage(1, "2024-05-06T10:00:00Z"),
		"b.html": newsPage(2, "2024-05-07T10:00:00Z"),
	})
	st := openSQLite(t)
	if _, err := Run(t.Context(), st, []string{dir}, quietOptions()); err != nil {
		t.Fatal(err)
	}
	before := status(t, st)
	sum, err := Reindex(t.Context(), st, quietOptions())
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 2 || sum.Failed != 0 {
		t.Fatalf("reindex: %+v; want 2 re-extracted", sum)
	}
	after := status(t, st)
	if after.Articles != before.Articles || after.Versions != before.Versions {
		t.Errorf("reindex changed the counts: %+v → %+v", before, after)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("p%02d.html", i)] = newsPage(i, "2024-05-06T10:00:00Z")
	}
	dir := writeFiles(t, files)
	st := openSQLite(t)
	ctx, cancel := context.WithCancel(t.Context())
	opts := quietOptions()
	opts.OnPage = func(r Result) {
		if r.Outcome == Created {
			cancel()
		}
	}
	sum, err := Run(ctx, st, []string{dir}, opts)
	if err == nil {
		t.Fatalf("%s: no error from a cancelled run", sum)
	}
	stored := status(t, st).Articles
	if stored == 0 || stored == 40 {
		t.Errorf("%d of 40 stored after a cancel; want some, not all", stored)
	}
	// The rerun goes on from there.
	rest, err := Run(t.Context(), st, []string{dir}, quietOptions())
	if err != nil {
		t.Fatal(err)
	}
	if got := status(t, st).Articles; got != 40 || rest.Created != 40-stored {
		t.Errorf("after the rerun %d articles (%s); want 40, %d new", got, rest, 40-stored)
	}
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"2024-05-06", "2024-05-06T00:00:00Z", true},
		{"2024-05-06T10:11:12+02:00", "2024-05-06T08:11:12Z", true},
		{"2024-05-06T10:11", "2024-05-06T10:11:00Z", true},
		{" 2024-05 ", "2024-05-01T00:00:00Z", true},
		{"yesterday", "", false},
		{"", "", false},
	} {
		got, ok := ParseTime(tc.in)
		if ok != tc.ok || (ok && got.UTC().Format(time.RFC3339) != tc.want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// TestRunGroupsEachStoredBatchOnceInOrder guards the SQLite writer's story
// placement: every article created or changed is placed exactly once, from
// what the workers prepared, in the order of its batch; unchanged pages are
// not placed again; and a batch whose placement fails keeps its articles
// and records the failure for each of its pages.
func TestRunGroupsEachStoredBatchOnceInOrder(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("p%02d.html", i)] = newsPage(i, "2024-05-06T10:00:00Z")
	}
	dir := writeFiles(t, files)
	st := openSQLite(t)
	g := story.NewGrouper(story.Options{})
	corpus, err := storecorpus.New(t.Context(), st, g, true)
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu       sync.Mutex
		placed   = map[int64]int{}
		prepared int
		fail     bool
	)
	opts := quietOptions()
	opts.Group = func(context.Context, int64, *article.Article) error {
		t.Error("Group called: the SQLite writer places batches")
		return nil
	}
	opts.PrepareGroup = func(a *article.Article) *story.Prepared {
		mu.Lock()
		prepared++
		mu.Unlock()
		return g.Prepare(a)
	}
	opts.GroupBatch = func(ctx context.Context, ids []int64, prs []*story.Prepared) error {
		mu.Lock()
		defer mu.Unlock()
		if fail {
			return fmt.Errorf("corpus unavailable")
		}
		for i, id := range ids {
			if prs[i] == nil {
				t.Errorf("article %d placed without what the workers prepared", id)
			}
			if i > 0 && id <= ids[i-1] {
				t.Errorf("batch %v out of the order it was stored in", ids)
			}
			placed[id]++
		}
		_, err := g.AddBatch(ctx, corpus, ids, prs)
		return err
	}
	sum, err := Run(t.Context(), st, []string{dir}, opts)
	if err != nil || sum.Created != 40 {
		t.Fatalf("first run: %s, %v", sum, err)
	}
	if len(placed) != 40 || prepared != 40 {
		t.Errorf("%d articles placed, %d prepared; want 40, 40", len(placed), prepared)
	}
	for id, n := range placed {
		if n != 1 {
			t.Errorf("article %d placed %d times", id, n)
		}
	}
	if s := status(t, st); s.Stories == 0 {
		t.Errorf("no stories after placing 40 articles: %+v", s)
	}

	// A rerun stores nothing new, so places nothing.
	if _, err := Run(t.Context(), st, []string{dir}, opts); err != nil {
		t.Fatal(err)
	}
	if len(placed) != 40 {
		t.Errorf("the rerun placed unchanged pages: %d placements", len(placed))
	}

	// A failing placement: the pages stay stored, each with the error.
	fail = true
	more := writeFiles(t, map[string]string{"q1.html": newsPage(101, "2024-05-07T10:00:00Z"), "q2.html": newsPage(102, "2024-05-07T10:00:00Z")})
	sum, err = Run(t.Context(), st, []string{more}, opts)
	if err != nil || sum.Created != 2 {
		t.Fatalf("run with failing placement: %s, %v", sum, err)
	}
	if s := status(t, st); s.Articles != 42 || s.Errors != 2 {
		t.Errorf("after a failed placement: %d articles, %d errors; want 42, 2", s.Articles, s.Errors)
	}
}
