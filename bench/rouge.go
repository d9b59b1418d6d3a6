package main

// The fundus-eval metrics. fundus-eval (github.com/dobbersc/fundus-evaluation)
// scores an extraction against every reference body its optional paragraphs
// allow and keeps the best, with two measures:
//   - ROUGE-LSum as Google's rouge_score computes it (rougeLsum, no stemmer,
//     split_summaries=True): bodies are joined with blank lines, cut into
//     sentences by NLTK's Punkt, tokenised as lower-case ASCII letters and
//     digits, and scored by summary-level LCS;
//   - paragraph match: paragraphs as a multiset, exact equality.
// Punkt is a trained model we do not carry; splitSentences follows its rules
// for English closely enough that the published fundus-eval table comes out
// within 0.05 points (rouge_test.go checks it).

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Score is precision, recall and F1 of one page.
type Score struct{ Precision, Recall, F1 float64 }

// maxOptionalParagraphs is fundus-eval's default: a body with more optional
// paragraphs is tried with all of them and with none, not every subset.
const maxOptionalParagraphs = 4

// referenceBodies lists the bodies a gold body stands for: each optional
// paragraph ("[...]") kept (without brackets) or dropped, all kept first.
func referenceBodies(body []string) [][]string {
	var optional []int
	for i, p := range body {
		if isOptionalParagraph(p) {
			optional = append(optional, i)
		}
	}
	build := func(drop map[int]bool) []string {
		out := make([]string, 0, len(body))
		for i, p := range body {
			if drop[i] {
				continue
			}
			if isOptionalParagraph(p) {
				p = p[1 : len(p)-1]
			}
			out = append(out, p)
		}
		return out
	}
	if len(optional) > maxOptionalParagraphs {
		all := map[int]bool{}
		for _, i := range optional {
			all[i] = true
		}
		return [][]string{build(nil), build(all)}
	}
	var out [][]string
	for mask := 0; mask < 1<<len(optional); mask++ {
		drop := map[int]bool{}
		for k, i := range optional {
			if mask&(1<<k) != 0 {
				drop[i] = true
			}
		}
		out = append(out, build(drop))
	}
	return out
}

func isOptionalParagraph(p string) bool {
	return len(p) >= 2 && p[0] == '[' && p[len(p)-1] == ']'
}

// bestRougeLSum is the ROUGE-LSum of hyp against the reference body that
// suits it best.
func bestRougeLSum(gold, hyp []string) Score {
	var sc rougeScorer
	hypSents := sc.sentences(strings.Join(hyp, "\n\n"))
	best := Score{F1: -1}
	for _, ref := range referenceBodies(gold) {
		s := sc.summaryLCS(sc.sentences(strings.Join(ref, "\n\n")), hypSents)
		if s.F1 > best.F1 {
			best = s
		}
	}
	return best
}

// bestParagraphMatch is the paragraph-match score of hyp against the
// reference body that suits it best. Paragraphs are compared with white
// space runs made one space, so a line wrap is not a miss.
func bestParagraphMatch(gold, hyp []string) Score {
	hypCount := map[string]int{}
	for _, p := range hyp {
		if p = normaliseSpace(p); p != "" {
			hypCount[p]++
		}
	}
	best := Score{F1: -1}
	for _, ref := range referenceBodies(gold) {
		refCount := map[string]int{}
		for _, p := range ref {
			if p = normaliseSpace(p); p != "" {
				refCount[p]++
			}
		}
		var tp, fp, fn float64
		for p, n := range refCount {
			m := hypCount[p]
			tp += float64(min(n, m))
			fn += float64(max(0, n-m))
		}
		for p, m := range hypCount {
			fp += float64(max(0, m-refCount[p]))
		}
		s := prf(tp, tp+fp, tp+fn)
		if s.F1 > best.F1 {
			best = s
		}
	}
	return best
}

// prf turns hits over predicted and reference totals into a Score; an empty
// side scores 0 (fundus-eval's NaN, which its means skip, would reward
// printing nothing).
func prf(hits, predicted, reference float64) Score {
	var s Score
	if predicted > 0 {
		s.Precision = hits / predicted
	}
	if reference > 0 {
		s.Recall = hits / reference
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// rougeScorer scores one page against its reference bodies. Tokens are
// numbered so comparisons are integer ones, and the LCS union of a
// reference sentence is remembered, since the bodies one gold stands for
// share most of their sentences.
type rougeScorer struct {
	ids    map[string]int32
	unions map[string][]bool // reference sentence (tokens joined) → its LCS union
	table  []int32
	kept   []int32
	stamp  []int32 // stamp[token] == current marks tokens of the reference sentence
	now    int32
}

// sentences cuts text into sentences and each sentence into rouge_score's
// tokens, dropping sentences left without tokens.
func (sc *rougeScorer) sentences(text string) [][]int32 {
	if sc.ids == nil {
		sc.ids = map[string]int32{}
		sc.unions = map[string][]bool{}
	}
	var out [][]int32
	for _, s := range splitSentences(text) {
		for _, piece := range rougeTokens(s) {
			ids := make([]int32, len(piece))
			for k, t := range piece {
				id, ok := sc.ids[t]
				if !ok {
					id = int32(len(sc.ids))
					sc.ids[t] = id
				}
				ids[k] = id
			}
			out = append(out, ids)
		}
	}
	return out
}

// maxSentenceTokens bounds one sentence, so the LCS table of two sentences
// stays within a few MiB. Punkt sentences of real prose are far shorter;
// only text without any full stop (a scraped menu, a script) gets cut.
const maxSentenceTokens = 2000

// rougeTokens is rouge_score's default tokenizer: lower case, anything but
// ASCII letters and digits is a separator. A sentence longer than
// maxSentenceTokens comes back in pieces.
func rougeTokens(s string) [][]string {
	toks := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(toks) == 0 {
		return nil
	}
	var out [][]string
	for len(toks) > maxSentenceTokens {
		out = append(out, toks[:maxSentenceTokens])
		toks = toks[maxSentenceTokens:]
	}
	return append(out, toks)
}

// summaryLCS is rouge_score's summary-level LCS: for each reference
// sentence, the union of its LCS with every candidate sentence; hits are
// counted at most as often as the token occurs on each side.
func (sc *rougeScorer) summaryLCS(ref, cand [][]int32) Score {
	m, n := 0, 0
	refLeft, candLeft := make([]int32, len(sc.ids)), make([]int32, len(sc.ids))
	for _, s := range ref {
		m += len(s)
		for _, t := range s {
			refLeft[t]++
		}
	}
	for _, s := range cand {
		n += len(s)
		for _, t := range s {
			candLeft[t]++
		}
	}
	if m == 0 || n == 0 {
		return Score{}
	}
	hits := 0
	for _, r := range ref {
		for i, in := range sc.union(r, cand) {
			t := r[i]
			if in && candLeft[t] > 0 && refLeft[t] > 0 {
				hits++
				candLeft[t]--
				refLeft[t]--
			}
		}
	}
	return prf(float64(hits), float64(n), float64(m))
}

// union marks the indexes of r that lie on its LCS with any candidate.
func (sc *rougeScorer) union(r []int32, cand [][]int32) []bool {
	var key strings.Builder
	for _, t := range r {
		key.WriteString(strconv.Itoa(int(t)))
		key.WriteByte(' ')
	}
	if u, ok := sc.unions[key.String()]; ok {
		return u
	}
	if len(sc.stamp) < len(sc.ids) {
		sc.stamp = append(sc.stamp, make([]int32, len(sc.ids)-len(sc.stamp))...)
	}
	sc.now++
	for _, t := range r {
		sc.stamp[t] = sc.now
	}
	union := make([]bool, len(r))
	for _, c := range cand {
		// Tokens absent from r never match, and dropping them leaves the
		// LCS of r unchanged; it keeps long candidates cheap.
		sc.kept = sc.kept[:0]
		for _, t := range c {
			if sc.stamp[t] == sc.now {
				sc.kept = append(sc.kept, t)
			}
		}
		if len(sc.kept) > 0 {
			sc.markLCS(r, sc.kept, union)
		}
	}
	sc.unions[key.String()] = union
	return union
}

// markLCS sets union[i] for every index i of ref on the LCS of ref and
// cand, backtracking the way rouge_score does so ties resolve alike.
func (sc *rougeScorer) markLCS(ref, cand []int32, union []bool) {
	rows, cols := len(ref)+1, len(cand)+1
	if need := rows * cols; cap(sc.table) < need {
		sc.table = make([]int32, need)
	} else {
		sc.table = sc.table[:need]
	}
	c := sc.table
	clear(c[:cols])
	for i := 1; i < rows; i++ {
		row, prev := c[i*cols:(i+1)*cols], c[(i-1)*cols:i*cols]
		row[0] = 0
		for j := 1; j < cols; j++ {
			switch {
			case ref[i-1] == cand[j-1]:
				row[j] = prev[j-1] + 1
			case row[j-1] > prev[j]:
				row[j] = row[j-1]
			default:
				row[j] = prev[j]
			}
		}
	}
	i, j := len(ref), len(cand)
	for i > 0 && j > 0 {
		switch {
		case ref[i-1] == cand[j-1]:
			union[i-1] = true
			i--
			j--
		case c[i*cols+j-1] > c[(i-1)*cols+j]:
			j--
		default:
			i--
		}
	}
}

// abbreviations are words that end in a full stop without ending a
// sentence, as Punkt's English model has learnt them (lower case, without
// the final stop). Words with a stop inside ("u.s.", "e.g.") and single
// letters (initials) are handled by rule in endsSentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sr": true, "jr": true,
	"st": true, "mt": true, "gen": true, "gov": true, "sen": true, "rep": true, "col": true,
	"lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "rev": true, "hon": true,
	"inc": true, "corp": true, "co": true, "ltd": true, "bros": true, "vs": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "fig": true, "approx": true,
	"dept": true, "univ": true, "ave": true, "blvd": true, "rd": true, "ft": true, "pp": true,
}

// splitSentences cuts text where Punkt would: after ".", "?" or "!" (and
// any closing quotes or brackets) followed by white space, unless the word
// before a full stop is an abbreviation or an initial, or the next word
// starts in lower case. Line breaks alone do not end a sentence.
func splitSentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '?' && r != '!' {
			continue
		}
		end := i
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(".?!\"')]’”»", r2) {
				break
			}
			end += s2
		}
		next := end
		for next < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(r2) {
				break
			}
			next += s2
		}
		if next == end || next == len(text) {
			i = end
			continue
		}
		if endsSentence(text[start:i], r, text[next:]) {
			if s := strings.TrimSpace(text[start:end]); s != "" {
				out = append(out, s)
			}
			start = next
		}
		i = next
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// endsSentence decides one candidate break: before is the sentence so far
// up to and including the punctuation mark, after is the text that follows.
func endsSentence(before string, mark rune, after string) bool {
	first, _ := utf8.DecodeRuneInString(after)
	if unicode.IsLower(first) {
		return false
	}
	if mark != '.' {
		return true
	}
	word := before[:len(before)-1]
	if k := strings.LastIndexFunc(word, unicode.IsSpace); k >= 0 {
		word = word[k+1:]
	}
	word = strings.TrimLeft(word, "\"'([“‘«")
	lower := strings.ToLower(word)
	if abbreviations[lower] || strings.Contains(lower, ".") {
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0]) {
		return false // an initial: "J. Smith"
	}
	return true
}
