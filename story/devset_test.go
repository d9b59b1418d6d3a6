package story

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lede"
	"lede/article"
	"lede/evaluate"
)

// devDoc is one text of stories-dev with its gold story.
type devDoc struct {
	File      string  `json:"file"`
	URL       string  `json:"url"`
	Domain    string  `json:"domain"`
	Story     string  `json:"story"`
	Language  string  `json:"language"`
	Published *string `json:"published"`
	Negative  *string `json:"is_negative_for"`
	article   *article.Article
}

// loadDevSet reads stories-dev and extracts every text the way ingest does
// a JSON Lines record {url, text, published, site_name}: text mode, the
// record's fields over what extraction finds. It skips without the set.
func loadDevSet(t testing.TB) []*devDoc {
	t.Helper()
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("../shared/datasets is absent: stories-dev evaluation skipped")
	}
	dir = filepath.Join(dir, "stories-dev")
	raw, err := os.ReadFile(filepath.Join(dir, "gold.json"))
	if err != nil {
		t.Skipf("stories-dev not readable (%v): evaluation skipped", err)
	}
	var docs []*devDoc
	if err := json.Unmarshal(raw, &docs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		text, err := os.ReadFile(filepath.Join(dir, d.File))
		if err != nil {
			t.Fatal(err)
		}
		a, err := lede.Extract(context.Background(), text, lede.Options{Input: lede.InputText, URL: d.URL})
		if err != nil {
			t.Fatalf("%s: %v", d.File, err)
		}
		a.URL = d.URL
		a.SiteName = d.Domain
		if d.Published != nil {
			a.Published = *d.Published
		}
		d.article = a
	}
	return docs
}

// groupingScores are the stories-dev README's metrics.
type groupingScores struct {
	pairP, pairR, pairF, bP, bR, bF float64
}

func (s groupingScores) String() string {
	return fmt.Sprintf("pairwise P=%.3f R=%.3f F1=%.3f  B-cubed P=%.3f R=%.3f F1=%.3f", s.pairP, s.pairR, s.pairF, s.bP, s.bR, s.bF)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// score compares predicted clusters (doc index → story id) with gold over
// the docs selected.
func score(docs []*devDoc, pred map[int]int64, sel func(*devDoc) bool) groupingScores {
	var idx []int
	for i, d := range docs {
		if sel(d) {
			idx = append(idx, i)
		}
	}
	tp, fp, fn := 0, 0, 0
	for x := 0; x < len(idx); x++ {
		for y := x + 1; y < len(idx); y++ {
			p := pred[idx[x]] == pred[idx[y]]
			g := docs[idx[x]].Story == docs[idx[y]].Story
			switch {
			case p && g:
				tp++
			case p:
				fp++
			case g:
				fn++
			}
		}
	}
	var s groupingScores
	s.pairP, s.pairR = 1, 1
	if tp+fp > 0 {
		s.pairP = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		s.pairR = float64(tp) / float64(tp+fn)
	}
	s.pairF = f1(s.pairP, s.pairR)
	for _, i := range idx {
		c, g, both := 0, 0, 0
		for _, j := range idx {
			pc, gc := pred[i] == pred[j], docs[i].Story == docs[j].Story
			if pc {
				c++
			}
			if gc {
				g++
			}
			if pc && gc {
				both++
			}
		}
		s.bP += float64(both) / float64(c)
		s.bR += float64(both) / float64(g)
	}
	s.bP /= float64(len(idx))
	s.bR /= float64(len(idx))
	s.bF = f1(s.bP, s.bR)
	return s
}

// groupDevSet places the docs in the given order into a fresh in-memory
// corpus and returns doc index → story id.
func groupDevSet(t testing.TB, docs []*devDoc, order []int, regroup, reconsider bool) map[int64]int {
	t.Helper()
	ctx := context.Background()
	c := NewMemoryCorpus()
	g := NewGrouper(Options{})
	if regroup {
		err := g.Regroup(ctx, c, func(fn func(int64, *article.Article) error) error {
			for _, i := range order {
				if err := fn(int64(i+1), docs[i].article); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	} else {
		for _, i := range order {
			if _, err := g.Add(ctx, c, int64(i+1), docs[i].article); err != nil {
				t.Fatal(err)
			}
		}
		if reconsider {
			_, err := g.Reconsider(ctx, c, func(fn func(int64, *article.Article) error) error {
				for _, i := range order {
					if err := fn(int64(i+1), docs[i].article); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	stories, err := c.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byArticle := map[int64]int{}
	for id, members := range stories {
		for _, m := range members {
			byArticle[m] = int(id)
		}
	}
	return map[int64]int(byArticle)
}

func predicted(docs []*devDoc, byArticle map[int64]int) map[int]int64 {
	pred := map[int]int64{}
	for i := range docs {
		pred[i] = int64(byArticle[int64(i+1)])
	}
	return pred
}

// TestStoriesDev groups stories-dev as ingest would, in the set's order and
// in a shuffled order, and by Regroup in both orders. It holds issue 9's
// targets on the set's order and that Regroup does not depend on the order:
// pairwise F1 ≥ 0.90, B-cubed F1 ≥ 0.92, English pairwise F1 ≥ 0.92.
func TestStoriesDev(t *testing.T) {
	docs := loadDevSet(t)
	inOrder := make([]int, len(docs))
	for i := range inOrder {
		inOrder[i] = i
	}
	shuffled := append([]int(nil), inOrder...)
	rand.New(rand.NewSource(9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	runs := []struct {
		name    string
		order   []int
		regroup bool
		hold    bool // the targets must hold, not only be logged
	}{
		{"ingest order", inOrder, false, true},
		// One Reconsider pass after the incremental run, as an ingest may
		// end: it must hold the targets too, and is logged shuffled.
		{"ingest order reconsidered", inOrder, false, true},
		{"shuffled reconsidered", shuffled, false, false},
		// Incremental grouping depends on arrival order (early placements
		// weigh terms by a small corpus); logged to show by how much.
		{"shuffled", shuffled, false, false},
		// Regroup settles every placement, so the order does not matter:
		// the two runs must agree (checked below); their figures are
		// logged.
		{"regroup", inOrder, true, false},
		{"regroup shuffled", shuffled, true, false},
	}
	regrouped := map[string]groupingScores{}
	for _, run := range runs {
		t.Run(strings.ReplaceAll(run.name, " ", "_"), func(t *testing.T) {
			pred := predicted(docs, groupDevSet(t, docs, run.order, run.regroup, strings.HasSuffix(run.name, "reconsidered")))
			all := score(docs, pred, func(*devDoc) bool { return true })
			en := score(docs, pred, func(d *devDoc) bool { return d.Language == "en" })
			t.Logf("all %d docs: %v", len(docs), all)
			t.Logf("English: %v", en)
			logPerStory(t, docs, pred)
			if run.regroup {
				regrouped[run.name] = all
			}
			if run.hold && (all.pairF < 0.90 || all.bF < 0.92 || en.pairF < 0.92) {
				t.Errorf("below issue 9's targets (pairwise 0.90, B-cubed 0.92, English pairwise 0.92)")
			}
		})
	}
	if a, b := regrouped["regroup"], regrouped["regroup shuffled"]; a != b {
		t.Errorf("regrouping depends on the order of the articles: %v against %v", a, b)
	}
}

// logPerStory logs each story's own figures (its members and its
// negatives) and the worst confusions: gold stories split over several
// predicted ones, and predicted stories that mix gold ones.
func logPerStory(t *testing.T, docs []*devDoc, pred map[int]int64) {
	stories := map[string]bool{}
	for _, d := range docs {
		if d.Negative == nil {
			stories[d.Story] = true
		}
	}
	var names []string
	for s := range stories {
		names = append(names, s)
	}
	sort.Strings(names)
	for _, s := range names {
		sc := score(docs, pred, func(d *devDoc) bool { return d.Story == s || d.Negative != nil && *d.Negative == s })
		t.Logf("  %-28s %v", s, sc)
	}
	byPred := map[int64][]int{}
	for i := range docs {
		byPred[pred[i]] = append(byPred[pred[i]], i)
	}
	for _, members := range byPred {
		gold := map[string]int{}
		for _, i := range members {
			gold[docs[i].Story]++
		}
		if len(gold) > 1 {
			var parts []string
			for _, i := range members {
				parts = append(parts, docs[i].File)
			}
			t.Logf("  mixed: %s", strings.Join(parts, " "))
		}
	}
	split := map[string]map[int64][]string{}
	for i, d := range docs {
		if split[d.Story] == nil {
			split[d.Story] = map[int64][]string{}
		}
		split[d.Story][pred[i]] = append(split[d.Story][pred[i]], strings.TrimPrefix(d.File, d.Story+"__"))
	}
	for _, s := range names {
		if len(split[s]) > 1 {
			var parts []string
			for _, files := range split[s] {
				parts = append(parts, "["+strings.Join(files, " ")+"]")
			}
			sort.Strings(parts)
			t.Logf("  split %s: %s", s, strings.Join(parts, " "))
		}
	}
}

func evaluateDatasets() (string, bool) { return evaluate.Datasets() }
