package evaluate

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"lede/article"
)

// PolNeARDoc is one PolNeAR article with its gold attribution spans.
type PolNeARDoc struct {
	Name string // file name without extension
	Text string
	// Spans by role ("Source", "Cue", "Content"). Each span is one or more
	// fragments, in rune offsets of Text as the brat files give them.
	Spans map[string][][]RuneSpan
}

// RuneSpan is [Start, End) in runes (Unicode code points) of a text.
type RuneSpan struct{ Start, End int }

// LoadPolNeAR reads one split ("train", "dev") of the PolNeAR corpus in dir
// (…/datasets/polnear): text/NAME.txt and attributions/NAME_ANNOTATOR.ann.
// Where several annotators labelled a text, the first file in name order is
// used. Docs are sorted by name.
func LoadPolNeAR(dir, split string) ([]PolNeARDoc, error) {
	anns, err := filepath.Glob(filepath.Join(dir, split, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	sort.Strings(anns)
	var docs []PolNeARDoc
	seen := map[string]bool{}
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		name := base[:max(strings.LastIndexByte(base, '_'), 0)]
		if seen[name] {
			continue
		}
		seen[name] = true
		text, err := os.ReadFile(filepath.Join(dir, split, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		b, err := os.ReadFile(ann)
		if err != nil {
			return nil, fmt.Errorf("polnear: %w", err)
		}
		spans, err := parseBrat(string(b))
		if err != nil {
			return nil, fmt.Errorf("polnear %s: %w", ann, err)
		}
		docs = append(docs, PolNeARDoc{Name: name, Text: string(text), Spans: spans})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("polnear: no annotations under %s", filepath.Join(dir, split))
	}
	return docs, nil
}

// parseBrat reads the text-bound annotations of a brat file: lines
// "T9<TAB>Content 315 448;463 553<TAB>words".
func parseBrat(src string) (map[string][][]RuneSpan, error) {
	out := map[string][][]RuneSpan{}
	for n, line := range strings.Split(src, "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || !strings.HasPrefix(f[0], "T") {
			continue
		}
		role, offsets, ok := strings.Cut(f[1], " ")
		if !ok || role != "Source" && role != "Cue" && role != "Content" {
			continue
		}
		var frags []RuneSpan
		for _, part := range strings.Split(offsets, ";") {
			a, b, ok := strings.Cut(strings.TrimSpace(part), " ")
			start, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if !ok || err1 != nil || err2 != nil || end < start {
				return nil, fmt.Errorf("line %d: bad offsets %q", n+1, offsets)
			}
			frags = append(frags, RuneSpan{start, end})
		}
		out[role] = append(out[role], frags)
	}
	return out, nil
}

// PRF is precision, recall and F1 with the counts behind them.
type PRF struct {
	P, R, F1            float64
	Matched, Pred, Gold int
}

// NewPRF is the scores of the given counts: P = matched / pred,
// R = matched / gold, F1 their harmonic mean (0 where undefined). The bench
// uses it to score a bootstrap resample of articles from their counts.
func NewPRF(matched, pred, gold int) PRF {
	s := PRF{Matched: matched, Pred: pred, Gold: gold}
	s.finish()
	return s
}

// add adds o's counts to s's; finish recomputes the ratios.
func (s *PRF) add(o PRF) {
	s.Matched += o.Matched
	s.Pred += o.Pred
	s.Gold += o.Gold
}

func (s *PRF) finish() {
	if s.Pred > 0 {
		s.P = float64(s.Matched) / float64(s.Pred)
	}
	if s.Gold > 0 {
		s.R = float64(s.Matched) / float64(s.Gold)
	}
	if s.P+s.R > 0 {
		s.F1 = 2 * s.P * s.R / (s.P + s.R)
	}
}

// RoleScores is one role's scores under both matching rules.
type RoleScores struct{ Exact, Overlap PRF }

// add adds o's counts to r's under both rules.
func (r *RoleScores) add(o RoleScores) {
	r.Exact.add(o.Exact)
	r.Overlap.add(o.Overlap)
}

func (r *RoleScores) finish() {
	r.Exact.finish()
	r.Overlap.finish()
}

// PolNeARScores is the span scores of an analyser on a PolNeAR split.
type PolNeARScores struct {
	Articles             int
	Content, Source, Cue RoleScores
	// PerArticle holds each article's own counts (and its own P, R, F1), in
	// the order the articles were scored; their counts sum to the totals
	// above. A bootstrap over articles resamples these.
	PerArticle []PolNeARArticleScores
}

// PolNeARArticleScores is the span scores of one article.
type PolNeARArticleScores struct {
	Name                 string
	Content, Source, Cue RoleScores
}

// PolNeARPredictor returns the spans predicted in one PolNeAR text by role
// ("Content", "Source", "Cue"), each span one or more fragments in rune
// offsets of the text.
type PolNeARPredictor func(ctx context.Context, text string) (map[string][][]RuneSpan, error)

// ScorePolNeAR runs analyze on every article of the dev split of PolNeAR
// (dir is …/datasets/polnear) and scores the predicted Content, Source and
// Cue spans against the gold ones.
//
// Each text becomes an article whose blocks are its paragraphs (split on
// blank lines); predicted spans are mapped back to rune offsets of the text.
// Predicted attributions are the article's quotes grouped by cue span
// (the halves of a split quotation are one attribution): the content is the
// union of the quotes' spans (a partial quote's clause, not just its quoted
// words, and a "that" right before it, which PolNeAR counts as content),
// the source is the speaker's span, the cue is the cue span.
//
// Matching rule. A span is compared by its word tokens (runs of \w, as
// Tokens defines them; a token belongs to a span when its first rune lies in
// one of the span's fragments), so quotation marks and punctuation do not
// count. Within one article and one role, distinct predicted and gold spans
// are matched one-to-one, greedily by the number of shared tokens:
//   - exact: the two token sets are equal;
//   - overlap: the shared tokens are at least half of the predicted span's
//     tokens and at least half of the gold span's tokens.
//
// P = matched / predicted spans, R = matched / gold spans, F1 their harmonic
// mean, all micro-averaged over the split.
func ScorePolNeAR(ctx context.Context, dir string, analyze func(context.Context, *article.Article) error) (PolNeARScores, error) {
	return ScorePolNeARSplit(ctx, dir, "dev", analyze)
}

// ScorePolNeARSplit is ScorePolNeAR on another split: "train" is the one to
// tune rules on, so that dev stays a fair measure.
func ScorePolNeARSplit(ctx context.Context, dir, split string, analyze func(context.Context, *article.Article) error) (PolNeARScores, error) {
	docs, err := LoadPolNeAR(dir, split)
	if err != nil {
		return PolNeARScores{}, err
	}
	return scorePolNeARDocs(ctx, docs, func(ctx context.Context, text string) (map[string][][]RuneSpan, error) {
		return predictPolNeAR(ctx, text, analyze)
	})
}

// ScorePolNeARSpans scores predict's spans on the dev split of PolNeAR
// under the matching rule of ScorePolNeAR. It serves predictors that read
// the plain text directly, such as the quote-marks-only baseline
// (PolNeARQuoteMarks).
func ScorePolNeARSpans(ctx context.Context, dir string, predict PolNeARPredictor) (PolNeARScores, error) {
	docs, err := LoadPolNeAR(dir, "dev")
	if err != nil {
		return PolNeARScores{}, err
	}
	return scorePolNeARDocs(ctx, docs, predict)
}

// scorePolNeARDocs scores predict on docs, article by article.
func scorePolNeARDocs(ctx context.Context, docs []PolNeARDoc, predict PolNeARPredictor) (PolNeARScores, error) {
	var sc PolNeARScores
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return sc, err
		}
		pred, err := predict(ctx, d.Text)
		if err != nil {
			return sc, fmt.Errorf("polnear %s: %w", d.Name, err)
		}
		toks := tokenStarts(d.Text)
		one := PolNeARArticleScores{Name: d.Name}
		scoreRole(&one.Content, toks, pred["Content"], d.Spans["Content"])
		scoreRole(&one.Source, toks, pred["Source"], d.Spans["Source"])
		scoreRole(&one.Cue, toks, pred["Cue"], d.Spans["Cue"])
		sc.Content.add(one.Content)
		sc.Source.add(one.Source)
		sc.Cue.add(one.Cue)
		for _, r := range []*RoleScores{&one.Content, &one.Source, &one.Cue} {
			r.finish()
		}
		sc.PerArticle = append(sc.PerArticle, one)
		sc.Articles++
	}
	for _, r := range []*RoleScores{&sc.Content, &sc.Source, &sc.Cue} {
		r.finish()
	}
	return sc, nil
}

// quoteMarkPairs are the quotation marks the quote-marks-only baseline pairs
// up: an opening mark and the mark that closes it. Only double marks are
// listed: the single ones (’ and ') are also apostrophes ("Clinton’s"), so
// pairing them would take the text between two possessives for a quote.
var quoteMarkPairs = map[rune]rune{
	'“': '”', // English curly quotes
	'"': '"', // straight quotes: the same mark opens and closes
	'«': '»', // guillemets
	'„': '“', // German low-high quotes
}

// QuoteMarkSpans returns the spans between matching quotation marks
// (quoteMarkPairs), marks excluded, in rune offsets of text. A quote does
// not run past a blank line: an opening mark whose paragraph ends before
// its closing mark is dropped (news prose reopens a quote that runs over
// several paragraphs, without closing it, at the start of each). Quotes
// with no word inside are dropped.
func QuoteMarkSpans(text string) []RuneSpan {
	var out []RuneSpan
	open, closer := -1, rune(0) // rune offset just after the opening mark, and the mark that closes it
	lineBlank := true           // the current line holds only white space so far
	hasWord := false            // the open quote holds a word rune
	r := 0
	for _, c := range text {
		switch {
		case c == '\n':
			if lineBlank {
				open = -1
			}
			lineBlank = true
		case open >= 0 && c == closer:
			if hasWord {
				out = append(out, RuneSpan{open, r})
			}
			open = -1
		case open < 0 && quoteMarkPairs[c] != 0:
			open, closer, hasWord = r+1, quoteMarkPairs[c], false
		}
		if !unicode.IsSpace(c) {
			lineBlank = false
		}
		if isWordRune(c) {
			hasWord = true
		}
		r++
	}
	return out
}

// PolNeARQuoteMarks is the quote-marks-only baseline as a PolNeARPredictor:
// every span between matching quotation marks is a content span, with no
// source and no cue.
func PolNeARQuoteMarks(_ context.Context, text string) (map[string][][]RuneSpan, error) {
	out := map[string][][]RuneSpan{}
	for _, s := range QuoteMarkSpans(text) {
		out["Content"] = append(out["Content"], []RuneSpan{s})
	}
	return out, nil
}

// PolNeARArticle splits a text into paragraph blocks on blank lines. It
// returns the article and each block's byte offset in the text.
func PolNeARArticle(text string) (*article.Article, []int) {
	a := &article.Article{}
	var offsets []int
	lines := strings.SplitAfter(text, "\n")
	pos, start, end := 0, -1, 0
	flush := func() {
		if start >= 0 {
			a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: strings.TrimRight(text[start:end], "\n\r")})
			offsets = append(offsets, start)
		}
		start = -1
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
		} else {
			if start < 0 {
				start = pos
			}
			end = pos + len(l)
		}
		pos += len(l)
	}
	flush()
	return a, offsets
}

// predictPolNeAR analyses a text and returns the predicted spans by role.
func predictPolNeAR(ctx context.Context, text string, analyze func(context.Context, *article.Article) error) (map[string][][]RuneSpan, error) {
	a, offsets := PolNeARArticle(text)
	if err := analyze(ctx, a); err != nil {
		return nil, err
	}
	runeAt := make([]int, len(text)+1) // byte offset → rune offset
	r := 0
	for i := range text {
		for j := i; j < len(text) && (j == i || !utf8.RuneStart(text[j])); j++ {
			runeAt[j] = r
		}
		r++
	}
	runeAt[len(text)] = r
	conv := func(s article.Span) (RuneSpan, bool) {
		if s.Block < 0 || s.Block >= len(offsets) || s.Start < 0 || s.End > len(a.Blocks[s.Block].Text) || s.End <= s.Start {
			return RuneSpan{}, false
		}
		o := offsets[s.Block]
		return RuneSpan{runeAt[o+s.Start], runeAt[o+s.End]}, true
	}
	type group struct{ content, source, cue []RuneSpan }
	groups := map[string]*group{}
	var order []string
	for i, q := range a.Quotes {
		key := fmt.Sprintf("q%d", i)
		if q.CueSpan != nil {
			key = fmt.Sprintf("c%d:%d", q.CueSpan.Block, q.CueSpan.Start)
		}
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
			order = append(order, key)
		}
		content := q.Span
		if q.Clause != nil {
			content = *q.Clause
		}
		content = withThat(a, content)
		if s, ok := conv(content); ok && !containsSpan(g.content, s) {
			g.content = append(g.content, s)
		}
		if q.Speaker != nil && q.Speaker.Span != nil && len(g.source) == 0 {
			if s, ok := conv(*q.Speaker.Span); ok {
				g.source = append(g.source, s)
			}
		}
		if q.CueSpan != nil && len(g.cue) == 0 {
			if s, ok := conv(*q.CueSpan); ok {
				g.cue = append(g.cue, s)
			}
		}
	}
	out := map[string][][]RuneSpan{}
	for _, k := range order {
		g := groups[k]
		for role, frags := range map[string][]RuneSpan{"Content": g.content, "Source": g.source, "Cue": g.cue} {
			if len(frags) > 0 {
				out[role] = append(out[role], frags)
			}
		}
	}
	return out, nil
}

// withThat extends a content span over a "that" right before it: PolNeAR
// marks the complementiser as part of the content ("said [that it was
// over]"), lede's quotes leave it out ("it was over").
func withThat(a *article.Article, s article.Span) article.Span {
	if s.Block < 0 || s.Block >= len(a.Blocks) || s.Start > len(a.Blocks[s.Block].Text) {
		return s
	}
	before := strings.TrimRight(a.Blocks[s.Block].Text[:s.Start], " ")
	if strings.HasSuffix(before, "that") && (len(before) == 4 || !isWordRune(rune(before[len(before)-5]))) {
		s.Start = len(before) - 4
	}
	return s
}

func containsSpan(list []RuneSpan, s RuneSpan) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tokenStarts returns the rune offsets where the word tokens of text start.
func tokenStarts(text string) []int {
	var out []int
	in := false
	r := 0
	for _, c := range text {
		w := isWordRune(c)
		if w && !in {
			out = append(out, r)
		}
		in = w
		r++
	}
	return out
}

// tokenSet is the set of token indexes whose first rune lies in the
// span's fragments, as a sorted list.
func tokenSet(starts []int, frags []RuneSpan) []int {
	var out []int
	for _, f := range frags {
		lo := sort.SearchInts(starts, f.Start)
		for i := lo; i < len(starts) && starts[i] < f.End; i++ {
			out = append(out, i)
		}
	}
	sort.Ints(out)
	k := 0
	for i, v := range out {
		if i == 0 || v != out[k-1] {
			out[k] = v
			k++
		}
	}
	return out[:k]
}

// scoreRole matches one article's predicted and gold spans of one role and
// adds the counts to rs.
func scoreRole(rs *RoleScores, starts []int, pred, gold [][]RuneSpan) {
	ps, gs := distinctSets(starts, pred), distinctSets(starts, gold)
	rs.Exact.Pred += len(ps)
	rs.Overlap.Pred += len(ps)
	rs.Exact.Gold += len(gs)
	rs.Overlap.Gold += len(gs)
	type pair struct{ p, g, shared int }
	var exact, overlap []pair
	for i, p := range ps {
		for j, g := range gs {
			n := shared(p, g)
			if n == 0 {
				continue
			}
			if n == len(p) && n == len(g) {
				exact = append(exact, pair{i, j, n})
			}
			if 2*n >= len(p) && 2*n >= len(g) {
				overlap = append(overlap, pair{i, j, n})
			}
		}
	}
	match := func(pairs []pair) int {
		sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].shared > pairs[b].shared })
		usedP, usedG := map[int]bool{}, map[int]bool{}
		n := 0
		for _, x := range pairs {
			if !usedP[x.p] && !usedG[x.g] {
				usedP[x.p], usedG[x.g] = true, true
				n++
			}
		}
		return n
	}
	rs.Exact.Matched += match(exact)
	rs.Overlap.Matched += match(overlap)
}

// distinctSets turns spans into token sets, dropping empty and repeated ones
// (a gold source shared by two attributions counts once).
func distinctSets(starts []int, spans [][]RuneSpan) [][]int {
	var out [][]int
	seen := map[string]bool{}
	for _, s := range spans {
		set := tokenSet(starts, s)
		if len(set) == 0 {
			continue
		}
		key := fmt.Sprint(set)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, set)
	}
	return out
}

// shared counts the common elements of two sorted lists.
func shared(a, b []int) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}
