package metadata

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// titleSeparators join a headline and the site's name in <title> and
// sometimes og:title: "Headline | Site", "Site - Headline".
// A bare colon is left out: "Zimbabwe coup: Mugabe…" is one headline. So is
// a colon with a space before it, which French typography puts before every
// colon ("Guerre en Ukraine : les combats continuent"); it separates only
// the site's own name (siteColon).
var titleSeparators = []string{" | ", " - ", " – ", " — ", " · ", " • ", " :: ", " » ", " / ", " _ "}

// siteColon is a colon spaced on both sides, a separator only before the
// site's name ("Zero waste guide : Earth5R").
const siteColon = " : "

// titleCandidate is one way the page names its story.
type titleCandidate struct {
	value  string
	source source
}

// chooseTitle picks the headline from the most trusted source that has one
// (JSON-LD, then OpenGraph, Twitter, meta tags, microdata), without a
// site-name prefix or suffix. When that source offers several (JSON-LD
// headline and name), the one another source confirms wins: the h1, a
// less trusted tag or the <title>. With no metadata at all, <title> stands,
// losing a tail that looks like a site name, and the h1 comes last.
//
// authors are the page's author values as its metadata gives them, so a
// title's author tail is known for what it is (preferHeading).
func chooseTitle(cands []titleCandidate, h1s []string, titleTag string, sites siteNames, authors ...string) string {
	t, fromTags := chooseTitleSource(cands, h1s, titleTag, sites)
	h1s = h1s[:min(len(h1s), maxHeadingsTried)]
	if fromTags {
		if h := visibleHeadline(t, cands, h1s, sites); h != "" {
			t = h
		}
	}
	for _, h := range h1s {
		if p := preferHeading(t, collapse(unescapeTitle(h)), authors); p != t {
			t = p
			break
		}
	}
	t = headingSpelling(t, h1s)
	// A headline shown with the site's name ("… – Artlyst" in the h1) loses
	// it as a title from the tags does.
	t = stripSiteAffix(t, sites)
	return unquoteTitle(unescapeTitle(strings.TrimRight(t, headingMarks)))
}

// minHeadlineWords is the fewest words an h1 needs to be taken for the
// story's headline over the title its tags give: one or two words are a
// section or a site ("Minecraft News", "Webcams").
const minHeadlineWords = 3

// visibleHeadline returns the page's headline when its tags title the story
// otherwise: an SEO or social title ("Top 10 IT Security Best Practices for
// 2025: Protect Your Business") over the h1 readers see ("IT & Cybersecurity
// Best Practices to Protect Your Business"). The h1 must be about the same
// story: it shares words with the tag's title, it is not the site's name,
// and neither holds the other (that is preferHeading's case). It returns ""
// when no h1 qualifies.
func visibleHeadline(t string, cands []titleCandidate, h1s []string, sites siteNames) string {
	tk := nameKey(t)
	for _, h := range h1s {
		h = collapse(unescapeTitle(strings.TrimRight(h, headingMarks)))
		hk := nameKey(h)
		// An h1 in capitals is a styled headline, and the tags' spelling of
		// it is the one to keep (headingSpelling).
		if hk == "" || sites.keys[hk] || len(strings.Fields(h)) < minHeadlineWords || h == strings.ToUpper(h) {
			continue
		}
		switch {
		case strings.Contains(tk, hk):
			return "" // the title is the headline and more: preferHeading's case
		case confirmedByTag(h, cands, sites):
			return h // a tag of the page gives the visible headline too
		case strings.HasPrefix(hk, tk):
			return h // the tags cut the headline short
		case strings.Contains(hk, tk):
			return "" // a word or a date before the tags' title ("The", "Blog:") is styling
		case sharedWords(h, t) >= minSharedHeadlineWords:
			return h
		}
	}
	return ""
}

// confirmedByTag says whether one of the page's title tags gives headline h
// (og:title as the h1, JSON-LD otherwise).
func confirmedByTag(h string, cands []titleCandidate, sites siteNames) bool {
	for _, c := range cands[:min(len(cands), 2*maxHeadingsTried)] {
		if agrees(h, stripSiteAffix(collapse(c.value), sites)) {
			return true
		}
	}
	return false
}

// minSharedHeadlineWords is how many words of four letters or more an h1
// and the tags' title must share to be two titles of one story.
const minSharedHeadlineWords = 2

// sharedWords counts the distinct words of four letters or more that a and b
// both hold, case folded.
func sharedWords(a, b string) int {
	in := make(map[string]bool)
	for _, w := range titleWords(a) {
		in[w] = true
	}
	n := 0
	for _, w := range titleWords(b) {
		if in[w] {
			n++
			delete(in, w)
		}
	}
	return n
}

// titleWords are the lower-cased words of s, letters and digits only, of
// four bytes or more.
func titleWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) >= 4 {
			out = append(out, w)
		}
	}
	return out
}

// unescapeTitle decodes character references left in a title that was
// escaped twice ("And finally&#8230;", "SQL &#x26; AI"): readers see the
// character, never the reference.
func unescapeTitle(t string) string {
	if !strings.Contains(t, "&") || !strings.Contains(t, ";") {
		return t
	}
	return collapse(html.UnescapeString(t))
}

// headingSpelling returns the visible headline when it is the chosen title
// spelled otherwise (case, punctuation: "WEEKEND CODING AGENT" in og:title,
// "Weekend Coding Agent" on the page): readers see the page's spelling. An
// h1 in capitals is a styled headline, not a spelling, and does not win;
// a title in capitals loses to any h1 spelled in mixed case.
func headingSpelling(t string, h1s []string) string {
	for _, h := range h1s {
		if collapse(unescapeTitle(h)) == t {
			return t // one of the h1s spells it as the title does
		}
	}
	for _, h := range h1s {
		if h = collapse(unescapeTitle(h)); h != t && nameKey(h) == nameKey(t) && h != strings.ToUpper(h) {
			return h
		}
	}
	return t
}

// headingMarks are the permalink marks documentation generators append to
// headings ("Logging HOWTO¶"), with the space before them: links, not part
// of the headline. They are dropped from the title chosen, not from the h1s
// compared with the other titles, so which title wins does not change.
const headingMarks = " \u00a0¶🔗"

// maxHeadingsTried is how many of the page's h1s may be the visible
// headline: the first is often the site's logo or a section name.
const maxHeadingsTried = 4

// maxTitlePrefixWords is the most words a part before the headline may have
// and still be a site or section name ("Garnix Blog: Headline").
const maxTitlePrefixWords = 3

// preferHeading returns the page's visible headline when the chosen title
// is that headline with more around it, as SEO titles are ("Headline |
// Section", "Site: Headline", "Headline - Updated 2025"): readers see the
// headline. A tail that names the story's author ("Headline | Jane Doe")
// is part of how the page titles the story, and stays.
func preferHeading(t, heading string, authors []string) string {
	if heading == "" || t == heading || len(heading) >= len(t) || len(strings.Fields(heading)) < 2 {
		return t
	}
	if agrees(heading, t) || addsToHeadline(heading, t) {
		if tail := t[len(heading):]; namesAnAuthor(tail, authors) {
			return t
		}
		return keepSpelling(heading, t) // "Headline | more"
	}
	if strings.HasSuffix(strings.ToLower(t), strings.ToLower(heading)) {
		head := strings.TrimSpace(t[:len(t)-len(heading)])
		if len(strings.Fields(head)) > maxTitlePrefixWords+1 {
			return t
		}
		for _, sep := range titleSeparators {
			if strings.HasSuffix(head+" ", sep) {
				return keepSpelling(heading, t) // "Site | Headline"
			}
		}
		if strings.HasSuffix(head, ":") {
			return keepSpelling(heading, t)
		}
	}
	return t
}

// addsToHeadline says whether title t is the headline followed by an
// addition the page does not show with it: a comma clause ("…, December
// 2025", "…, Tested & Reviewed"), a parenthesis ("… (via Passle)") or a
// second sentence after a headline that ends in "?" or "!" ("What is Mesh
// WiFi? Our 2026 Exclusive Guide").
func addsToHeadline(heading, t string) bool {
	if len(t) <= len(heading) || !strings.EqualFold(t[:len(heading)], heading) {
		return false
	}
	rest := t[len(heading):]
	if strings.HasPrefix(rest, ", ") || strings.HasPrefix(rest, " (") {
		return true
	}
	if strings.HasSuffix(heading, "?") || strings.HasSuffix(heading, "!") {
		r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(rest, " "))
		return strings.HasPrefix(rest, " ") && unicode.IsUpper(r)
	}
	return false
}

// keepSpelling returns the title's own spelling of the headline, at its
// start or end, when the h1 shows it in capitals, which is styling
// ("WEEKEND CODING AGENT" on the page, "Weekend Coding Agent | Labs" in
// <title>).
func keepSpelling(heading, title string) string {
	if heading != strings.ToUpper(heading) || len(title) < len(heading) {
		return heading
	}
	for _, part := range []string{title[:len(heading)], title[len(title)-len(heading):]} {
		if strings.EqualFold(heading, part) {
			return part
		}
	}
	return heading
}

// unquoteTitle removes straight double quotes around a whole title, which
// some CMSes add to og:title; typographic quotes are the headline's own
// and stay.
func unquoteTitle(t string) string {
	if len(t) > 2 && t[0] == '"' && t[len(t)-1] == '"' && !strings.Contains(t[1:len(t)-1], `"`) {
		return strings.TrimSpace(t[1 : len(t)-1])
	}
	return t
}

// chooseTitleSource picks the title from the page's metadata, or its
// <title>, or its h1 (see chooseTitle).
func chooseTitleSource(cands []titleCandidate, h1s []string, titleTag string, sites siteNames) (title string, fromTags bool) {
	heading := ""
	if len(h1s) > 0 {
		heading = collapse(h1s[0])
	}
	titleTag = collapse(titleTag)
	confirmed := func(v string, src source) bool {
		if heading != "" && agrees(v, heading) || titleTag != "" && agrees(v, titleTag) {
			return true
		}
		for _, o := range cands {
			if o.source != src && agrees(v, collapse(o.value)) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(cands); {
		src := cands[i].source
		var group []string
		for ; i < len(cands) && cands[i].source == src; i++ {
			if v := stripSiteAffix(collapse(cands[i].value), sites); v != "" {
				group = append(group, v)
			}
		}
		if len(group) == 0 {
			continue
		}
		choice := group[0]
		for _, v := range group[:min(len(group), 8)] {
			if len(group) > 1 && confirmed(v, src) {
				choice = v
				break
			}
		}
		return choice, true
	}
	if titleTag != "" {
		if t := stripSiteAffix(titleTag, sites); t != titleTag {
			return t, false
		}
		if heading != "" && agrees(heading, titleTag) {
			return keepSpelling(heading, titleTag), false
		}
		return stripNameLikeTail(titleTag), false
	}
	return heading, false
}

// stripNameLikeTail removes the last part of a <title> after a separator when
// it is short (at most 3 words) and what stays is a sentence (at least 3
// words): "Lorem ipsum dolor sit amet – My website". A short title keeps its
// tail, since "Star Wars - Episode I" is one name.
func stripNameLikeTail(t string) string {
	best := -1
	var bestSep string
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(t, sep); i > best {
			best, bestSep = i, sep
		}
	}
	if best <= 0 {
		return t
	}
	head, tail := strings.TrimSpace(t[:best]), t[best+len(bestSep):]
	if len(strings.Fields(tail)) <= 3 && len(tail) <= 40 && len(strings.Fields(head)) >= 3 {
		return head
	}
	return t
}

// agrees says whether title a is confirmed by b: the same words, or b is a
// followed by a separator and more (a <title> with a site suffix).
func agrees(a, b string) bool {
	ka := nameKey(a)
	if ka == "" {
		return false
	}
	if ka == nameKey(b) {
		return true
	}
	if len(b) > len(a) && strings.EqualFold(b[:len(a)], a) {
		rest := b[len(a):]
		for _, sep := range titleSeparators {
			if strings.HasPrefix(rest, sep) {
				return true
			}
		}
	}
	return false
}

// stripSiteAffix removes a site name before or after a separator:
// "Headline | The Site" gives "Headline" when "The Site" is a site name. A
// date after a separator goes too ("Headline | DW | 28.04.2023").
func stripSiteAffix(t string, sites siteNames) string {
	for range 3 { // "Headline - Section - Site" loses at most two parts, and a date
		stripped := false
		for _, sep := range titleSeparators {
			if i := strings.LastIndex(t, sep); i > 0 && (sites.is(t[i+len(sep):]) || isDateTail(t[i+len(sep):])) {
				t, stripped = strings.TrimSpace(t[:i]), true
				break
			}
			if i := strings.Index(t, sep); i > 0 && i+len(sep) < len(t) && sites.is(t[:i]) {
				t, stripped = strings.TrimSpace(t[i+len(sep):]), true
				break
			}
		}
		if i := strings.LastIndex(t, siteColon); !stripped && i > 0 && sites.is(t[i+len(siteColon):]) {
			t, stripped = strings.TrimSpace(t[:i]), true
		}
		if !stripped {
			break
		}
	}
	return t
}

// siteNames are the ways a site goes by in its titles.
type siteNames struct {
	// keys are the name keys of its declared names and of its host.
	keys map[string]bool
	// labels are the keys of its registered domain names, four letters or
	// more ("getdianahr", "bridgestone"), for names that hold one or sit
	// inside one ("DianaHR", "Bridgestone Tires").
	labels []string
}

// minSectionKey is the shortest URL folder taken for a section's name
// ("news"); shorter ones are language or date parts ("en", "25").
const minSectionKey = 4

// maxSectionLen is the longest URL folder taken for a section's name.
const maxSectionLen = 24

// minSiteLabel is the shortest registered name matched inside a longer
// one: shorter ones ("bbc", "dw") match by key only.
const minSiteLabel = 4

// is says whether s is the site's name: one of its keys, or a short name
// (at most maxSiteNameWords words) that holds a registered name as whole
// words ("Bridgestone Tires", "UC Davis Children's Hospital" on
// ucdavis.edu) or that a registered name starts or ends with ("DianaHR" on
// getdianahr.com). A registered name inside a word does not count: "A
// Timeline" is not time.com's name.
func (sn siteNames) is(s string) bool {
	k := nameKey(s)
	if k == "" {
		return false
	}
	if sn.keys[k] {
		return true
	}
	if len(k) < minSiteLabel || len(sn.labels) == 0 {
		return false
	}
	words := strings.Fields(s)
	if len(words) > maxSiteNameWords {
		return false
	}
	for _, l := range sn.labels {
		if len(k) < len(l) && (strings.HasPrefix(l, k) || strings.HasSuffix(l, k)) {
			return true
		}
		if len(k) > len(l) && strings.Contains(k, l) && holdsWords(words, l) {
			return true
		}
	}
	return false
}

// holdsWords says whether a run of consecutive words has the name key key.
func holdsWords(words []string, key string) bool {
	for i := range words {
		run := ""
		for _, w := range words[i:] {
			if run += nameKey(w); run == key {
				return true
			} else if len(run) >= len(key) || !strings.HasPrefix(key, run) {
				break
			}
		}
	}
	return false
}

// maxSiteNameWords is the most words a site's name in a title has
// ("O'Malley Tunstall PLLC", "Farm Bureau Financial Services").
const maxSiteNameWords = 4

// siteKeys are the names a site goes by: its declared names and its host
// without "www." and the public suffix ("www.theverge.com" gives "theverge"
// and "thevergecom").
func siteKeys(names []string, urls ...string) siteNames {
	keys := make(map[string]bool)
	var labels []string
	for _, n := range names {
		if k := nameKey(n); k != "" {
			keys[k] = true
			keys[strings.TrimPrefix(k, "the")] = true
		}
	}
	for _, u := range urls {
		host := hostOf(u)
		if host == "" {
			continue
		}
		keys[nameKey(strings.TrimPrefix(host, "www."))] = true
		// The registered name: the label before the public suffix
		// ("en.wikipedia.org" gives "wikipedia", "bbc.co.uk" gives "bbc"),
		// alone and with the suffix ("promotions.newegg.com" gives
		// "neweggcom", as "Newegg.com" in a title).
		parts := strings.Split(host, ".")
		if len(parts) < 2 {
			continue
		}
		end := len(parts) - 1
		if end >= 2 && secondLevelSuffixes[parts[end-1]] {
			end--
		}

		// The folders above the story are its sections ("/district/343604"
		// gives "district"), named as such in titles ("Headline | District").
		if u, err := url.Parse(strings.TrimSpace(u)); err == nil {
			segs := strings.FieldsFunc(u.Path, func(r rune) bool { return r == '/' })
			for i, seg := range segs[:max(len(segs)-1, 0)] {
				// A story's slug has many words; a section's folder a few.
				// A year or an id ("2025") is no section, nor a tag page's
				// topic ("/tag/trump/").
				k := nameKey(seg)
				if len(k) < minSectionKey || len(seg) > maxSectionLen || strings.Count(seg, "-") > 2 || allDigits(k) ||
					i > 0 && topicFolders[strings.ToLower(segs[i-1])] || topicFolders[k] {
					continue
				}
				keys[k] = true
			}
		}
		label := nameKey(parts[end-1])
		keys[label] = true
		keys[nameKey(strings.Join(parts[end-1:], "."))] = true
		if len(label) >= minSiteLabel && !slices.Contains(labels, label) {
			labels = append(labels, label)
		}
	}
	delete(keys, "")
	return siteNames{keys: keys, labels: labels}
}

// allDigits says whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// secondLevelSuffixes sit between a country code and the registered name
// ("co" in bbc.co.uk).
var secondLevelSuffixes = map[string]bool{"co": true, "com": true, "org": true, "net": true, "ac": true, "gov": true, "ne": true, "or": true}

func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// collapse trims s and folds runs of white space into one space.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isDateTail reports whether the part of a title after its last separator
// is only a date: digits and date punctuation, or a date with a month name
// in at most four words.
func isDateTail(tail string) bool {
	tail = strings.TrimSpace(tail)
	if tail == "" || len(strings.Fields(tail)) > 4 || normalizeDate(tail) == "" {
		return false
	}
	return strings.ContainsAny(tail, "0123456789")
}

// namesAnAuthor reports whether s holds the name of one of the page's
// authors as its metadata gives them.
func namesAnAuthor(s string, authors []string) bool {
	key := nameKey(s)
	for _, a := range authors {
		for _, name := range splitAuthors(a) {
			if k := nameKey(name); len(k) >= 4 && strings.Contains(key, k) {
				return true
			}
		}
	}
	return false
}
