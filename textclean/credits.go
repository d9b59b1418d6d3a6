package textclean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Credits: the wire agency a story comes from, and the credits of its
// pictures, on their own lines or at the end of a caption.

// agencyFiller are the words that may stand around an agency name on its
// credit line: "With Reuters", "Source: AFP", "Reuters contributed to this
// report", "AFP and AP". Lower-case, several languages.
var agencyFiller = map[string]bool{
	"with": true, "source": true, "via": true, "by": true, "from": true, "and": true,
	"additional": true, "reporting": true, "contributed": true, "to": true, "this": true,
	"report": true, "agencies": true, "wires": true, "staff": true, "writers": true,
	"avec": true, "mit": true, "und": true, "quelle": true, "con": true,
	"fuente": true, "com": true, "fonte": true, "e": true, "y": true, "et": true,
	"ve": true, "kaynak": true, "и": true, "по": true, "данным": true, "материалам": true,
}

// nameWords splits s into words the way agency names are spelled: word
// characters and hyphens ("Agence France-Presse").
func nameWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '-' })
}

// agencyLine reports whether a line only credits wire agencies, and names
// the first.
func agencyLine(key string) (string, bool) {
	ws := nameWords(key)
	if len(ws) == 0 || len(ws) > 8 {
		return "", false
	}
	var names []string
	for i := 0; i < len(ws); {
		if agencyFiller[ws[i]] {
			i++
			continue
		}
		name, n := agencyAt(ws, i)
		if n == 0 {
			return "", false
		}
		names = append(names, name)
		i += n
	}
	if len(names) == 0 {
		return "", false
	}
	return names[0], true
}

// agencyAt matches the longest agency spelling (up to four words) at ws[i].
func agencyAt(ws []string, i int) (string, int) {
	for n := min(4, len(ws)-i); n > 0; n-- {
		if name, ok := vocab.agencies[strings.Join(ws[i:i+n], " ")]; ok {
			return name, n
		}
	}
	return "", 0
}

// hasAgency reports whether an agency's name stands anywhere in lower.
func hasAgency(lower string) bool {
	ws := words(lower)
	for i := range ws {
		if _, n := agencyAt(ws, i); n > 0 {
			return true
		}
	}
	return false
}

// creditLine recognises a line that is only a picture credit and returns
// the credit without its "Photo:" label.
func creditLine(l *line, lower string) (string, bool) {
	if l.words > 15 || sentenceCount(l.text) > 1 {
		return "", false
	}
	if rest, ok := afterCreditPrefix(l.text); ok {
		return rest, true
	}
	for _, mark := range []string{"©", "(c) "} {
		if rest, ok := cutFoldPrefix(l.text, mark); ok {
			return strings.TrimSpace(rest), true
		}
	}
	ws := nameWords(lower)
	// "AA Archive", "AFP File", "Reuters Pictures": an agency and one or two words.
	if _, n := agencyAt(ws, 0); n > 0 && len(ws)-n >= 1 && len(ws)-n <= 2 && !endsSentence(l.text) {
		return l.text, true
	}
	// "Jane Doe/Reuters", "AP Photo/Jane Doe", "Getty/Instagram".
	if strings.Contains(l.text, "/") && l.words <= 8 {
		for _, part := range strings.Split(lower, "/") {
			pw := words(part)
			if len(pw) == 0 {
				continue
			}
			if _, n := agencyAt(pw, 0); n > 0 || containsMarker(part) {
				return l.text, true
			}
		}
	}
	if containsMarker(lower) && l.words <= 10 && (!endsSentence(l.text) || l.words <= 4) {
		return l.text, true
	}
	return "", false
}

// afterCreditPrefix matches "Photo: …", "Photo by …", "Foto: …" and returns
// what follows the label.
func afterCreditPrefix(text string) (string, bool) {
	i := strings.IndexAny(text, ":：")
	if i > 0 && i <= 30 && vocab.creditPrefix[strings.ToLower(strings.TrimSpace(strings.Trim(text[:i], "([ ")))] {
		rest := strings.TrimSpace(strings.TrimRight(text[i:], ")"))
		rest = strings.TrimSpace(strings.TrimLeft(rest, ":："))
		if rest != "" {
			return rest, true
		}
	}
	for _, p := range vocab.creditByPrefix {
		if rest, ok := cutFoldPrefix(text, p+" "); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// cutFoldPrefix cuts prefix from s, ignoring case, and returns the rest.
// It walks runes, since lower-casing can change a string's byte length.
func cutFoldPrefix(s, prefix string) (string, bool) {
	i := 0
	for _, pr := range prefix {
		if i >= len(s) {
			return "", false
		}
		sr, size := utf8.DecodeRuneInString(s[i:])
		if sr != pr && unicode.ToLower(sr) != unicode.ToLower(pr) {
			return "", false
		}
		i += size
	}
	return s[i:], true
}

// containsMarker reports whether s names a picture source as whole words.
func containsMarker(s string) bool {
	return containsPhrase(s, vocab.creditMarker)
}

// captionWithCredit splits "<caption>.  Photo: AA Archive" and
// "<caption> (AP Photo/Jane Doe)" into caption and credit.
func captionWithCredit(text string) (caption, credit string, ok bool) {
	// "(… credit …)" at the end.
	if strings.HasSuffix(text, ")") {
		if i := strings.LastIndex(text, "("); i > 0 {
			inner := text[i+1 : len(text)-1]
			innerLower := strings.ToLower(inner)
			_, prefixed := afterCreditPrefix(inner)
			if prefixed || containsMarker(innerLower) || (strings.Contains(inner, "/") && hasAgency(innerLower)) {
				return finishCaption(text[:i], inner)
			}
		}
	}
	// "<sentence>. Photo: …" or "<sentence>. Getty Images". A credit is a few
	// words, so only the line's tail is searched.
	for i := len(text) - 1; i > 0 && i >= len(text)-160; i-- {
		if text[i] != ' ' || !endsSentence(text[:i]) {
			continue
		}
		rest := strings.TrimSpace(text[i:])
		restLower := strings.ToLower(rest)
		if countWords(rest) > creditMaxWords || rest == "" {
			continue
		}
		if c, ok := afterCreditPrefix(rest); ok {
			return finishCaption(text[:i], c)
		}
		if containsMarker(restLower) && !endsSentence(rest) {
			return finishCaption(text[:i], rest)
		}
	}
	return "", "", false
}

// finishCaption accepts the split when the caption has a caption's shape:
// a few words to a few sentences. A paragraph that ends with a credit-like
// aside stays a paragraph.
func finishCaption(caption, credit string) (string, string, bool) {
	caption = strings.TrimSpace(caption)
	credit = strings.TrimSpace(credit)
	if n := countWords(caption); n < 3 || n > captionMaxWords || sentenceCount(caption) > captionMaxSentences || credit == "" {
		return "", "", false
	}
	return caption, credit, true
}

// creditMaxWords: a credit is a name or two and an agency.
const creditMaxWords = 10

// captionMaxSentences: a caption with its credit on the same line is at most
// this many sentences.
const captionMaxSentences = 3
