package textclean

import (
	"strings"
	"unicode"
)

// Bylines and datelines: who wrote the story and when, on lines of their own.

// nameParticles may stand lower-case inside a person's name or a list of names.
var nameParticles = map[string]bool{
	"and": true, "und": true, "et": true, "y": true, "e": true, "и": true, "ve": true,
	"de": true, "da": true, "di": true, "del": true, "della": true, "van": true, "von": true,
	"der": true, "den": true, "la": true, "le": true, "bin": true, "al": true,
	"for": true, "pour": true, "für": true, "para": true, "per": true, // "By Jane Doe for The Times"
}

// bylineMaxWords: a byline names a few people, perhaps with their outlet.
const bylineMaxWords = 12

// isByline: "By Jane Doe", "Par Jean Dupont et Marie Curie": a byline word,
// then a few capitalised names (perhaps "| Outlet" or "for Outlet") and
// nothing else.
func isByline(l *line) bool {
	// A byline may end with an initial's period, not with a comma or colon.
	if l.words > bylineMaxWords || strings.HasSuffix(l.text, ",") || strings.HasSuffix(l.text, ":") || strings.HasSuffix(l.text, ";") {
		return false
	}
	for _, prefix := range vocab.bylines {
		after, ok := cutFoldPrefix(l.text, prefix+" ")
		if !ok {
			continue
		}
		rest := strings.Fields(after)
		if len(rest) == 0 || len(rest) > 8 {
			return false
		}
		for _, w := range rest {
			w = strings.Trim(w, ",.&|")
			if w == "" || nameParticles[w] || unicode.IsUpper(firstRune(w)) {
				continue
			}
			return false
		}
		return true
	}
	return false
}

// bylineNames splits the names of a byline.
func bylineNames(text string) []string {
	for _, prefix := range vocab.bylines {
		if rest, ok := cutFoldPrefix(text, prefix+" "); ok {
			text = rest
			break
		}
	}
	// The outlet after "|" or "for" is not a name.
	for _, cut := range []string{" | ", " for ", " pour ", " für ", " para ", " per "} {
		if i := strings.Index(text, cut); i > 0 {
			text = text[:i]
		}
	}
	text = strings.NewReplacer(" and ", ",", " und ", ",", " et ", ",", " y ", ",", " e ", ",", " & ", ",", " и ", ",", " ve ", ",").Replace(text)
	var names []string
	for _, n := range strings.Split(text, ",") {
		n = strings.TrimSpace(strings.Trim(n, ".|"))
		if countWords(n) >= 1 {
			names = append(names, n)
		}
	}
	return names
}

// isDateline: a short line that is a date or a timestamp.
func isDateline(l *line, lower string) bool {
	if l.words > 12 || strings.HasSuffix(l.text, ":") || strings.HasSuffix(l.text, "?") {
		return false
	}
	if endsSentence(l.text) && l.words > 6 {
		return false
	}
	ws := words(lower)
	hasDigit, hasMonth := false, false
	for _, w := range ws {
		if unicode.IsDigit(firstRune(w)) {
			hasDigit = true
		}
		if vocab.months[w] {
			hasMonth = true
		}
	}
	if !hasDigit || len(ws) == 0 {
		return false
	}
	if l.words <= 8 && containsPhrase(lower, vocab.relative) {
		return true // "2 days ago", "vor 3 Stunden"
	}
	// A dateline opens with its date: a number, a month, a weekday or a
	// timestamp word. "Correction: October 2, 2016" is a notice, not a dateline.
	if first := ws[0]; !unicode.IsDigit(firstRune(first)) && !vocab.months[first] && !vocab.weekdays[first] && !startsWithStamp(lower) {
		return false
	}
	return hasMonth || numericDate.MatchString(lower) || startsWithStamp(lower)
}

func startsWithStamp(lower string) bool {
	for _, s := range vocab.stamps {
		if strings.HasPrefix(lower, s) {
			return true
		}
	}
	return false
}
