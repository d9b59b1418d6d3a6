package main

import (
	"math"
	"path/filepath"
	"testing"

	"lede/evaluate"
)

// TestAEBPublishedTable scores AEB's published outputs through the bench's
// own path (shingleScores) and checks the README.rst table.
func TestAEBPublishedTable(t *testing.T) {
	dir := datasetDir(t, "aeb")
	d, err := openAEB(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		system string
		f1     float64
	}{
		{"trafilatura", 0.958},
		{"go_trafilatura", 0.960},
		{"readability_js", 0.947},
		{"rs_trafilatura", 0.970},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			bodies, err := evaluate.LoadAEBOutput(filepath.Join(dir, "output", tt.system+".json"))
			if err != nil {
				t.Fatal(err)
			}
			outs := make([]Output, len(d.pages))
			for i, p := range d.pages {
				outs[i] = Output{Text: bodies[p.ID]}
			}
			s := d.Score(outs)
			t.Logf("%s: P %.4f R %.4f F1 %.4f ± %.4f (published %.3f)", tt.system, s.Precision, s.Recall, s.F1, s.F1Margin, tt.f1)
			if math.Abs(s.F1-tt.f1) > 0.001 {
				t.Errorf("%s: F1 %.4f, published %.3f", tt.system, s.F1, tt.f1)
			}
			if s.F1Margin <= 0 || s.F1Margin > 0.05 {
				t.Errorf("%s: bootstrap margin %.4f out of any plausible range", tt.system, s.F1Margin)
			}
		})
	}
}

func TestSnippetRate(t *testing.T) {
	tests := []struct {
		text     string
		snippets []string
		want     float64
		ok       bool
	}{
		{"The quick\nbrown fox", []string{"quick brown"}, 1, true},
		{"The Quick brown fox", []string{"quick brown", "lazy dog"}, 0.5, true},
		{"anything", nil, 0, false},
	}
	for _, tt := range tests {
		got, ok := snippetRate(tt.text, tt.snippets)
		if got != tt.want || ok != tt.ok {
			t.Errorf("snippetRate(%q, %q) = %v, %v; want %v, %v", tt.text, tt.snippets, got, ok, tt.want, tt.ok)
		}
	}
}

func TestBootstrapMargin(t *testing.T) {
	constant := func(idx []int) float64 { return 0.5 }
	if m := bootstrapMargin(100, constant); m != 0 {
		t.Errorf("constant statistic: margin %v, want 0", m)
	}
	values := make([]float64, 200)
	for i := range values {
		values[i] = float64(i % 2) // half zeros, half ones: mean 0.5, sd 0.5
	}
	m := bootstrapMargin(len(values), func(idx []int) float64 {
		sum := 0.0
		for _, i := range idx {
			sum += values[i]
		}
		return sum / float64(len(idx))
	})
	// 1.96 × 0.5/√200 ≈ 0.069
	if m < 0.05 || m > 0.09 {
		t.Errorf("margin of a 200-page mean %.4f, want about 0.069", m)
	}
	if again := bootstrapMargin(len(values), func(idx []int) float64 {
		sum := 0.0
		for _, i := range idx {
			sum += values[i]
		}
		return sum / float64(len(idx))
	}); again != m {
		t.Errorf("fixed seed: %v then %v", m, again)
	}
}
