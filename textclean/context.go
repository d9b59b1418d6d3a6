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
		if l.words > commentHeaderMaxWords+1 {
			continue
		}
		if commentCount.MatchString(l.text) {
			l.set(kindUI, "comment count")
			l.endsStory, l.opensComments = true, true
			continue
		}
		t := strings.TrimRight(l.text, closers)
		if !strings.HasSuffix(t, ":") || l.words > commentHeaderMaxWords {
			continue
		}
		lower := strings.ToLower(strings.TrimSpace(strings.TrimSuffix(t, ":")))
		for _, v := range vocab.commentVerbs {
			if strings.HasSuffix(lower, " "+v) {
				headers = append(headers, i)
				break
			}
		}
	}
	if len(headers) < commentHeadersMin {
		return
	}
	for _, i := range headers {
		lines[i].set(kindUI, "comment header")
		lines[i].endsStory, lines[i].opensComments = true, true
	}
}

// A comment header is a name and a verb; a comment section has several.
const (
	commentHeaderMaxWords = 4
	commentHeadersMin     = 3
)

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
// when the items have no final stop.
func markColonLists(lines []line) {
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		if l.kind != kindParagraph || !strings.HasSuffix(strings.TrimRight(l.text, closers), ":") {
			continue
		}
		for i+1 < len(lines) && lines[i+1].kind == kindLabel {
			i++
			lines[i].set(kindParagraph, "item of a list announced by a colon")
			lines[i].listItem = true
		}
	}
}
