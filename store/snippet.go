package store

import (
	"strings"
	"unicode"
)

// snippetTokens is how many words a snippet shows.
const snippetTokens = 30

// matcher finds a query's words in a text, for snippets.
type matcher struct {
	words    map[string]bool
	prefixes []string
}

func newMatcher(words, prefixes []string) matcher {
	m := matcher{words: map[string]bool{}, prefixes: prefixes}
	for _, w := range words {
		m.words[w] = true
	}
	return m
}

func (m matcher) match(tok string) bool {
	if m.words[tok] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(tok, p) {
			return true
		}
	}
	return false
}

// span is a token's bytes in its text, and its folded form.
type span struct {
	start, end int
	folded     string
}

// tokenSpans is text's tokens (eachToken) with their bytes.
func tokenSpans(text string) []span {
	var out []span
	eachToken(text, func(start, end int) {
		out = append(out, span{start, end, strings.ToLower(text[start:end])})
	})
	return out
}

// snippet cuts the best window of the first text (body, dek, title) that
// has a match — the one with the most different query words, then the
// most matches, earliest on a tie — or the start of the first non-empty
// text when none matches. Whitespace is collapsed; highlights are the
// matched words' bytes in the snippet.
func (m matcher) snippet(texts ...string) (string, []Range) {
	fallback := ""
	for _, text := range texts {
		if strings.TrimSpace(text) == "" {
			continue
		}
		spans := tokenSpans(text)
		if fallback == "" {
			fallback = text
		}
		hit := make([]bool, len(spans))
		any := false
		for i, sp := range spans {
			hit[i] = m.match(sp.folded)
			any = any || hit[i]
		}
		if !any {
			continue
		}
		best, bestDistinct, bestCount := 0, -1, -1
		for i := range spans {
			if !hit[i] {
				continue
			}
			// Windows start a few words before a match, so it stands in
			// context, and earlier still near the end, so they stay full.
			from := max(0, min(i-4, len(spans)-snippetTokens))
			to := min(len(spans), from+snippetTokens)
			distinct := map[string]bool{}
			count := 0
			for j := from; j < to; j++ {
				if hit[j] {
					distinct[spans[j].folded] = true
					count++
				}
			}
			if len(distinct) > bestDistinct || len(distinct) == bestDistinct && count > bestCount {
				best, bestDistinct, bestCount = from, len(distinct), count
			}
		}
		return cut(text, spans, hit, best, min(len(spans), best+snippetTokens))
	}
	if fallback == "" {
		return "", nil
	}
	spans := tokenSpans(fallback)
	return cut(fallback, spans, make([]bool, len(spans)), 0, min(len(spans), snippetTokens))
}

// cut renders tokens [from, to) of text with the text between them
// (whitespace collapsed), "…" where the text goes on.
func cut(text string, spans []span, hit []bool, from, to int) (string, []Range) {
	if from >= to {
		return "", nil
	}
	var b strings.Builder
	var hl []Range
	if from > 0 {
		b.WriteString("… ")
	} else {
		b.WriteString(collapse(strings.TrimLeftFunc(text[:spans[0].start], unicode.IsSpace)))
	}
	for i := from; i < to; i++ {
		if i > from {
			b.WriteString(collapse(text[spans[i-1].end:spans[i].start]))
		}
		if hit[i] {
			hl = append(hl, Range{b.Len(), b.Len() + spans[i].end - spans[i].start})
		}
		b.WriteString(text[spans[i].start:spans[i].end])
	}
	if to < len(spans) {
		// Keep a closing mark that belongs to the last word ("fist."), then "…".
		tail := text[spans[to-1].end:spans[to].start]
		if i := strings.IndexFunc(tail, unicode.IsSpace); i >= 0 {
			tail = tail[:i]
		}
		b.WriteString(tail + " …")
	} else {
		b.WriteString(collapse(strings.TrimRightFunc(text[spans[to-1].end:], unicode.IsSpace)))
	}
	return b.String(), hl
}

// collapse turns each run of whitespace into one space.
func collapse(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
