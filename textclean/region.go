package textclean

// A flattened page is menus, then the story, then more menus, teasers and
// footers. The story is where sentences are: each sentence line weighs its
// word count, each label or furniture line weighs against. The main region
// is the run of lines with the greatest total weight (the maximum-sum
// subarray), so a heading or an "Advertisement" inside the story is bridged
// by the paragraphs around it, while a long menu is not.

// Weights of the lines that are not sentences.
const (
	furnitureWeight = -3 // interface words, credits, datelines, repeats
	labelWeight     = -2 // a label costs this plus a third of its words
	// A label of this many words or more, not set in title case, reads like
	// an item of a list in the text and weighs listItemWeight.
	listItemMinWords = 5
	listItemWeight   = 0
)

// lineWeight is what a line adds to the weight of a run of lines: its words
// for a sentence, nothing for lines that belong near a story, less than
// nothing for labels and furniture.
func lineWeight(l *line) int {
	switch l.kind {
	case kindParagraph:
		if !endsSentence(l.text) {
			return 0 // prose that lost its stop, or a run of links: kept when bridged, never a reason to be
		}
		return l.words
	case kindCaption, kindAgency, kindByline:
		return 0 // they belong near the story but do not make it
	case kindLabel:
		if l.words >= listItemMinWords && !isTitleCase(l.text) {
			return listItemWeight // a list item or a fragment of text, not a menu entry or a headline
		}
		return labelWeight - l.words/3
	default:
		return furnitureWeight
	}
}

// mainRegion returns the half-open range [start, end) of the main region.
// When no line weighs anything (no sentence at all) it is the whole text;
// on a page that is a list of items and no story, it is the list
// (listing.go).
func mainRegion(lines []line) (start, end int) {
	best, bestStart, bestEnd := heaviestRun(lines, 0, len(lines), lineWeight)
	hasStory := holdsStory(lines, bestStart, bestEnd)
	if s, e, ok := listingRegion(lines, best, hasStory); ok {
		markListingItems(lines, s, e)
		return s, e
	}
	if best == 0 {
		return 0, len(lines)
	}
	// A story cut in two by a table or a gallery: a second run above or
	// below that weighs as much as the first is the story's too, and the
	// lines between fall to the line rules.
	if w, s, _ := heaviestRun(lines, 0, bestStart, lineWeight); w*splitStoryShare >= best {
		bestStart = s
	}
	if w, _, e := heaviestRun(lines, bestEnd, len(lines), lineWeight); w*splitStoryShare >= best {
		bestEnd = e
	}
	for bestEnd < len(lines) && lines[bestEnd].listItem {
		bestEnd++ // a list the story's last sentence announced
	}
	bestEnd = cutAtEndCue(lines, bestStart, bestEnd)
	// The lead picture, the byline and the date weigh nothing but belong to
	// the story they stand right above.
	for bestStart > 0 && leadsStory(lines[bestStart-1].kind) {
		bestStart--
	}
	if !hasStory && isListing(lines, bestStart, bestEnd) {
		// Sentences, but no two in a row, and many items: the region is a
		// list of items with their summaries (a blog's front page), not a
		// story with teasers, so its headlines and dates are kept.
		markListingItems(lines, bestStart, bestEnd)
	}
	return bestStart, bestEnd
}

// leadsStory reports whether a line of this kind, standing right above the
// main region, belongs to the story below it.
func leadsStory(k kind) bool {
	switch k {
	case kindCaption, kindCredit, kindByline, kindDateline, kindSeparator:
		return true
	}
	return false
}

// cutAtEndCue ends the region at the header of what follows the story:
// comments read like prose and would otherwise extend it. A comment header
// or count ends it once any sentence stands above; a mere interface word
// ("Comments", "About the author"), which may also be a link near the top,
// only once most of the region's weight stands above it.
func cutAtEndCue(lines []line, start, end int) int {
	total := 0
	for i := start; i < end; i++ {
		total += max(0, lineWeight(&lines[i]))
	}
	above := 0
	for i := start; i < end; i++ {
		l := &lines[i]
		if (l.opensComments && above > 0) || (l.endsStory && 2*above >= total) {
			return i
		}
		above += max(0, lineWeight(l))
	}
	return end
}

// splitStoryShare: a second run joins the region when it weighs at least
// 1/splitStoryShare of the heaviest one.
const splitStoryShare = 2

// heaviestRun finds the run of lines in [from, to) with the greatest total
// weight (Kadane's maximum-sum subarray) and returns its weight and range;
// weight is lineWeight for a story, listingWeight for a listing.
func heaviestRun(lines []line, from, to int, weight func(*line) int) (best, start, end int) {
	sum, runStart := 0, from
	start, end = from, from
	for i := from; i < to; i++ {
		if sum <= 0 {
			sum, runStart = 0, i
		}
		sum += weight(&lines[i])
		if sum > best {
			best, start, end = sum, runStart, i+1
		}
	}
	return best, start, end
}
