package textclean

import (
	"regexp"
	"strings"
)

// The rules in this file decide a line by what surrounds it: how often it
// occurs, which lines stand in its group, what comes after it.

// markRepeats: a label printed more than once ("Read More", "Share", a menu
// entry) is page furniture; a story does not repeat its own words.
// Repeated sentences are left to markCaptions.
func markRepeats(lines []line) {
	counts := keyCounts(lines)
	for i := range lines {
		if l := &lines[i]; l.kind == kindLabel && counts[l.key] > 1 {
			l.set(kindRepeat, "repeated label")
		}
	}
}

// keyCounts counts how often each line key occurs in the text.
func keyCounts(lines []line) map[string]int {
	counts := make(map[string]int, len(lines))
	for _, l := range lines {
		counts[l.key]++
	}
	return counts
}

// commentCount: "34 responses to “…”", "12 comments on …": the header of
// a comment section.
var commentCount = regexp.MustCompile(`(?i)^\d+ (?:responses?|comments?|replies|thoughts|reactions?) (?:to|on)\b`)

// markCommentHeaders: comments open with their author ("jdoe says:"), or
// the section with a count ("34 responses to …"). One or two such lines may
// be the story introducing quotes; three or more are a comment section, and
// the first of them ends the story.
func markCommentHeaders(lines []line) {
	var headers []int
	for i := range lines {
		l := &lines[i]
		if l.words > stampedHeaderMaxWords {
			continue
		}
		if commentCount.MatchString(l.text) {
			l.set(kindUI, "comment count")
			l.endsStory, l.opensComments = true, true
			continue
		}
		t := strings.TrimRight(l.text, closers)
		if !strings.HasSuffix(t, ":") {
			continue
		}
		lower := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(t, ":")))
		stamped := holdsTimestamp(lower)
		if (l.words <= commentHeaderMaxWords || stamped) && endsWithVerb(lower, vocab.commentVerbs) ||
			stamped && endsWithVerb(lower, vocab.stampedVerbs) {
			headers = append(headers, i)
		}
	}
	headers = append(headers, signedPosts(lines)...)
	if len(headers) < commentHeadersMin {
		return
	}
	for _, i := range headers {
		lines[i].set(kindUI, "comment header")
		lines[i].endsStory, lines[i].opensComments = true, true
	}
}

// signedPosts finds the other form of comment header: the commenter's
// name alone on its line (a label of a few words), then the time of the
// post, then its text. A story's own author and date stand above it once;
// comments repeat the pattern. On a forum the posts are the page's
// content: they are comments only below a story of their own, some
// sentences that stand above the first post.
func signedPosts(lines []line) []int {
	var headers []int
	storyAbove := 0 // words of sentences above the first post
	for i := 0; i+2 < len(lines); i++ {
		name, date, text := &lines[i], &lines[i+1], &lines[i+2]
		if name.words >= 1 && name.words <= commenterMaxWords && isUnplacedLabel(name.kind) &&
			date.kind == kindDateline && text.kind == kindParagraph && endsSentence(text.text) {
			headers = append(headers, i)
		} else if len(headers) == 0 && name.kind == kindParagraph && endsSentence(name.text) {
			storyAbove += name.words
		}
	}
	if storyAbove < storyAbovePostsMin {
		return nil
	}
	return headers
}

// Signed posts: a commenter's name or handle is commenterMaxWords long at
// most; posts are comments below a story of storyAbovePostsMin words.
const (
	commenterMaxWords  = 3
	storyAbovePostsMin = 300
)

// isUnplacedLabel: a label, whatever repetition or shape made of it so far.
func isUnplacedLabel(k kind) bool {
	switch k {
	case kindLabel, kindRepeat:
		return true
	}
	return false
}

// A comment header is a name and a verb; a comment section has several.
// Some comment systems put the time between them ("Jane on September 12,
// 2018 at 4:47 pm said:"): with a timestamp, the header may be longer.
const (
	commentHeaderMaxWords = 4
	stampedHeaderMaxWords = 16
	commentHeadersMin     = 3
)

// endsWithVerb: the last words of lower are one of the verbs.
func endsWithVerb(lower string, verbs []string) bool {
	for _, v := range verbs {
		if strings.HasSuffix(lower, " "+v) {
			return true
		}
	}
	return false
}

// clockTime: "4:47", "12:06".
var clockTime = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)

// holdsTimestamp: the lower-cased text names a time of day or a month.
func holdsTimestamp(s string) bool {
	if clockTime.MatchString(s) {
		return true
	}
	for _, w := range words(s) {
		if vocab.months[w] {
			return true
		}
	}
	return false
}

// markLinesOfParagraphs: a label in a group of lines that holds a sentence
// belongs to it: a paragraph wrapped at a fixed width, a list introduced by
// a sentence, quotes signed "— Name".
func markLinesOfParagraphs(lines []line) {
	groupHasParagraph := map[int]bool{}
	for _, l := range lines {
		if l.kind == kindParagraph {
			groupHasParagraph[l.group] = true
		}
	}
	for i := range lines {
		if l := &lines[i]; l.kind == kindLabel && groupHasParagraph[l.group] {
			l.set(kindParagraph, "label inside a paragraph")
		}
	}
}

// markColonLists: the labels right after a sentence ending with a colon
// are the items of the list it announces ("Here are the offers:"), even
// when the items have no final stop; so are such lines wrapped into the
// sentence's own group, which markLinesOfParagraphs made paragraph lines.
func markColonLists(lines []line) {
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		if l.kind != kindParagraph || !strings.HasSuffix(strings.TrimRight(l.text, closers), ":") {
			continue
		}
		for i+1 < len(lines) && colonListItem(&lines[i+1], l.group) {
			i++
			lines[i].set(kindParagraph, "item of a list announced by a colon")
			lines[i].listItem = true
		}
	}
}

// colonListItem: a label, or a label-shaped line of the announcing
// sentence's own group.
func colonListItem(l *line, group int) bool {
	if l.kind == kindLabel {
		return true
	}
	return l.kind == kindParagraph && l.group == group && l.words <= labelMaxWords && !endsSentence(l.text)
}

// teaserRecordsMin: a headline, its summary and its date make one teaser
// record; a page that prints this many is a list of other stories.
const teaserRecordsMin = 2

// markTeaserRecords: lists of other stories print each as a headline, a
// summary sentence and the date ("32M ago", "Nov 18"), in that order. A
// story's own paragraph is not set between a headline-shaped line and a
// date (a story's date stands above its text, not below each paragraph),
// so where the record repeats, the summaries are set aside like summaries
// cut short, and their headlines as teasers.
func markTeaserRecords(lines []line) {
	var summaries []int
	for i := 1; i+1 < len(lines); i++ {
		head, l, date := &lines[i-1], &lines[i], &lines[i+1]
		if l.kind != kindParagraph || date.kind != kindDateline || !headlineOfRecord(head) {
			continue
		}
		summaries = append(summaries, i)
	}
	if len(summaries) < teaserRecordsMin {
		return
	}
	for _, i := range summaries {
		lines[i].set(kindBlurb, "summary between a headline and its date")
		head := &lines[i-1]
		head.set(kindTeaser, "headline above a summary and a date")
		head.caption = ""
	}
}

// headlineOfRecord: the first line of a teaser record, headline-shaped
// whatever the classifier made of it so far.
func headlineOfRecord(l *line) bool {
	switch l.kind {
	case kindLabel, kindRepeat, kindParagraph, kindHeading, kindTeaser:
		return isHeadlineShaped(l.text, l.words) && l.words >= 3
	}
	return false
}
