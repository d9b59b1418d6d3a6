package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestMigrationSevenKeepsOlderStoriesFindable guards stores written before
// story keys carried their article's publication hour: after migration 7
// an article placed then is found again as a candidate by its keys, inside
// its time window, and an undated one over any window.
func TestMigrationSevenKeepsOlderStoriesFindable(t *testing.T) {
	for _, eng := range []struct{ name, driver string }{{"sqlite", "sqlite"}, {"postgres", "pgx"}} {
		t.Run(eng.name, func(t *testing.T) {
			ctx := context.Background()
			var dsn string
			if eng.name == "sqlite" {
				dsn = filepath.Join(t.TempDir(), "lede.db")
			} else {
				dsn = pgDSN(t)
			}
			s, err := Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			ids := searchCorpus(t, s)
			dated, undated := ids["fist"], ids["amnesty"]
			published := time.Date(2023, 9, 20, 10, 0, 0, 0, time.UTC)
			sp := s.(*sqlStore)
			if _, err := sp.PlaceArticle(ctx, dated, 0, published, []uint64{11, 1 << 63}, []byte("f1")); err != nil {
				t.Fatal(err)
			}
			if _, err := sp.PlaceArticle(ctx, undated, 0, time.Time{}, []uint64{11}, []byte("f2")); err != nil {
				t.Fatal(err)
			}
			s.Close()

			// Write the keys as stores before migration 7 held them: the
			// key itself, and mark the migration as not applied.
			db, err := sql.Open(eng.driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range []string{
				`DELETE FROM story_keys`,
				`INSERT INTO story_keys (key, article_id) VALUES (11, ` + itoa(dated) + `), (` + itoa(int64Key(1<<63)) + `, ` + itoa(dated) + `), (11, ` + itoa(undated) + `)`,
				`DELETE FROM schema_migrations WHERE version = 7`,
			} {
				if _, err := db.ExecContext(ctx, st); err != nil {
					t.Fatalf("%s: %v", st, err)
				}
			}
			db.Close()

			s = openTest(t, dsn)
			c, err := s.StoryCandidates(ctx, 0, []uint64{11, 1 << 63}, published.Add(-72*time.Hour), published.Add(72*time.Hour), 10)
			if err != nil {
				t.Fatal(err)
			}
			found := map[int64]int{}
			for _, x := range c {
				found[x.ArticleID] = x.Shared
			}
			if found[dated] != 2 || found[undated] != 1 {
				t.Fatalf("candidates after migration 7: %+v (want article %d sharing 2 keys, %d sharing 1)", c, dated, undated)
			}
			far, err := s.StoryCandidates(ctx, 0, []uint64{11}, published.Add(30*24*time.Hour), published.Add(33*24*time.Hour), 10)
			if err != nil || len(far) != 1 || far[0].ArticleID != undated {
				t.Fatalf("candidates a month later: %+v, %v (want only the undated article %d)", far, err, undated)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
