package store

import (
	"context"
	"testing"
	"time"
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
