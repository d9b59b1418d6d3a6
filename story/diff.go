package story

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// op is one step of an alignment: a base word kept (both set), dropped
// (only a) or added (only b). Indexes are into the words of each text.
type op struct{ a, b int }

const none = -1

// alignWords aligns two word sequences: common prefix and suffix, then
// words that occur once in each as anchors (patience diff), and a longest
// common subsequence inside the stretches between anchors. Each stretch is
// bounded, so a long pair of unrelated texts costs no more than a few
// million steps.
func alignWords(a, b []word) []op {
	var out []op
	var rec func(alo, ahi, blo, bhi int)
	rec = func(alo, ahi, blo, bhi int) {
		for alo < ahi && blo < bhi && a[alo].key == b[blo].key {
			out = append(out, op{alo, blo})
			alo++
			blo++
		}
		var tail []op
		for alo < ahi && blo < bhi && a[ahi-1].key == b[bhi-1].key {
			ahi--
			bhi--
			tail = append(tail, op{ahi, bhi})
		}
		defer func() {
			for i := len(tail) - 1; i >= 0; i-- {
				out = append(out, tail[i])
			}
		}()
		n, m := ahi-alo, bhi-blo
		if n == 0 || m == 0 || n*m <= 250_000 {
			out = append(out, lcs(a[alo:ahi], b[blo:bhi], alo, blo)...)
			return
		}
		anchors := uniqueAnchors(a[alo:ahi], b[blo:bhi])
		if len(anchors) == 0 {
			if n*m <= 4_000_000 {
				out = append(out, lcs(a[alo:ahi], b[blo:bhi], alo, blo)...)
				return
			}
			for i := alo; i < ahi; i++ {
				out = append(out, op{i, none})
			}
			for j := blo; j < bhi; j++ {
				out = append(out, op{none, j})
			}
			return
		}
		pa, pb := alo, blo
		for _, an := range anchors {
			rec(pa, alo+an.a, pb, blo+an.b)
			out = append(out, op{alo + an.a, blo + an.b})
			pa, pb = alo+an.a+1, blo+an.b+1
		}
		rec(pa, ahi, pb, bhi)
	}
	rec(0, len(a), 0, len(b))
	return out
}

// uniqueAnchors are the words found exactly once in each of a and b, the
// longest run of them in the same order in both.
func uniqueAnchors(a, b []word) []op {
	count := func(ws []word) map[string]int {
		m := map[string]int{}
		for i, w := range ws {
			if _, ok := m[w.key]; ok {
				m[w.key] = -1
			} else {
				m[w.key] = i
			}
		}
		return m
	}
	ca, cb := count(a), count(b)
	var pairs []op
	for i, w := range a {
		if ca[w.key] == i {
			if j, ok := cb[w.key]; ok && j >= 0 {
				pairs = append(pairs, op{i, j})
			}
		}
	}
	// Longest increasing subsequence of the b positions (patience sort).
	var piles []int
	prev := make([]int, len(pairs))
	for i, p := range pairs {
		k, _ := slices.BinarySearchFunc(piles, p.b, func(idx, target int) int { return pairs[idx].b - target })
		if k > 0 {
			prev[i] = piles[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(piles) {
			piles = append(piles, i)
		} else {
			piles[k] = i
		}
	}
	if len(piles) == 0 {
		return nil
	}
	out := make([]op, len(piles))
	for i, k := len(piles)-1, piles[len(piles)-1]; i >= 0; i, k = i-1, prev[k] {
		out[i] = pairs[k]
	}
	return out
}

// lcs aligns two short sequences by a longest common subsequence table.
func lcs(a, b []word, aoff, boff int) []op {
	n, m := len(a), len(b)
	t := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int32 { return t[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				t[i*(m+1)+j] = at(i+1, j+1) + 1
			} else {
				t[i*(m+1)+j] = max(at(i+1, j), at(i, j+1))
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i].key == b[j].key:
			out = append(out, op{aoff + i, boff + j})
			i++
			j++
		case at(i+1, j) >= at(i, j+1):
			out = append(out, op{aoff + i, none})
			i++
		default:
			out = append(out, op{none, boff + j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, op{aoff + i, none})
	}
	for ; j < m; j++ {
		out = append(out, op{none, boff + j})
	}
	return out
}

// absorbShortEqualities turns runs of fewer than alignEqualMin kept words
// between two edits into part of the edit, so "fighters who give up their
// arms" → "separatists who lay down their weapons" reads as one change
// rather than three. A paragraph break is never absorbed.
func absorbShortEqualities(ops []op, a []word) []op {
	out := make([]op, 0, len(ops))
	for i := 0; i < len(ops); {
		if ops[i].a == none || ops[i].b == none {
			out = append(out, ops[i])
			i++
			continue
		}
		j := i
		hasBreak := false
		for j < len(ops) && ops[j].a != none && ops[j].b != none {
			hasBreak = hasBreak || a[ops[j].a].breakTok
			j++
		}
		editBefore := i > 0 && (ops[i-1].a == none || ops[i-1].b == none)
		editAfter := j < len(ops)
		if editBefore && editAfter && j-i < alignEqualMin && !hasBreak {
			for k := i; k < j; k++ {
				out = append(out, op{ops[k].a, none})
			}
			for k := i; k < j; k++ {
				out = append(out, op{none, ops[k].b})
			}
		} else {
			out = append(out, ops[i:j]...)
		}
		i = j
	}
	return out
}

// diffTexts lists the changes from base to v, and the share of the base's
// words v keeps in order.
func diffTexts(base, v docText) ([]Change, float64) {
	changes, shared, _ := alignTexts(base, v)
	return changes, shared
}

// alignTexts is diffTexts that also says, for each paragraph of v, the base
// paragraph most of its kept words come from (-1 for none), for the
// side-by-side view.
func alignTexts(base, v docText) ([]Change, float64, []int) {
	total := 0
	for _, w := range base.words {
		if isWordKey(w.key) {
			total++
		}
	}
	moves, baseMoved, verMoved := movedParagraphs(base, v)
	base, v = base.without(baseMoved), v.without(verMoved)
	ops := alignWords(base.words, v.words)
	kept := 0
	votes := make([]map[int]int, len(v.paragraphs))
	for _, o := range ops {
		if o.a != none && o.b != none && isWordKey(base.words[o.a].key) {
			kept++
			if p := v.words[o.b].paragraph; p >= 0 {
				if votes[p] == nil {
					votes[p] = map[int]int{}
				}
				votes[p][base.words[o.a].paragraph]++
			}
		}
	}
	from := make([]int, len(v.paragraphs))
	for p := range from {
		from[p] = none
		best := 0
		for b, n := range votes[p] {
			if b >= 0 && (n > best || n == best && b < from[p]) {
				from[p], best = b, n
			}
		}
	}
	for _, m := range moves {
		from[m.Paragraph] = m.BaseParagraph
	}
	ops = absorbShortEqualities(ops, base.words)
	var changes []Change
	lastA, lastB := none, none // the last kept word of each side, for insertion points
	for i := 0; i < len(ops); {
		if ops[i].a != none && ops[i].b != none {
			lastA, lastB = ops[i].a, ops[i].b
			i++
			continue
		}
		var from, to []int
		for i < len(ops) && (ops[i].a == none || ops[i].b == none) {
			if ops[i].a != none {
				from = append(from, ops[i].a)
			} else {
				to = append(to, ops[i].b)
			}
			i++
		}
		changes = append(changes, hunkChanges(base, v, from, to, lastA, lastB)...)
	}
	changes = pairMoves(append(changes, moves...))
	shared := 1.0
	if total > 0 {
		shared = float64(kept) / float64(total)
	}
	return changes, shared, from
}

// movedParagraphs finds the paragraphs the version keeps (nearly word for
// word) but puts in another order: matched one to one by word overlap,
// those outside the longest run in the same order in both have moved. The
// word diff then runs on the rest, so a moved paragraph is one move, not a
// deletion here and an insertion there with stray words aligned between.
func movedParagraphs(base, v docText) ([]Change, map[int]bool, map[int]bool) {
	type pair struct{ a, b int }
	var pairs []pair
	used := map[int]bool{}
	for i, bp := range base.paragraphs {
		best, bj := moveSimilarity, -1
		for j, vp := range v.paragraphs {
			if used[j] {
				continue
			}
			if o := wordOverlap(bp, vp); o >= best {
				best, bj = o, j
			}
		}
		if bj >= 0 {
			used[bj] = true
			pairs = append(pairs, pair{i, bj})
		}
	}
	// Longest increasing run of version positions (pairs are by base position).
	n := len(pairs)
	length, prev := make([]int, n), make([]int, n)
	bestEnd := -1
	for i := range pairs {
		length[i], prev[i] = 1, -1
		for j := 0; j < i; j++ {
			if pairs[j].b < pairs[i].b && length[j]+1 > length[i] {
				length[i], prev[i] = length[j]+1, j
			}
		}
		if bestEnd < 0 || length[i] > length[bestEnd] {
			bestEnd = i
		}
	}
	inOrder := map[int]bool{}
	for k := bestEnd; k >= 0; k = prev[k] {
		inOrder[k] = true
	}
	var moves []Change
	baseMoved, verMoved := map[int]bool{}, map[int]bool{}
	for k, p := range pairs {
		if inOrder[k] {
			continue
		}
		baseMoved[p.a], verMoved[p.b] = true, true
		moves = append(moves, Change{Kind: Move, From: base.paragraphs[p.a], To: v.paragraphs[p.b],
			BaseParagraph: p.a, BaseStart: 0, BaseEnd: len(base.paragraphs[p.a]),
			Paragraph: p.b, Start: 0, End: len(v.paragraphs[p.b])})
	}
	return moves, baseMoved, verMoved
}

// without is the text with the words of some paragraphs left out.
func (d docText) without(paragraphs map[int]bool) docText {
	if len(paragraphs) == 0 {
		return d
	}
	out := d
	out.words = nil
	for _, w := range d.words {
		if !paragraphs[w.paragraph] {
			out.words = append(out.words, w)
		}
	}
	return out
}

// hunkChanges turns one stretch of edits into changes: a local replace,
// delete or insert when each side is one paragraph of at most localWords
// words, else the sentences dropped and the sentences added.
func hunkChanges(base, v docText, from, to []int, lastA, lastB int) []Change {
	from = dropBreaks(base.words, from)
	to = dropBreaks(v.words, to)
	fromParts, toParts := splitBy(base.words, from, false), splitBy(v.words, to, false)
	var out []Change
	// A stretch that begins inside a paragraph on both sides ("told
	// Reuters." → "has said.") is a local replace of its first pieces, even
	// when whole paragraphs are dropped or added after it.
	if len(fromParts) > 0 && len(toParts) > 0 && lastA != none && lastB != none &&
		base.words[lastA].paragraph == base.words[fromParts[0][0]].paragraph &&
		v.words[lastB].paragraph == v.words[toParts[0][0]].paragraph &&
		countWords(base.words, fromParts[0]) <= localWords && countWords(v.words, toParts[0]) <= localWords {
		out = append(out, makeChange(base, v, fromParts[0], toParts[0], lastA, lastB))
		fromParts, toParts = fromParts[1:], toParts[1:]
	}
	if len(fromParts) == 1 && len(toParts) == 1 && countWords(base.words, fromParts[0]) <= localWords && countWords(v.words, toParts[0]) <= localWords {
		return append(out, makeChange(base, v, fromParts[0], toParts[0], lastA, lastB))
	}
	for _, part := range fromParts {
		whole := coversParagraph(base, part)
		for _, s := range sentences(base.words, part) {
			c := makeChange(base, v, s, nil, lastA, lastB)
			c.wholeParagraph = whole
			out = append(out, c)
		}
	}
	for _, part := range toParts {
		whole := coversParagraph(v, part)
		for _, s := range sentences(v.words, part) {
			c := makeChange(base, v, nil, s, lastA, lastB)
			c.wholeParagraph = whole
			out = append(out, c)
		}
	}
	return out
}

// sentences cuts a piece of one paragraph after each sentence's end: a
// piece of at most localWords words stays whole.
func sentences(ws []word, part []int) [][]int {
	if countWords(ws, part) <= localWords {
		return [][]int{part}
	}
	var out [][]int
	for _, s := range splitBy(ws, part, true) {
		// A "sentence" longer than a change may be (a headline run into
		// the lead, a list without stops) is cut into runs of words.
		for countWords(ws, s) > localWords {
			n, cut := 0, 0
			for cut < len(s) && n < localWords {
				if isWordKey(ws[s[cut]].key) {
					n++
				}
				cut++
			}
			out = append(out, s[:cut])
			s = s[cut:]
		}
		if countWords(ws, s) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// coversParagraph reports whether a piece holds every word of its
// paragraph.
func coversParagraph(d docText, part []int) bool {
	if len(part) == 0 {
		return false
	}
	p := d.words[part[0]].paragraph
	n := 0
	for _, w := range d.words {
		if w.paragraph == p && !w.breakTok && isWordKey(w.key) {
			n++
		}
	}
	return countWords(d.words, part) == n
}

func dropBreaks(ws []word, idx []int) []int {
	return slices.DeleteFunc(idx, func(i int) bool { return ws[i].breakTok })
}

func countWords(ws []word, idx []int) int {
	n := 0
	for _, i := range idx {
		if isWordKey(ws[i].key) {
			n++
		}
	}
	return n
}

// splitBy cuts a side of a hunk at paragraph breaks and, with sentences
// set, after each sentence's end mark; pieces without a word are dropped.
func splitBy(ws []word, idx []int, sentences bool) [][]int {
	var out [][]int
	var cur []int
	flush := func() {
		if countWords(ws, cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for k, i := range idx {
		if len(cur) > 0 && (ws[i].paragraph != ws[cur[len(cur)-1]].paragraph || i != cur[len(cur)-1]+1 && !sentences) {
			flush()
		}
		cur = append(cur, i)
		if sentences && (ws[i].key == "." || ws[i].key == "!" || ws[i].key == "?") {
			// a closing quote mark after the full stop stays with its sentence
			if k+1 < len(idx) && ws[idx[k+1]].key == `"` && idx[k+1] == i+1 {
				continue
			}
			flush()
		}
	}
	flush()
	return out
}

// makeChange builds a change from the word indexes of each side.
func makeChange(base, v docText, from, to []int, lastA, lastB int) Change {
	c := Change{BaseParagraph: none, Paragraph: none}
	switch {
	case len(from) > 0 && len(to) > 0:
		c.Kind = Replace
	case len(from) > 0:
		c.Kind = Delete
	default:
		c.Kind = Insert
	}
	c.From, c.BaseParagraph, c.BaseStart, c.BaseEnd = span(base, from, lastA, c.Kind != Replace)
	c.To, c.Paragraph, c.Start, c.End = span(v, to, lastB, c.Kind != Replace)
	return c
}

// span is the text and place of some words of one paragraph; with none,
// the point after the last kept word. With closing set, a piece that runs
// to the paragraph's last word takes the closing marks after it: the full
// stop of a dropped last paragraph may have been aligned with another
// paragraph's, every paragraph ending in one.
func span(d docText, idx []int, last int, closing bool) (string, int, int, int) {
	if len(idx) == 0 {
		if last == none {
			return "", none, 0, 0
		}
		w := d.words[last]
		return "", w.paragraph, w.end, w.end
	}
	first, end := d.words[idx[0]], d.words[idx[len(idx)-1]]
	text := d.paragraphText(first.paragraph)
	if end.paragraph != first.paragraph || end.end > len(text) {
		var parts []string
		for _, i := range idx {
			parts = append(parts, d.words[i].text)
		}
		return strings.Join(parts, " "), first.paragraph, first.start, first.end
	}
	stop := end.end
	if rest := text[stop:]; closing && strings.IndexFunc(rest, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		stop = len(strings.TrimRightFunc(text, unicode.IsSpace))
	}
	return text[first.start:stop], first.paragraph, first.start, stop
}

func (d docText) paragraphText(p int) string {
	if p == -2 {
		return d.title
	}
	if p >= 0 && p < len(d.paragraphs) {
		return d.paragraphs[p]
	}
	return ""
}

// pairMoves joins a dropped and an added passage that say the same thing
// into one move.
func pairMoves(changes []Change) []Change {
	used := make([]bool, len(changes))
	var out []Change
	for i, c := range changes {
		if used[i] || c.Kind != Delete {
			continue
		}
		for j, d := range changes {
			if used[j] || d.Kind != Insert || len(strings.Fields(c.From)) < 5 {
				continue
			}
			if wordOverlap(c.From, d.To) >= moveSimilarity {
				used[i], used[j] = true, true
				out = append(out, Change{Kind: Move, From: c.From, To: d.To,
					BaseParagraph: c.BaseParagraph, BaseStart: c.BaseStart, BaseEnd: c.BaseEnd,
					Paragraph: d.Paragraph, Start: d.Start, End: d.End})
				break
			}
		}
	}
	for i, c := range changes {
		if !used[i] {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(x, y Change) int {
		return cmpPosition(x, y)
	})
	return out
}

// cmpPosition orders changes by where they stand in the version, then in
// the base.
func cmpPosition(x, y Change) int {
	px, py := x.Paragraph, y.Paragraph
	if x.Kind == Delete {
		px = x.BaseParagraph
	}
	if y.Kind == Delete {
		py = y.BaseParagraph
	}
	if px != py {
		return px - py
	}
	return x.Start - y.Start
}

// wordOverlap is the Jaccard overlap of two passages' folded words.
func wordOverlap(a, b string) float64 {
	set := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, w := range appendWords(nil, s, 0) {
			if isWordKey(w.key) {
				m[w.key] = true
			}
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for w := range sa {
		if sb[w] {
			inter++
		}
	}
	union := len(sa) + len(sb) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// attributionWords mark a passage as attribution: who said it and to whom.
var attributionWords = map[string]bool{
	"said": true, "says": true, "told": true, "tells": true, "according": true, "added": true,
	"stated": true, "reported": true, "reuters": true, "ap": true, "afp": true, "tass": true,
	"claimed": true, "announced": true, "declared": true, "noted": true, "explained": true,
	"interview": true, "statement": true, "spokesman": true, "spokeswoman": true,
}

// summarise sorts a version's changes into what analysts look for.
func summarise(changes []Change, base, v docText) Summary {
	var s Summary
	quoted := quotedSpans(base)
	droppedParagraphs, addedParagraphs := map[int]bool{}, map[int]bool{}
	for _, c := range changes {
		switch c.Kind {
		case Move:
			s.ParagraphsReordered++
		case Delete:
			switch {
			case !c.wholeParagraph:
				s.SentencesDropped++
			case !droppedParagraphs[c.BaseParagraph]:
				droppedParagraphs[c.BaseParagraph] = true
				s.ParagraphsDropped++
			}
		case Insert:
			switch {
			case !c.wholeParagraph:
				s.SentencesAdded++
			case !addedParagraphs[c.Paragraph]:
				addedParagraphs[c.Paragraph] = true
				s.ParagraphsAdded++
			}
		case Replace:
			sub := Substitution{From: c.From, To: c.To}
			switch {
			case quoted(c.BaseParagraph, c.BaseStart):
				s.QuotesAltered = append(s.QuotesAltered, sub)
			case hasAttribution(c.From) || hasAttribution(c.To):
				s.AttributionChanged = append(s.AttributionChanged, sub)
			case len(strings.Fields(c.From)) <= substitutionWords && len(strings.Fields(c.To)) <= substitutionWords:
				s.WordsSubstituted = append(s.WordsSubstituted, sub)
			}
		}
	}
	var parts []string
	if n := len(s.WordsSubstituted); n > 0 {
		var ex []string
		for _, w := range s.WordsSubstituted[:min(n, 5)] {
			ex = append(ex, fmt.Sprintf("%q → %q", w.From, w.To))
		}
		parts = append(parts, fmt.Sprintf("%s substituted (%s)", plural(n, "wording"), strings.Join(ex, ", ")))
	}
	if n := len(s.AttributionChanged); n > 0 {
		parts = append(parts, fmt.Sprintf("attribution changed %s (%q → %q)", times(n), s.AttributionChanged[0].From, s.AttributionChanged[0].To))
	}
	if n := len(s.QuotesAltered); n > 0 {
		parts = append(parts, fmt.Sprintf("%s altered", plural(n, "quote")))
	}
	for _, x := range []struct {
		n    int
		what string
	}{
		{s.SentencesDropped, "sentence dropped"}, {s.ParagraphsDropped, "paragraph dropped"},
		{s.SentencesAdded, "sentence added"}, {s.ParagraphsAdded, "paragraph added"},
		{s.ParagraphsReordered, "passage moved"},
	} {
		if x.n > 0 {
			noun, rest, _ := strings.Cut(x.what, " ")
			parts = append(parts, plural(x.n, noun)+" "+rest)
		}
	}
	if len(parts) == 0 {
		parts = append(parts, "no change in wording")
	}
	s.Text = strings.Join(parts, "; ")
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func times(n int) string {
	if n == 1 {
		return "once"
	}
	return fmt.Sprintf("%d times", n)
}

func hasAttribution(s string) bool {
	for _, w := range appendWords(nil, s, 0) {
		if attributionWords[w.key] {
			return true
		}
	}
	return false
}

// quotedSpans returns a test for whether a byte offset of a base paragraph
// stands inside quotation marks.
func quotedSpans(d docText) func(p, off int) bool {
	return func(p, off int) bool {
		text := d.paragraphText(p)
		inside := false
		for i, r := range text {
			if i >= off {
				break
			}
			if isQuoteMark(r) {
				inside = !inside
			}
		}
		return inside
	}
}
