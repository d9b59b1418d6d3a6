package analyze

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lede/article"
	"lede/internal/golden"
)

// seedArticle builds the seed story from its gold article: title, dek and
// body blocks exactly as the annotators gave them.
func seedArticle(t testing.TB) *article.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "trtworld-karabakh-amnesty.article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Title, Dek string
		Blocks     []struct{ Kind, Text string }
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	a := &article.Article{Title: gold.Title, Dek: gold.Dek}
	for _, bl := range gold.Blocks {
		a.Blocks = append(a.Blocks, article.Block{Kind: article.BlockKind(bl.Kind), Text: bl.Text})
	}
	return a
}

type seedGold struct {
	Quotes []struct {
		Kind, Speaker, Text, Cue string
	}
	Entities []struct {
		Name, Type, Role string
	}
}

func TestSeedGolden(t *testing.T) {
	a := seedArticle(t)
	if err := Article(context.Background(), a, Options{}); err != nil {
		t.Fatal(err)
	}
	var gold seedGold
	b, err := os.ReadFile(filepath.Join("testdata", "trtworld-karabakh-amnesty.analysis.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	// Every gold statement is found with its speaker, kind and cue verb.
	used := make([]bool, len(a.Quotes))
	for _, g := range gold.Quotes {
		found := -1
		for i, q := range a.Quotes {
			if !used[i] && sameText(q.Text, g.Text) {
				found = i
				break
			}
		}
		if found < 0 {
			t.Errorf("statement not found: %s %q (%s)", g.Kind, g.Text, g.Speaker)
			continue
		}
		used[found] = true
		q := a.Quotes[found]
		who := ""
		if q.Speaker != nil {
			who = q.Speaker.Name
		}
		verb := strings.Fields(g.Cue)
		if string(q.Kind) != g.Kind || who != g.Speaker || !strings.Contains(q.Cue, verb[len(verb)-1]) && !strings.Contains(g.Cue, q.Cue) {
			t.Errorf("statement %q: got %s by %q (cue %q), want %s by %q (cue %q)", g.Text, q.Kind, who, q.Cue, g.Kind, g.Speaker, g.Cue)
		}
	}
	// The people, with a role each that holds the gold role's key word.
	for _, g := range gold.Entities {
		var got *article.Entity
		for i := range a.Entities {
			if a.Entities[i].Name == g.Name {
				got = &a.Entities[i]
			}
		}
		if got == nil {
			t.Errorf("entity %q (%s) not found", g.Name, g.Type)
			continue
		}
		if string(got.Type) != g.Type {
			t.Errorf("entity %q: type %s, want %s", g.Name, got.Type, g.Type)
		}
		if g.Role != "" && !rolesCover(got.Roles, g.Role) {
			t.Errorf("entity %q: roles %q, want one like %q", g.Name, got.Roles, g.Role)
		}
	}
	out, err := json.MarshalIndent(struct {
		Sentences []article.Sentence `json:"sentences"`
		Entities  []article.Entity   `json:"entities"`
		Quotes    []article.Quote    `json:"quotes"`
	}{a.Sentences, a.Entities, a.Quotes}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "trtworld-karabakh-amnesty.analyzed.json"), append(out, '\n'))
	t.Log("\n" + article.RenderText(&article.Article{Quotes: a.Quotes}))
}

// sameText compares quote texts ignoring surrounding punctuation and space.
func sameText(a, b string) bool {
	trim := func(s string) string { return strings.Trim(s, " ,.\"“”") }
	return trim(a) == trim(b)
}

// rolesCover: some role holds every word of the gold role's first part
// that is not "of", a country or an article ("Prime Minister of Armenia" →
// "Prime Minister").
func rolesCover(roles []string, gold string) bool {
	key := strings.ToLower(strings.SplitN(strings.SplitN(gold, ",", 2)[0], " of ", 2)[0])
	for _, r := range roles {
		if strings.Contains(strings.ToLower(r), key) {
			return true
		}
	}
	return false
}
