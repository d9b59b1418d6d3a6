package textclean

import (
	"strings"
	"unicode"
)

// A line and what the classifier decided it is.

// kind is what the classifier decided a line is.
type kind int

const (
	kindParagraph   kind = iota // body text
	kindLabel                   // short line without a final stop, not yet placed
	kindHeading                 // a label that introduces the paragraph after it
	kindUI                      // interface word: button, status, ad slot, menu
	kindRelatedCue              // interface word that announces teasers ("Read more")
	kindTeaser                  // headline of another story: set aside as Related
	kindCaption                 // photo caption: set aside as an Image
	kindCredit                  // photo credit line
	kindAgency                  // wire agency credit of the story
	kindByline                  // "By Jane Doe"
	kindDateline                // a line that is only a date or timestamp
	kindSeparator               // no word at all: rules, bullets, "___"
	kindRepeat                  // a repeated label, or a later copy of a paragraph
	kindBlurb                   // a teaser's summary, cut short with an ellipsis
	kindTitle                   // the story's headline: Article.Title
	kindDek                     // the standfirst under it: Article.Dek
	kindOutside                 // dropped by position (after the sign-off)
	kindContributor             // "Jane Doe contributed to this report."
)

var kindNames = [...]string{
	kindParagraph: "paragraph", kindLabel: "label", kindHeading: "heading", kindUI: "ui",
	kindRelatedCue: "related-cue", kindTeaser: "teaser", kindCaption: "caption", kindCredit: "credit",
	kindAgency: "agency", kindByline: "byline", kindDateline: "dateline", kindSeparator: "separator",
	kindRepeat: "repeat", kindBlurb: "blurb", kindTitle: "title", kindDek: "dek", kindOutside: "outside",
	kindContributor: "contributor",
}

func (k kind) String() string { return kindNames[k] }

// isNoise reports whether a line of this kind is evidence that the text is a
// flattened web page rather than a clean article.
func (k kind) isNoise() bool {
	switch k {
	case kindUI, kindRelatedCue, kindTeaser, kindCaption, kindCredit, kindDateline, kindRepeat, kindBlurb:
		return true
	}
	return false
}

// line is one non-empty line of the input and what the rules made of it.
type line struct {
	text  string // the line, trimmed
	key   string // lineKey(text): the form lines are compared in
	group int    // lines of one group stand together, with no blank line between
	words int
	kind  kind
	rule  string // the rule that set kind: shown by tests and debugging

	caption, credit string // for captions (and credit-only images); title for teasers
	agency          string // canonical agency name for kindAgency
	attached        bool   // a credit line already given to the caption above it
	endsStory       bool   // an interface line after which the story is over (comments)
	opensComments   bool   // endsStory, and surely so: a comment header or count
	listItem        bool   // an item of a list a sentence announced with a colon
	bulleted        bool   // an item of a run of lines sharing a bullet or number prefix
	ordered         bool   // bulleted, and the prefix is a number
}

func (l *line) set(k kind, rule string) {
	l.kind, l.rule = k, rule
}

// splitLines cuts the text into non-empty lines and numbers their groups:
// lines not separated by a blank line belong to one group (a paragraph
// wrapped over several lines, a caption and its credit).
//
// Memory is bounded by the input: a line costs a fixed record (lineBytes)
// whatever its length, so text whose lines average fewer than minLineBytes
// bytes (no real text: a line of prose is 50 to 100 bytes, a table cell per
// line about 20) is cut into pieces of at least pieceBytes instead,
// consecutive lines taken together as they stand, newlines kept. 16 MB of
// one-letter lines took 3.7 GB read line by line; in pieces, under 200 MB.
func splitLines(text string) []line {
	text = strings.TrimPrefix(text, "\ufeff")
	n := 0 // non-empty lines
	for raw := range strings.Lines(text) {
		if !isBlank(raw) {
			n++
		}
	}
	if n > len(text)/minLineBytes+lineAllowance {
		return splitPieces(text)
	}
	lines := make([]line, 0, n)
	group := 0
	blank := false
	for raw := range strings.Lines(text) {
		t := strings.TrimFunc(raw, unicode.IsSpace)
		if t == "" {
			blank = true
			continue
		}
		if blank && len(lines) > 0 {
			group++
		}
		blank = false
		lines = append(lines, line{text: t, key: lineKey(t), group: group, words: countWords(t)})
	}
	// Some scrapers (web-corpus dumps among them) put every block on a line
	// of its own with no blank line anywhere: there, each line is a group.
	if groups := group + 1; groups*linesPerGroupMax < len(lines) {
		for i := range lines {
			lines[i].group = i
		}
	}
	return lines
}

// Bounds of splitLines' memory.
const (
	// minLineBytes is the shortest average line, in bytes, of a text read
	// line by line; below it the text is read in pieces.
	minLineBytes = 16
	// pieceBytes is the least length of a piece: long enough that the
	// records of the pieces weigh little beside the text.
	pieceBytes = 256
	// lineAllowance is how many lines any text may have whatever its size,
	// so that short texts of short lines are read as they are.
	lineAllowance = 4096
)

// splitPieces cuts text whose lines are too short to be read one by one
// into pieces of at least pieceBytes: runs of consecutive lines, blank
// ones included, trimmed, each piece a group of its own.
func splitPieces(text string) []line {
	lines := make([]line, 0, len(text)/pieceBytes+1)
	start := -1 // where the current piece began, or -1
	at := 0
	for raw := range strings.Lines(text) {
		if start < 0 && isBlank(raw) {
			at += len(raw)
			continue
		}
		if start < 0 {
			start = at
		}
		at += len(raw)
		if at-start >= pieceBytes {
			lines = appendPiece(lines, text[start:at])
			start = -1
		}
	}
	if start >= 0 {
		lines = appendPiece(lines, text[start:])
	}
	return lines
}

func appendPiece(lines []line, piece string) []line {
	t := strings.TrimFunc(piece, unicode.IsSpace)
	if t == "" {
		return lines
	}
	return append(lines, line{text: t, key: lineKey(t), group: len(lines), words: countWords(t)})
}

// isBlank reports whether a line holds only white space.
func isBlank(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

// linesPerGroupMax: text with more lines than this per blank-line group on
// average does not use blank lines to separate blocks.
const linesPerGroupMax = 4
