package textclean

// Captions: pictures are gone from scraped text, but their captions and
// credits stay, printed once or twice, next to each other or apart.

// Caption shape limits: a caption is a sentence or two; a line followed by a
// credit but longer than this is a paragraph before an uncaptioned picture.
const (
	captionMaxWords        = 60 // caption on the line right above its credit
	looseCaptionMaxWords   = 35 // caption separated from its credit by a blank line
	repeatedCaptionMaxWord = 50 // a sentence printed twice close by is a caption up to this length
)

// markCaptions pairs captions with credits:
//   - a credit on its own line credits the caption right above it, when that
//     line has a caption's shape;
//   - a caption printed again elsewhere (galleries, lightboxes print it twice)
//     is the same picture;
//   - a short sentence printed twice within a few lines is a caption even
//     without a credit; a long one printed twice is a paragraph copied by
//     the page (a pull quote, a teaser of itself): the first copy stays.
func markCaptions(lines []line) {
	counts := keyCounts(lines)
	creditOf := map[string]string{} // caption key → credit
	for i := range lines {
		l := &lines[i]
		switch l.kind {
		case kindCaption:
			creditOf[lineKey(l.caption)] = l.credit
		case kindCredit:
			if i == 0 {
				continue
			}
			p := &lines[i-1]
			switch {
			case p.kind == kindCaption && lineKey(p.credit) == l.key:
				l.attached = true // the credit printed again under its caption
				l.rule = "credit repeated under its caption"
			case p.kind == kindCaption && p.credit == "":
				p.credit, l.attached = l.credit, true
				creditOf[lineKey(p.caption)] = l.credit
			case p.kind == kindParagraph && captionShaped(p, p.group == l.group, counts[p.key] > 1) &&
				(p.group == l.group || aloneInGroup(lines, i-1)):
				p.set(kindCaption, "line above a credit")
				p.caption, p.credit = p.text, l.credit
				l.attached = true
				creditOf[p.key] = l.credit
			}
		}
	}
	lastSeen := map[string]int{} // key → index of its previous occurrence
	for i := range lines {
		l := &lines[i]
		if l.kind != kindParagraph || counts[l.key] < 2 {
			continue
		}
		credit, known := creditOf[l.key]
		prev, seen := lastSeen[l.key]
		lastSeen[l.key] = i
		switch {
		case known:
			l.set(kindCaption, "copy of a caption")
			l.caption, l.credit = l.text, credit
		case l.words <= repeatedCaptionMaxWord && seen && i-prev <= captionEchoLines:
			// Galleries and lightboxes print a caption twice within a few lines.
			l.set(kindCaption, "sentence printed twice close by")
			l.caption = l.text
			if p := &lines[prev]; p.kind == kindParagraph {
				p.set(kindCaption, "sentence printed twice close by")
				p.caption = p.text
			}
		case l.words > repeatedCaptionMaxWord && seen:
			l.set(kindRepeat, "later copy of a paragraph")
		}
	}
}

// captionEchoLines: how close the two prints of one caption stand. Farther
// apart, a repeated short sentence is the story's own (a refrain, a recipe
// line in several menus).
const captionEchoLines = 4

// aloneInGroup reports whether line i has blank lines (or the text's ends)
// on both sides. Captions and headlines stand alone; a line of a group of
// several is part of a paragraph, a list or a quote.
func aloneInGroup(lines []line, i int) bool {
	g := lines[i].group
	return (i == 0 || lines[i-1].group != g) && (i+1 >= len(lines) || lines[i+1].group != g)
}

// captionShaped: a short line of a sentence or two, or any line printed twice.
func captionShaped(l *line, sameGroup, repeated bool) bool {
	if l.words < 3 || l.words > captionMaxWords {
		return false
	}
	return sameGroup || repeated || (sentenceCount(l.text) <= 1 && l.words <= looseCaptionMaxWords)
}
