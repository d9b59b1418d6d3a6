package entity_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lede/analyze"
	"lede/article"
	"lede/evaluate"
)

// wikigoldDoc is one line of wikigold-dev.jsonl.
type wikigoldDoc struct {
	ID       int    `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Text string `json:"text"`
		Type string `json:"type"`
	} `json:"entities"`
}

// wikigoldType maps lede's entity types to the CoNLL types of wikigold, as
// the acceptance scorer (score_wikigold.py) does: a group is MISC.
var wikigoldType = map[article.EntityType]string{
	article.Person: "PER", article.Organization: "ORG", article.Place: "LOC", article.Group: "MISC",
}

// wikigoldNorm is the scorer's normalisation of a mention's text.
func wikigoldNorm(s string) string {
	return strings.ToLower(strings.Trim(strings.Join(strings.Fields(s), " "), ".,;:'\"()"))
}

type mentionKey struct{ text, typ string }

// TestWikigoldDev scores entity mentions on wikigold-dev the way the
// acceptance check does (each text analysed on its own, a mention right
// when its normalised text and type equal a gold one, per document as
// multisets) and guards the figure the issue asks for. Set
// LEDE_WIKIGOLD_ERRORS=1 to see every wrong and missed mention.
func TestWikigoldDev(t *testing.T) {
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("no ../shared/datasets beside the module: wikigold-dev evaluation skipped")
	}
	f, err := os.Open(filepath.Join(dir, "wikigold-dev", "wikigold-dev.jsonl"))
	if err != nil {
		t.Skipf("wikigold-dev not available: %v", err)
	}
	defer f.Close()
	var docs []wikigoldDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d wikigoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
	showErrors := os.Getenv("LEDE_WIKIGOLD_ERRORS") != ""
	for _, d := range docs {
		gold := map[mentionKey]int{}
		for _, e := range d.Entities {
			gold[mentionKey{wikigoldNorm(e.Text), e.Type}]++
		}
		a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: d.Text}}}
		if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
			t.Fatal(err)
		}
		pred := map[mentionKey]int{}
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				pred[mentionKey{wikigoldNorm(m.Text), wikigoldType[e.Type]}]++
			}
		}
		var wrong []string
		for k, n := range gold {
			m := pred[k]
			tp[k.typ] += min(n, m)
			if n > m {
				fn[k.typ] += n - m
				wrong = append(wrong, "  missed "+k.typ+" "+k.text)
			}
		}
		for k, m := range pred {
			if n := gold[k]; m > n {
				fp[k.typ] += m - n
				wrong = append(wrong, "  wrong  "+k.typ+" "+k.text)
			}
		}
		if showErrors && len(wrong) > 0 {
			sort.Strings(wrong)
			t.Logf("doc %d:\n%s", d.ID, strings.Join(wrong, "\n"))
		}
	}
	prf := func(types ...string) (p, r, f1 float64) {
		var T, P, N int
		for _, ty := range types {
			T, P, N = T+tp[ty], P+fp[ty], N+fn[ty]
		}
		if T+P > 0 {
			p = float64(T) / float64(T+P)
		}
		if T+N > 0 {
			r = float64(T) / float64(T+N)
		}
		if p+r > 0 {
			f1 = 2 * p * r / (p + r)
		}
		return
	}
	for _, ty := range []string{"PER", "ORG", "LOC", "MISC"} {
		p, r, f1 := prf(ty)
		t.Logf("wikigold-dev %s P=%.3f R=%.3f F1=%.3f", ty, p, r, f1)
	}
	p, r, f1 := prf("PER", "ORG", "LOC")
	t.Logf("wikigold-dev PER+ORG+LOC P=%.3f R=%.3f F1=%.3f (%d docs)", p, r, f1, len(docs))
	if floor := 0.70; f1 < floor {
		t.Errorf("wikigold-dev PER+ORG+LOC F1 %.3f below %.2f", f1, floor)
	}
}
