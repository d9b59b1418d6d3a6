package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"lede"
	"lede/article"
	"lede/evaluate"
)

// TestPutBatchStoresLikePutInOneTransaction guards the SQLite ingest path:
// a batch gives each record the result Put would, in order (a key twice in
// one batch sees its first record), and a batch that fails stores none.
func TestPutBatchStoresLikePutInOneTransaction(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		bp, ok := s.(interface {
			PutBatch(context.Context, []Record) ([]PutResult, error)
		})
		if !ok {
			t.Fatalf("%s store has no PutBatch", s.Engine())
		}
		first := mustPut(t, s, rec("a", "Aliyev warns", "Azerbaijan will use an iron fist."))
		changed := rec("b", "Court rules", "The court ruled on Monday.")
		changed.Raw = []byte("<html>another page</html>")
		changed.Article = testArticle("Court rules", "The court ruled on Tuesday.")
		batch := []Record{
			rec("a", "Aliyev warns", "Azerbaijan will use an iron fist."), // unchanged
			rec("b", "Court rules", "The court ruled on Monday."),         // new
			changed, // b again, changed within the batch
			rec("c", "Storm nears", "A storm nears the coast."), // new
		}
		got, err := bp.PutBatch(ctx, batch)
		if err != nil {
			t.Fatal(err)
		}
		want := []func(PutResult) bool{
			func(r PutResult) bool { return r.Unchanged && r.ID == first.ID },
			func(r PutResult) bool { return r.Created },
			func(r PutResult) bool { return r.Updated && r.ID == got[1].ID },
			func(r PutResult) bool { return r.Created && r.ID != got[1].ID },
		}
		for i, ok := range want {
			if !ok(got[i]) {
				t.Errorf("record %d (%s): %+v", i, batch[i].Key, got[i])
			}
		}
		st, err := s.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Articles != 3 || st.Versions != 1 {
			t.Errorf("status after batch: %d articles, %d versions; want 3, 1", st.Articles, st.Versions)
		}

		// A cancelled batch stores nothing.
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := bp.PutBatch(cctx, []Record{rec("d", "Dam opens", "The dam opens."), rec("e", "Polls close", "Polls close.")}); !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled batch: %v", err)
		}
		if st, _ := s.Status(ctx); st.Articles != 3 {
			t.Errorf("a cancelled batch stored articles: %d, want 3", st.Articles)
		}
		if _, err := bp.PutBatch(ctx, make([]Record, MaxBatch+1)); err == nil {
			t.Errorf("a batch over MaxBatch was taken")
		}
	})
}

// TestPutBatchIndexesTheLastTextOfAKeyTwice guards the deferred full-text
// rows of a batch (ftsLater): a key written twice in one batch, and an
// article stored before and changed in a batch, are found by their last
// text only, words and quotes, and exactly once.
func TestPutBatchIndexesTheLastTextOfAKeyTwice(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		bp := s.(interface {
			PutBatch(context.Context, []Record) ([]PutResult, error)
		})
		withQuote := func(r Record, quote string) Record {
			r.Raw = []byte("<html>" + quote + "</html>")
			r.Article.Quotes = []article.Quote{{Kind: article.Direct, Text: quote, Speaker: &article.Speaker{Name: "Alda Brennan"}}}
			return r
		}
		mustPut(t, s, withQuote(rec("old", "Harbour vote", "The harbour board voted on pier seven."), "we heard every ferryman"))
		batch := []Record{
			withQuote(rec("twice", "Council meets", "The council met in the granary."), "the granary stays open"),
			withQuote(rec("old", "Harbour vote", "The harbour board voted on pier nine."), "we heard every boatwright"),
			withQuote(rec("twice", "Council meets", "The council met in the lighthouse."), "the lighthouse stays open"),
		}
		if _, err := bp.PutBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			query string
			want  int
		}{
			{"granary", 0}, {"lighthouse", 1}, {"seven", 0}, {"nine", 1}, {"council", 1}, {"harbour", 1},
		} {
			hits, total, err := s.Search(ctx, Query{Text: tc.query})
			if err != nil || total != tc.want || len(hits) != tc.want {
				t.Errorf("search %q: %d hits (total %d), %v; want %d", tc.query, len(hits), total, err, tc.want)
			}
		}
		for _, tc := range []struct {
			query string
			want  int
		}{
			{"granary", 0}, {"lighthouse", 1}, {"ferryman", 0}, {"boatwright", 1}, {"open", 1},
		} {
			hits, total, err := s.SearchQuotes(ctx, QuoteQuery{Text: tc.query})
			if err != nil || total != tc.want || len(hits) != tc.want {
				t.Errorf("quote search %q: %d hits (total %d), %v; want %d", tc.query, len(hits), total, err, tc.want)
			}
		}
		// Changed once more, the article leaves nothing of the batch's
		// text behind in the index.
		if r := mustPut(t, s, withQuote(rec("twice", "Council meets", "The council met in the windmill."), "the windmill stays shut")); !r.Updated {
			t.Fatalf("third text: %+v", r)
		}
		for _, word := range []string{"lighthouse", "granary"} {
			if _, total, err := s.Search(ctx, Query{Text: word}); err != nil || total != 0 {
				t.Errorf("search %q after a later change: %d hits, %v; want none", word, total, err)
			}
			if _, total, err := s.SearchQuotes(ctx, QuoteQuery{Text: word}); err != nil || total != 0 {
				t.Errorf("quote search %q after a later change: %d hits, %v; want none", word, total, err)
			}
		}
	})
}

// aebRecords extracts and analyses the AEB dataset's pages into records,
// or skips: the store's share of an ingest, measured on real articles.
func aebRecords(b *testing.B) []Record {
	b.Helper()
	dir, ok := evaluate.Datasets()
	if !ok {
		b.Skip("no ../shared/datasets beside the repository: the AEB pages are not here")
	}
	pages, err := filepath.Glob(filepath.Join(dir, "aeb", "html", "*.html.gz"))
	if err != nil || len(pages) == 0 {
		b.Skipf("no AEB pages in %s (%v)", dir, err)
	}
	ctx := context.Background()
	recs := make([]Record, 0, len(pages))
	for _, p := range pages {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		a, err := lede.Extract(ctx, raw, lede.Options{Analyze: true})
		if err != nil {
			continue // counted by the extraction tests, not here
		}
		u := "https://aeb.example/" + filepath.Base(p)
		recs = append(recs, Record{Key: u, URL: u, Source: p, Input: dir, FetchedAt: time.Now(), ContentType: "text/html", Raw: raw, Article: a})
	}
	return recs
}

// BenchmarkPutBatchAEB stores the AEB articles (extracted beforehand) into
// a new SQLite store in batches of 32, as ingest's single writer does: the
// store's CPU per article, without extraction's.
//
//	go test ./store -run XXX -bench PutBatchAEB -benchtime 5x
func BenchmarkPutBatchAEB(b *testing.B) {
	recs := aebRecords(b)
	ctx := context.Background()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		st, err := Open(ctx, filepath.Join(b.TempDir(), "c.db"))
		if err != nil {
			b.Fatal(err)
		}
		bp := st.(interface {
			PutBatch(context.Context, []Record) ([]PutResult, error)
		})
		cpu0 := processCPU()
		b.StartTimer()
		const bs = 32
		for i := 0; i < len(recs); i += bs {
			if _, err := bp.PutBatch(ctx, recs[i:min(i+bs, len(recs))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu += processCPU() - cpu0
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N*len(recs)), "cpu-ms/article")
}

// processCPU is the process's CPU time so far, user and system.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
