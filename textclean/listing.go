package textclean

// A listing page (search results, a job board, a section front, an index of
// documents) has no story: its content is the list of items itself, each a
// headline-shaped label with perhaps a date or a number beside it. The
// story weights of region.go count those labels against the region, so on
// such a page the heaviest run is a stray sentence and the list is lost.
//
// listingRegion weighs the lines a second time, as items of a list: a label
// of several words counts for its words, a date beside it for nothing, and
// only menus (labels of one to three words) and interface lines count
// against. When that run outweighs the story by far, no story dominates the
// page and the list is its content.

// Listing weights and limits.
const (
	// listingItemMinWords: a label this long is an item of a list, not a
	// menu entry ("Home", "World News", "Sign in").
	listingItemMinWords = 4
	// listingDominance: the listing replaces the story region when it weighs
	// this many times the story's heaviest run.
	listingDominance = 3
	// listingMinItems: fewer item lines than this make a menu or a teaser
	// box, not a listing.
	listingMinItems = 8
	// storyParagraphMinWords: a story's paragraph is a sentence line this
	// long (the one before it may be half as long).
	storyParagraphMinWords = 20
)

// listingWeight weighs a line as part of a listing (lineWeight weighs it
// as part of a story).
func listingWeight(l *line) int {
	switch l.kind {
	case kindParagraph, kindBlurb:
		return l.words // a summary beside an item is the listing's text too
	case kindLabel, kindTeaser, kindRepeat:
		if l.words >= listingItemMinWords {
			return l.words
		}
		return labelWeight - l.words/3
	case kindDateline, kindByline, kindCaption, kindCredit, kindSeparator:
		return 0 // what stands beside an item: its date, author, picture
	default:
		return furnitureWeight
	}
}

// holdsStory reports whether [start, end) holds two sentence lines in a
// row, the second of some length. A story's paragraphs follow one another;
// the summaries of a listing each follow their headline. Two paragraphs in
// a row make a story, even a short one, and the lists around it are its
// teasers.
func holdsStory(lines []line, start, end int) bool {
	for i := max(start, 1); i < end; i++ {
		if isSentenceLine(&lines[i], storyParagraphMinWords) && isSentenceLine(&lines[i-1], storyParagraphMinWords/2) {
			return true
		}
	}
	return false
}

// isSentenceLine reports whether a line is a paragraph of at least minWords
// words that ends a sentence.
func isSentenceLine(l *line, minWords int) bool {
	return l.kind == kindParagraph && l.words >= minWords && endsSentence(l.text)
}

// listingRegion returns the region of a listing when the page has one and
// no story: storyWeight is the weight of the heaviest run of sentences
// (mainRegion's), hasStory whether that run reads as a story (holdsStory).
func listingRegion(lines []line, storyWeight int, hasStory bool) (start, end int, ok bool) {
	if hasStory {
		return 0, 0, false
	}
	best, start, end := heaviestRun(lines, 0, len(lines), listingWeight)
	if best < listingDominance*storyWeight {
		return 0, 0, false
	}
	for end < len(lines) && (lines[end].kind == kindDateline || lines[end].kind == kindByline) {
		end++ // the date or author of the last item, which weighs nothing
	}
	return start, end, isListing(lines, start, end)
}

// isListing: [start, end) holds enough items (labels of some length,
// teasers, summaries) to be a listing.
func isListing(lines []line, start, end int) bool {
	items := 0
	for i := start; i < end; i++ {
		if l := &lines[i]; l.kind != kindParagraph && l.words >= listingItemMinWords && listingWeight(l) > 0 {
			items++
		}
	}
	return items >= listingMinItems
}

// markListingItems keeps the items of a listing region (or of a main
// region that holds no story): labels of some length, teasers and their
// summaries become paragraphs, so that the teaser and heading rules leave
// them in place, and the dates beside them stay with them.
func markListingItems(lines []line, start, end int) {
	for i := start; i < end; i++ {
		switch l := &lines[i]; l.kind {
		case kindLabel, kindTeaser, kindRepeat, kindBlurb, kindDateline:
			if l.kind != kindDateline && l.words < listingItemMinWords {
				continue
			}
			l.set(kindParagraph, "item of a listing")
		}
	}
}
