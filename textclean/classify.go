package textclean

import (
	"regexp"
	"strings"
	"unicode"
)

// The rules that read one line by itself: interface words, separators,
// counters and, through the other files, credits, agencies, bylines and
// datelines. What no rule claims is a sentence or a label.

// Patterns for lines that are page furniture by their form alone.
var (
	// A gallery counter: "Image 1 of 23", "1 / 23", "Photo 3 de 10".
	galleryCounter = regexp.MustCompile(`^(?:\pL+ )?\d+ ?(?:of|/|de|von|di|из|sur)(?: ?/)? ?\d+$`)
	// A copyright notice: "© 2019 Hearst Communications, Inc.", "Copyright 2024 …".
	copyrightNotice = regexp.MustCompile(`^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4})`)
	// A numeric date: 20.11.2019, 2019-11-20, 11/20/19.
	numericDate = regexp.MustCompile(`\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b`)
)

// shortLineWords: only lines up to this long can be counters, notices,
// credits, bylines or datelines, so only they are lower-cased and matched.
const shortLineWords = 20

// classifyAlone decides what a line is from its own text, before anything
// is known about its neighbours. Order matters: the most specific rule wins.
func classifyAlone(l *line) {
	lower := ""
	if l.words <= shortLineWords {
		lower = strings.ToLower(strings.Join(strings.Fields(l.text), " "))
	}
	switch {
	case !strings.ContainsFunc(l.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		l.set(kindSeparator, "no letter or digit")
	case vocab.endCues[l.key] && !endsWithFullStop(l.text):
		l.set(kindUI, "interface: end of story")
		l.endsStory = true
	case vocab.relatedCues[l.key] && !endsWithFullStop(l.text):
		l.set(kindRelatedCue, "interface: related cue")
	case vocab.uiWords[l.key] && !endsWithFullStop(l.text):
		l.set(kindUI, "interface word")
	case galleryCounter.MatchString(lower):
		l.set(kindUI, "gallery counter")
	case copyrightNotice.MatchString(strings.ToLower(prefixRunes(l.text, 24))):
		l.set(kindUI, "copyright notice")
	default:
		classifyByContent(l, lower)
	}
}

// classifyByContent classifies a line no interface list claimed: a long line
// is prose (or a caption ending in its credit); a short one is tried, in
// order, as an inline teaser, an agency line, a caption with its credit, a
// credit, a reporting credit, an interface label, a byline and a dateline,
// and is prose or a label when none of them fits.
func classifyByContent(l *line, lower string) {
	if l.words > shortLineWords {
		if caption, credit, ok := captionWithCredit(l.text); ok && l.words <= captionMaxWords+creditMaxWords {
			l.set(kindCaption, "caption with credit suffix")
			l.caption, l.credit = caption, credit
		} else {
			classifyProse(l)
		}
		return
	}
	if title, ok := inlineTeaser(l.text); ok {
		l.set(kindTeaser, "related cue with headline")
		l.caption = title
		return
	}
	if name, ok := agencyLine(l.key); ok {
		l.set(kindAgency, "agency line")
		l.agency = name
		return
	}
	if caption, credit, ok := captionWithCredit(l.text); ok {
		l.set(kindCaption, "caption with credit suffix")
		l.caption, l.credit = caption, credit
		return
	}
	if credit, ok := creditLine(l, lower); ok {
		l.set(kindCredit, "credit line")
		l.credit = credit
		return
	}
	if containsPhrase(lower, vocab.contributors) {
		l.set(kindContributor, "reporting credit")
		return
	}
	if l.words <= uiLabelMaxWords && !endsSentence(l.text) && containsPhrase(lower, vocab.uiContains) {
		l.set(kindUI, "interface word inside a label")
		return
	}
	if isByline(l) {
		l.set(kindByline, "byline")
		return
	}
	if isDateline(l, lower) {
		l.set(kindDateline, "dateline")
		return
	}
	classifyProse(l)
}

// classifyProse: what no word list claimed is a sentence, or a label when it
// has no final stop.
func classifyProse(l *line) {
	if t := strings.TrimRight(l.text, closers); (strings.HasSuffix(t, "…") || strings.HasSuffix(t, "..")) && l.words <= blurbMaxWords {
		l.set(kindBlurb, "cut short with an ellipsis")
		return
	}
	if endsSentence(l.text) {
		l.set(kindParagraph, "sentence")
		return
	}
	if l.words > labelMaxWords || sentenceCount(l.text) > 1 {
		l.set(kindParagraph, "long line without final stop")
		return
	}
	l.set(kindLabel, "no final stop")
}

// blurbMaxWords: sites cut the summaries of teasers with an ellipsis; a
// story's own paragraph rarely ends in one. Longer lines are kept anyway.
const blurbMaxWords = 40

// uiLabelMaxWords: how long a label holding an interface word may be.
const uiLabelMaxWords = 10

// labelMaxWords: a line without a final stop longer than this is prose that
// lost its stop (a quote ending in "— Name", a truncated line), not a label.
const labelMaxWords = 25

// endsWithFullStop: one final period, not an ellipsis. Interface words are
// never punctuated as sentences ("Loading..." is a status, not a sentence),
// so "FACEBOOK." is a word of the text, not a button.
func endsWithFullStop(s string) bool {
	s = strings.TrimRight(s, closers)
	return strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "..")
}

// containsPhrase reports whether lower holds one of the phrases as whole words.
func containsPhrase(lower string, phrases []string) bool {
	for _, p := range phrases {
		for from := 0; from < len(lower); {
			i := strings.Index(lower[from:], p)
			if i < 0 {
				break
			}
			i += from
			before := i == 0 || !isWordRune(lastRune(lower[:i]))
			after := i+len(p) == len(lower) || !isWordRune(firstRune(lower[i+len(p):]))
			if before && after {
				return true
			}
			from = i + len(p)
		}
	}
	return false
}

// prefixRunes returns the first n runes of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// inlineTeaser recognises "Read more: <headline>" on one line.
func inlineTeaser(s string) (string, bool) {
	i := strings.IndexAny(s, ":|»›>")
	if i <= 0 || i > 40 {
		return "", false
	}
	if !vocab.relatedCues[lineKey(s[:i])] {
		return "", false
	}
	rest := strings.TrimSpace(strings.TrimLeft(s[i:], ":|»›> "))
	if n := countWords(rest); n < 2 || n > 30 {
		return "", false
	}
	return rest, true
}
