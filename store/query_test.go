package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestQueriesCompileToBothEngines(t *testing.T) {
	for _, c := range []struct{ in, fts, ts string }{
		{`iron`, `"iron"`, `'iron'`},
		{`Iron Fist`, `("iron") AND ("fist")`, `('iron' & 'fist')`},
		{`"iron fist"`, `"iron fist"`, `('iron' <-> 'fist')`},
		{`“iron fist”`, `"iron fist"`, `('iron' <-> 'fist')`},
		{`"iron fis"*`, `"iron fis"*`, `('iron' <-> 'fis':*)`},
		{`sanction*`, `"sanction"*`, `'sanction':*`},
		{`well-known`, `"well known"`, `('well' <-> 'known')`},
		{`U.S.`, `"u s"`, `('u' <-> 's')`},
		{`iron OR steel`, `("iron") OR ("steel")`, `('iron' | 'steel')`},
		{`iron NOT steel`, `(("iron")) NOT ("steel")`, `('iron' & !'steel')`},
		{`iron -steel -gold`, `(("iron")) NOT ("steel") NOT ("gold")`, `('iron' & !'steel' & !'gold')`},
		{`iron AND NOT NOT steel`, `("iron") AND ("steel")`, `('iron' & 'steel')`},
		{`(iron OR steel) fist`, `(("iron") OR ("steel")) AND ("fist")`, `(('iron' | 'steel') & 'fist')`},
		{`iron & fist`, `("iron") AND ("fist")`, `('iron' & 'fist')`},
		{`title:iron`, `"title iron"`, `('title' <-> 'iron')`},
		{`it's`, `"it s"`, `('it' <-> 's')`},
		{`'; DROP TABLE articles; --`, `("drop") AND ("table") AND ("articles")`, `('drop' & 'table' & 'articles')`},
		{`and or not`, `("and") AND ("or") AND ("not")`, `('and' & 'or' & 'not')`},
		{`Президент`, `"президент"`, `'президент'`},
	} {
		n, err := parseQuery(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := ftsMatch(n); got != c.fts {
			t.Errorf("%q: FTS5 %s, want %s", c.in, got, c.fts)
		}
		if got := tsQuery(n); got != c.ts {
			t.Errorf("%q: tsquery %s, want %s", c.in, got, c.ts)
		}
	}
}

func TestBadQueriesSayWhy(t *testing.T) {
	for in, want := range map[string]string{
		"NOT iron":          "bad query: NOT needs something to exclude from (write: iron NOT steel)",
		"iron OR":           "bad query: OR needs a term after it",
		"(iron":             "bad query: missing )",
		"iron)":             `bad query: unexpected ")"`,
		"iron OR NOT steel": "bad query: cannot OR a NOT term (write: a OR b NOT c)",
		"--":                "bad query: no words to search for",
	} {
		err := ParseQuery(in)
		if !errors.Is(err, ErrQuery) || err.Error() != want {
			t.Errorf("%q: %v, want %s", in, err, want)
		}
	}
}

func TestSnippet(t *testing.T) {
	m := newMatcher([]string{"iron", "fist"}, []string{"separat"})
	for _, c := range []struct {
		texts []string
		want  string
		marks []string
	}{
		{[]string{"He said Azerbaijan would show an iron fist.\n\nOther text."}, "He said Azerbaijan would show an iron fist. Other text.", []string{"iron", "fist"}},
		{[]string{"", "A dek about separatists", "Title"}, "A dek about separatists", []string{"separatists"}},
		{[]string{"no match here", "", "Title"}, "no match here", nil},
		{[]string{"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight twentynine thirty thirtyone iron, thirtytwo thirtythree"},
			"… five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone twentytwo twentythree twentyfour twentyfive twentysix twentyseven twentyeight twentynine thirty thirtyone iron, thirtytwo thirtythree", []string{"iron"}},
	} {
		got, hl := m.snippet(c.texts...)
		var marks []string
		for _, r := range hl {
			marks = append(marks, got[r.Start:r.End])
		}
		if got != c.want || !reflect.DeepEqual(marks, c.marks) {
			t.Errorf("snippet(%q) = %q %v, want %q %v", c.texts, got, marks, c.want, c.marks)
		}
	}
}

func TestParseTime(t *testing.T) {
	for _, in := range []string{"2023-09-20", "2023-09-20T10:00:00Z", "2023-09-20T12:00:00+02:00", "2023-09-20T10:00:00", "2023-09-20 10:00:00", "2023-09-20T10:00:00.123Z", "2023-09-20T10:00:00+0000"} {
		if _, err := ParseTime(in); err != nil {
			t.Errorf("%q: %v", in, err)
		}
	}
	if got, _ := ParseTime("2023-09-20T12:00:00+02:00"); got.Hour() != 10 {
		t.Errorf("zone not applied: %v", got)
	}
	if _, err := ParseTime("yesterday"); err == nil {
		t.Error("yesterday parsed")
	}
}

func TestPhrasePairsCompile(t *testing.T) {
	long := strings.Repeat("x", 59)
	for _, c := range []struct{ in, want string }{
		{`iron`, ``},
		{`iron fist`, ``},
		{`"iron fist"`, ``}, // two long words: not a pair the index keeps
		{`"only do you have to"`, `('only do' & 'do you' & 'you have' & 'have to')`},
		{`"marketing content and"`, `'content and'`},
		{`"of the"*`, ``},             // the prefix's words are unknown
		{`"in the fis"*`, `'in the'`}, // …but the words before it are known
		{`"a ` + long + `"`, ``},      // 59 bytes at most
		{`"a ` + long[:58] + `"`, `'a ` + long[:58] + `'`},
		{`"в москве"`, `'в москве'`}, // bytes, not letters: в is 2
		{`"do you" iron`, `'do you'`},
		{`"do you" "of it"`, `('do you' & 'of it')`},
		{`"do you" OR "of it"`, `('do you' | 'of it')`},
		{`"do you" OR iron`, ``}, // an OR side that needs no pair
		{`iron -"do you"`, ``},   // nor does a NOT
	} {
		n, err := parseQuery(c.in)
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if got := tsPairs(n); got != c.want {
			t.Errorf("%q: pairs %s, want %s", c.in, got, c.want)
		}
	}
}

// TestPhrasePairsNeverLoseAMatch guards PostgreSQL's pairs column
// (migration 5): a phrase search asks the GIN index for the phrase's word
// pairs as well as its words, and an article the pairs missed would
// silently drop out of the results. Over texts with short and long words,
// repeats past the 256 positions a tsvector keeps of a word, long tokens,
// other scripts, and title/body edges, every query finds exactly the
// articles its tsquery alone matches, and, but for the one phrase that
// needs a position PostgreSQL does not keep, those SQLite finds.
func TestPhrasePairsNeverLoseAMatch(t *testing.T) {
	ctx := context.Background()
	sq := openTest(t, filepath.Join(t.TempDir(), "lede.db"))
	pg := openTest(t, pgDSN(t))
	long := strings.Repeat("z", 60)
	texts := []struct{ title, body string }{
		{"Only do you have to", "If only do you have to ask, then do you have to go."},
		{"Do you", "have to? Only do. You have to."},
		{"The first step", "The first step to getting there is the first step to getting anywhere."},
		{"Repeats", strings.Repeat("to be or not to be ", 200) + "that is the question of it"},
		{"Long " + long, "a " + long + " b " + long + " of it"},
		{"Москва", "Мы в москве и в Париже, в москве снова."},
		{"Edges of", "it all: of it, in the end."},
		{"No pairs", "marketing content strategies"},
	}
	for i, tx := range texts {
		for _, s := range []Store{sq, pg} {
			mustPut(t, s, rec(fmt.Sprint("p", i), tx.title, tx.body))
		}
	}
	urls := func(q string, s Store) ([]string, int) {
		hits, total, err := s.Search(ctx, Query{Text: q, Limit: 100})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var out []string
		for _, h := range hits {
			out = append(out, h.URL)
		}
		sort.Strings(out)
		return out, total
	}
	for _, q := range []string{
		`"only do you have to"`, `"do you have to"`, `"you have to"`, `"have to"`, `"only do"`, `"do you"`,
		`"the first step to getting"`, `"step to getting anywhere"`, `"to be or not to be"`, `"be that"`,
		`"question of it"`, `"of it"`, `"edges of it"`, `"of it all"`, `"in the end"`, `"a ` + long + `"`,
		`"` + long + ` of it"`, `"long ` + long + ` a"`, `"в москве"`, `"в париже"`, `"и в"`,
		`"do you" OR "of it"`, `"do you" -"of it"`, `"to be" "in the"`, `"in the e"*`, `"of i"*`,
		`"marketing content"`, `"content strategies"`, `to -"do you"`,
	} {
		n, err := parseQuery(q)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := pg.(*sqlStore).read.QueryContext(ctx, `SELECT url FROM articles WHERE tsv @@ CAST($1 AS tsquery) ORDER BY url`, tsQuery(n))
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for rows.Next() {
			var u string
			rows.Scan(&u)
			want = append(want, u)
		}
		rows.Close()
		got, total := urls(q, pg)
		if !reflect.DeepEqual(got, want) || total != len(want) {
			t.Errorf("%s: postgres finds %v (total %d), its tsquery alone %v", q, got, total, want)
		}
		if q == `"be that"` {
			// The 201st "be": past the 256 positions a tsvector keeps of a word.
			continue
		}
		if sqGot, sqTotal := urls(q, sq); !reflect.DeepEqual(got, sqGot) || total != sqTotal {
			t.Errorf("%s: postgres finds %v (total %d), sqlite %v (%d)", q, got, total, sqGot, sqTotal)
		}
	}
}

// TestProbeNewestFindsTheNewestMatches guards the id-range probing of
// PostgreSQL's search: whatever the first range (far too narrow, too wide,
// right) and however the matches lie (dense, sparse, all old, none), it
// returns exactly the newest want matches, newest first, in at most
// maxProbes reads.
func TestProbeNewestFindsTheNewestMatches(t *testing.T) {
	const maxID = 10000
	layouts := map[string]func(id int64) bool{
		"dense":   func(id int64) bool { return id%2 == 0 },
		"sparse":  func(id int64) bool { return id%997 == 0 },
		"old":     func(id int64) bool { return id < 300 },
		"new":     func(id int64) bool { return id > 9990 },
		"none":    func(id int64) bool { return false },
		"all":     func(id int64) bool { return true },
		"bursty":  func(id int64) bool { return id%1000 < 5 },
		"one end": func(id int64) bool { return id == 1 || id == maxID },
	}
	for name, match := range layouts {
		for _, span := range []int64{1, 10, 500, 3000, maxID} {
			for _, want := range []int{1, 7, 1000} {
				var all []int64
				for id := int64(maxID); id > 0; id-- {
					if match(id) {
						all = append(all, id)
					}
				}
				reads := 0
				got, err := probeNewest(maxID, span, want, func(lo, hi int64, n int) ([]int64, error) {
					reads++
					var out []int64
					for id := hi; id > lo && len(out) < n; id-- {
						if match(id) {
							out = append(out, id)
						}
					}
					return out, nil
				})
				wantIDs := all[:min(len(all), want)]
				if err != nil || !reflect.DeepEqual(got, wantIDs) && !(len(got) == 0 && len(wantIDs) == 0) {
					t.Errorf("%s, span %d, want %d: got %d ids %v…, want %d", name, span, want, len(got), got[:min(3, len(got))], len(wantIDs))
				}
				if reads > maxProbes {
					t.Errorf("%s, span %d, want %d: %d reads", name, span, want, reads)
				}
			}
		}
	}
}

// TestPrefixMigrationSixKeepsEveryArticleFound guards migration 6, which
// makes SQLite's contentless article_fts anew with 3- and 4-character
// prefix indexes: run over a store that holds articles, it refills the
// index from their documents, so words, phrases and prefixes of any length
// still find them.
func TestPrefixMigrationSixKeepsEveryArticleFound(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "lede.db")
	s := openTest(t, path)
	for i, body := range []string{"Amnesty International reports on Karabakh.", "The government announced new sanctions."} {
		mustPut(t, s, rec(fmt.Sprint("m", i), "Report", body))
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = 6`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s = openTest(t, path)
	var ddl string
	if err := s.(*sqlStore).read.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'article_fts'`).Scan(&ddl); err != nil || !strings.Contains(ddl, "prefix='3 4'") {
		t.Fatalf("article_fts after migration 6: %q, %v", ddl, err)
	}
	for q, want := range map[string]int{"amnesty": 1, "am*": 1, "amn*": 1, "amne*": 1, "amnest*": 1, `"new sanctions"`: 1, "gov*": 1, "report": 2, "re*": 2} {
		if _, total, err := s.Search(ctx, Query{Text: q}); err != nil || total != want {
			t.Errorf("%q after migration 6: %d articles, %v; want %d", q, total, err, want)
		}
	}
}
