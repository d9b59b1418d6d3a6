package textclean

import (
	"regexp"
	"strings"
)

// Lists in scraped text: a browser's copy keeps the bullets and numbers of
// list items ("• Item", "- Item", "1. Item", "2) Item"), one item a line; a
// sentence ending with a colon announces the items after it (markColonLists).
// Such runs become article.List blocks instead of one paragraph per line.

// listMarker is the prefix of a list item: a bullet sign, or a number (or a
// lower-case letter) closed by "." or ")", then white space.
var listMarker = regexp.MustCompile(`^(?:([-–—•*·▪◦‣●■➢►✓✔])|(\d{1,3}|[a-z])[.)])\s+`)

// listRunMin: this many consecutive lines with a marker make a list; one
// marked line is as likely a dash-led quote or a numbered heading.
const listRunMin = 2

// marker reads the line's list marker: its class ("•" for that bullet, "1"
// for any number, "a" for any letter), whether it numbers the items, and
// the item's text after it.
func marker(text string) (class string, ordered bool, item string, ok bool) {
	m := listMarker.FindStringSubmatchIndex(text)
	if m == nil || strings.TrimSpace(text[m[1]:]) == "" {
		return "", false, "", false
	}
	item = strings.TrimSpace(text[m[1]:])
	switch {
	case m[2] >= 0:
		return text[m[2]:m[3]], false, item, true
	case text[m[4]] >= '0' && text[m[4]] <= '9':
		return "1", true, item, true
	default:
		return "a", true, item, true
	}
}

// markBulletLists flags the runs of consecutive lines that share a marker
// class as list items. Their kind is left to the other rules: a run of
// marked menu entries on a noisy page is still navigation.
func markBulletLists(lines []line) {
	for i := 0; i < len(lines); {
		class, ordered, _, ok := marker(lines[i].text)
		if !ok {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) {
			if c, _, _, ok := marker(lines[j].text); !ok || c != class {
				break
			}
			j++
		}
		if j-i >= listRunMin {
			for k := i; k < j; k++ {
				lines[k].bulleted, lines[k].ordered = true, ordered
			}
		}
		i = j
	}
}

// listItemText is the item without its marker.
func listItemText(l *line) string {
	if l.bulleted {
		if _, _, item, ok := marker(l.text); ok {
			return item
		}
	}
	return l.text
}

// inList: a kept line that is an item of a list.
func inList(l *line) bool {
	return l.kind == kindParagraph && (l.listItem || l.bulleted)
}

// listRunEnd returns the end of the run of list items that starts at i
// (i itself when line i is no item): consecutive items, all bulleted with
// the same numbering or all announced by a colon.
func listRunEnd(lines []line, i, end int) int {
	if i >= end || !inList(&lines[i]) {
		return i
	}
	first := &lines[i]
	j := i + 1
	for j < end && inList(&lines[j]) && lines[j].bulleted == first.bulleted && lines[j].ordered == first.ordered {
		j++
	}
	return j
}

// sectionNumber is the numbering of a section heading: "2 Methods",
// "2.1 Data", "2.1.3. Sources".
var sectionNumber = regexp.MustCompile(`^(\d{1,3}(?:\.\d{1,3})*)\.?\s+\S`)

// Heading levels: plain text keeps no sign of a heading's rank except its
// section number, so every heading is a section (level 2) and each further
// number of "2.1.3" goes one level down, to level 6 at most.
const (
	sectionLevel    = 2
	maxHeadingLevel = 6
)

// headingLevel reads the heading's level from its section number.
func headingLevel(text string) int {
	m := sectionNumber.FindStringSubmatch(text)
	if m == nil {
		return sectionLevel
	}
	return min(maxHeadingLevel, sectionLevel+strings.Count(m[1], "."))
}
