package store

import (
	"context"
	"errors"
	"testing"
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
