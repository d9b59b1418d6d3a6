package lede

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeedEndToEnd runs the whole pipeline on the bundled seed scrape, as
// `lede analyze` does: decode detects plain text, textclean rebuilds the
// article, analysis finds the statements. The stages have their own golden
// tests; this one checks that nothing is lost between them — every gold
// block comes through and every gold statement is found with its speaker.
func TestSeedEndToEnd(t *testing.T) {
	a, err := ExtractFile(context.Background(), filepath.Join("testdata", "example", "trtworld-karabakh-amnesty.txt"), Options{Analyze: true})
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Title, Dek string
		Blocks     []struct{ Kind, Text string }
		Quotes     []struct{ Kind, Speaker, Text string }
	}
	// The gold files live with the stage tests that own them.
	for _, f := range []string{"textclean/testdata/trtworld-karabakh-amnesty.article.json", "analyze/testdata/trtworld-karabakh-amnesty.analysis.json"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &gold); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if a.Title != gold.Title || a.Dek != gold.Dek {
		t.Errorf("title/dek = %q / %q", a.Title, a.Dek)
	}
	if len(a.Blocks) != len(gold.Blocks) {
		t.Fatalf("%d blocks, gold has %d", len(a.Blocks), len(gold.Blocks))
	}
	for i, g := range gold.Blocks {
		if string(a.Blocks[i].Kind) != g.Kind || a.Blocks[i].Text != g.Text {
			t.Errorf("block %d = %s %q, gold %s %q", i, a.Blocks[i].Kind, a.Blocks[i].Text, g.Kind, g.Text)
		}
	}
	for _, g := range gold.Quotes {
		found := false
		for _, q := range a.Quotes {
			if q.Speaker != nil && q.Speaker.Name == g.Speaker && string(q.Kind) == g.Kind &&
				strings.TrimRight(q.Text, ",. ") == strings.TrimRight(g.Text, ",. ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("statement not found: %s %q by %s", g.Kind, g.Text, g.Speaker)
		}
	}
}
