package textclean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the shape of one line: how many words, whether it ends
// like a sentence, whether it looks like a headline. Every rule of the
// classifier is built from these few measures.

// isWordRune is the \w of the metrics: letters, digits, marks and "_".
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_'
}

// words lists the runs of word runes of s.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// countWords is len(words(s)) without the allocation.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// lineKey is the form a line is compared in: lower-cased, spaces collapsed,
// with the decoration sites put around labels trimmed off both ends (bullets,
// arrows, ellipses, colons) and a trailing counter dropped ("Comments (12)").
func lineKey(s string) string {
	s = strings.ToLower(collapseSpace(s))
	trimmed := strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) })
	// A trailing counter: "comments 12", "share 0"; keep it when the line is only a number.
	if i := strings.LastIndexFunc(trimmed, func(r rune) bool { return !unicode.IsDigit(r) }); i >= 0 {
		_, size := utf8.DecodeRuneInString(trimmed[i:])
		if i+size < len(trimmed) { // digits follow the last non-digit
			if rest := strings.TrimFunc(trimmed[:i+size], func(r rune) bool { return !isWordRune(r) }); countWords(rest) > 0 && !unicode.IsDigit(lastRune(rest)) {
				trimmed = rest
			}
		}
	}
	return trimmed
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// closers are the characters that may follow a sentence's final stop.
const closers = `"'”’»)]*`

// endsSentence reports whether s ends with a sentence stop, possibly inside
// closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), closers)
	switch lastRune(s) {
	case '.', '!', '?', '…', ':', ';', '。', '！', '？':
		return true
	}
	return false
}

// endsWithPeriod is endsSentence limited to the stops a headline never ends
// with (headlines may ask or exclaim).
func endsWithPeriod(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), closers)
	switch lastRune(s) {
	case '.', '…', ':', ';', ',', '。':
		return true
	}
	return false
}

// sentenceCount counts the stops that end a sentence inside s: a stop
// followed by a space and a capital letter or a quote, plus the final one.
// A period after an initial or a common abbreviation ("U.S. Court",
// "Mr. Trump") ends no sentence.
func sentenceCount(s string) int {
	n := 0
	rs := []rune(s)
	for i := 0; i < len(rs)-2; i++ {
		if rs[i] != '.' && rs[i] != '!' && rs[i] != '?' {
			continue
		}
		if rs[i] == '.' && isAbbreviation(rs[:i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(closers, rs[j]) {
			j++
		}
		if j+1 < len(rs) && rs[j] == ' ' && (unicode.IsUpper(rs[j+1]) || strings.ContainsRune(`"“'‘«`, rs[j+1])) {
			n++
		}
	}
	if endsSentence(s) {
		n++
	}
	if n == 0 {
		n = 1
	}
	return n
}

// abbreviations are words often written with a period inside a sentence:
// titles, ranks and a few Latin and month forms (English; other languages'
// abbreviations mostly fall to the one-letter rule).
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true, "rep": true,
	"gov": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "jr": true,
	"sr": true, "prof": true, "vs": true, "etc": true, "inc": true, "co": true, "corp": true,
	"no": true, "jan": true, "feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// isAbbreviation reports whether the word that ends before (a period) is
// an initial ("J", the "S" of "U.S") or a common abbreviation.
func isAbbreviation(before []rune) bool {
	k := len(before)
	for k > 0 && unicode.IsLetter(before[k-1]) {
		k--
	}
	word := before[k:]
	return len(word) == 1 || abbreviations[strings.ToLower(string(word))]
}

// startsLikeText reports whether s opens with a capital, a digit or an
// opening quote: the way headlines, headings and paragraphs begin.
func startsLikeText(s string) bool {
	r := firstRune(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“'‘«¿¡„`, r) || (unicode.IsLetter(r) && !unicode.IsLower(r))
}

// isHeadlineShaped: a title-ish line of a few words that does not end with
// a period. Teasers, headings and titles all have this shape.
func isHeadlineShaped(s string, wordCount int) bool {
	return wordCount >= 2 && wordCount <= 25 && utf8.RuneCountInString(s) <= 200 &&
		!endsWithPeriod(s) && startsLikeText(s)
}

// isTitleCase reports whether most longer words of s start with a capital,
// the way English headlines are set.
func isTitleCase(s string) bool {
	long, capital := 0, 0
	for _, w := range words(s) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		long++
		if unicode.IsUpper(firstRune(w)) {
			capital++
		}
	}
	return long >= 2 && capital*10 >= long*7
}

// collapseSpace is strings.Join(strings.Fields(s), " ") without the slice
// of fields, which on a long piece of short lines costs more than the text.
func collapseSpace(s string) string {
	clean, space := true, true // space: the previous rune was a space, or s starts
	for _, r := range s {
		isSpace := unicode.IsSpace(r)
		if isSpace && (space || r != ' ') {
			clean = false
			break
		}
		space = isSpace
	}
	if clean && !space {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space = true
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
