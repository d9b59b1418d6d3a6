package store

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// TestAddTermDeltasSumsAndCounts guards the batched term counts story
// grouping writes: a term given twice gets both deltas, a zero sum writes
// nothing, and the article count moves by what is asked.
func TestAddTermDeltasSumsAndCounts(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		dw := s.(interface {
			AddTermDeltas(ctx context.Context, terms []uint64, deltas []int, articles int) error
		})
		if err := s.AddTermCounts(ctx, []uint64{1, 2, 1 << 63}, 1); err != nil {
			t.Fatal(err)
		}
		if err := dw.AddTermDeltas(ctx, []uint64{2, 3, 2, 1 << 63, 4, 4}, []int{1, 5, 2, -1, 1, -1}, 3); err != nil {
			t.Fatal(err)
		}
		counts, n, err := s.TermCounts(ctx, []uint64{1, 2, 3, 1 << 63, 4})
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{1, 4, 5, 0, 0}; !reflect.DeepEqual(counts, want) || n != 4 {
			t.Errorf("counts %v over %d articles; want %v over 4", counts, n, want)
		}
		if err := dw.AddTermDeltas(ctx, []uint64{1}, []int{1, 2}, 0); err == nil {
			t.Error("terms and deltas of different lengths were taken")
		}
	})
}

// TestWriterStatementsStayFew guards the SQLite writer's statement cache:
// multi-row inserts come in a few row counts, and term counts are
// parameters, so storing articles of every size and counting many terms
// prepares a bounded set of statements rather than one per call.
func TestWriterStatementsStayFew(t *testing.T) {
	s := openTest(t, filepath.Join(t.TempDir(), "lede.db"))
	ctx := context.Background()
	for i := 1; i <= 150; i++ {
		r := rec(fmt.Sprintf("k%d", i), fmt.Sprintf("Title %d", i), "Body text.")
		for j := 0; j < i; j++ {
			r.Article.Authors = append(r.Article.Authors, fmt.Sprintf("Author %d", j))
		}
		mustPut(t, s, r)
		terms := make([]uint64, i)
		for j := range terms {
			terms[j] = uint64(i*1000 + j)
		}
		if err := s.AddTermCounts(ctx, terms, 1); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(s.(*sqlStore).stmts); n > 40 {
		t.Errorf("%d statements prepared by the writer; want at most 40", n)
	}
}
