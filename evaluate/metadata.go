package evaluate

import (
	"strings"
	"time"
)

// The metadata rules below are the one way the project compares a system's
// title, byline and date with a gold value, so the bench table and the
// dataset tests quote the same figures. Each returns a strict verdict (the
// text as is, white space folded) and a loose one that forgives a difference
// of form, not of content; both are reported.

// foldQuotes makes typographic quotes ASCII: annotators type "'" where the
// page has "’".
var foldQuotes = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "\u00a0", " ")

func foldText(s string) string { return strings.Join(strings.Fields(foldQuotes.Replace(s)), " ") }

// titleSeparators join a headline and a site name in a <title>.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " : ", " » "}

// maxSiteNameWords bounds what may stand beside a headline and still be
// taken for a site name.
const maxSiteNameWords = 5

// TitleMatch compares titles. Loose also accepts the gold being the title
// plus a separator and a short site name on either side: Readability.js,
// whose output is the Mozilla gold, keeps " - Site" suffixes that lede
// strips on purpose.
func TitleMatch(got, gold string) (strict, loose bool) {
	got, gold = foldText(got), foldText(gold)
	if got == gold {
		return true, true
	}
	if got == "" {
		return false, false
	}
	for _, sep := range titleSeparators {
		if rest, ok := strings.CutPrefix(gold, got+sep); ok && len(strings.Fields(rest)) <= maxSiteNameWords {
			return false, true
		}
		if rest, ok := strings.CutSuffix(gold, sep+got); ok && len(strings.Fields(rest)) <= maxSiteNameWords {
			return false, true
		}
	}
	return false, false
}

// bylinePrefixes are the words that introduce a byline in the gold.
var bylinePrefixes = []string{"by: ", "by ", "von ", "par ", "por ", "di "}

func normByline(s string) string {
	s = strings.ToLower(foldText(s))
	for _, p := range bylinePrefixes {
		s = strings.TrimPrefix(s, p)
	}
	s = strings.ReplaceAll(s, " and ", ", ")
	s = strings.ReplaceAll(s, " & ", ", ")
	return strings.TrimSpace(s)
}

// BylineMatch compares a byline (names joined by ", ") with the gold one. An
// empty gold matches only an empty byline. Loose accepts a byline whose every
// name stands in the gold, when both have one: gold bylines often keep the
// dates and job titles that lede removes ("By Brenda Goodman, MA WebMD Health
// News").
func BylineMatch(got, gold string) (strict, loose bool) {
	g, w := normByline(got), normByline(gold)
	if g == w {
		return true, true
	}
	if g == "" || w == "" {
		return false, false
	}
	for _, name := range strings.Split(g, ", ") {
		if name = strings.TrimSpace(name); name != "" && !strings.Contains(w, name) {
			return false, false
		}
	}
	return false, true
}

// dateLayouts are the forms dates take in gold files and outputs, most
// precise first; the bool says whether the layout carries a zone.
var dateLayouts = []struct {
	layout string
	zone   bool
}{
	{time.RFC3339Nano, true},
	{"2006-01-02T15:04:05Z0700", true},
	{"2006-01-02T15:04Z07:00", true},
	{time.RFC1123Z, true},
	{time.RFC1123, true},
	{"2006-01-02T15:04:05", false},
	{"2006-01-02 15:04:05", false},
	{"2006-01-02T15:04", false},
	{"2006-01-02", false},
}

// DateMatch says whether two dates agree: the same instant to the second
// when both carry a time and a zone (a publication time is not meaningful
// below that, and outputs write whole seconds), else the same calendar date
// as each is written. A time of exactly midnight UTC counts as a day only:
// it is how extractors that find dates to the day (go-trafilatura's
// htmldate) write them.
func DateMatch(got, gold string) bool {
	got, gold = strings.TrimSpace(got), strings.TrimSpace(gold)
	if got == "" || gold == "" {
		return false
	}
	g, gZone, okG := parseDate(got)
	w, wZone, okW := parseDate(gold)
	if !okG || !okW {
		return got == gold
	}
	if gZone && wZone {
		return g.Truncate(time.Second).Equal(w.Truncate(time.Second))
	}
	return g.Format(time.DateOnly) == w.Format(time.DateOnly)
}

func parseDate(s string) (t time.Time, zone, ok bool) {
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			_, offset := t.Zone()
			midnightUTC := offset == 0 && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
			return t, l.zone && !midnightUTC, true
		}
	}
	return time.Time{}, false, false
}
