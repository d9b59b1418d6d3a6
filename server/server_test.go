package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lede/article"
	"lede/ingest"
	"lede/internal/pgtest"
	"lede/source"
	"lede/store"
	"lede/story"
	"lede/story/storecorpus"
)

// fixtures are the pages every test corpus holds: the server's own
// fixtures and the repository's example pages.
var fixtures = []string{
	"testdata/harbour-wire.html",
	"testdata/harbour-rewrite.html",
	"testdata/hostile.html",
	"../testdata/example/panarmenian-iran-protests.html",
	"../testdata/example/trtworld-karabakh-amnesty.txt",
}

// testCorpus is a store built for a test, with the ids of its fixtures by
// file name.
type testCorpus struct {
	store.Store
	ids map[string]int64
}

// newCorpus ingests the fixtures into a fresh store (an SQLite file in the
// test's folder unless dsn names another) through the real pipeline:
// extraction, analysis, storage and story grouping.
func newCorpus(t testing.TB, dsn string) *testCorpus {
	t.Helper()
	return newCorpusWith(t, dsn, nil)
}

// newCorpusWith is newCorpus with more inputs ingested after the fixtures.
func newCorpusWith(t testing.TB, dsn string, more []string) *testCorpus {
	t.Helper()
	ctx := context.Background()
	if dsn == "" {
		dsn = filepath.Join(t.TempDir(), "corpus.db")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	c := &testCorpus{Store: st, ids: map[string]int64{}}
	var mu sync.Mutex
	opts := ingest.Options{
		Workers: 2,
		Group:   grouper(t, st),
		OnPage: func(r ingest.Result) {
			mu.Lock()
			defer mu.Unlock()
			if r.Err != nil {
				t.Errorf("ingest %s: %v", r.Source, r.Err)
			}
			c.ids[filepath.Base(r.Source)] = r.ID
		},
	}
	if _, err := ingest.Run(ctx, st, append(slices.Clone(fixtures), more...), opts); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	for _, f := range fixtures {
		if c.ids[filepath.Base(f)] == 0 {
			t.Fatalf("%s was not stored: %v", f, c.ids)
		}
	}
	return c
}

// grouper places articles in stories as `lede ingest` does: one Grouper
// over the store seen as a story corpus.
func grouper(t testing.TB, st store.Store) func(context.Context, int64, *article.Article) error {
	g := story.NewGrouper(story.Options{})
	corpus, err := storecorpus.New(context.Background(), st, g, true)
	if err != nil {
		t.Fatalf("story corpus: %v", err)
	}
	return func(ctx context.Context, id int64, a *article.Article) error {
		_, err := g.Add(ctx, corpus, id, a)
		return err
	}
}

func (c *testCorpus) id(name string) int64 { return c.ids[name] }

// allIDs lists every stored article's id.
func (c *testCorpus) allIDs() []int64 {
	var ids []int64
	for _, id := range c.ids {
		if id != 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// newTestServer serves c with cfg on an httptest server.
func newTestServer(t testing.TB, c *testCorpus, cfg Config) (*Server, *httptest.Server) {
	t.Helper()
	cfg.Store = c
	if cfg.Logger == nil {
		// Warnings and errors (a template failing, a store error) show in
		// the test's output; the access log does not.
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

// do sends one request and returns the status, the headers and the body.
func do(t testing.TB, method, url, ctype string, body io.Reader, header ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading: %v", method, url, err)
	}
	return resp.StatusCode, resp.Header, b
}

// decodeJSON decodes body into v or fails the test.
func decodeJSON(t testing.TB, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, body)
	}
}

// postedPage is a page for /api/extract with a paragraph long enough to be
// a body.
const postedPage = `<html><head><title>Posted story</title></head><body><article><h1>Posted story</h1>
<p>Words of a real paragraph that says something about the council's budget. "We cannot pay for everything," the treasurer Maria Olsen said on Tuesday, adding that the plan would be published in May.</p>
<p>Words of a second paragraph with more detail on what the council will cut and what it will keep, so that the page has a body. <a href="/next">next</a></p>
<script>alert(1)</script></article></body></html>`

// TestAPI runs every endpoint, good and bad requests, on SQLite and (not
// with -short) on a throwaway PostgreSQL: the same answers from both.
func TestAPI(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testAPI(t, "") })
	t.Run("postgres", func(t *testing.T) {
		if testing.Short() {
			t.Skip("PostgreSQL run skipped with -short")
		}
		testAPI(t, pgtest.Start(t))
	})
}

func testAPI(t *testing.T, dsn string) {
	c := newCorpus(t, dsn)
	_, ts := newTestServer(t, c, Config{})
	wire := c.id("harbour-wire.html")
	sa, err := c.Article(context.Background(), wire)
	if err != nil {
		t.Fatal(err)
	}

	type check func(t *testing.T, h http.Header, body []byte)
	jsonError := func(want string) check {
		return func(t *testing.T, h http.Header, body []byte) {
			var e struct{ Error string }
			decodeJSON(t, body, &e)
			if !strings.Contains(e.Error, want) {
				t.Errorf("error %q does not say %q", e.Error, want)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want JSON", ct)
			}
		}
	}
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		check                           check
	}{
		{"health", "GET", "/healthz", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var h struct {
				Status   string
				Articles int
			}
			decodeJSON(t, body, &h)
			if h.Status != "ok" || h.Articles != len(fixtures) {
				t.Errorf("health %+v, want ok with %d articles", h, len(fixtures))
			}
		}},
		{"openapi", "GET", "/api/openapi.json", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var doc struct{ OpenAPI string }
			decodeJSON(t, body, &doc)
			if !strings.HasPrefix(doc.OpenAPI, "3.") {
				t.Errorf("openapi %q", doc.OpenAPI)
			}
		}},
		{"search phrase", "GET", "/api/search?q=%22harbour+bridge%22&limit=5", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var ans struct {
				Results []map[string]any
				Total   int
			}
			decodeJSON(t, body, &ans)
			if ans.Total != 2 || len(ans.Results) != 2 {
				t.Fatalf("total %d, %d results; want both harbour versions", ans.Total, len(ans.Results))
			}
			for _, f := range []string{"id", "url", "source", "title", "site_name", "published", "snippet", "score"} {
				if _, ok := ans.Results[0][f]; !ok {
					t.Errorf("result has no %q: %v", f, ans.Results[0])
				}
			}
		}},
		{"search site filter", "GET", "/api/search?q=bridge&site=The+Daily+Example", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var ans searchAnswer
			decodeJSON(t, body, &ans)
			if ans.Total != 1 || ans.Results[0].ID != c.id("harbour-rewrite.html") {
				t.Errorf("site filter: %+v", ans)
			}
		}},
		{"search no match", "GET", "/api/search?q=xylophonequartet", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			if !bytes.Contains(body, []byte(`"results":[]`)) || !bytes.Contains(body, []byte(`"total":0`)) {
				t.Errorf("empty search: %s", body)
			}
		}},
		{"search bad limit", "GET", "/api/search?q=bridge&limit=0", "", "", 400, jsonError("limit")},
		{"search bad offset", "GET", "/api/search?q=bridge&offset=-1", "", "", 400, jsonError("offset")},
		{"search bad date", "GET", "/api/search?q=bridge&since=yesterday", "", "", 400, jsonError("since")},
		{"search bad query", "GET", "/api/search?q=bridge+OR", "", "", 400, jsonError("OR")},
		{"article", "GET", fmt.Sprintf("/api/articles/%d", wire), "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var a struct {
				ID      int64
				StoryID int64 `json:"story_id"`
				Title   string
				Blocks  []article.Block
				Quotes  []article.Quote
				Images  []article.Image
			}
			decodeJSON(t, body, &a)
			if a.ID != wire || a.Title != sa.Article.Title || len(a.Blocks) == 0 || len(a.Quotes) == 0 || len(a.Images) != 1 {
				t.Errorf("article: id %d title %q, %d blocks, %d quotes, %d images", a.ID, a.Title, len(a.Blocks), len(a.Quotes), len(a.Images))
			}
			if a.StoryID == 0 {
				t.Errorf("article has no story id")
			}
		}},
		{"article not found", "GET", "/api/articles/999999", "", "", 404, jsonError("not found")},
		{"article bad id", "GET", "/api/articles/abc", "", "", 400, jsonError("id")},
		{"stories", "GET", "/api/stories", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var ans struct{ Stories []store.StoryJSON }
			decodeJSON(t, body, &ans)
			if len(ans.Stories) != 1 || len(ans.Stories[0].Articles) != 2 {
				t.Fatalf("want the harbour story of two versions, got %+v", ans.Stories)
			}
		}},
		{"stories all", "GET", "/api/stories?all=1", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var ans struct{ Stories []store.StoryJSON }
			decodeJSON(t, body, &ans)
			if len(ans.Stories) < 2 {
				t.Errorf("all: %d stories, want the single ones too", len(ans.Stories))
			}
		}},
		{"stories bad since", "GET", "/api/stories?since=soon", "", "", 400, jsonError("since")},
		{"story", "GET", fmt.Sprintf("/api/stories/%d", sa.StoryID), "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var cmp story.Comparison
			decodeJSON(t, body, &cmp)
			if cmp.ID != sa.StoryID || len(cmp.Versions) != 2 || cmp.Base == 0 {
				t.Fatalf("story: %s", body)
			}
			var changes int
			for _, v := range cmp.Versions {
				changes += len(v.Changes)
			}
			if changes == 0 {
				t.Errorf("the rewrite shows no change against the wire copy")
			}
		}},
		{"story not found", "GET", "/api/stories/424242", "", "", 404, jsonError("not found")},
		{"quotes by speaker", "GET", "/api/quotes?speaker=Elena+Marsh", "", "", 200, func(t *testing.T, _ http.Header, body []byte) {
			var ans struct{ Quotes []story.QuoteTrace }
			decodeJSON(t, body, &ans)
			if len(ans.Quotes) == 0 {
				t.Fatalf("no quotes of Elena Marsh: %s", body)
			}
			for _, q := range ans.Quotes {
				if !strings.Contains(q.Speaker, "Marsh") {
					t.Errorf("quote of %q", q.Speaker)
				}
			}
		}},
		{"quotes bad limit", "GET", "/api/quotes?limit=1000", "", "", 400, jsonError("limit")},
		{"extract html", "POST", "/api/extract", "text/html; charset=utf-8", postedPage, 200, func(t *testing.T, _ http.Header, body []byte) {
			var a article.Article
			decodeJSON(t, body, &a)
			if a.Title != "Posted story" || len(a.Blocks) == 0 || len(a.Quotes) != 0 {
				t.Errorf("extract: title %q, %d blocks, %d quotes (extract does not analyse)", a.Title, len(a.Blocks), len(a.Quotes))
			}
		}},
		{"extract with base url", "POST", "/api/extract?url=https%3A%2F%2Fnews.example.com%2Fa%2F", "text/html", postedPage, 200, func(t *testing.T, _ http.Header, body []byte) {
			if !bytes.Contains(body, []byte("https://news.example.com/next")) {
				t.Errorf("relative link not resolved against ?url=: %s", body)
			}
		}},
		{"extract text", "POST", "/api/extract", "text/plain", "Council cuts budget\n\nThe council voted on Tuesday to cut its budget by a tenth, closing two libraries and a swimming pool.\n\nThe treasurer said the cuts were the only way to balance the books this year.\n", 200, nil},
		{"analyze", "POST", "/api/analyze", "text/html", postedPage, 200, func(t *testing.T, _ http.Header, body []byte) {
			var a article.Article
			decodeJSON(t, body, &a)
			if len(a.Quotes) == 0 || len(a.Entities) == 0 {
				t.Errorf("analyze: %d quotes, %d entities", len(a.Quotes), len(a.Entities))
			}
		}},
		{"extract empty body", "POST", "/api/extract", "text/html", "", 400, jsonError("empty")},
		{"extract binary", "POST", "/api/extract", "text/html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", 400, jsonError("binary")},
		{"extract no content type", "POST", "/api/extract", "", postedPage, 415, jsonError("Content-Type")},
		{"extract wrong content type", "POST", "/api/extract", "image/png", "x", 415, jsonError("image/png")},
		{"extract bad json", "POST", "/api/extract", "application/json", `{"url": `, 400, jsonError("JSON")},
		{"extract json unknown field", "POST", "/api/extract", "application/json", `{"html": "<p>x</p>"}`, 400, jsonError("unknown field")},
		{"extract json no url", "POST", "/api/extract", "application/json", `{}`, 400, jsonError("url")},
		{"extract javascript url", "POST", "/api/extract", "application/json", `{"url": "javascript:alert(1)"}`, 400, jsonError("scheme")},
		{"extract file url", "POST", "/api/extract", "application/json", `{"url": "file:///etc/passwd"}`, 400, jsonError("scheme")},
		{"extract private address", "POST", "/api/extract", "application/json", `{"url": "http://127.0.0.1:1/"}`, 400, jsonError("private")},
		{"extract metadata address", "POST", "/api/extract", "application/json", `{"url": "http://169.254.169.254/latest/meta-data/"}`, 400, jsonError("private")},
		{"extract bad base url", "POST", "/api/extract?url=javascript%3Aalert(1)", "text/html", postedPage, 400, jsonError("base URL")},
		{"extract wrong method", "GET", "/api/extract", "", "", 405, jsonError("POST")},
		{"ingest disabled", "POST", "/api/ingest", "application/json", `{"sources": ["https://example.com/"]}`, 403, jsonError("--token")},
		{"unknown api", "GET", "/api/nothing", "", "", 404, jsonError("no such endpoint")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			status, h, b := do(t, tt.method, ts.URL+tt.path, tt.ctype, body)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, b)
			}
			if status >= 400 && !bytes.HasPrefix(b, []byte(`{"error":`)) {
				t.Errorf("error body is not {\"error\": ...}: %s", b)
			}
			if tt.check != nil {
				tt.check(t, h, b)
			}
		})
	}
}

func TestSecurityHeaders(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	for _, path := range []string{"/", "/api/search?q=bridge", fmt.Sprintf("/articles/%d", c.id("hostile.html")), "/static/style.css", "/nowhere"} {
		_, h, _ := do(t, "GET", ts.URL+path, "", nil)
		csp := h.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "default-src 'none'", "base-uri 'none'", "object-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows unsafe script: %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
}

// TestHostilePageNeverReachesTheReader guards the reader's one promise: a
// page's own HTML, attributes and script never reach it.
func TestHostilePageNeverReachesTheReader(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	status, _, body := do(t, "GET", fmt.Sprintf("%s/articles/%d", ts.URL, c.id("hostile.html")), "", nil)
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if !bytes.Contains(body, []byte("zqxhostilemark")) {
		t.Fatalf("the hostile page's text is not shown:\n%s", body)
	}
	low := bytes.ToLower(body)
	for _, bad := range []string{"__pwned", "onerror", "onload", "onclick", "javascript:", "vbscript:", "data:text", "<iframe", "<svg", "<base", "<style", "alert("} {
		if bytes.Contains(low, []byte(bad)) {
			t.Errorf("reader page holds %q", bad)
		}
	}
	scripts := regexp.MustCompile(`(?i)<script[^>]*>`).FindAll(body, -1)
	if len(scripts) != 1 || string(scripts[0]) != `<script src="/static/reader.js" defer>` {
		t.Errorf("scripts on the page: %q, want only lede's own", scripts)
	}
	// The API gives the stored article back as data; it is JSON, not a page,
	// and its links were filtered at extraction or are refused by the reader.
	_, h, _ := do(t, "GET", fmt.Sprintf("%s/api/articles/%d", ts.URL, c.id("hostile.html")), "", nil)
	if !strings.HasPrefix(h.Get("Content-Type"), "application/json") {
		t.Errorf("article API Content-Type %q", h.Get("Content-Type"))
	}
}

func TestPages(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	wire := c.id("harbour-wire.html")
	sa, err := c.Article(context.Background(), wire)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		status     int
		want       []string
	}{
		{"home", "/", 200, []string{"<form", `action="/search"`, `action="/read"`, fmt.Sprintf(`href="/stories/%d"`, sa.StoryID)}},
		{"search", "/search?q=bridge", 200, []string{"2 results", `<mark class="hit">`, fmt.Sprintf(`href="/articles/%d"`, wire), "Site", "Example Wire"}},
		{"search filtered", "/search?q=bridge&site=Example+Wire", 200, []string{"1 result ", "site: Example Wire", `href="/search?q=bridge"`}},
		{"search bad query", "/search?q=bridge+OR", 400, []string{`class="error"`}},
		{"search bad limit", "/search?q=x&limit=9999", 400, []string{"limit"}},
		{"article", fmt.Sprintf("/articles/%d", wire), 200, []string{
			"Harbour bridge to close for repairs", "Dana Whitfield", "Example Wire", `<time datetime="2024-02-12T09:30:00Z">`,
			`<mark class="q spk-`, `data-speaker="Elena Marsh`, "People", "Tomas Reyes",
			`<img src="https://wire.example.com/img/bridge.jpg"`, "Lee Ashworth",
			`href="https://wire.example.com/docs/closure-plan.pdf"`,
			fmt.Sprintf(`href="/stories/%d"`, sa.StoryID),
		}},
		{"article not found", "/articles/987654", 404, []string{"No article"}},
		{"article bad id", "/articles/0", 400, []string{"positive integer"}},
		{"story", fmt.Sprintf("/stories/%d", sa.StoryID), 200, []string{"2 versions from 2 outlets", "Example Wire", "The Daily Example", "<del>", "<ins>", "Quote trace", "Elena Marsh"}},
		{"story not found", "/stories/99999", 404, nil},
		{"story of one version", fmt.Sprintf("/stories/%d", mustStoryOf(t, c, "hostile.html")), 200, []string{"Only one version"}},
		{"read form", "/read", 200, []string{`<form class="readform" action="/read" method="post">`, `name="html"`, `name="url"`}},
		{"static css", "/static/style.css", 200, []string{".spk-0"}},
		{"static js", "/static/reader.js", 200, []string{"use strict"}},
		{"static dir", "/static/", 404, nil},
		{"no page", "/wp-admin", 404, []string{"no page"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := do(t, "GET", ts.URL+tt.path, "", nil)
			if status != tt.status {
				t.Fatalf("status %d, want %d:\n%.300s", status, tt.status, body)
			}
			for _, w := range tt.want {
				if !bytes.Contains(body, []byte(w)) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

func TestReadForm(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	form := func(kv ...string) string {
		v := make([]string, 0, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			v = append(v, kv[i]+"="+urlQueryEscape(kv[i+1]))
		}
		return strings.Join(v, "&")
	}
	tests := []struct {
		name, body string
		status     int
		want       string
	}{
		{"pasted html", form("html", postedPage), 200, `data-speaker="Maria Olsen`},
		{"pasted with base", form("html", postedPage, "url", "https://news.example.com/x"), 200, `href="https://news.example.com/next"`},
		{"nothing given", form("url", ""), 400, "give an address or paste a page"},
		{"private address", form("url", "http://127.0.0.1:9/"), 400, "private"},
		{"bad scheme", form("url", "ftp://example.com/"), 400, "scheme"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, body := do(t, "POST", ts.URL+"/read", "application/x-www-form-urlencoded", strings.NewReader(tt.body))
			if status != tt.status || !bytes.Contains(body, []byte(tt.want)) {
				t.Errorf("status %d (want %d), page has %q: %v", status, tt.status, tt.want, bytes.Contains(body, []byte(tt.want)))
			}
		})
	}
}

// sourceOptionsAllowPrivate lets a test's ingest fetch from 127.0.0.1
// without politeness delays.
func sourceOptionsAllowPrivate() source.Options {
	return source.Options{AllowPrivate: true, Delay: -1}
}

func bufioReader(r io.Reader) *bufio.Reader { return bufio.NewReader(r) }

func urlQueryEscape(s string) string {
	return strings.NewReplacer("%", "%25", "&", "%26", "+", "%2B", "=", "%3D", " ", "+", "#", "%23").Replace(s)
}

// TestExtractFetchesThroughTheGuard fetches a page from a local server: the
// guard refuses it by default and lets it through with AllowPrivate.
func TestExtractFetchesThroughTheGuard(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, postedPage)
	}))
	defer page.Close()
	c := newCorpus(t, "")
	body := fmt.Sprintf(`{"url": %q}`, page.URL+"/story")
	for _, tt := range []struct {
		allow  bool
		status int
	}{{false, 400}, {true, 200}} {
		_, ts := newTestServer(t, c, Config{AllowPrivate: tt.allow})
		status, _, b := do(t, "POST", ts.URL+"/api/analyze", "application/json", strings.NewReader(body))
		if status != tt.status {
			t.Errorf("allow private %v: status %d, want %d: %s", tt.allow, status, tt.status, b)
			continue
		}
		if tt.allow && !bytes.Contains(b, []byte(`"title":"Posted story"`)) {
			t.Errorf("fetched article: %s", b)
		}
	}
	// A page that is not there is the remote's failure: 502.
	_, ts := newTestServer(t, c, Config{AllowPrivate: true})
	status, _, b := do(t, "POST", ts.URL+"/api/extract", "application/json", strings.NewReader(fmt.Sprintf(`{"url": %q}`, page.URL+"/gone")))
	if status != 502 || !bytes.Contains(b, []byte("404")) {
		t.Errorf("a 404 upstream: %d %s, want 502 naming the 404", status, b)
	}
}

// TestOversizedBodyGets413 posts past the cap over a raw connection and
// stops sending as soon as the server answers, as a careful client does:
// it must read a 413, not a reset.
func TestOversizedBodyGets413(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{MaxBody: 1 << 20})
	for _, path := range []string{"/api/extract", "/api/analyze", "/read"} {
		status := bigPost(t, ts.Listener.Addr().String(), path, 4<<20)
		if status != 413 {
			t.Errorf("%s: status %d, want 413", path, status)
		}
	}
	// Just under the cap is read and extracted.
	under := postedPage + strings.Repeat(" ", (1<<20)-len(postedPage)-1)
	status, _, b := do(t, "POST", ts.URL+"/api/extract", "text/html", strings.NewReader(under))
	if status != 200 {
		t.Errorf("under the cap: %d %s", status, b)
	}
}

// bigPost sends n bytes to path and returns the status the server answered.
func bigPost(t *testing.T, addr, path string, n int) int {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	ctype := "text/html"
	if path == "/read" {
		ctype = "application/x-www-form-urlencoded"
	}
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", path, ctype, n)
	answered := make(chan []byte, 1)
	go func() {
		buf := make([]byte, 4096)
		conn.SetReadDeadline(time.Now().Add(20 * time.Second))
		k, _ := io.ReadAtLeast(conn, buf, 12)
		answered <- buf[:k]
	}()
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	var resp []byte
	for sent := 0; sent < n; sent += len(chunk) {
		select {
		case resp = <-answered:
		default:
		}
		if resp != nil {
			break
		}
		conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if _, err := conn.Write(chunk); err != nil {
			break
		}
	}
	if resp == nil {
		resp = <-answered
	}
	var status int
	if _, err := fmt.Sscanf(string(resp), "HTTP/1.1 %d", &status); err != nil {
		t.Errorf("%s: no status line in %q", path, resp)
	}
	return status
}

func TestIngestNeedsTheToken(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, strings.Replace(postedPage, "Posted story", "Ingested story", 2))
	}))
	defer page.Close()
	c := newCorpus(t, "")
	cfg := Config{Token: "s3cret", Ingest: func(ctx context.Context, sources []string) (any, error) {
		sum, err := ingest.Run(ctx, c, sources, ingest.Options{Workers: 1, Source: sourceOptionsAllowPrivate()})
		return map[string]int{"created": sum.Created, "failed": sum.Failed}, err
	}}
	_, ts := newTestServer(t, c, cfg)
	body := fmt.Sprintf(`{"sources": [%q]}`, page.URL+"/ingested")
	tests := []struct {
		name, ctype, body string
		header            []string
		status            int
	}{
		{"no token", "application/json", body, nil, 401},
		{"wrong token", "application/json", body, []string{"Authorization", "Bearer guess"}, 401},
		{"basic auth", "application/json", body, []string{"Authorization", "Basic czNjcmV0"}, 401},
		{"not json", "text/plain", body, []string{"Authorization", "Bearer s3cret"}, 415},
		{"no sources", "application/json", `{"sources": []}`, []string{"Authorization", "Bearer s3cret"}, 400},
		{"a local path", "application/json", `{"sources": ["/etc"]}`, []string{"Authorization", "Bearer s3cret"}, 400},
		{"ingest", "application/json", body, []string{"Authorization", "Bearer s3cret"}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, h, b := do(t, "POST", ts.URL+"/api/ingest", tt.ctype, strings.NewReader(tt.body), tt.header...)
			if status != tt.status {
				t.Fatalf("status %d, want %d: %s", status, tt.status, b)
			}
			if status == 401 && h.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
			if status == 200 && !bytes.Contains(b, []byte(`"created":1`)) {
				t.Errorf("ingest answer: %s", b)
			}
		})
	}
	status, _, b := do(t, "GET", ts.URL+"/api/search?q=%22Ingested+story%22", "", nil)
	if status != 200 || !bytes.Contains(b, []byte(`"total":1`)) {
		t.Errorf("the ingested page is not searchable: %d %s", status, b)
	}
}

func TestRateLimit(t *testing.T) {
	c := newCorpus(t, "")
	// One request per 5 s, in bursts of one: of six quick requests only the
	// first passes, however slow the machine.
	_, ts := newTestServer(t, c, Config{Rate: 0.2})
	var limited int
	for i := 0; i < 6; i++ {
		status, h, b := do(t, "GET", ts.URL+"/healthz", "", nil)
		if status == 429 {
			limited++
			if h.Get("Retry-After") == "" || !bytes.HasPrefix(b, []byte(`{"error":`)) {
				t.Errorf("429 answer: %v %s", h, b)
			}
		}
	}
	if limited < 4 {
		t.Errorf("%d of 6 quick requests limited at one per 5 s, want at least 4", limited)
	}
}

func TestRateLimiterForgetsIdleClients(t *testing.T) {
	l := newRateLimiter(1)
	now := time.Now()
	if !l.allow("a", now) || l.allow("a", now) {
		t.Fatal("a bucket of one allows one request")
	}
	l.allow("b", now.Add(2*idleAfter))
	l.sweep(now.Add(2 * idleAfter))
	if _, ok := l.clients["a"]; ok {
		t.Error("an idle client was kept")
	}
	if _, ok := l.clients["b"]; !ok {
		t.Error("an active client was dropped")
	}
}

// TestShutdownFinishesInFlightRequests starts a request, ends the server's
// context while the body is still being sent, and checks the request is
// answered in full and the server then stops.
func TestShutdownFinishesInFlightRequests(t *testing.T) {
	c := newCorpus(t, "")
	s, err := New(Config{Store: c})
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, l) }()

	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	half := len(postedPage) / 2
	fmt.Fprintf(conn, "POST /api/extract HTTP/1.1\r\nHost: x\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(postedPage), postedPage[:half])
	time.Sleep(100 * time.Millisecond) // the server is reading the body
	cancel()
	time.Sleep(100 * time.Millisecond) // shutdown has begun
	if _, err := io.WriteString(conn, postedPage[half:]); err != nil {
		t.Fatalf("the connection was closed mid-request: %v", err)
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufioReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to the in-flight request: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte("Posted story")) {
		t.Errorf("in-flight request: %d %s", resp.StatusCode, b)
	}
	select {
	case err := <-served:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop")
	}
	if _, err := net.DialTimeout("tcp", l.Addr().String(), time.Second); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

// TestOpenAPIListsEveryRoute keeps the OpenAPI document and the routes in
// step: every path it lists answers something other than 404, and every
// API route is listed.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]any
	}
	if err := json.Unmarshal(openAPI, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	for path, methods := range doc.Paths {
		p := strings.ReplaceAll(path, "{id}", fmt.Sprint(c.id("harbour-wire.html")))
		for m := range methods {
			status, _, b := do(t, strings.ToUpper(m), ts.URL+p, "application/json", strings.NewReader(`{}`))
			if status == 404 && !strings.Contains(p, "stories/") || status == 405 {
				t.Errorf("%s %s: %d %s", m, path, status, b)
			}
		}
	}
	routes := []string{"/healthz", "/api/openapi.json", "/api/search", "/api/articles/{id}", "/api/stories", "/api/stories/{id}",
		"/api/quotes", "/api/extract", "/api/analyze", "/api/ingest"}
	for _, r := range routes {
		if _, ok := doc.Paths[r]; !ok {
			t.Errorf("the OpenAPI document does not list %s", r)
		}
	}
	if len(doc.Paths) != len(routes) {
		t.Errorf("the document lists %d paths, the server has %d API routes", len(doc.Paths), len(routes))
	}
	// Every reference points at something the document defines.
	var whole map[string]any
	if err := json.Unmarshal(openAPI, &whole); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if ref, ok := x.(string); ok && k == "$ref" {
					var at any = whole
					for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
						m, _ := at.(map[string]any)
						at = m[part]
					}
					if at == nil {
						t.Errorf("dangling $ref %s", ref)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(whole)
}

// TestStoreFailureIs500 closes the store under a running server: the API
// answers 500 with a JSON error that does not leak the cause, /healthz
// answers 503, and the pages show an error page.
func TestStoreFailureIs500(t *testing.T) {
	c := newCorpus(t, "")
	_, ts := newTestServer(t, c, Config{})
	c.Close()
	for _, tt := range []struct {
		path   string
		status int
	}{
		{"/api/search?q=bridge", 500},
		{fmt.Sprintf("/api/articles/%d", c.id("harbour-wire.html")), 500},
		{"/api/stories", 500},
		{"/healthz", 503},
	} {
		status, _, b := do(t, "GET", ts.URL+tt.path, "", nil)
		if status != tt.status || !bytes.HasPrefix(b, []byte(`{"error":`)) {
			t.Errorf("%s: %d %s, want %d with a JSON error", tt.path, status, b, tt.status)
		}
		if bytes.Contains(b, []byte("sql")) {
			t.Errorf("%s: the answer shows the store's error: %s", tt.path, b)
		}
	}
	status, _, b := do(t, "GET", fmt.Sprintf("%s/articles/%d", ts.URL, c.id("harbour-wire.html")), "", nil)
	if status != 500 || !bytes.Contains(b, []byte("could not answer")) {
		t.Errorf("reader page on a closed store: %d", status)
	}
}

// TestCrowdOfSearchesDoesNotExhaustThePool guards against a crowd of
// searches taking every PostgreSQL connection: a search may hold one
// connection while it asks for a second, so 64 at once used to wait on
// each other for ever. The server lets maxStoreRequests at a time at the
// store; every search must be answered.
func TestCrowdOfSearchesDoesNotExhaustThePool(t *testing.T) {
	if testing.Short() {
		t.Skip("needs a throwaway PostgreSQL: skipped with -short")
	}
	c := newCorpus(t, pgtest.Start(t))
	_, ts := newTestServer(t, c, Config{})
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 64, MaxIdleConnsPerHost: 64}}
	var wg sync.WaitGroup
	errs := make(chan string, 64*3)
	for i := 0; i < 64; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, q := range []string{"bridge", "%22harbour+bridge%22", "mayor+OR+council"} {
				resp, err := client.Get(ts.URL + "/api/search?q=" + q)
				if err != nil {
					errs <- err.Error()
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					errs <- resp.Status
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	var failed []string
	for e := range errs {
		failed = append(failed, e)
	}
	if len(failed) > 0 {
		t.Errorf("%d of %d searches failed, first: %s", len(failed), 64*3, failed[0])
	}
}

// mustStoryOf is the story id of a fixture.
func mustStoryOf(t *testing.T, c *testCorpus, name string) int64 {
	t.Helper()
	sa, err := c.Article(context.Background(), c.id(name))
	if err != nil || sa.StoryID == 0 {
		t.Fatalf("%s is in no story: %v", name, err)
	}
	return sa.StoryID
}
