package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"lede/article"
)

// TestPlaceArticleWritesStoryAndFeaturesAtOnce guards the one-transaction
// placement story grouping uses: the story is started or joined, the keys
// replace the ones the article had, and an unknown article is ErrNotFound
// with nothing written.
func TestPlaceArticleWritesStoryAndFeaturesAtOnce(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		sp := s.(interface {
			PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte) (int64, error)
		})
		ids := searchCorpus(t, s)
		day := func(d string) time.Time { x, _ := ParseTime(d); return x }
		sid, err := sp.PlaceArticle(ctx, ids["fist"], 0, day("2023-09-20"), []uint64{1, 2, 1 << 63}, []byte("f1"))
		if err != nil || sid == 0 {
			t.Fatalf("new story: %d, %v", sid, err)
		}
		joined, err := sp.PlaceArticle(ctx, ids["amnesty"], sid, day("2023-09-21"), []uint64{9}, []byte("f2"))
		if err != nil || joined != sid {
			t.Fatalf("join: %d, %v (want story %d)", joined, err, sid)
		}
		// Placed again with other keys: the old ones are gone.
		if _, err := sp.PlaceArticle(ctx, ids["amnesty"], sid, day("2023-09-21"), []uint64{1, 2}, []byte("f2b")); err != nil {
			t.Fatal(err)
		}
		c, err := s.StoryCandidates(ctx, ids["fist"], []uint64{1, 2, 9}, time.Time{}, time.Time{}, 10)
		if err != nil || len(c) != 1 || c[0].ArticleID != ids["amnesty"] || c[0].Shared != 2 || c[0].StoryID != sid || string(c[0].Features) != "f2b" {
			t.Fatalf("candidates %+v, %v", c, err)
		}
		if _, err := sp.PlaceArticle(ctx, 999999, 0, time.Time{}, []uint64{5}, nil); err == nil {
			t.Fatal("an unknown article was placed")
		}
		if c, _ := s.StoryCandidates(ctx, ids["fist"], []uint64{5}, time.Time{}, time.Time{}, 10); len(c) != 0 {
			t.Fatalf("a failed placement left keys: %+v", c)
		}
	})
}

// TestStoryCandidatesLimitCountsOnlyTheWindow guards the limit taken
// inside the key lookup: an article outside the window, however many keys
// it shares, takes no place from one inside it.
func TestStoryCandidatesLimitCountsOnlyTheWindow(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		ids := searchCorpus(t, s)
		day := func(d string) time.Time { x, _ := ParseTime(d); return x }
		for _, f := range []struct {
			name string
			pub  time.Time
			keys []uint64
		}{
			{"steel", day("2023-01-01"), []uint64{1, 2, 3}}, // most shared, outside the window
			{"amnesty", day("2023-09-21"), []uint64{1, 2}},
			{"fr", time.Time{}, []uint64{1}}, // no date: in any window
		} {
			if err := s.PutStoryFeatures(ctx, ids[f.name], f.pub, f.keys, []byte(f.name)); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			limit int
			want  []string
		}{
			{1, []string{"amnesty"}},
			{2, []string{"amnesty", "fr"}},
			{5, []string{"amnesty", "fr"}},
		} {
			c, err := s.StoryCandidates(ctx, ids["fist"], []uint64{1, 2, 3}, day("2023-09-15"), day("2023-09-30"), tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, x := range c {
				got = append(got, string(x.Features))
			}
			if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) || (len(got) > 1 && got[1] != tc.want[1]) {
				t.Errorf("limit %d: %v, want %v", tc.limit, got, tc.want)
			}
		}
	})
}

// TestStoryTxReadsItsWritesAndRollsBack guards the one-transaction
// placement: inside InStoryTx the reads (candidates, sizes, term counts)
// see the transaction's own writes, an error from the function leaves
// nothing written, and lookups of any number of keys and terms prepare a
// bounded set of statements on SQLite's writer.
func TestStoryTxReadsItsWritesAndRollsBack(t *testing.T) {
	engines(t, func(t *testing.T, s Store) {
		ctx := context.Background()
		ids := searchCorpus(t, s)
		day := func(d string) time.Time { x, _ := ParseTime(d); return x }
		st := s.(*sqlStore)
		var sid int64
		err := st.InStoryTx(ctx, func(tx *StoryTx) error {
			var err error
			if sid, err = tx.PlaceArticle(ctx, ids["fist"], 0, day("2023-09-20"), []uint64{1, 2, 3}, []byte("f1")); err != nil {
				return err
			}
			c, err := tx.StoryCandidates(ctx, ids["amnesty"], []uint64{2, 3, 4}, day("2023-09-19"), day("2023-09-22"), 5)
			if err != nil || len(c) != 1 || c[0].ArticleID != ids["fist"] || c[0].Shared != 2 || c[0].StoryID != sid {
				t.Errorf("candidates inside the transaction: %+v, %v", c, err)
			}
			if n, err := tx.StorySize(ctx, sid); n != 1 || err != nil {
				t.Errorf("size inside the transaction: %d, %v", n, err)
			}
			if err := tx.AddTermDeltas(ctx, []uint64{7, 8, 7}, []int{1, 2, 3}, 2); err != nil {
				return err
			}
			counts, n, err := tx.TermCounts(ctx, []uint64{7, 8, 9})
			if err != nil || n != 2 || counts[0] != 4 || counts[1] != 2 || counts[2] != 0 {
				t.Errorf("term counts inside the transaction: %v %d, %v", counts, n, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		failed := errors.New("placement failed")
		err = st.InStoryTx(ctx, func(tx *StoryTx) error {
			if _, err := tx.PlaceArticle(ctx, ids["amnesty"], sid, day("2023-09-21"), []uint64{2, 5}, []byte("f2")); err != nil {
				return err
			}
			if err := tx.AddTermDeltas(ctx, []uint64{7}, []int{10}, 1); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("error %v, want the function's", err)
		}
		if n, _ := s.(interface {
			StorySize(context.Context, int64) (int, error)
		}).StorySize(ctx, sid); n != 1 {
			t.Errorf("story of %d articles after a rolled back placement, want 1", n)
		}
		if c, _ := s.StoryCandidates(ctx, ids["fist"], []uint64{5}, time.Time{}, time.Time{}, 5); len(c) != 0 {
			t.Errorf("a rolled back placement left keys: %+v", c)
		}
		if counts, n, _ := s.TermCounts(ctx, []uint64{7}); counts[0] != 4 || n != 2 {
			t.Errorf("term counts after a rolled back placement: %v %d, want [4] 2", counts, n)
		}
		if st.pg {
			return
		}
		before := len(st.stmts)
		for n := 1; n <= 300; n += 7 {
			keys, terms := make([]uint64, n), make([]uint64, 3*n)
			for i := range keys {
				keys[i] = uint64(1000*n + i)
			}
			for i := range terms {
				terms[i] = uint64(7000*n + i)
			}
			st.InStoryTx(ctx, func(tx *StoryTx) error {
				if _, err := tx.StoryCandidates(ctx, ids["fr"], keys, day("2023-09-19"), day("2023-09-22"), 50); err != nil {
					t.Fatal(err)
				}
				if _, err := tx.StoryCandidates(ctx, ids["fr"], keys, time.Time{}, time.Time{}, 50); err != nil {
					t.Fatal(err)
				}
				_, _, err := tx.TermCounts(ctx, terms)
				return err
			})
		}
		if n := len(st.stmts) - before; n > 30 {
			t.Errorf("%d statements prepared for lookups of 1 to 300 keys; want at most 30", n)
		}
	})
}

// TestStoryTitleFromLeadWhenNoVersionHasOne guards stories of texts
// ingested without headlines: their title is the first sentence of the
// earliest version's lead (not a date line before it), cut at a word; a
// story with a titled version keeps that title.
func TestStoryTitleFromLeadWhenNoVersionHasOne(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir()+"/lede.db")
	lead := "Azerbaijan envisages an amnesty for Karabakh fighters who give up their arms, an adviser said. More follows."
	untitled := []int64{
		mustPut(t, s, rec("u1", "", "date 2023-09-22\n"+lead)).ID, // a date line first: no lead
		mustPut(t, s, rec("u2", "", "Baku offers an amnesty. Second sentence.")).ID,
	}
	titled := []int64{
		mustPut(t, s, rec("t1", "", "No headline here.")).ID,
		mustPut(t, s, rec("t2", "Steel prices rise", "Body.")).ID,
	}
	for _, group := range [][]int64{untitled, titled} {
		sid, err := s.SetStory(ctx, group[0], 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetStory(ctx, group[1], sid); err != nil {
			t.Fatal(err)
		}
	}
	list, err := s.Stories(ctx, StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	for _, st := range list {
		got[st.Articles[0].ID] = st.Title
		one, err := s.Story(ctx, st.ID)
		if err != nil || one.Title != st.Title {
			t.Errorf("story %d alone: title %q, %v; in the list %q", st.ID, one.Title, err, st.Title)
		}
	}
	if want := "Azerbaijan envisages an amnesty for Karabakh fighters who give up their arms, an adviser said."; got[untitled[0]] != want {
		t.Errorf("untitled story: %q, want %q", got[untitled[0]], want)
	}
	if got[titled[0]] != "Steel prices rise" {
		t.Errorf("story with one titled version: %q", got[titled[0]])
	}
	long := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: strings.Repeat("word ", 40)}}}
	if lt := leadTitle(long); len(lt) > leadTitleMax+len("…") || !strings.HasSuffix(lt, "word…") {
		t.Errorf("long lead: %q", lt)
	}
}
