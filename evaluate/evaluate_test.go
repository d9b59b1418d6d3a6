package evaluate

import (
	"bytes"
	"compress/gzip"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case 3.14", []string{"snake_case", "3", "14"}},
		{"Ереван — Баку", []string{"Ереван", "Баку"}},
		{"don’t", []string{"don", "t"}},
		{"日本語", []string{"日本語"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestShingles(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold string
		want       Counts
	}{
		{"both empty", "", "", Counts{}},
		{"identical", "a b c d e", "a b c d e", Counts{TP: 1}},
		{"short texts are one shingle", "a b", "a b", Counts{TP: 1}},
		{"nothing predicted", "", "a b c d e", Counts{FN: 1}},
		// pred shingles: abcd bcde cdex; gold: abcd bcde → 2 TP, 1 FP.
		{"one extra", "a b c d e x", "a b c d e", Counts{TP: 2.0 / 3, FP: 1.0 / 3}},
		{"repeats count", "a b c d a b c d", "a b c d", Counts{TP: 1.0 / 5, FP: 4.0 / 5}},
	}
	for _, tt := range tests {
		got := Shingles(tt.pred, tt.gold)
		if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
			t.Errorf("%s: Shingles = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestShingleF1(t *testing.T) {
	p, r, f := ShingleF1([]Counts{{TP: 1}, {TP: 0.5, FP: 0.5}, {FN: 1}})
	// precision over pages that predicted: (1 + 0.5)/2; recall over all three: (1+1+0)/3.
	if !near(p, 0.75) || !near(r, 2.0/3) || !near(f, 2*0.75*(2.0/3)/(0.75+2.0/3)) {
		t.Errorf("ShingleF1 = %v %v %v", p, r, f)
	}
}

func TestWordF1(t *testing.T) {
	tests := []struct {
		pred, gold string
		p, r       float64
	}{
		{"", "", 1, 1},
		{"x", "", 0, 0},
		{"", "x", 0, 0},
		{"The cat sat", "the cat", 2.0 / 3, 1},
		{"a a b", "a b b", 2.0 / 3, 2.0 / 3},
	}
	for _, tt := range tests {
		p, r, _ := WordF1(tt.pred, tt.gold)
		if !near(p, tt.p) || !near(r, tt.r) {
			t.Errorf("WordF1(%q, %q) = %v %v, want %v %v", tt.pred, tt.gold, p, r, tt.p, tt.r)
		}
	}
}

func TestNaiveText(t *testing.T) {
	src := `<html><head><title>T</title><style>p{}</style><script>var x</script></head><body>
<nav><a href="/">Home</a> <a href="/w">World</a></nav>
<h1>Head <em>line</em></h1><p>One   <b>bold</b>
 word.</p><div>Two<br>Three</div><noscript>Enable JS</noscript></body></html>`
	want := "Home World\n\nHead line\n\nOne bold word.\n\nTwo\n\nThree"
	if got := NaiveText(src); got != want {
		t.Errorf("NaiveText = %q, want %q", got, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestAEBPublishedTable scores the peers' published AEB outputs and must
// reproduce the F1 column of the benchmark's README.rst.
func TestAEBPublishedTable(t *testing.T) {
	dir, ok := Datasets()
	if !ok {
		t.Skip("SKIP: ../shared/datasets not found (fresh clone): AEB scorer check not run")
	}
	pages, err := LoadAEB(filepath.Join(dir, "aeb"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"trafilatura": 0.958, "go_trafilatura": 0.960, "readability_js": 0.947, "rs_trafilatura": 0.970}
	for sys, f1 := range want {
		out, err := LoadAEBOutput(filepath.Join(dir, "aeb", "output", sys+".json"))
		if err != nil {
			t.Fatal(err)
		}
		cs := make([]Counts, len(pages))
		for i, pg := range pages {
			cs[i] = Shingles(out[pg.ID], pg.Gold)
		}
		_, _, got := ShingleF1(cs)
		t.Logf("%-15s F1 %.4f (published %.3f)", sys, got, f1)
		if math.Abs(got-f1) > 0.001 {
			t.Errorf("%s: F1 %.4f, published %.3f", sys, got, f1)
		}
	}
}

func TestReadMaybeGzip(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>Storm hits the coast.</p>\n", 500)
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte(page))
	zw.Close()
	tests := []struct {
		name    string
		content []byte
		want    string
		wantErr bool
	}{
		{"plain", []byte(page), page, false},
		{"gzip", zipped.Bytes(), page, false},
		{"cut gzip", zipped.Bytes()[:zipped.Len()/2], "", true},
		{"empty", nil, "", false},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.name)
		if err := os.WriteFile(path, tt.content, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadMaybeGzip(path)
		if (err != nil) != tt.wantErr || string(got) != tt.want {
			t.Errorf("%s: got %d bytes, err %v; want %d bytes, error %v", tt.name, len(got), err, len(tt.want), tt.wantErr)
		}
	}
	if _, err := ReadMaybeGzip(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file: no error")
	}
}
