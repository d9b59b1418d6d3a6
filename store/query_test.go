package store

import (
	"errors"
	"reflect"
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
