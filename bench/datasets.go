package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"lede/evaluate"
)

// Page is one input page of a dataset, in the dataset's order.
type Page struct {
	ID   string
	URL  string
	Path string // the HTML, gzipped or not
	Type string // the page type, for datasets that label one (wcxb)
}

// Dataset is one benchmark: its pages, its gold and its own metric.
type Dataset interface {
	// Layout names the benchmark: aeb, wcxb, mozilla, fundus-eval.
	Layout() string
	Pages() []Page
	// Score rates one system's outputs, given in page order (a failed page
	// is a zero Output), with the metric the benchmark publishes.
	Score(outs []Output) Scores
	// PageF1 is the per-page score behind Score, for --worst.
	PageF1(i int, out Output) float64
	// Gold is the page's reference body, for --diff.
	Gold(i int) string
	// Truncate keeps the first n pages (--limit).
	Truncate(n int)
}

// Scores is one row's quality figures.
type Scores struct {
	Precision, Recall, F1 float64
	// F1Margin is the half-width of the 95% bootstrap interval of F1.
	F1Margin float64
	// Extra holds the benchmark's other figures (snippet rates, metadata
	// match rates, paragraph match), in the order they are shown.
	Extra []Metric
	// Groups breaks the F1 down by page type where the dataset labels one.
	Groups []Group
}

// Metric is one named figure.
type Metric struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// Group is the score of one page type.
type Group struct {
	Name  string  `json:"name"`
	Pages int     `json:"pages"`
	F1    float64 `json:"f1"`
}

// openDataset recognises the layout of dir by the files its benchmark ships.
func openDataset(dir string) (Dataset, error) {
	has := func(name string) bool {
		_, err := os.Stat(filepath.Join(dir, name))
		return err == nil
	}
	switch {
	case has("ground-truth.json") && has("html"):
		return openAEB(dir)
	case has("ground-truth") && has("html"):
		return openWCXB(dir)
	case has("test-pages"):
		return openMozilla(dir)
	case has("ground_truth.json") && has("html"):
		return openFundus(dir)
	}
	return nil, fmt.Errorf("%s: not a dataset layout the bench knows (aeb, wcxb-dev, mozilla, fundus-eval)", dir)
}

// --- aeb: the article-extraction-benchmark, scored by shingle F1 ---

type aebSet struct{ pages []evaluate.AEBPage }

func openAEB(dir string) (*aebSet, error) {
	pages, err := evaluate.LoadAEB(dir)
	if err != nil {
		return nil, fmt.Errorf("aeb: %w", err)
	}
	return &aebSet{pages: pages}, nil
}

func (d *aebSet) Layout() string { return "aeb" }

func (d *aebSet) Pages() []Page {
	out := make([]Page, len(d.pages))
	for i, p := range d.pages {
		out[i] = Page{ID: p.ID, URL: p.URL, Path: p.Path}
	}
	return out
}

func (d *aebSet) Gold(i int) string { return d.pages[i].Gold }
func (d *aebSet) Truncate(n int)    { d.pages = d.pages[:min(n, len(d.pages))] }

func (d *aebSet) PageF1(i int, out Output) float64 {
	_, _, f1 := evaluate.ShingleF1([]evaluate.Counts{evaluate.Shingles(out.Text, d.pages[i].Gold)})
	return f1
}

func (d *aebSet) Score(outs []Output) Scores {
	counts := make([]evaluate.Counts, len(outs))
	for i, out := range outs {
		counts[i] = evaluate.Shingles(out.Text, d.pages[i].Gold)
	}
	return shingleScores(counts)
}

// shingleScores aggregates AEB counts; the bootstrap resamples pages and
// aggregates again, since AEB's F1 is not a mean of page F1s.
func shingleScores(counts []evaluate.Counts) Scores {
	var s Scores
	s.Precision, s.Recall, s.F1 = evaluate.ShingleF1(counts)
	sample := make([]evaluate.Counts, len(counts))
	s.F1Margin = bootstrapMargin(len(counts), func(idx []int) float64 {
		for k, i := range idx {
			sample[k] = counts[i]
		}
		_, _, f1 := evaluate.ShingleF1(sample)
		return f1
	})
	return s
}

// --- wcxb: word F1 per page, by page type, plus snippet rates ---

type wcxbSet struct{ pages []evaluate.WCXBPage }

func openWCXB(dir string) (*wcxbSet, error) {
	pages, err := evaluate.LoadWCXB(dir)
	if err != nil {
		return nil, fmt.Errorf("wcxb: %w", err)
	}
	return &wcxbSet{pages: pages}, nil
}

func (d *wcxbSet) Layout() string { return "wcxb" }

// wcxbTypeOrder is the order WCXB's own evaluate.py prints page types in.
var wcxbTypeOrder = []string{"article", "forum", "product", "collection", "listing", "documentation", "service"}

// wcxbType folds the old "category" label into "collection", as
// WCXB's evaluate.py does.
func wcxbType(t string) string {
	if t == "category" {
		return "collection"
	}
	if t == "" {
		return "article"
	}
	return t
}

func (d *wcxbSet) Pages() []Page {
	out := make([]Page, len(d.pages))
	for i, p := range d.pages {
		out[i] = Page{ID: p.ID, URL: p.URL, Path: p.Path, Type: wcxbType(p.Type)}
	}
	return out
}

func (d *wcxbSet) Gold(i int) string { return d.pages[i].Main }
func (d *wcxbSet) Truncate(n int)    { d.pages = d.pages[:min(n, len(d.pages))] }

func (d *wcxbSet) PageF1(i int, out Output) float64 {
	_, _, f1 := evaluate.WordF1(out.Text, d.pages[i].Main)
	return f1
}

func (d *wcxbSet) Score(outs []Output) Scores {
	ps, rs, fs := make([]float64, len(outs)), make([]float64, len(outs)), make([]float64, len(outs))
	var with, without []float64
	byType := map[string][]float64{}
	for i, out := range outs {
		page := d.pages[i]
		ps[i], rs[i], fs[i] = evaluate.WordF1(out.Text, page.Main)
		t := wcxbType(page.Type)
		byType[t] = append(byType[t], fs[i])
		if rate, ok := snippetRate(out.Text, page.With); ok {
			with = append(with, rate)
		}
		if rate, ok := snippetRate(out.Text, page.Without); ok {
			without = append(without, rate)
		}
	}
	s := meanScores(ps, rs, fs)
	s.Extra = []Metric{
		{Name: "with snippets found", Value: mean(with)},
		{Name: "without snippets found (lower is better)", Value: mean(without)},
	}
	for _, t := range wcxbTypeOrder {
		if f := byType[t]; len(f) > 0 {
			s.Groups = append(s.Groups, Group{Name: t, Pages: len(f), F1: mean(f)})
		}
	}
	return s
}

// snippetRate is the share of snippets found in text, case-folded and with
// runs of white space made one space on both sides (WCXB's evaluate.py
// folds case; the normalising keeps a line break from hiding a snippet).
// A page without snippets of a kind has no rate, rather than WCXB's 1.0,
// which would count a page with no boilerplate snippet as all boilerplate.
func snippetRate(text string, snippets []string) (float64, bool) {
	if len(snippets) == 0 {
		return 0, false
	}
	hay := normaliseSpace(strings.ToLower(text))
	found := 0
	for _, s := range snippets {
		if strings.Contains(hay, normaliseSpace(strings.ToLower(s))) {
			found++
		}
	}
	return float64(found) / float64(len(snippets)), true
}

// --- mozilla: Readability.js's own test pages ---

type mozillaSet struct {
	pages []evaluate.MozillaPage
	gold  []string // expected.html as text
}

// mozillaURL is the address Readability.js's test harness gives every test
// page; expected.html resolves links against it.
const mozillaURL = "http://fakehost/test/page.html"

func openMozilla(dir string) (*mozillaSet, error) {
	pages, err := evaluate.LoadMozilla(dir)
	if err != nil {
		return nil, fmt.Errorf("mozilla: %w", err)
	}
	d := &mozillaSet{pages: pages, gold: make([]string, len(pages))}
	for i, p := range pages {
		raw, err := evaluate.ReadMaybeGzip(p.ExpectedPath)
		if err != nil {
			return nil, fmt.Errorf("mozilla %s: %w", p.Name, err)
		}
		d.gold[i] = evaluate.NaiveText(string(raw))
	}
	return d, nil
}

func (d *mozillaSet) Layout() string { return "mozilla" }

func (d *mozillaSet) Pages() []Page {
	out := make([]Page, len(d.pages))
	for i, p := range d.pages {
		out[i] = Page{ID: p.Name, URL: mozillaURL, Path: p.Path}
	}
	return out
}

func (d *mozillaSet) Gold(i int) string { return d.gold[i] }

func (d *mozillaSet) Truncate(n int) {
	n = min(n, len(d.pages))
	d.pages, d.gold = d.pages[:n], d.gold[:n]
}

func (d *mozillaSet) PageF1(i int, out Output) float64 {
	_, _, f1 := evaluate.WordF1(out.Text, d.gold[i])
	return f1
}

func (d *mozillaSet) Score(outs []Output) Scores {
	ps, rs, fs := make([]float64, len(outs)), make([]float64, len(outs)), make([]float64, len(outs))
	var title, titleStrict, byline, bylineStrict, date []float64
	for i, out := range outs {
		page := d.pages[i]
		ps[i], rs[i], fs[i] = evaluate.WordF1(out.Text, d.gold[i])
		// evaluate's rules, as the dataset tests use them: title and byline
		// over every page (a page without a gold byline wants none, as in
		// Readability.js's own tests), the date over pages whose gold has one.
		strict, loose := evaluate.TitleMatch(out.Title, page.Title)
		title, titleStrict = append(title, matched(loose)), append(titleStrict, matched(strict))
		strict, loose = evaluate.BylineMatch(out.Byline, page.Byline)
		byline, bylineStrict = append(byline, matched(loose)), append(bylineStrict, matched(strict))
		if page.Published != "" {
			date = append(date, matched(evaluate.DateMatch(out.Published, page.Published)))
		}
	}
	s := meanScores(ps, rs, fs)
	s.Extra = []Metric{
		{Name: fmt.Sprintf("title match (%d pages)", len(title)), Value: mean(title)},
		{Name: "title exact", Value: mean(titleStrict)},
		{Name: fmt.Sprintf("byline match (%d pages)", len(byline)), Value: mean(byline)},
		{Name: "byline exact", Value: mean(bylineStrict)},
		{Name: fmt.Sprintf("date match (%d pages)", len(date)), Value: mean(date)},
	}
	return s
}

// --- fundus-eval: ROUGE-LSum and paragraph match (see rouge.go) ---

type fundusSet struct {
	ids   []string
	gold  map[string]fundusArticle
	dir   string
	pages []Page
}

// fundusArticle is one entry of fundus-eval's ground_truth.json (and of
// its extractions/*.json): the body as paragraphs; a paragraph in [brackets]
// is optional, and the reference is the best of keeping or dropping each.
type fundusArticle struct {
	URL  string   `json:"url"`
	Body []string `json:"body"`
}

func openFundus(dir string) (*fundusSet, error) {
	gold, err := loadFundusArticles(filepath.Join(dir, "ground_truth.json"))
	if err != nil {
		return nil, err
	}
	d := &fundusSet{gold: gold, dir: dir}
	for id := range gold {
		d.ids = append(d.ids, id)
	}
	sort.Strings(d.ids)
	for _, id := range d.ids {
		d.pages = append(d.pages, Page{ID: strings.TrimSuffix(id, ".html.gz"), URL: gold[id].URL, Path: filepath.Join(dir, "html", id)})
	}
	return d, nil
}

func loadFundusArticles(path string) (map[string]fundusArticle, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fundus-eval: %w", err)
	}
	var articles map[string]fundusArticle
	if err := json.Unmarshal(raw, &articles); err != nil {
		return nil, fmt.Errorf("fundus-eval %s: %w", path, err)
	}
	if len(articles) == 0 {
		return nil, errors.New("fundus-eval: no articles in " + path)
	}
	return articles, nil
}

func (d *fundusSet) Layout() string { return "fundus-eval" }
func (d *fundusSet) Pages() []Page  { return d.pages }

func (d *fundusSet) Truncate(n int) {
	n = min(n, len(d.pages))
	d.pages, d.ids = d.pages[:n], d.ids[:n]
}

func (d *fundusSet) Gold(i int) string {
	return strings.Join(referenceBodies(d.gold[d.ids[i]].Body)[0], "\n\n")
}

func (d *fundusSet) PageF1(i int, out Output) float64 {
	return bestRougeLSum(d.gold[d.ids[i]].Body, out.Paragraphs).F1
}

func (d *fundusSet) Score(outs []Output) Scores {
	bodies := make([][]string, len(outs))
	for i, out := range outs {
		bodies[i] = out.Paragraphs
	}
	return d.scoreBodies(bodies)
}

// scoreBodies scores extracted bodies (paragraph lists, in page order) the
// way fundus-eval's paper table does: mean ROUGE-LSum precision, recall and
// F1 over pages, plus the mean paragraph-match F1.
func (d *fundusSet) scoreBodies(bodies [][]string) Scores {
	ps, rs, fs := make([]float64, len(bodies)), make([]float64, len(bodies)), make([]float64, len(bodies))
	paragraphs := make([]float64, len(bodies))
	for i, body := range bodies {
		ref := d.gold[d.ids[i]].Body
		r := bestRougeLSum(ref, body)
		ps[i], rs[i], fs[i] = r.Precision, r.Recall, r.F1
		paragraphs[i] = bestParagraphMatch(ref, body).F1
	}
	s := meanScores(ps, rs, fs)
	s.Extra = []Metric{{Name: "paragraph match F1", Value: mean(paragraphs)}}
	return s
}

// --- shared arithmetic ---

// meanScores is the per-page mean of precision, recall and F1, with the
// bootstrap margin of the mean F1.
func meanScores(ps, rs, fs []float64) Scores {
	return Scores{
		Precision: mean(ps), Recall: mean(rs), F1: mean(fs),
		F1Margin: bootstrapMargin(len(fs), func(idx []int) float64 {
			sum := 0.0
			for _, i := range idx {
				sum += fs[i]
			}
			return sum / float64(len(idx))
		}),
	}
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

func matched(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}

func normaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
