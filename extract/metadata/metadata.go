// Package metadata reads an article's metadata from a parsed HTML page: its
// title, dek, authors, dates, site, language, section, tags and lead image,
// and the visible byline and dateline elements, so content extraction can
// leave them out of the body.
//
// One walk over the tree (walk.go) collects every candidate value with its
// source: JSON-LD, OpenGraph, Twitter cards, <meta> names, microdata, <time>
// elements and the visible byline. Read then picks, field by field, the
// candidate from the most trusted source, after cleaning: dates normalised to
// ISO 8601 (dates.go), author strings split and stripped of "By", dates and
// job titles (authors.go), titles stripped of the site's name (title.go).
// Regexps run only on those few candidate strings, never per node.
package metadata

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lede/article"
)

// maxTags is the most keywords kept from a page, so a keyword-stuffed
// <meta> cannot bloat the article.
const maxTags = 50

// Result is what the page says about its article. Empty fields are ones the
// page does not state.
type Result struct {
	Title, Dek string
	// Published and Modified are ISO 8601: "2006-01-02", or
	// "2006-01-02T15:04:05" with the zone ("Z", "+01:00") when the page gives one.
	Published, Modified string
	SiteName            string
	Language            string // BCP 47, such as "en" or "pt-BR"
	Section             string
	LeadImage           string // absolute URL
	URL, CanonicalURL   string
	// Authors are people's names, cleaned of "By", dates, job titles, links
	// and the site's own name.
	Authors, Tags []string
	// Agency is the wire agency credited in the byline (Reuters, AP…), kept
	// out of Authors.
	Agency string
	// ArticleBody is the story's text as the JSON-LD gives it (articleBody),
	// plain text or HTML: the body when the visible page shows only a teaser.
	ArticleBody string
	// Paywalled is set when the JSON-LD says the story is not free to read.
	Paywalled bool
	// BylineNodes are the visible byline and dateline elements (and <time>
	// elements outside paragraphs), so content extraction can drop them
	// from the body. None of them holds another.
	BylineNodes []*html.Node
}

// Read reads the metadata of doc; pageURL resolves relative links.
func Read(doc *html.Node, pageURL string) *Result {
	r := &Result{URL: article.SafePage(pageURL)}
	if doc == nil {
		return r
	}
	p := collect(doc)
	ld := readJSONLD(p.jsonLD)
	cands := append(ld.candidates(), p.candidates...)
	cands = append(cands, p.twitterAuthors()...)
	slices.SortStableFunc(cands, func(a, b candidate) int { return cmp.Compare(a.source, b.source) })

	base := baseURL(pageURL, p.baseHref)
	r.CanonicalURL = article.SafePage(resolveURL(base, cmp.Or(p.canonical, first(cands, fieldURL))))
	if r.URL == "" {
		r.URL = r.CanonicalURL
	}
	r.SiteName = collapse(first(cands, fieldSiteName))
	keys := siteKeys([]string{r.SiteName, ld.siteName}, r.URL, r.CanonicalURL)

	var titles []titleCandidate
	for _, c := range cands {
		if c.field == fieldTitle {
			titles = append(titles, titleCandidate{c.value, c.source})
		}
	}
	slices.SortStableFunc(titles, func(a, b titleCandidate) int { return cmp.Compare(titleRank(a.source), titleRank(b.source)) })
	var authorValues []string
	for _, c := range cands {
		if c.field == fieldAuthor {
			authorValues = append(authorValues, c.value)
		}
	}
	r.Title = chooseTitle(titles, p.h1s, p.titleTag, keys, authorValues...)
	r.Dek = collapse(first(cands, fieldDek))
	r.Published = firstDate(cands, fieldPublished, p, true)
	if r.Published == "" {
		// The last resort: the date in the story's address.
		r.Published = cmp.Or(urlDate(r.CanonicalURL), urlDate(r.URL))
	}
	r.Modified = firstDate(cands, fieldModified, p, false)
	r.Language = language(p.lang, cands)
	r.Section = collapse(first(cands, fieldSection))
	r.Tags = tags(cands)
	r.LeadImage = article.SafeImage(resolveURL(base, first(cands, fieldImage)))
	r.Authors, r.Agency = authors(cands, p, []string{r.SiteName, ld.siteName})
	r.BylineNodes = bylineNodes(p)
	r.ArticleBody, r.Paywalled = ld.body, ld.paywalled
	return r
}

// Apply copies the metadata into a.
func (r *Result) Apply(a *article.Article) {
	a.Title, a.Dek, a.Published, a.Modified = r.Title, r.Dek, r.Published, r.Modified
	a.SiteName, a.Language, a.Section, a.LeadImage = r.SiteName, r.Language, r.Section, r.LeadImage
	a.URL, a.CanonicalURL, a.Authors, a.Tags = r.URL, r.CanonicalURL, r.Authors, r.Tags
	a.Agency = r.Agency
}

// candidates turns the JSON-LD story into candidates of the most trusted source.
func (s ldStory) candidates() []candidate {
	var out []candidate
	add := func(f field, v string) {
		if v = strings.TrimSpace(v); v != "" && len(v) <= maxValueLen && len(out) < 4*maxCandidates {
			out = append(out, candidate{f, fromJSONLD, "jsonld", v})
		}
	}
	for _, t := range s.titles {
		add(fieldTitle, t)
	}
	add(fieldDek, s.dek)
	add(fieldPublished, s.published)
	add(fieldModified, s.modified)
	add(fieldSection, s.section)
	add(fieldLanguage, s.language)
	add(fieldImage, s.image)
	add(fieldURL, s.url)
	for _, a := range s.authors {
		add(fieldAuthor, a)
	}
	for _, t := range s.tags {
		add(fieldTag, t)
	}
	// The publisher's name is a weaker site name than og:site_name.
	if s.siteName != "" {
		out = append(out, candidate{fieldSiteName, fromMicrodata, "publisher", s.siteName})
	}
	return out
}

// twitterAuthors reads the twitter:labelN / twitter:dataN pairs whose label
// names an author ("Written by").
func (p *page) twitterAuthors() []candidate {
	var out []candidate
	for i, label := range p.twitterLabels {
		l := strings.ToLower(label)
		if p.twitterData[i] != "" && (strings.Contains(l, "written by") || strings.Contains(l, "author")) {
			out = append(out, candidate{fieldAuthor, fromTwitter, "twitter:data", p.twitterData[i]})
		}
	}
	return out
}

// first is the value of the most trusted candidate for f.
func first(cands []candidate, f field) string {
	for _, c := range cands {
		if c.field == f {
			return c.value
		}
	}
	return ""
}

// firstDate is the first candidate for f that reads as a date; for the
// publication date, <time> elements, visible datelines, bylines with a date
// and unmarked date lines after the headline come last, in that order.
func firstDate(cands []candidate, f field, p *page, published bool) string {
	for _, c := range cands {
		if c.field == f {
			if d := normalizeDate(c.value); d != "" {
				return d
			}
		}
	}
	if !published {
		return ""
	}
	for _, t := range p.times {
		if t.inBody && !t.dateLine {
			continue
		}
		if d := normalizeDate(cmp.Or(t.datetime, t.text)); d != "" {
			return d
		}
	}
	for _, l := range p.lines {
		if l.dateline {
			if d := normalizeDate(l.text); d != "" {
				return d
			}
		}
	}
	// A byline after the headline often carries the date ("By Jane Doe -
	// Mar 27, 2024"), and some pages print it in an unmarked line.
	for _, l := range p.lines {
		if l.afterH1 && !l.dateline && !l.nested {
			if d := normalizeDate(l.text); d != "" {
				return d
			}
		}
	}
	if len(p.textDates) > 0 {
		return p.textDates[0]
	}
	return ""
}

// urlDate is the date a story's address carries ("/2025/12/18/slug"), or "".
func urlDate(u string) string {
	m := urlDatePath.FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	d := dateParts{year: atoi(m[1]), month: atoi(m[2]), day: atoi(m[3])}
	if !d.valid() {
		return ""
	}
	return d.String()
}

// authors takes the names from the most trusted tag that yields any:
// JSON-LD, then meta tags by trust (within one source, in page order), then
// microdata, then the visible byline. Values of one tag stay together
// (several article:author tags are several authors); values of different
// tags are not mixed (name=author and dc.creator often disagree).
//
// A tag that credits only the site itself ("Cleveland Clinic" as the JSON-LD
// author) or only user names is what the CMS fills in by default: a person
// named by a later tag or the visible byline wins, and the tag's credit
// stands when no one is.
func authors(cands []candidate, p *page, siteNames []string) ([]string, string) {
	var agency string
	var siteOnly []string
	sites := make(map[string]bool)
	for _, s := range siteNames {
		if k := nameKey(s); k != "" {
			sites[k] = true
		}
	}
	onlySite := func(names []string) bool {
		return len(names) == 1 && sites[nameKey(names[0])]
	}
	tried := make(map[string]bool)
	for i, c := range cands {
		if c.field != fieldAuthor || tried[c.key] {
			continue
		}
		tried[c.key] = true
		var raw []string
		for _, same := range cands[i:] {
			if same.field == fieldAuthor && same.key == c.key && same.source == c.source {
				raw = append(raw, same.value)
			}
		}
		names, ag := cleanTagAuthors(raw, siteNames)
		agency = cmp.Or(agency, ag)
		if onlySite(names) || onlyHandles(names) {
			if siteOnly == nil {
				siteOnly = names
			}
			continue
		}
		if len(names) > 0 {
			return names, agency
		}
	}
	for _, b := range visibleBylines(p.lines) {
		names, ag := cleanShownAuthors(b.texts, siteNames, b.named)
		agency = cmp.Or(agency, ag)
		if siteOnly != nil && !slices.ContainsFunc(names, func(n string) bool { return personName(n, sites) }) {
			continue // page text that is no person's name does not outrank the site's own credit
		}
		if onlySite(names) {
			if siteOnly == nil {
				siteOnly = names
			}
			continue
		}
		if len(names) > 0 {
			return names, agency
		}
	}
	return siteOnly, agency
}

// onlyHandles says whether every name is a user name ("srauturier",
// "CC7567"): the credit a tag gives when the CMS knows the account, not the
// person, so a person named by a later tag or the visible byline wins.
func onlyHandles(names []string) bool {
	for _, n := range names {
		if !isHandle(n) {
			return false
		}
	}
	return len(names) > 0
}

// personName says whether name reads as a person's: two to four words, each
// capitalised, none of them the site's name ("IndustrySelect on", "View more
// posts" and "Help Net Security Sponsored" are not).
func personName(name string, sites map[string]bool) bool {
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for site := range sites {
		if len(site) >= 4 && strings.Contains(nameKey(name), site) {
			return false
		}
	}
	for _, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// visibleBylines are the texts of the bylines on the page, for the first
// that cleans into names to win: those after the first h1 in page order, then
// those before it (a story's byline follows its headline; the ones above it
// are mostly teasers in the header). A byline with name elements inside
// (author links, itemprop=author) gives their texts, else its whole text.
func visibleBylines(lines []lineNode) []shownByline {
	var out []shownByline
	for _, wantAfter := range [...]bool{true, false} {
		for i, l := range lines {
			if l.afterH1 == wantAfter {
				out = appendByline(out, lines, i)
			}
		}
	}
	return out
}

// shownByline is the text of one byline on the page; named says it is the
// text of name elements (rel=author, itemprop=author, author links), which
// the page marks as names.
type shownByline struct {
	texts []string
	named bool
}

// appendByline adds the texts of the byline lines[i] to out.
func appendByline(out []shownByline, lines []lineNode, i int) []shownByline {
	l := lines[i]
	if l.nested || l.dateline && l.nameOnly {
		return out
	}
	if l.nameOnly {
		return append(out, shownByline{[]string{l.text}, true})
	}
	// A date line may hold the author's link ("Posted on <date> by <a
	// rel=author>Jane</a>"): its name elements count, its text does not.
	var names []string
	for _, inner := range lines[i+1:] {
		if !inner.nested || !isAncestor(l.node, inner.node) {
			break
		}
		if inner.nameOnly && !inner.dateline {
			names = append(names, inner.text)
		}
	}
	if len(names) > 0 {
		out = append(out, shownByline{names, true})
	}
	if l.dateline {
		// "Published August 7, 2023 by Nicole Burke": the name after "by".
		if i := strings.LastIndex(asciiLower(l.text), " by "); len(names) == 0 && i >= 0 {
			out = append(out, shownByline{texts: []string{l.text[i+1:]}})
		}
		return out
	}
	return append(out, shownByline{texts: []string{l.text}})
}

func isAncestor(a, n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// bylineNodes are the outermost byline and dateline elements and the <time>
// elements outside paragraphs. A byline that is a lone link or span inside a
// short line ("<p>By <a rel=author>Jane</a></p>") is widened to that line, so
// dropping it leaves no stray "By".
func bylineNodes(p *page) []*html.Node {
	var found []*html.Node
	chosen := make(map[*html.Node]bool)
	for _, l := range p.lines {
		if !l.nested {
			if n := widenLine(l.node, len(l.text)); !chosen[n] {
				chosen[n] = true
				found = append(found, n)
			}
		}
	}
	for _, t := range p.times {
		if !t.inBody && !chosen[t.node] {
			chosen[t.node] = true
			found = append(found, t.node)
		}
	}
	// Keep the outermost: drop a node inside another chosen one.
	var out []*html.Node
	for _, n := range found {
		inside := false
		for a := n.Parent; a != nil && !inside; a = a.Parent {
			inside = chosen[a]
		}
		if !inside {
			out = append(out, n)
		}
	}
	return out
}

// widenLine climbs from an inline byline element to the short block line
// holding it.
func widenLine(n *html.Node, textLen int) *html.Node {
	for range 2 {
		parent := n.Parent
		if parent == nil || parent.Type != html.ElementNode {
			return n
		}
		switch n.DataAtom {
		case atom.A, atom.Span, atom.Strong, atom.B, atom.Em, atom.I, atom.Small, atom.Time:
		default:
			return n
		}
		switch parent.DataAtom {
		case atom.P, atom.Div, atom.Span, atom.Small, atom.Address, atom.Li, atom.Em, atom.Strong, atom.B, atom.I:
		default:
			return n
		}
		t := textOf(parent, maxBylineText+1)
		if len(t) > maxBylineText || len(t) > 3*textLen+20 || hasHeading(parent) {
			return n
		}
		n = parent
	}
	return n
}

// hasHeading says whether n holds a heading element (looking at a bounded
// number of nodes).
func hasHeading(n *html.Node) bool {
	visited := 0
	for c := n.FirstChild; c != nil && visited < maxTextNodes; visited++ {
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				return true
			}
		}
		if c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return false
}

// tags are the keywords from the most trusted source that has any, deduplicated.
func tags(cands []candidate) []string {
	var out []string
	seen := make(map[string]bool)
	var src source = -1
	for _, c := range cands {
		if c.field != fieldTag || (src >= 0 && c.source != src) {
			continue
		}
		src = c.source
		for _, t := range splitTags(c.value) {
			if k := strings.ToLower(t); !seen[k] && len(out) < maxTags {
				seen[k] = true
				out = append(out, t)
			}
		}
	}
	return out
}

// language is the first valid tag of <html lang>, JSON-LD inLanguage,
// og:locale and the content-language and dc.language meta tags.
func language(htmlLang string, cands []candidate) string {
	if tag := languageTag(htmlLang); tag != "" {
		return tag
	}
	for _, c := range cands {
		if c.field == fieldLanguage {
			if tag := languageTag(c.value); tag != "" {
				return tag
			}
		}
	}
	return ""
}

// languageTag normalises a language value to BCP 47 form: "en_us" gives
// "en-US", "EN" gives "en"; a list ("en, fr") gives its first entry; values
// that are not tags give "".
func languageTag(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, ",; "); i >= 0 {
		s = s[:i]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || len(parts[0]) < 2 || len(parts[0]) > 3 || len(parts) > 4 {
		return ""
	}
	for i, part := range parts {
		if len(part) > 8 || !isAlnum(part) {
			return ""
		}
		switch {
		case i == 0:
			parts[i] = strings.ToLower(part)
		case len(part) == 2:
			parts[i] = strings.ToUpper(part) // region
		case len(part) == 4:
			parts[i] = strings.ToUpper(part[:1]) + strings.ToLower(part[1:]) // script
		default:
			parts[i] = strings.ToLower(part)
		}
	}
	if !isLetters(parts[0]) {
		return ""
	}
	return strings.Join(parts, "-")
}

func isAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if (c < 'a' || c > 'z') && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	return true
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// baseURL is the page address with <base href> applied. Either is ignored
// when its scheme is not a web page's: a <base href="javascript:…"> would
// otherwise lend its scheme to every relative link.
func baseURL(pageURL, baseHref string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(article.SafePage(pageURL)))
	if err != nil {
		u = &url.URL{}
	}
	if baseHref != "" {
		if b, err := u.Parse(strings.TrimSpace(baseHref)); err == nil && article.SafePage(b.String()) != "" {
			u = b
		}
	}
	return u
}

// resolveURL resolves ref against base; a ref that does not parse is dropped.
func resolveURL(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := base.Parse(ref)
	if err != nil {
		return ""
	}
	return u.String()
}

// titleRank orders title sources: as the other fields' order, but a
// Dublin Core title ranks right after JSON-LD, before OpenGraph. Pages give
// it as the catalogue title of the work (libraries, journals, public
// bodies), where og:title is written for sharing; when both are there and
// differ, the Dublin Core one is the document's title (Readability.js
// ranks them so too).
func titleRank(s source) source {
	if s == fromDublinCore {
		return fromJSONLD
	}
	return s
}
