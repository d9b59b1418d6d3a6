package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"lede/article"
	"lede/internal/pgtest"
)

// cluster starts the test binary's one PostgreSQL cluster the first time
// a test asks (fuzzing and -run of SQLite-only tests never start one); each
// test gets its own database in it. TestMain stops it.
var cluster = sync.OnceValue(func() *pgtest.Cluster {
	c, err := pgtest.StartCluster()
	if err != nil {
		fmt.Fprintf(os.Stderr, "store tests: PostgreSQL tests will skip: %v\n", err)
	}
	return c
})

var clusterUsed atomic.Bool

// pgDSN gives the test a new PostgreSQL database, or skips it.
func pgDSN(t testing.TB) string {
	clusterUsed.Store(true)
	return cluster().NewDB(t)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if clusterUsed.Load() {
		cluster().Stop()
	}
	os.Exit(code)
}

// engines runs fn once per engine, each on a new empty store.
func engines(t *testing.T, fn func(t *testing.T, s Store)) {
	t.Run("sqlite", func(t *testing.T) {
		s := openTest(t, filepath.Join(t.TempDir(), "lede.db"))
		fn(t, s)
	})
	t.Run("postgres", func(t *testing.T) {
		s := openTest(t, pgDSN(t))
		fn(t, s)
	})
}

func openTest(t testing.TB, dsn string) Store {
	t.Helper()
	s, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testArticle is a small analysed article.
func testArticle(title, body string) *article.Article {
	a := &article.Article{Title: title, SiteName: "Example News", Language: "en-GB", Published: "2023-09-20T10:00:00Z",
		Authors: []string{"Jane Roe"}}
	for _, p := range strings.Split(body, "\n") {
		a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: p})
	}
	return a
}

func rec(key, title, body string) Record {
	return Record{Key: key, URL: "https://www.example.com/" + key, Source: "pages/" + key + ".html", Input: "pages",
		FetchedAt: time.Date(2023, 9, 21, 0, 0, 0, 0, time.UTC), ContentType: "text/html",
		Raw: []byte("<html>" + title + body + "</html>"), Article: testArticle(title, body)}
}

func mustPut(t *testing.T, s Store, r Record) PutResult {
	t.Helper()
	res, err := s.Put(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPutStoresOnceAndKeepsVersions(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		r := rec("a", "Aliyev warns", "Azerbaijan will use an iron fist, the president said.")
		first := mustPut(t, s, r)
		if !first.Created || first.ID == 0 {
			t.Fatalf("first put: %+v", first)
		}
		again := mustPut(t, s, r)
		if !again.Unchanged || again.ID != first.ID {
			t.Fatalf("same page again: %+v", again)
		}
		// Same text, different raw bytes (an ad changed): unchanged too.
		r2 := r
		r2.Raw = append([]byte("<!-- ad -->"), r.Raw...)
		if res := mustPut(t, s, r2); !res.Unchanged {
			t.Fatalf("same text, other bytes: %+v", res)
		}
		r3 := rec("a", "Aliyev warns", "Azerbaijan will use an iron fist, the president said on Wednesday.")
		upd := mustPut(t, s, r3)
		if !upd.Updated || upd.ID != first.ID {
			t.Fatalf("changed text: %+v", upd)
		}
		st, err := s.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 1 || st.Versions != 1 || st.Sources != 1 {
			t.Fatalf("status %+v", st)
		}
		vs, err := s.Versions(ctx, first.ID)
		if err != nil || len(vs) != 1 || !strings.HasSuffix(vs[0].Article.Blocks[0].Text, "president said.") {
			t.Fatalf("versions %+v %v", vs, err)
		}
		sa, err := s.Article(ctx, first.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sa.Versions != 1 || !strings.HasSuffix(sa.Article.Blocks[0].Text, "Wednesday.") || sa.URL != r.URL || sa.Source != r.Source {
			t.Fatalf("stored %+v", sa)
		}
		if want := time.Date(2023, 9, 20, 10, 0, 0, 0, time.UTC); !sa.Published.Equal(want) {
			t.Fatalf("published %v", sa.Published)
		}
		raw, err := s.Raw(ctx, first.ID)
		if err != nil || string(raw) != string(r3.Raw) {
			t.Fatalf("raw %q %v", raw, err)
		}
		if id, ok, err := s.HasPage(ctx, r3.Raw); err != nil || !ok || id != first.ID {
			t.Fatalf("HasPage = %d %v %v", id, ok, err)
		}
		if _, ok, _ := s.HasPage(ctx, []byte("never stored")); ok {
			t.Fatal("HasPage found a page never stored")
		}
	})
}

// TestPutKeepsPagesWithoutBody guards that nothing fetched is lost: a page
// whose extraction found no body is stored and counted.
func TestPutKeepsPagesWithoutBody(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		r := Record{Source: "x.html", Input: "x.html", Raw: []byte("<html><body></body></html>"),
			Article: &article.Article{Warnings: []string{"no body found"}}}
		res := mustPut(t, s, r)
		if !res.Created {
			t.Fatalf("%+v", res)
		}
		// No URL: keyed by content hash, so another bodiless page is another article.
		r2 := r
		r2.Raw = []byte("<html><body><nav>menu</nav></body></html>")
		if res := mustPut(t, s, r2); !res.Created {
			t.Fatalf("%+v", res)
		}
		sa, err := s.Article(ctx, res.ID)
		if err != nil || len(sa.Article.Warnings) != 1 || !strings.HasPrefix(sa.Key, "sha256:") {
			t.Fatalf("%+v %v", sa, err)
		}
		if st, _ := s.Status(ctx); st.Articles != 2 {
			t.Fatalf("articles = %d", st.Articles)
		}
	})
}

func TestArticleNotFound(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		if _, err := s.Article(context.Background(), 42); !errors.Is(err, ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
	})
}

// searchCorpus is four small articles the search tests share.
func searchCorpus(t *testing.T, s Store) map[string]int64 {
	ids := map[string]int64{}
	for _, c := range []struct{ key, title, body, site, lang, published, author string }{
		{"fist", "Aliyev vows iron fist", "President Ilham Aliyev said Azerbaijan would show an iron fist to separatists.", "Reuters", "en", "2023-09-20", "Nailia Bagirova"},
		{"steel", "Steel prices rise", "The iron and steel industry reported higher prices; the fist of the market.", "FT", "en-US", "2023-09-10", "Jane Roe"},
		{"amnesty", "Amnesty offered", "Hikmet Hajiyev said former combatants could be amnestied.", "TRT World", "en", "2023-09-25", ""},
		{"fr", "Le poing de fer", "Le président a parlé d'une main de fer et de sanctions.", "Le Monde", "fr", "2023-09-21", ""},
	} {
		r := rec(c.key, c.title, c.body)
		r.Article.SiteName, r.Article.Language, r.Article.Published = c.site, c.lang, c.published
		r.Article.Authors = nil
		if c.author != "" {
			r.Article.Authors = []string{c.author}
		}
		if c.key == "amnesty" {
			r.Article.Entities = []article.Entity{{ID: 1, Name: "Hikmet Hajiyev", Type: article.Person}}
			r.Article.Quotes = []article.Quote{{Kind: article.Indirect, Text: "former combatants could be amnestied",
				Speaker: &article.Speaker{Name: "Hikmet Hajiyev", Entity: 1}}}
			r.Article.Events = []article.Event{{Type: "CONSULT", Source: &article.Actor{Mention: "Hajiyev", Name: "Hikmet Hajiyev", Entity: 1},
				Target: &article.Actor{Mention: "reporters", Entity: -1}}}
		}
		ids[c.key] = mustPut(t, s, r).ID
	}
	return ids
}

func TestSearchSyntaxAndFilters(t *testing.T) {
	day := func(s string) time.Time { d, _ := ParseTime(s); return d }
	cases := []struct {
		name string
		q    Query
		want []string // keys in rank order, or sorted when order does not matter (sorted is set)
		any  bool     // order does not matter
	}{
		{"word", Query{Text: "aliyev"}, []string{"fist"}, false},
		{"two words AND", Query{Text: "iron fist"}, []string{"fist", "steel"}, true},
		{"phrase", Query{Text: `"iron fist"`}, []string{"fist"}, false},
		{"phrase with curly quotes", Query{Text: `“iron fist”`}, []string{"fist"}, false},
		{"title outranks body", Query{Text: "steel"}, []string{"steel"}, false},
		{"OR", Query{Text: "amnestied OR sanctions"}, []string{"amnesty", "fr"}, true},
		{"NOT", Query{Text: "iron NOT steel"}, []string{"fist"}, false},
		{"minus", Query{Text: "iron -steel"}, []string{"fist"}, false},
		{"prefix", Query{Text: "amnest*"}, []string{"amnesty"}, false},
		{"groups", Query{Text: "(steel OR combatants) AND NOT prices"}, []string{"amnesty"}, false},
		{"case and hyphen", Query{Text: "SEPARATISTS"}, []string{"fist"}, false},
		{"accents kept", Query{Text: "président"}, []string{"fr"}, false},
		{"apostrophe splits like the index", Query{Text: "d'une"}, []string{"fr"}, false},
		{"site by name", Query{Text: "iron", Site: "reuters"}, []string{"fist"}, false},
		{"site by host", Query{Text: "iron", Site: "www.example.com"}, []string{"fist", "steel"}, true},
		{"lang prefix", Query{Text: "iron", Lang: "en"}, []string{"fist", "steel"}, true},
		{"lang exact", Query{Text: "iron", Lang: "en-us"}, []string{"steel"}, false},
		{"since", Query{Text: "iron", Since: day("2023-09-15")}, []string{"fist"}, false},
		{"until", Query{Text: "iron", Until: day("2023-09-15")}, []string{"steel"}, false},
		{"author", Query{Text: "iron", Author: "jane roe"}, []string{"steel"}, false},
		{"entity", Query{Entity: "HIKMET HAJIYEV"}, []string{"amnesty"}, false},
		{"speaker", Query{Speaker: "Hikmet Hajiyev"}, []string{"amnesty"}, false},
		{"event and actor", Query{Event: "consult", Actor: "hikmet hajiyev"}, []string{"amnesty"}, false},
		{"actor by mention", Query{Actor: "reporters"}, []string{"amnesty"}, false},
		{"filters only, newest first", Query{Lang: "en"}, []string{"amnesty", "fist", "steel"}, false},
		{"no match", Query{Text: "zebra"}, nil, false},
	}
	engines(t, func(t *testing.T, s Store) {
		ids := searchCorpus(t, s)
		names := map[int64]string{}
		for k, id := range ids {
			names[id] = k
		}
		for _, c := range cases {
			hits, total, err := s.Search(context.Background(), c.q)
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			var got []string
			for _, h := range hits {
				got = append(got, names[h.ID])
			}
			if c.any {
				sortStrings(got)
			}
			if !reflect.DeepEqual(got, c.want) || total != len(c.want) {
				t.Errorf("%s: got %v (total %d), want %v", c.name, got, total, c.want)
			}
		}
	})
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestSearchSnippetHighlightsTheMatch(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ids := searchCorpus(t, s)
		hits, _, err := s.Search(context.Background(), Query{Text: `"iron fist"`})
		if err != nil || len(hits) != 1 {
			t.Fatalf("%v %v", hits, err)
		}
		h := hits[0]
		if h.ID != ids["fist"] || h.Title != "Aliyev vows iron fist" || h.SiteName != "Reuters" || h.Source != "pages/fist.html" || h.Score <= 0 {
			t.Fatalf("hit %+v", h)
		}
		var marked []string
		for _, r := range h.Highlights {
			marked = append(marked, h.Snippet[r.Start:r.End])
		}
		if !strings.Contains(h.Snippet, "show an iron fist to separatists") || !reflect.DeepEqual(marked, []string{"iron", "fist"}) {
			t.Fatalf("snippet %q marks %v", h.Snippet, marked)
		}
	})
}

func TestSearchPaging(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		for i := 0; i < 7; i++ {
			mustPut(t, s, rec(fmt.Sprint("k", i), "Page", "common words here"))
		}
		seen := map[int64]bool{}
		for off := 0; off < 7; off += 3 {
			hits, total, err := s.Search(context.Background(), Query{Text: "common", Limit: 3, Offset: off})
			if err != nil || total != 7 {
				t.Fatalf("offset %d: total %d %v", off, total, err)
			}
			for _, h := range hits {
				if seen[h.ID] {
					t.Fatalf("id %d on two pages", h.ID)
				}
				seen[h.ID] = true
			}
		}
		if len(seen) != 7 {
			t.Fatalf("saw %d", len(seen))
		}
		hits, total, err := s.Search(context.Background(), Query{Text: "common", Limit: 3, Offset: 30})
		if err != nil || len(hits) != 0 || total != 7 {
			t.Fatalf("past the end: %d hits, total %d, %v", len(hits), total, err)
		}
	})
}

// badQueries are queries the parser must refuse with ErrQuery (never an
// SQL error, never a panic).
var badQueries = []string{"NOT iron", "-iron", "iron OR", "AND iron", "(iron", "iron)", "iron OR NOT steel", "&&&", `""`,
	strings.Repeat("(", 100) + "a", strings.Repeat("a ", maxQueryTerms+1)}

func TestBadQueriesAreClearErrors(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		for _, q := range badQueries {
			if _, _, err := s.Search(context.Background(), Query{Text: q}); !errors.Is(err, ErrQuery) {
				t.Errorf("%q: err = %v, want a bad query", q, err)
			}
			if _, _, err := s.SearchQuotes(context.Background(), QuoteQuery{Text: q}); !errors.Is(err, ErrQuery) {
				t.Errorf("quotes %q: err = %v, want a bad query", q, err)
			}
		}
	})
}

// hostileQueries must each give a result or ErrQuery on both engines: the
// engines' own syntax (FTS5 column filters, NEAR, ^, tsquery operators
// and quoting) must never get through.
var hostileQueries = []string{`title:iron`, `NEAR(iron fist)`, `^iron`, `iron & fist`, `iron | fist`, `!iron fist`, `'iron'`,
	`iron:*`, `"iron fist`, `iron" OR "`, `it's`, `\' OR 1=1 --`, `iron <-> fist`, `{iron}`, `iron*fist`, `**`, `a-`, `-`, `--iron fist`,
	"iron\x00fist", "ιρον φιστ", "铁拳", `NOT NOT iron`, `(iron) (fist)`, `iron AND AND fist`, `a OR (b NOT c)`, `"" iron`, `*iron`}

func TestHostileQueriesNeverReachTheEngine(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		searchCorpus(t, s)
		for _, q := range hostileQueries {
			if _, _, err := s.Search(context.Background(), Query{Text: q}); err != nil && !errors.Is(err, ErrQuery) {
				t.Errorf("%q: %v", q, err)
			}
			if _, _, err := s.SearchQuotes(context.Background(), QuoteQuery{Text: q}); err != nil && !errors.Is(err, ErrQuery) {
				t.Errorf("quotes %q: %v", q, err)
			}
		}
	})
}

// FuzzSearchQuery: any text is a valid query for the engine or a clear
// ErrQuery, never an SQL error or a panic. It runs on SQLite (PostgreSQL
// gets the same compiled trees through TestHostileQueriesNeverReachTheEngine).
func FuzzSearchQuery(f *testing.F) {
	for _, q := range append(append([]string{"iron fist", `"iron fist"`, "a OR b", "a NOT b", "pre*", "(a OR b) c"}, badQueries...), hostileQueries...) {
		f.Add(q)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Put(context.Background(), rec("a", "Iron fist", "An iron fist and steel.")); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, _, err := s.Search(context.Background(), Query{Text: q})
		if err != nil && !errors.Is(err, ErrQuery) {
			t.Fatalf("%q: %v", q, err)
		}
		node, perr := parseQuery(q)
		if perr == nil {
			if ts := tsQuery(node); strings.Count(ts, "(") != strings.Count(ts, ")") {
				t.Fatalf("%q: unbalanced tsquery %s", q, ts)
			}
		}
	})
}

func TestQuotes(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		ids := searchCorpus(t, s)
		hits, total, err := s.SearchQuotes(ctx, QuoteQuery{Text: "combatants"})
		if err != nil || total != 1 || hits[0].Speaker != "Hikmet Hajiyev" || hits[0].ArticleID != ids["amnesty"] || hits[0].URL == "" {
			t.Fatalf("%+v %d %v", hits, total, err)
		}
		hits, _, err = s.SearchQuotes(ctx, QuoteQuery{Speaker: "hikmet hajiyev"})
		if err != nil || len(hits) != 1 {
			t.Fatalf("by speaker: %+v %v", hits, err)
		}
		// A second article carries the quote; keys group them.
		r := rec("copy", "Amnesty", "Hajiyev: former combatants could be amnestied.")
		r.Article.SiteName = "AzerNews"
		r.Article.Published = "2023-09-26"
		r.Article.Quotes = []article.Quote{{Kind: article.Direct, Text: "former combatants could be amnestied!", Speaker: &article.Speaker{Name: "Hikmet Hajiyev"}}}
		copyID := mustPut(t, s, r).ID
		for _, id := range []int64{ids["amnesty"], copyID} {
			if err := s.SetQuoteKeys(ctx, id, []uint64{1<<63 + 5}); err != nil {
				t.Fatal(err)
			}
		}
		groups, err := s.QuoteGroups(ctx, QuoteQuery{Speaker: "Hikmet Hajiyev"})
		if err != nil || len(groups) != 1 {
			t.Fatalf("%+v %v", groups, err)
		}
		g := groups[0]
		if g.Key != 1<<63+5 || g.Outlets != 2 || len(g.Quotes) != 2 || g.Quotes[0].ArticleID != ids["amnesty"] {
			t.Fatalf("group %+v", g)
		}
	})
}

func TestErrorsAndStatus(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		for i := 0; i < 2; i++ { // a rerun replaces, does not add
			if err := s.RecordError(ctx, SourceError{Input: "feed.xml", Source: "https://x.example/1", URL: "https://x.example/1", Reason: "404 Not Found"}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.RecordError(ctx, SourceError{Input: "bad.warc.gz", Reason: "bad gzip"}); err != nil {
			t.Fatal(err)
		}
		st, err := s.Status(ctx)
		if err != nil || st.Errors != 2 || st.Sources != 2 || st.Articles != 0 || st.SizeBytes <= 0 {
			t.Fatalf("%+v %v", st, err)
		}
		// The page fetched later: its error is gone.
		r := rec("1", "One", "text")
		r.URL, r.Source, r.Input = "https://x.example/1", "https://x.example/1", "feed.xml"
		mustPut(t, s, r)
		st, _ = s.Status(ctx)
		if st.Errors != 1 || st.Articles != 1 || len(st.PerSource) != 2 || st.PerSource[0].Input != "bad.warc.gz" || st.PerSource[0].LastErrors[0].Reason != "bad gzip" {
			t.Fatalf("%+v", st)
		}
	})
}

func TestEachAndReplace(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		for i := 0; i < 150; i++ { // more than one batch
			mustPut(t, s, rec(fmt.Sprint("e", i), "Title", fmt.Sprint("body number ", i)))
		}
		n := 0
		var last int64
		err := s.Each(ctx, 0, true, func(sa StoredArticle) error {
			n++
			if sa.ID <= last || len(sa.Raw) == 0 || sa.Article == nil {
				return fmt.Errorf("article %+v", sa)
			}
			last = sa.ID
			// Writing inside the walk: reindex does.
			a := *sa.Article
			a.Title = "Reindexed"
			return s.ReplaceArticle(ctx, sa.ID, &a)
		})
		if err != nil || n != 150 {
			t.Fatalf("%d %v", n, err)
		}
		hits, total, err := s.Search(ctx, Query{Text: "reindexed"})
		if err != nil || total != 150 || len(hits) != 10 {
			t.Fatalf("%d %v", total, err)
		}
		if st, _ := s.Status(ctx); st.Versions != 0 || st.Articles != 150 {
			t.Fatalf("%+v", st)
		}
		if err := s.ReplaceArticle(ctx, 99999, &article.Article{}); !errors.Is(err, ErrNotFound) {
			t.Fatalf("%v", err)
		}
	})
}

func TestQueueClaimsEachURLOnce(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		var items []QueueItem
		for i := 0; i < 60; i++ {
			items = append(items, QueueItem{URL: fmt.Sprintf("https://x.example/%d", i), Input: "feed", Hint: "page"})
		}
		if n, err := s.Enqueue(ctx, items); err != nil || n != 60 {
			t.Fatalf("%d %v", n, err)
		}
		if n, _ := s.Enqueue(ctx, items[:10]); n != 0 {
			t.Fatalf("re-enqueue added %d", n)
		}
		var mu sync.Mutex
		got := map[string]int{}
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for {
					claimed, err := s.Claim(ctx, fmt.Sprint("w", w), 5, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if len(claimed) == 0 {
						return
					}
					for _, it := range claimed {
						mu.Lock()
						got[it.URL]++
						mu.Unlock()
						if err := s.Done(ctx, it.ID); err != nil {
							t.Error(err)
						}
					}
				}
			}(w)
		}
		wg.Wait()
		if len(got) != 60 {
			t.Fatalf("claimed %d urls", len(got))
		}
		for u, n := range got {
			if n != 1 {
				t.Fatalf("%s claimed %d times", u, n)
			}
		}
		if n, _ := s.Pending(ctx); n != 0 {
			t.Fatalf("pending %d", n)
		}
	})
}

// TestQueueReleasesExpiredLeases guards a crashed worker's claims: once
// their lease runs out another worker gets them.
func TestQueueReleasesExpiredLeases(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		s.Enqueue(ctx, []QueueItem{{URL: "https://x.example/a"}, {URL: "https://x.example/b"}})
		c1, err := s.Claim(ctx, "crashed", 2, 50*time.Millisecond)
		if err != nil || len(c1) != 2 {
			t.Fatalf("%v %v", c1, err)
		}
		if c, _ := s.Claim(ctx, "other", 2, time.Minute); len(c) != 0 {
			t.Fatalf("claimed leased items: %v", c)
		}
		time.Sleep(120 * time.Millisecond)
		c2, err := s.Claim(ctx, "other", 2, time.Minute)
		if err != nil || len(c2) != 2 || c2[0].Attempts != 2 {
			t.Fatalf("%+v %v", c2, err)
		}
		if err := s.Fail(ctx, c2[1].ID, "404"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestValidators(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		u := "https://x.example/feed"
		if e, l, err := s.Validators(ctx, u); err != nil || e != "" || l != "" {
			t.Fatalf("%q %q %v", e, l, err)
		}
		s.SetValidators(ctx, u, `"v1"`, "Wed, 20 Sep 2023 10:00:00 GMT")
		s.SetValidators(ctx, u, `"v2"`, "Thu, 21 Sep 2023 10:00:00 GMT")
		if e, l, _ := s.Validators(ctx, u); e != `"v2"` || l != "Thu, 21 Sep 2023 10:00:00 GMT" {
			t.Fatalf("%q %q", e, l)
		}
	})
}

func TestStories(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		ids := searchCorpus(t, s)
		day := func(d string) time.Time { x, _ := ParseTime(d); return x }
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(s.PutStoryFeatures(ctx, ids["fist"], day("2023-09-20"), []uint64{1, 2, 3, 1 << 63}, []byte("f1")))
		must(s.PutStoryFeatures(ctx, ids["amnesty"], day("2023-09-25"), []uint64{2, 3, 1 << 63}, []byte("f2")))
		must(s.PutStoryFeatures(ctx, ids["steel"], day("2023-09-10"), []uint64{3}, []byte("f3")))
		must(s.PutStoryFeatures(ctx, ids["fr"], time.Time{}, []uint64{1}, nil))
		sid, err := s.SetStory(ctx, ids["fist"], 0)
		must(err)
		c, err := s.StoryCandidates(ctx, ids["amnesty"], []uint64{1, 2, 3, 1 << 63}, day("2023-09-15"), day("2023-09-30"), 10)
		must(err)
		// steel is outside the window; fr has no date, so it matches any window.
		if len(c) != 2 || c[0].ArticleID != ids["fist"] || c[0].Shared != 4 || c[0].StoryID != sid || string(c[0].Features) != "f1" || c[1].ArticleID != ids["fr"] {
			t.Fatalf("candidates %+v", c)
		}
		if c, _ := s.StoryCandidates(ctx, ids["amnesty"], []uint64{3}, time.Time{}, time.Time{}, 1); len(c) != 1 {
			t.Fatalf("limit: %+v", c)
		}
		_, err = s.SetStory(ctx, ids["amnesty"], sid)
		must(err)
		other, err := s.SetStory(ctx, ids["fr"], 0)
		must(err)
		must(s.MergeStories(ctx, sid, other))
		st, err := s.Story(ctx, sid)
		must(err)
		if len(st.Articles) != 3 || st.Articles[0].ID != ids["fist"] || st.Title != "Aliyev vows iron fist" || st.Articles[1].SiteName != "Le Monde" {
			t.Fatalf("story %+v", st)
		}
		list, err := s.Stories(ctx, StoryQuery{})
		must(err)
		if len(list) != 1 || list[0].ID != sid {
			t.Fatalf("stories %+v", list)
		}
		if l, _ := s.Stories(ctx, StoryQuery{Since: day("2023-10-01")}); len(l) != 0 {
			t.Fatalf("since: %+v", l)
		}
		arts, err := s.StoryArticles(ctx, sid)
		must(err)
		if len(arts) != 3 || arts[0].Article.Title != "Aliyev vows iron fist" {
			t.Fatalf("%+v", arts)
		}
		must(s.AddTermCounts(ctx, []uint64{7, 8, 7, 1 << 63}, 1))
		must(s.AddTermCounts(ctx, []uint64{8}, 1))
		counts, n, err := s.TermCounts(ctx, []uint64{8, 7, 9, 1 << 63})
		must(err)
		if !reflect.DeepEqual(counts, []int{2, 1, 0, 1}) || n != 2 {
			t.Fatalf("term counts %v over %d", counts, n)
		}
		must(s.ClearStories(ctx))
		if counts, n, _ := s.TermCounts(ctx, []uint64{8}); counts[0] != 0 || n != 0 {
			t.Fatalf("after clear: %v %d", counts, n)
		}
		if l, _ := s.Stories(ctx, StoryQuery{All: true}); len(l) != 0 {
			t.Fatalf("after clear: %+v", l)
		}
		if c, _ := s.StoryCandidates(ctx, ids["amnesty"], []uint64{1, 2, 3}, time.Time{}, time.Time{}, 10); len(c) != 0 {
			t.Fatalf("after clear: %+v", c)
		}
	})
}

// TestConcurrentOpensMigrateOnce guards several processes opening a new
// store at once: every Open succeeds and the schema is applied once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	for _, eng := range []string{"sqlite", "postgres"} {
		t.Run(eng, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "new.db")
			if eng == "postgres" {
				dsn = pgDSN(t)
			}
			var wg sync.WaitGroup
			errs := make([]error, 6)
			for i := range errs {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					s, err := Open(context.Background(), dsn)
					if err == nil {
						_, err = s.Put(context.Background(), rec(fmt.Sprint("c", i), "T", "b"))
						s.Close()
					}
					errs[i] = err
				}(i)
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Fatal(err)
				}
			}
			s := openTest(t, dsn)
			if st, _ := s.Status(context.Background()); st.Articles != 6 {
				t.Fatalf("%+v", st)
			}
		})
	}
}

// TestConcurrentPutsOfOneKey guards workers racing to store the same
// page: one article, no error.
func TestConcurrentPutsOfOneKey(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		var wg sync.WaitGroup
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.Put(context.Background(), rec("same", "T", "b")); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if st, _ := s.Status(context.Background()); st.Articles != 1 || st.Versions != 0 {
			t.Fatalf("%+v", st)
		}
	})
}

// TestBroadQueryIsRankedInItsNewestWindow guards the bound on ranking
// work: a query matching more articles than the window ranks only the
// newest window of them, after filters, and still reports the full total.
func TestBroadQueryIsRankedInItsNewestWindow(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		s.(*sqlStore).rankWindow = 5
		var ids []int64
		for i := 0; i < 12; i++ {
			r := rec(fmt.Sprint("w", i), "Report", "broad word")
			if i == 0 {
				// The best match is the oldest: outside the window.
				r.Article.Title = "broad broad broad"
			}
			if i%2 == 1 {
				r.Article.SiteName = "Odd"
			}
			ids = append(ids, mustPut(t, s, r).ID)
		}
		hits, total, err := s.Search(context.Background(), Query{Text: "broad", Limit: 20})
		if err != nil || total != 12 || len(hits) != 5 {
			t.Fatalf("%d hits, total %d, %v", len(hits), total, err)
		}
		for _, h := range hits {
			if h.ID < ids[7] {
				t.Errorf("hit %d is older than the newest five", h.ID)
			}
		}
		// With a filter the window is the newest five that pass it.
		hits, total, _ = s.Search(context.Background(), Query{Text: "broad", Site: "odd", Limit: 20})
		if total != 6 || len(hits) != 5 || hits[len(hits)-1].ID < ids[3] {
			t.Fatalf("filtered: %d hits, total %d", len(hits), total)
		}
		// Within the window the ranking holds: a narrow query finds the oldest.
		hits, _, _ = s.Search(context.Background(), Query{Text: `"broad broad"`})
		if len(hits) != 1 || hits[0].ID != ids[0] {
			t.Fatalf("narrow: %+v", hits)
		}
	})
}

// TestPhrasesOfAnyScriptOnBothEngines guards parity of the two indexes: a
// phrase of Arabic presentation forms (an AEB page has one) was dropped by
// PostgreSQL's own parser, so the store writes tsvectors itself.
func TestPhrasesOfAnyScriptOnBothEngines(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		// The AEB page writes the Arabic with harakat (combining marks)
		// between the letters; the gold text's words, as Python's \w cuts
		// them, are the bare letters.
		r := rec("ar", "Lagu", "Judul ﺎًﻣْﻮَﻳ\nﺎَﻣ “Cintailah aku. 北京 欢迎你. Ёлка и ёж; naïve café.")
		mustPut(t, s, r)
		for _, q := range []string{`"ﺎ ﻣ ﻮ ﻳ ﺎ ﻣ Cintailah"`, `ﺎًﻣْﻮَﻳ`, `ﻣ`, `"ﻮ Cintailah"`, `北京`, `"ёлка и ёж"`, `"naïve café"`, `"lagu judul"`} {
			_, total, err := s.Search(context.Background(), Query{Text: q})
			want := 1
			switch q {
			case `"lagu judul"`: // title and body are separate: no phrase across them
				want = 0
			case `"ﻮ Cintailah"`: // not adjacent: every letter is a word of its own
				want = 0
			}
			if err != nil || total != want {
				t.Errorf("%s: total %d, %v; want %d", q, total, err, want)
			}
		}
	})
}

// TestCrowdOfSearchesDoesNotExhaustThePool guards the PostgreSQL search
// that held its read-only transaction's connection while asking the pool
// for a second one for snippets: with more concurrent searches than pool
// connections, every search held one and waited for another, forever.
func TestCrowdOfSearchesDoesNotExhaustThePool(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		searchCorpus(t, s)
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		const crowd = 64
		var wg sync.WaitGroup
		errs := make(chan error, crowd)
		start := make(chan struct{})
		for i := range crowd {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				hits, _, err := s.Search(ctx, Query{Text: []string{"iron", "fist", "steel", "said"}[i%4]})
				if err == nil && len(hits) == 0 {
					err = fmt.Errorf("search %d: no hits", i)
				}
				errs <- err
			}()
		}
		close(start)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatalf("a crowd of %d searches: %v", crowd, err)
			}
		}
	})
}

// TestPrefixIndexMigrationRefillsTheIndex guards migration 4, which makes
// SQLite's contentless article_fts anew (with prefix indexes) and must
// fill it from the stored documents: run again over a store that holds
// articles, every word and prefix still finds them.
func TestPrefixIndexMigrationRefillsTheIndex(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lede.db")
	s := openTest(t, path)
	ids := searchCorpus(t, s)
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 4`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = openTest(t, path)
	for _, c := range []struct {
		q    string
		want int64
	}{
		{"aliyev", ids["fist"]},
		{"amne*", ids["amnesty"]},
		{"am*", ids["amnesty"]},
		{`"main de fer"`, ids["fr"]},
		{"steel", ids["steel"]},
	} {
		hits, _, err := s.Search(ctx, Query{Text: c.q})
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		if len(hits) != 1 || hits[0].ID != c.want {
			t.Errorf("%q after the migration: %+v, want article %d alone", c.q, hits, c.want)
		}
	}
}
