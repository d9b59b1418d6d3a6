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
func splitLines(text string) []line {
	text = strings.TrimPrefix(text, "\ufeff")
	var lines []line
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

// linesPerGroupMax: text with more lines than this per blank-line group on
// average does not use blank lines to separate blocks.
const linesPerGroupMax = 4
