// Package sentence cuts a block of text into tokens and sentences. Tokens
// carry byte offsets into the text so that every later finding (a name, a
// quote, a cue) can point back to where it stands. The text is read once,
// rune by rune, with no regular expressions.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters, with inner hyphens, apostrophes and abbreviation dots
	Number             // digits, with inner "." "," ":" between digits
	Punct              // any other visible character
	Quote              // a quotation mark; Side says which way it faces
	Break              // a line break inside a block: always ends a sentence
)

// Side is which way a quotation mark faces, as far as the characters around
// it tell.
type Side uint8

// Quotation mark sides.
const (
	Open Side = iota + 1
	Close
	Either
)

// Token is one unit of text: Text[Start:End] of its block.
type Token struct {
	Start, End int
	Kind       Kind
	Lower      string // the token in lower case ("'s" for a possessive)
	Cap        bool   // the first letter is upper case
	Space      bool   // white space stands before the token
	Side       Side   // for quotation marks
	Single     bool   // a single quotation mark (‘ ’ ' ‹ ›), which is also an apostrophe
}

// Tokenize cuts text into tokens. It never fails: every byte that is not
// white space ends up in some token.
func Tokenize(text string) []Token {
	toks := make([]Token, 0, len(text)/5+4)
	space := true
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			toks = append(toks, Token{Start: i, End: i + 1, Kind: Break, Lower: "\n", Space: true})
			space = true
			i += size
			continue
		case unicode.IsSpace(r):
			space = true
			i += size
			continue
		case unicode.IsLetter(r):
			end := max(scanWord(text, i), i+size) // always move on
			// A possessive or contraction ending is a token of its own, so
			// "Azerbaijan's" names Azerbaijan.
			word, tail := splitClitic(text[i:end])
			toks = append(toks, wordToken(text, i, i+len(word), space))
			if tail != "" {
				t := Token{Start: i + len(word), End: end, Kind: Word, Lower: strings.ToLower(normaliseApostrophe(tail))}
				toks = append(toks, t)
			}
			i = end
		case unicode.IsDigit(r):
			end := max(scanNumber(text, i), i+size) // always move on
			toks = append(toks, Token{Start: i, End: end, Kind: Number, Lower: strings.ToLower(text[i:end]), Space: space})
			i = end
		case (r == '\'' || r == '`') && i+1 < len(text) && text[i+1] == byte(r):
			// '' and `` stand for double quotation marks in some archives.
			side := Close
			if r == '`' || i == 0 || unicode.IsSpace(rune(text[i-1])) || strings.IndexByte("([{", text[i-1]) >= 0 {
				side = Open
			}
			toks = append(toks, Token{Start: i, End: i + 2, Kind: Quote, Lower: text[i : i+2], Space: space, Side: side})
			i += 2
		case (r == '\'' || r == '’') && possessiveAfterS(text, i, size):
			// "Sanders’ campaign": a plural possessive, not a closing quote.
			toks = append(toks, Token{Start: i, End: i + size, Kind: Word, Lower: "'s"})
			i += size
		case isQuoteMark(r):
			toks = append(toks, Token{Start: i, End: i + size, Kind: Quote, Lower: text[i : i+size], Space: space,
				Side: quoteSide(text, i, r, size), Single: isSingleQuote(r)})
			i += size
		default:
			end := i + size
			// "..." is one token, like "…".
			if r == '.' {
				for end < len(text) && text[end] == '.' {
					end++
				}
			}
			toks = append(toks, Token{Start: i, End: end, Kind: Punct, Lower: text[i:end], Space: space})
			i = end
		}
		space = false
	}
	return toks
}

func wordToken(text string, start, end int, space bool) Token {
	w := text[start:end]
	first, _ := utf8.DecodeRuneInString(w)
	return Token{Start: start, End: end, Kind: Word, Lower: strings.ToLower(normaliseApostrophe(w)), Cap: unicode.IsUpper(first), Space: space}
}

// scanWord returns the end of the word starting at i. Inside a word it keeps
// letters, digits and marks; an apostrophe or hyphen followed by a letter or
// digit ("don't", "anti-government", "24-hour"); and a dot between single
// letters, so "U.S." and "a.m." stay whole.
func scanWord(text string, i int) int {
	start := i
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			i += size
		case r == '\'' || r == '’' || r == '-' || r == '‑':
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			if i+size < len(text) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				i += size
				continue
			}
			return i
		case r == '.':
			// Initialisms: "U.S.", "a.m.": the piece before the dot is one letter.
			pieceStart := strings.LastIndexByte(text[start:i], '.') + 1 + start
			if n := utf8.RuneCountInString(text[pieceStart:i]); n != 1 {
				return i
			}
			next, _ := utf8.DecodeRuneInString(text[i+1:])
			if i+1 < len(text) && unicode.IsLetter(next) {
				after := i + 1 + utf8.RuneLen(next)
				if after >= len(text) || text[after] == '.' {
					i++ // "U." of "U.S."; the loop takes "S"
					continue
				}
			}
			if strings.IndexByte(text[start:i], '.') >= 0 {
				return i + 1 // the final dot of "U.S."
			}
			return i
		default:
			return i
		}
	}
	return i
}

// splitClitic separates a final "'s", "’s" or "n't" from a word.
func splitClitic(w string) (word, tail string) {
	if n := len(w); n > 2 && (w[n-1] == 's' || w[n-1] == 'S') {
		for _, t := range []string{"'s", "’s", "'S", "’S"} {
			if len(w) > len(t) && strings.HasSuffix(w, t) {
				return w[:len(w)-len(t)], w[len(w)-len(t):]
			}
		}
	}
	// "You’ve", "I'm", "they're", "we'll", "she'd": the pronoun and its
	// auxiliary are two words, so "You’ve" is no name.
	for _, t := range []string{"'ve", "’ve", "'re", "’re", "'ll", "’ll", "'m", "’m", "'d", "’d", "'VE", "’VE", "'RE", "’RE", "'LL", "’LL", "'M", "’M", "'D", "’D"} {
		if len(w) > len(t) && strings.HasSuffix(w, t) {
			return w[:len(w)-len(t)], w[len(w)-len(t):]
		}
	}
	if n := len(w); n > 3 && (w[n-1] == 't' || w[n-1] == 'T') {
		for _, t := range []string{"n't", "n’t", "N'T", "N’T"} {
			if len(w) > len(t) && strings.HasSuffix(w, t) {
				return w[:len(w)-len(t)], w[len(w)-len(t):]
			}
		}
	}
	return w, ""
}

func normaliseApostrophe(s string) string {
	if strings.Contains(s, "’") {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// scanNumber keeps digits and the separators between them: "6,000", "3.5",
// "9:00"; a following letter run joins too ("24-hour" is one word-like token).
func scanNumber(text string, i int) int {
	for i < len(text) {
		c := text[i]
		switch {
		case c >= '0' && c <= '9':
			i++
		case (c == '.' || c == ',' || c == ':') && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9':
			i++
		case c == '-' && i+1 < len(text) && text[i+1] < utf8.RuneSelf && (unicode.IsLetter(rune(text[i+1])) || text[i+1] >= '0' && text[i+1] <= '9'):
			i++
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				return i
			}
			i += size
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			i++
		default:
			return i
		}
	}
	return i
}

// possessiveAfterS: an apostrophe right after a word ending in "s" and
// before a space and a lower-case word ("the Armenians' rights").
func possessiveAfterS(text string, i, size int) bool {
	if i == 0 || text[i-1] != 's' || i+size+1 >= len(text) || text[i+size] != ' ' {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[i+size+1:])
	return unicode.IsLower(next)
}

func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‘', '’', '\'', '‹', '›', '‚':
		return true
	}
	return false
}

func isSingleQuote(r rune) bool {
	switch r {
	case '‘', '’', '\'', '‹', '›', '‚':
		return true
	}
	return false
}

// quoteSide decides which way a mark faces: curly and angle marks say so
// themselves; a straight mark opens after space or an opening bracket and
// closes before space or punctuation.
func quoteSide(text string, i int, r rune, size int) Side {
	switch r {
	case '“', '„', '«', '‘', '‹', '‚':
		return Open
	case '”', '»', '’', '›':
		return Close
	}
	var before, after rune = ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(text[:i])
	}
	if i+size < len(text) {
		after, _ = utf8.DecodeRuneInString(text[i+size:])
	}
	openBefore := unicode.IsSpace(before) || strings.ContainsRune("([{—–-“‘/", before)
	closeAfter := unicode.IsSpace(after) || unicode.IsPunct(after)
	switch {
	case openBefore && !unicode.IsSpace(after):
		return Open
	case !openBefore && closeAfter:
		return Close
	}
	return Either
}
