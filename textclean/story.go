package textclean

import (
	"unicode/utf8"
)

// The story's own parts, found by position once the lines are classified:
// title and dek at the top, the agency sign-off at the end, teasers of
// other stories and section headings in between.

// Title shape limits.
const (
	titleMaxWords      = 30
	titleMaxRunes      = 250
	titleSearchBack    = 25 // lines searched above the main region for the headline
	titleMaxLeadLines  = 3  // the first line is the title when the story starts this close to it
	dekMinWords        = 8
	dekMaxWords        = 60
	signOffCaptionWord = 50 // a sentence after the agency sign-off up to this length is a caption
)

// titleLike: one line that reads like a headline: short, one sentence, and
// either without a final period or set in title case.
func titleLike(l *line) bool {
	if l.kind != kindLabel && l.kind != kindParagraph {
		return false
	}
	if l.words < 2 || l.words > titleMaxWords || utf8.RuneCountInString(l.text) > titleMaxRunes {
		return false
	}
	if sentenceCount(l.text) > 1 || !startsLikeText(l.text) {
		return false
	}
	return !endsWithPeriod(l.text) || isTitleCase(l.text)
}

// markTitleAndDek: the title is the first line when it reads like a
// headline and the story follows at once; on a page where menus come first,
// it is the nearest headline-shaped line above the main region. The dek is
// the sentence after the title when something (a caption, a credit, a
// byline, a date) sets it apart from the body, the way standfirsts are set.
func markTitleAndDek(lines []line, start, end int, noisy bool) {
	if len(lines) < 2 {
		return
	}
	t := -1
	if (titleLike(&lines[0]) || shortBeforeLonger(lines)) && aloneInGroup(lines, 0) && (!noisy || start <= titleMaxLeadLines) {
		t = 0
	} else if noisy {
		t = headlineAbove(lines, start, end)
	}
	if t < 0 {
		return
	}
	lines[t].set(kindTitle, "first headline")
	d := t + 1
	if d+1 >= len(lines) {
		return
	}
	dek, next := &lines[d], &lines[d+1]
	if dek.kind == kindParagraph && dek.words >= dekMinWords && dek.words <= dekMaxWords &&
		sentenceCount(dek.text) <= 2 && setsApartDek(next.kind) {
		dek.set(kindDek, "standfirst set apart")
	}
}

// shortBeforeLonger: a first line set as a sentence ("Union endorses
// Clinton.") is still a headline when it is one short sentence and the
// paragraph after it is much longer, as leads are.
func shortBeforeLonger(lines []line) bool {
	first, next := &lines[0], &lines[1]
	return first.kind == kindParagraph && first.words >= 2 && first.words <= headlineMaxWords &&
		sentenceCount(first.text) == 1 && startsLikeText(first.text) &&
		next.kind == kindParagraph && next.words >= leadMinWords && next.words >= 2*first.words
}

// A headline set as a sentence has at most headlineMaxWords; the lead after
// it at least leadMinWords.
const (
	headlineMaxWords = 15
	leadMinWords     = 20
)

// headlineAbove picks the page's headline among the lines just above the
// main region (or its first line): the headline-shaped line that scores best
// for standing close to the story, being set in title case, having a
// headline's length, and being printed twice (pages repeat their headline in
// a breadcrumb or a share box). It returns -1 when no line qualifies.
func headlineAbove(lines []line, start, end int) int {
	best, bestScore := -1, 0
	for i := min(start, end-1); i >= 0 && i >= start-titleSearchBack; i-- {
		l := &lines[i]
		if l.words < 3 || !aloneInGroup(lines, i) || (i == start && l.words > headingMaxWords) {
			continue
		}
		candidate := *l
		if candidate.kind == kindRepeat {
			candidate.kind = kindLabel
		}
		if !titleLike(&candidate) {
			continue
		}
		score := 2*min(l.words, 12)/3 - (start-i)/3
		if isTitleCase(l.text) {
			score += 3
		}
		if l.kind == kindRepeat && l.words >= 4 {
			score += 3
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	return best
}

// setsApartDek: the lines that stand between a standfirst and the body on a
// news page: the lead picture's caption or credit, the byline, the date.
func setsApartDek(k kind) bool {
	switch k {
	case kindCaption, kindCredit, kindByline, kindDateline:
		return true
	}
	return false
}

// signOffReach: an agency line this close below the main region (which
// ends on a sentence) is still the story's sign-off.
const signOffReach = 3

// markSignOff: a wire story ends with its agency's name ("Reuters", "— AFP").
// After that line come only the page's leftovers: short sentences there are
// captions of pictures shown below the story, labels are navigation. If a
// real paragraph follows, the agency line was not a sign-off and nothing
// changes.
func markSignOff(lines []line, start, end int) {
	a := -1
	for i := start; i < min(len(lines), end+signOffReach); i++ {
		if lines[i].kind == kindAgency {
			a = i
		}
	}
	if a < 0 {
		return
	}
	for i := a + 1; i < end; i++ {
		if l := &lines[i]; l.kind == kindParagraph && (l.words > signOffCaptionWord || sentenceCount(l.text) > 1) {
			return
		}
	}
	for i := a + 1; i < end; i++ {
		switch l := &lines[i]; l.kind {
		case kindParagraph:
			l.set(kindCaption, "sentence after the sign-off")
			l.caption = l.text
		case kindLabel, kindHeading:
			l.set(kindOutside, "label after the sign-off")
		}
	}
}

// isFurniture: lines that stand between teasers and around them.
func isFurniture(k kind) bool {
	switch k {
	case kindUI, kindRelatedCue, kindRepeat, kindSeparator, kindDateline:
		return true
	}
	return false
}

// nextNonFurniture returns the index of the first line after i that is not
// furniture, or end.
func nextNonFurniture(lines []line, i, end int) int {
	for i++; i < end && isFurniture(lines[i].kind); i++ {
	}
	return i
}

// teaserCandidate reports whether a line could be the headline of another
// story: a label of three words or more, shaped like a headline.
func teaserCandidate(l *line) bool {
	return l.kind == kindLabel && l.words >= 3 && isHeadlineShaped(l.text, l.words)
}

// markTeasers sets aside headlines of other stories:
//   - the headline right after a related cue ("Read More", "Lire aussi") is
//     always one; more headlines follow it in a list, until one is directly
//     followed by a paragraph (that one is the story's next heading);
//   - a headline standing between two interface lines is one;
//   - a headline above a summary cut short with an ellipsis is one.
func markTeasers(lines []line, start, end int) {
	for i := start; i < end; i++ {
		l := &lines[i]
		switch {
		case l.kind == kindRelatedCue:
			j := nextNonFurniture(lines, i, end)
			if j >= end || !teaserCandidate(&lines[j]) {
				i = j - 1 // the furniture up to j holds no other headline
				continue
			}
			lines[j].set(kindTeaser, "headline after a related cue")
			for {
				k := nextNonFurniture(lines, j, end)
				if k >= end || !teaserCandidate(&lines[k]) {
					break
				}
				if k+1 < end && lines[k+1].kind == kindParagraph {
					break
				}
				lines[k].set(kindTeaser, "headline in a related list")
				j = k
			}
			i = j // the lines up to the list's end are settled: each is read once
		case teaserCandidate(l) && i > start && i+1 < end &&
			isFurniture(lines[i-1].kind) && isFurniture(lines[i+1].kind):
			l.set(kindTeaser, "headline between interface lines")
		case teaserCandidate(l) && i+1 < end && lines[i+1].kind == kindBlurb:
			l.set(kindTeaser, "headline above a summary cut short")
		}
	}
}

// Heading shape limits.
const (
	headingMaxWords = 15
	headingMaxRunes = 120
)

// headingShaped: short, without a final period or comma, opening like text.
func headingShaped(l *line) bool {
	return l.words <= headingMaxWords && utf8.RuneCountInString(l.text) <= headingMaxRunes &&
		!endsWithPeriod(l.text) && startsLikeText(l.text)
}

// markHeadings places the remaining labels. A heading-shaped label standing
// alone before a paragraph is a section heading, unless it closes a run of
// labels (a menu, the cells of a table). Any other label is kept as a
// paragraph in clean text; on a noisy page it is navigation, dropped, unless
// it reads like an item of a list in the text (long, not in title case).
func markHeadings(lines []line, start, end int, noisy bool) {
	afterLabel := false // the line above was a label before this pass
	for i := start; i < end; i++ {
		l := &lines[i]
		wasLabel := afterLabel
		afterLabel = l.kind == kindLabel
		if l.kind != kindLabel {
			continue
		}
		j := i + 1
		for j < end && (isFurniture(lines[j].kind) || lines[j].kind == kindCaption || lines[j].kind == kindCredit) {
			j++
		}
		switch {
		case j < end && lines[j].kind == kindParagraph && lines[j].group != l.group && !wasLabel && headingShaped(l):
			l.set(kindHeading, "label before a paragraph")
		case !noisy:
			l.set(kindParagraph, "label in clean text")
		case l.words >= listItemMinWords && !isTitleCase(l.text):
			l.set(kindParagraph, "list item inside the story")
		}
	}
}

// keepInCleanText: clean text is one story and nothing else, so what was
// set aside only for its shape is the story's: a credit with no caption is a
// source note ("Source: NATO."), a reporting credit and a line ending in an
// ellipsis are its last words.
func keepInCleanText(lines []line) {
	for i := range lines {
		switch l := &lines[i]; {
		case l.kind == kindCredit && !l.attached:
			l.set(kindParagraph, "lone credit in clean text")
		case l.kind == kindContributor || l.kind == kindBlurb:
			l.set(kindParagraph, "kept in clean text")
		}
	}
}
