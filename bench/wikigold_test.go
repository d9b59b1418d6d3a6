package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"lede/analyze"
	"lede/article"
	"lede/evaluate"
)

// wikigoldDoc is one line of wikigold-dev.jsonl.
type wikigoldDoc struct {
	Text     string `json:"text"`
	Entities []struct {
		Text string `json:"text"`
		Type string `json:"type"`
	} `json:"entities"`
}

// wikigoldMention is a (normalised text, type) pair, the unit the
// acceptance scorer (shared/acceptance/lib/score_wikigold.py) counts.
type wikigoldMention struct{ text, typ string }

func wikigoldNorm(s string) string {
	return strings.ToLower(strings.Trim(strings.Join(strings.Fields(s), " "), ".,;:'\"()"))
}

// TestWikigoldPeers scores lede and the Go library prose v2 (its own
// averaged-perceptron NER model, labels PERSON, GPE, ORG) on wikigold-dev,
// with the acceptance scorer's rules: per document, the multisets of
// (text, type) mentions are intersected; micro P/R/F1 per type and over
// PER+ORG+LOC. Run with -v:
//
//	cd bench && go test -run TestWikigoldPeers -v
func TestWikigoldPeers(t *testing.T) {
	root, ok := evaluate.Datasets()
	if !ok {
		t.Skip("no ../shared/datasets: wikigold-dev not scored")
	}
	f, err := os.Open(filepath.Join(root, "wikigold-dev", "wikigold-dev.jsonl"))
	if err != nil {
		t.Skipf("wikigold-dev: %v", err)
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
	ledeType := map[article.EntityType]string{article.Person: "PER", article.Organization: "ORG", article.Place: "LOC", article.Group: "MISC"}
	proseType := map[string]string{"PERSON": "PER", "GPE": "LOC", "ORG": "ORG", "LOC": "LOC"}
	systems := []struct {
		name string
		find func(text string) []wikigoldMention
	}{
		{"lede", func(text string) []wikigoldMention {
			a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
			if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
				t.Fatal(err)
			}
			var out []wikigoldMention
			for _, e := range a.Entities {
				for _, m := range e.Mentions {
					out = append(out, wikigoldMention{wikigoldNorm(m.Text), ledeType[e.Type]})
				}
			}
			return out
		}},
		{"prose v2.0.0", func(text string) []wikigoldMention {
			doc, err := prose.NewDocument(text, prose.WithSegmentation(false))
			if err != nil {
				t.Fatal(err)
			}
			var out []wikigoldMention
			for _, e := range doc.Entities() {
				typ := proseType[e.Label]
				if typ == "" {
					typ = "MISC"
				}
				out = append(out, wikigoldMention{wikigoldNorm(e.Text), typ})
			}
			return out
		}},
	}
	for _, sys := range systems {
		tp, fp, fn := map[string]int{}, map[string]int{}, map[string]int{}
		for _, d := range docs {
			gold := map[wikigoldMention]int{}
			for _, e := range d.Entities {
				gold[wikigoldMention{wikigoldNorm(e.Text), e.Type}]++
			}
			pred := map[wikigoldMention]int{}
			for _, m := range sys.find(d.Text) {
				pred[m]++
			}
			for k, n := range gold {
				tp[k.typ] += min(n, pred[k])
				fn[k.typ] += max(0, n-pred[k])
			}
			for k, m := range pred {
				fp[k.typ] += max(0, m-gold[k])
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
		var parts []string
		for _, ty := range []string{"PER", "ORG", "LOC"} {
			p, r, f1 := prf(ty)
			parts = append(parts, ty+" "+fmt3(p)+"/"+fmt3(r)+"/"+fmt3(f1))
		}
		p, r, f1 := prf("PER", "ORG", "LOC")
		t.Logf("wikigold-dev %-13s P/R/F1 %s | PER+ORG+LOC %s/%s/%s", sys.name, strings.Join(parts, " "), fmt3(p), fmt3(r), fmt3(f1))
	}
}

func fmt3(x float64) string {
	b, _ := json.Marshal(float64(int(x*1000+0.5)) / 1000)
	return string(b)
}
