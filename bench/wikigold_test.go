package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"lede/analyze"
	"lede/article"
	"lede/evaluate"
)

// TestWikigoldPeers scores lede and the Go library prose v2 (its own
// averaged-perceptron NER model, labels PERSON, GPE, ORG) on wikigold-dev,
// with the acceptance scorer's rules (evaluate.MentionScore): per document,
// the multisets of (text, type) mentions are intersected; micro P/R/F1 per
// type and over PER+ORG+LOC. Run with -v:
//
//	cd bench && go test -run TestWikigoldPeers -v
func TestWikigoldPeers(t *testing.T) {
	root, ok := evaluate.Datasets()
	if !ok {
		t.Skip("no ../shared/datasets: wikigold-dev not scored")
	}
	docs, err := evaluate.LoadWikigold(root)
	if err != nil {
		t.Skipf("wikigold-dev: %v", err)
	}
	ledeType := map[article.EntityType]string{article.Person: "PER", article.Organization: "ORG", article.Place: "LOC", article.Group: "MISC"}
	proseType := map[string]string{"PERSON": "PER", "GPE": "LOC", "ORG": "ORG", "LOC": "LOC"}
	systems := []struct {
		name string
		find func(text string) []evaluate.Mention
	}{
		{"lede", func(text string) []evaluate.Mention {
			a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
			if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
				t.Fatal(err)
			}
			var out []evaluate.Mention
			for _, e := range a.Entities {
				for _, m := range e.Mentions {
					out = append(out, evaluate.NewMention(m.Text, ledeType[e.Type]))
				}
			}
			return out
		}},
		{"prose v2.0.0", func(text string) []evaluate.Mention {
			doc, err := prose.NewDocument(text, prose.WithSegmentation(false))
			if err != nil {
				t.Fatal(err)
			}
			var out []evaluate.Mention
			for _, e := range doc.Entities() {
				typ := proseType[e.Label]
				if typ == "" {
					typ = "MISC"
				}
				out = append(out, evaluate.NewMention(e.Text, typ))
			}
			return out
		}},
	}
	for _, sys := range systems {
		score := evaluate.NewMentionScore()
		for _, d := range docs {
			var gold []evaluate.Mention
			for _, e := range d.Entities {
				gold = append(gold, evaluate.NewMention(e.Text, e.Type))
			}
			score.Add(gold, sys.find(d.Text))
		}
		var parts []string
		for _, ty := range []string{"PER", "ORG", "LOC"} {
			p, r, f1 := score.PRF(ty)
			parts = append(parts, fmt.Sprintf("%s %.3f/%.3f/%.3f", ty, p, r, f1))
		}
		p, r, f1 := score.PRF("PER", "ORG", "LOC")
		t.Logf("wikigold-dev %-13s P/R/F1 %s | PER+ORG+LOC %.3f/%.3f/%.3f", sys.name, strings.Join(parts, " "), p, r, f1)
	}
}
