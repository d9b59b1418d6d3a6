package main

import (
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"lede/evaluate"
)

// TestFundusPublishedTable scores fundus-eval's published extractions and
// compares with the ROUGE-LSum table in its README (v0.2.0). Punkt is
// approximated, yet the table comes out within 0.05 points on the 0–100 scale.
func TestFundusPublishedTable(t *testing.T) {
	dir := datasetDir(t, "fundus-eval")
	d, err := openFundus(dir)
	if err != nil {
		t.Fatal(err)
	}
	published := map[string][3]float64{ // precision, recall, F1 (mean, ×100)
		"fundus":      {99.89, 96.75, 97.69},
		"trafilatura": {93.91, 96.85, 93.62},
		"newsplease":  {97.95, 91.89, 93.39},
		"bte":         {81.09, 98.23, 87.14},
		"justext":     {86.51, 90.23, 86.96},
		"boilernet":   {85.96, 91.21, 86.52},
		"boilerpipe":  {82.89, 82.11, 79.90},
	}
	names := make([]string, 0, len(published))
	for name := range published {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		want := published[name]
		t.Run(name, func(t *testing.T) {
			ext, err := loadFundusArticles(filepath.Join(dir, "extractions", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			bodies := make([][]string, len(d.ids))
			for i, id := range d.ids {
				bodies[i] = ext[id].Body
			}
			s := d.scoreBodies(bodies)
			got := [3]float64{100 * s.Precision, 100 * s.Recall, 100 * s.F1}
			t.Logf("%s: P %.2f R %.2f F1 %.2f (published %.2f %.2f %.2f)", name, got[0], got[1], got[2], want[0], want[1], want[2])
			for k := range got {
				if math.Abs(got[k]-want[k]) > 0.05 {
					t.Errorf("%s: measure %d = %.2f, published %.2f", name, k, got[k], want[k])
				}
			}
		})
	}
}

// datasetDir finds ../shared/datasets/NAME beside the repository, or skips
// with a message saying so.
func datasetDir(t *testing.T, name string) string {
	t.Helper()
	root, ok := evaluate.Datasets()
	if !ok {
		t.Skipf("SKIP: ../shared/datasets not found beside the repository; %s scorer check not run", name)
	}
	dir := filepath.Join(root, name)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("SKIP: dataset %s not present (%v)", name, err)
	}
	return dir
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"One here. Two there! Three?", []string{"One here.", "Two there!", "Three?"}},
		{"Mr. Smith went to Washington. He left.", []string{"Mr. Smith went to Washington.", "He left."}},
		{"The U.S. Senate voted. J. Doe abstained.", []string{"The U.S. Senate voted.", "J. Doe abstained."}},
		{"He said “stop.” Then he left.", []string{"He said “stop.”", "Then he left."}},
		{"Ends with e.g. lower case. Next.", []string{"Ends with e.g. lower case.", "Next."}},
		{"A heading\n\nThen a paragraph.", []string{"A heading\n\nThen a paragraph."}}, // Punkt ignores line breaks
		{"", nil},
	}
	for _, tt := range tests {
		got := splitSentences(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
				break
			}
		}
	}
}

func TestRougeLSum(t *testing.T) {
	tests := []struct {
		name      string
		gold, hyp []string
		want      Score
	}{
		{"identical", []string{"The cat sat on the mat."}, []string{"The cat sat on the mat."}, Score{1, 1, 1}},
		{"one word missing", []string{"The cat sat on the mat."}, []string{"The cat on the mat."}, Score{1, 5.0 / 6, 2 * (5.0 / 6) / (1 + 5.0/6)}},
		// Lin (2004)'s summary-level example: the union LCS of r with c1 and
		// c2 is w1 w2 w3 w5, and w1, though in both candidates, counts once.
		{"union LCS", []string{"w1 w2 w3 w4 w5."}, []string{"w1 w2 w6 w7 w8.", "W1 w3 w8 w9 w5."}, Score{0.4, 0.8, 2 * 0.4 * 0.8 / 1.2}},
		{"empty hypothesis", []string{"Some text."}, nil, Score{}},
		{"optional paragraph dropped", []string{"Kept here.", "[Optional caption]"}, []string{"Kept here."}, Score{1, 1, 1}},
	}
	for _, tt := range tests {
		got := bestRougeLSum(tt.gold, tt.hyp)
		if math.Abs(got.Precision-tt.want.Precision) > 1e-9 || math.Abs(got.Recall-tt.want.Recall) > 1e-9 || math.Abs(got.F1-tt.want.F1) > 1e-9 {
			t.Errorf("%s: got %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestParagraphMatch(t *testing.T) {
	gold := []string{"First paragraph.", "[Optional line]", "Second  paragraph."}
	tests := []struct {
		name string
		hyp  []string
		f1   float64
	}{
		{"exact without the optional", []string{"First paragraph.", "Second paragraph."}, 1},
		{"exact with the optional", []string{"First paragraph.", "Optional line", "Second paragraph."}, 1},
		{"one extra", []string{"First paragraph.", "Second paragraph.", "Share this"}, 0.8},
		{"nothing", nil, 0},
	}
	for _, tt := range tests {
		if got := bestParagraphMatch(gold, tt.hyp); math.Abs(got.F1-tt.f1) > 1e-9 {
			t.Errorf("%s: F1 %v, want %v", tt.name, got.F1, tt.f1)
		}
	}
}

func TestReferenceBodies(t *testing.T) {
	few := []string{"a", "[b]", "c", "[d]"}
	if got := len(referenceBodies(few)); got != 4 {
		t.Errorf("two optional paragraphs: %d bodies, want 4", got)
	}
	many := []string{"[1]", "[2]", "[3]", "[4]", "[5]", "x"}
	bodies := referenceBodies(many)
	if len(bodies) != 2 || len(bodies[0]) != 6 || len(bodies[1]) != 1 {
		t.Errorf("five optional paragraphs: %q, want all kept and none kept", bodies)
	}
}
