package textclean

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

// seedGold is the hand-written gold of the seed scrape
// (testdata/trtworld-karabakh-amnesty.article.json).
type seedGold struct {
	Title  string `json:"title"`
	Dek    string `json:"dek"`
	Agency string `json:"agency"`
	Images []struct {
		Caption string  `json:"caption"`
		Credit  *string `json:"credit"`
	} `json:"images"`
	Related []string `json:"related"`
	Blocks  []struct {
		Kind string `json:"kind"`
		Text string `json:"text"`
	} `json:"blocks"`
}

func readSeed(t *testing.T) (string, seedGold) {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", "trtworld-karabakh-amnesty.txt"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "trtworld-karabakh-amnesty.article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold seedGold
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatalf("seed gold: %v", err)
	}
	return string(text), gold
}

// TestSeedAgainstGold compares the seed's Article with its hand-written
// gold, block by block.
func TestSeedAgainstGold(t *testing.T) {
	text, gold := readSeed(t)
	a, err := FromText(context.Background(), text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != gold.Title {
		t.Errorf("title = %q, want %q", a.Title, gold.Title)
	}
	if a.Dek != gold.Dek {
		t.Errorf("dek = %q, want %q", a.Dek, gold.Dek)
	}
	if a.Agency != gold.Agency {
		t.Errorf("agency = %q, want %q", a.Agency, gold.Agency)
	}
	for i := 0; i < max(len(a.Blocks), len(gold.Blocks)); i++ {
		switch {
		case i >= len(a.Blocks):
			t.Errorf("block %d missing: want %s %.60q", i, gold.Blocks[i].Kind, gold.Blocks[i].Text)
		case i >= len(gold.Blocks):
			t.Errorf("block %d extra: %s %.60q", i, a.Blocks[i].Kind, a.Blocks[i].Text)
		case string(a.Blocks[i].Kind) != gold.Blocks[i].Kind || a.Blocks[i].Text != gold.Blocks[i].Text:
			t.Errorf("block %d = %s %.60q, want %s %.60q", i, a.Blocks[i].Kind, a.Blocks[i].Text, gold.Blocks[i].Kind, gold.Blocks[i].Text)
		}
	}
	if len(a.Images) != len(gold.Images) {
		t.Fatalf("%d images, want %d: %+v", len(a.Images), len(gold.Images), a.Images)
	}
	for i, im := range gold.Images {
		credit := ""
		if im.Credit != nil {
			credit = *im.Credit
		}
		if a.Images[i].Caption != im.Caption || a.Images[i].Credit != credit || a.Images[i].URL != "" {
			t.Errorf("image %d = %+v, want caption %q credit %q", i, a.Images[i], im.Caption, credit)
		}
	}
	if len(a.Related) != len(gold.Related) {
		t.Fatalf("related = %+v, want %q", a.Related, gold.Related)
	}
	for i, r := range gold.Related {
		if a.Related[i].Title != r || a.Related[i].URL != "" {
			t.Errorf("related %d = %+v, want %q", i, a.Related[i], r)
		}
	}
}

// TestSeedVariants: the same scrape stored differently gives the same
// Article: one block per line with no blank line (the way web-corpus dumps
// store text), Windows line ends, stray spaces and a byte-order mark.
func TestSeedVariants(t *testing.T) {
	text, _ := readSeed(t)
	want, err := FromText(context.Background(), text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string]string{
		"no blank lines": strings.ReplaceAll(strings.ReplaceAll(text, "\n\n", "\n"), "\n\n", "\n"),
		"CRLF":           strings.ReplaceAll(text, "\n", "\r\n"),
		"indented, BOM":  "\ufeff" + strings.ReplaceAll(text, "\n", "\n  "),
		"tripled blanks": strings.ReplaceAll(text, "\n\n", "\n\n\n\n"),
	}
	for name, variant := range variants {
		got, err := FromText(context.Background(), variant, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if summary(got) != summary(want) {
			t.Errorf("%s:\n%s\nwant:\n%s", name, summary(got), summary(want))
		}
	}
}

// TestSeedGoldenJSON pins the whole Article of the seed, so any change of
// output shows in review. Rewrite with: go test ./textclean -run Golden -update
func TestSeedGoldenJSON(t *testing.T) {
	text, _ := readSeed(t)
	a, err := FromText(context.Background(), text, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "trtworld-karabakh-amnesty.golden.json"), a)
}

func checkGolden(t *testing.T, path string, a *article.Article) {
	t.Helper()
	golden.CheckJSON(t, path, a)
}
