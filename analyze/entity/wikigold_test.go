package entity_test

import (
	"context"
	"os"
	"sort"
	"strings"
	"testing"

	"lede/analyze"
	"lede/article"
	"lede/evaluate"
)

// wikigoldType maps lede's entity types to the CoNLL types of wikigold, as
// the acceptance scorer (score_wikigold.py) does: a group is MISC.
var wikigoldType = map[article.EntityType]string{
	article.Person: "PER", article.Organization: "ORG", article.Place: "LOC", article.Group: "MISC",
}

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
	docs, err := evaluate.LoadWikigold(dir)
	if err != nil {
		t.Skipf("wikigold-dev not available: %v", err)
	}
	score := evaluate.NewMentionScore()
	showErrors := os.Getenv("LEDE_WIKIGOLD_ERRORS") != ""
	for _, d := range docs {
		var gold, pred []evaluate.Mention
		for _, e := range d.Entities {
			gold = append(gold, evaluate.NewMention(e.Text, e.Type))
		}
		a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: d.Text}}}
		if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Entities {
			for _, m := range e.Mentions {
				pred = append(pred, evaluate.NewMention(m.Text, wikigoldType[e.Type]))
			}
		}
		missed, wrong := score.Add(gold, pred)
		if showErrors && len(missed)+len(wrong) > 0 {
			var lines []string
			for _, m := range missed {
				lines = append(lines, "  missed "+m.Type+" "+m.Text)
			}
			for _, m := range wrong {
				lines = append(lines, "  wrong  "+m.Type+" "+m.Text)
			}
			sort.Strings(lines)
			t.Logf("doc %d:\n%s", d.ID, strings.Join(lines, "\n"))
		}
	}
	for _, ty := range []string{"PER", "ORG", "LOC", "MISC"} {
		p, r, f1 := score.PRF(ty)
		t.Logf("wikigold-dev %s P=%.3f R=%.3f F1=%.3f", ty, p, r, f1)
	}
	p, r, f1 := score.PRF("PER", "ORG", "LOC")
	t.Logf("wikigold-dev PER+ORG+LOC P=%.3f R=%.3f F1=%.3f (%d docs)", p, r, f1, len(docs))
	if floor := 0.70; f1 < floor {
		t.Errorf("wikigold-dev PER+ORG+LOC F1 %.3f below %.2f", f1, floor)
	}
}
