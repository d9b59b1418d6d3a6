package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Range is a run of tokens, Tokens[From:To].
type Range struct{ From, To int }

// Vocabulary is what the splitter needs to know about words: which ones are
// abbreviations whose dot does not end a sentence, and which capitalised
// words commonly start one.
type Vocabulary interface {
	Abbreviation(lower string) bool // "mr", "jan", "inc": lower case, no dot
	Honorific(lower string) bool    // "mr", "dr", "sen": a name always follows
	SentenceStarter(lower string) bool
}

// Split groups tokens into sentences. A sentence ends at a line break, or at
// ".", "!", "?" or "…" (with any closing quotation marks and brackets after
// it) when the next token could start a sentence: not a lower-case word, and
// for a dot, not after an honorific ("Mr."), an initial ("J.") or an
// abbreviation followed by a number ("Jan. 5"). A dot inside an initialism
// ("U.S.") ends a sentence only before a common sentence starter ("The", "He").
func Split(text string, toks []Token, vocab Vocabulary) []Range {
	var out []Range
	from := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind == Break {
			if i > from {
				out = append(out, Range{from, i})
			}
			from = i + 1
			continue
		}
		end, ok := sentenceEnd(text, toks, i, vocab)
		if !ok {
			continue
		}
		out = append(out, Range{from, end})
		from = end
		i = end - 1
	}
	if from < len(toks) {
		out = append(out, Range{from, len(toks)})
	}
	return out
}

// sentenceEnd reports whether a sentence ends at token i, and the index of
// the first token after it.
func sentenceEnd(text string, toks []Token, i int, vocab Vocabulary) (int, bool) {
	t := toks[i]
	initialism := t.Kind == Word && strings.HasSuffix(t.Lower, ".")
	terminal := t.Kind == Punct && (t.Lower == "." || t.Lower == "!" || t.Lower == "?" || t.Lower == "…" || strings.HasPrefix(t.Lower, "..."))
	if !terminal && !initialism {
		return 0, false
	}
	j := i + 1
	for j < len(toks) && closes(toks[j]) {
		j++
	}
	if j >= len(toks) {
		return len(toks), true
	}
	next := toks[j]
	if next.Kind == Break {
		return j, true
	}
	if !next.Space && j == i+1 {
		return 0, false // "3.5%", "Yahoo!News": no space, no boundary
	}
	if next.Kind == Word && !next.Cap {
		return 0, false
	}
	if !nextStartsSentence(text, next) {
		return 0, false
	}
	if initialism {
		lowerNoDot := strings.TrimSuffix(t.Lower, ".")
		if vocab.Honorific(lowerNoDot) {
			return 0, false
		}
		// "the U.S. Senate" goes on; "in the U.S. The next day" ends.
		if next.Kind == Word && !vocab.SentenceStarter(next.Lower) {
			return 0, false
		}
		return j, true
	}
	if t.Lower == "." && i > 0 && toks[i-1].Kind == Word && toks[i-1].End == t.Start {
		prev := toks[i-1]
		if vocab.Honorific(prev.Lower) {
			return 0, false
		}
		if prev.Cap && utf8.RuneCountInString(prev.Lower) == 1 {
			return 0, false // an initial: "George W. Bush"
		}
		if vocab.Abbreviation(prev.Lower) && (next.Kind == Number || next.Kind == Word && !vocab.SentenceStarter(next.Lower)) {
			return 0, false
		}
	}
	return j, true
}

// closes is a token that belongs to the end of a sentence: a closing
// quotation mark or bracket.
func closes(t Token) bool {
	if t.Kind == Quote {
		return t.Side != Open
	}
	return t.Kind == Punct && (t.Lower == ")" || t.Lower == "]" || t.Lower == "}")
}

// nextStartsSentence: an upper-case letter, a digit, an opening quotation
// mark or bracket.
func nextStartsSentence(text string, t Token) bool {
	switch t.Kind {
	case Word:
		return t.Cap
	case Number:
		return true
	case Quote:
		return t.Side != Close
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:])
	return r == '(' || r == '[' || r == '—' || r == '-' || unicode.IsUpper(r)
}
