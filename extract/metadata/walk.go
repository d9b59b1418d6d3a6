package metadata

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits that keep one page from costing more than a page should.
const (
	maxShortText   = 300     // longest text kept from a title, byline or microdata element
	maxTextNodes   = 400     // nodes visited when reading one element's text
	maxJSONLD      = 1 << 20 // a larger JSON-LD script is a data dump, not page metadata
	maxCandidates  = 64      // per kind: more bylines or h1s than this is a listing, not a story
	maxBylineText  = 200     // a longer "byline" element is an author bio or a teaser
	maxDatelineLen = 120     // a longer "date" element is more than a date line
	maxValueLen    = 2048    // a longer meta or JSON-LD value is not a title, a dek or a name
)

// candidate is one value for a field, with where it came from.
type candidate struct {
	field  field
	source source
	key    string // the meta name or itemprop it came from, so one tag's values stay together
	value  string
}

// lineNode is a visible byline or dateline element.
type lineNode struct {
	node     *html.Node
	text     string
	dateline bool // a date line rather than an author line
	nameOnly bool // the element holds just a name: rel=author, itemprop=author/name, an author link
	nested   bool // inside another byline or dateline element
	afterH1  bool // comes after the page's first h1, where a story's byline stands
}

// timeTag is a <time> element.
type timeTag struct {
	node     *html.Node
	datetime string
	text     string
	inBody   bool // inside a paragraph: a date the story mentions, not its own
	// dateLine marks a <time> inside a paragraph that holds little else
	// ("<p>Published <time>…</time></p>"): the story's date after all, though
	// content extraction keeps the paragraph.
	dateLine bool
}

// page is everything the walk collects: the raw candidates, before any choice.
type page struct {
	lang, titleTag, baseHref, canonical string
	h1s                                 []string
	candidates                          []candidate
	jsonLD                              []string
	lines                               []lineNode
	times                               []timeTag
	// textDates are short texts after the first h1 that are a date and
	// nothing much else ("December 15, 2025"), for pages that mark their
	// date line with no class, <time> or tag.
	textDates []string
	// twitterLabels pairs the numbered twitter:labelN/dataN tags
	// ("Written by" / "Jane Doe") that Yoast and Slack previews use.
	twitterLabels, twitterData [4]string
}

// itemScope is an open microdata itemscope element.
type itemScope struct {
	node      *html.Node
	itemType  string // last path element of itemtype, lower case ("newsarticle", "person")
	prop      string // the itemprop of the scope element itself ("author")
	foundName bool
}

// walker carries the state of the one walk over the tree.
type walker struct {
	p         page
	asides    []*html.Node // open comment, related-story, navigation… ancestors: bylines in them are other stories'
	scopes    []itemScope  // open itemscopes
	openLine  *html.Node   // outermost open byline/dateline element
	inPara    int          // open <p> ancestors
	inGraphic int          // open <svg>/<math> ancestors, whose <title> is not the page's
	textLines int          // bylines found by their words ("By Jane Doe"), capped
	textsSeen int          // text nodes looked at for a date after the first h1, capped
}

// collect walks doc once, depth-first without recursion, and gathers candidates.
func collect(doc *html.Node) *page {
	w := &walker{}
	for n := doc; n != nil; {
		if w.enter(n) && n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for {
			w.leave(n)
			if n == doc {
				return &w.p
			}
			if n.NextSibling != nil {
				n = n.NextSibling
				break
			}
			n = n.Parent
		}
	}
	return &w.p
}

// attrs are the attributes the walk reads, picked out in one pass.
type attrs struct {
	class, id, rel, itemprop, itemtype, name, property, content, httpEquiv string
	lang, datetime, href, src, typ                                         string
	itemscope                                                              bool
}

// readAttrs picks the attributes the walk reads out of n, in one pass.
func readAttrs(n *html.Node) attrs {
	var a attrs
	for _, at := range n.Attr {
		if at.Namespace != "" {
			continue
		}
		switch at.Key {
		case "class":
			a.class = at.Val
		case "id":
			a.id = at.Val
		case "rel":
			a.rel = at.Val
		case "itemprop":
			a.itemprop = at.Val
		case "itemtype":
			a.itemtype = at.Val
		case "itemscope":
			a.itemscope = true
		case "name":
			a.name = at.Val
		case "property":
			a.property = at.Val
		case "content":
			a.content = at.Val
		case "http-equiv":
			a.httpEquiv = at.Val
		case "lang":
			a.lang = at.Val
		case "datetime":
			a.datetime = at.Val
		case "href":
			a.href = at.Val
		case "src":
			a.src = at.Val
		case "type":
			a.typ = at.Val
		}
	}
	return a
}

// enter handles n on the way down and says whether to walk its children.
func (w *walker) enter(n *html.Node) bool {
	if n.Type == html.TextNode {
		w.textByline(n)
		w.textDate(n)
		return false
	}
	if n.Type != html.ElementNode {
		return true
	}
	a := readAttrs(n)
	switch n.DataAtom {
	case atom.Html:
		if w.p.lang == "" {
			w.p.lang = a.lang
		}
	case atom.Title:
		if w.p.titleTag == "" && w.inGraphic == 0 {
			w.p.titleTag = textOf(n, maxShortText)
		}
		return false
	case atom.Meta:
		w.meta(a)
		return false
	case atom.Link:
		if hasWord(a.rel, "canonical") && w.p.canonical == "" {
			w.p.canonical = a.href
		}
	case atom.Base:
		if w.p.baseHref == "" {
			w.p.baseHref = a.href
		}
	case atom.Script:
		if strings.Contains(strings.ToLower(a.typ), "ld+json") && len(w.p.jsonLD) < maxCandidates {
			if t := n.FirstChild; t != nil && t.Type == html.TextNode && len(t.Data) <= maxJSONLD {
				w.p.jsonLD = append(w.p.jsonLD, t.Data)
			}
		}
		return false
	case atom.Style, atom.Noscript, atom.Template, atom.Iframe, atom.Textarea:
		return false
	case atom.Svg, atom.Math:
		w.inGraphic++
	case atom.H1:
		if len(w.asides) == 0 && len(w.p.h1s) < maxCandidates {
			if t := textOf(n, maxShortText); t != "" {
				w.p.h1s = append(w.p.h1s, t)
			}
		}
	case atom.P:
		w.inPara++
	case atom.Time:
		if len(w.asides) == 0 && len(w.p.times) < maxCandidates {
			w.p.times = append(w.p.times, timeTag{node: n, datetime: a.datetime, text: textOf(n, maxDatelineLen), inBody: w.inPara > 0, dateLine: w.inPara > 0 && inDateParagraph(n)})
		}
	}

	if n.DataAtom == atom.Nav || n.DataAtom == atom.Aside {
		// Navigation and asides hold other stories' bylines and dates.
		w.asides = append(w.asides, n)
	}
	if a.itemprop != "" || a.itemscope {
		w.microdata(n, a)
	}
	if a.class != "" || a.id != "" || a.rel != "" || a.itemprop != "" || n.DataAtom == atom.A && a.href != "" {
		w.classify(n, a)
	}
	return true
}

// leave closes what enter opened for n.
func (w *walker) leave(n *html.Node) {
	if n.Type != html.ElementNode {
		return
	}
	switch n.DataAtom {
	case atom.P:
		w.inPara--
	case atom.Svg, atom.Math:
		w.inGraphic--
	}
	if k := len(w.asides); k > 0 && w.asides[k-1] == n {
		w.asides = w.asides[:k-1]
	}
	if w.openLine == n {
		w.openLine = nil
	}
	if k := len(w.scopes); k > 0 && w.scopes[k-1].node == n {
		s := w.scopes[k-1]
		w.scopes = w.scopes[:k-1]
		// An author item without a name property: its text is the name.
		if (s.prop == "author" || s.prop == "creator") && !s.foundName && w.microdataCounts() {
			w.add(fieldAuthor, fromMicrodata, "author", textOf(n, maxShortText))
		}
	}
}

// add records one candidate value, trimmed; empty and overlong values are
// dropped. All fields share one list, so its cap is a multiple of the
// per-kind one.
func (w *walker) add(f field, s source, key, v string) {
	v = strings.TrimSpace(v)
	if v == "" || len(v) > maxValueLen || len(w.p.candidates) >= 16*maxCandidates {
		return
	}
	w.p.candidates = append(w.p.candidates, candidate{field: f, source: s, key: key, value: v})
}

// meta records a <meta> tag. One tag may name several keys
// (property="og:title twitter:title").
func (w *walker) meta(a attrs) {
	if a.content == "" {
		return
	}
	if k := strings.ToLower(a.name + a.property); strings.HasPrefix(k, "twitter:") && len(k) == len("twitter:label1") {
		if i := int(k[len(k)-1] - '1'); i >= 0 && i < len(w.p.twitterLabels) {
			switch k[:len(k)-1] {
			case "twitter:label":
				w.p.twitterLabels[i] = a.content
			case "twitter:data":
				w.p.twitterData[i] = a.content
			}
		}
	}
	for _, key := range [...]string{a.property, a.name, a.itemprop, a.httpEquiv} {
		if key == "" {
			continue
		}
		for k := range strings.FieldsSeq(key) {
			k = strings.ToLower(k)
			if m, ok := metaKeys[k]; ok {
				w.add(m.field, m.source, k, a.content)
			} else if f, ok := itempropKeys[k]; ok && key == a.itemprop {
				w.add(f, fromMicrodata, k, a.content)
			}
		}
	}
}

// microdataCounts says whether a property met now belongs to the story: not
// inside a reader's comment or review item, and not inside an aside unless
// the story's own item encloses it (some blogs put the author in an <aside>).
func (w *walker) microdataCounts() bool {
	if k := len(w.scopes); k > 0 && commentTypes[w.scopes[k-1].itemType] {
		return false
	}
	if len(w.asides) == 0 {
		return true
	}
	for _, s := range w.scopes {
		if articleTypes[s.itemType] {
			return true
		}
	}
	return false
}

// storyScope says whether an item is the story or the page, rather than a
// thing nested in them.
func storyScope(s *itemScope) bool {
	return (articleTypes[s.itemType] || pageTypes[s.itemType]) && (s.prop == "" || s.prop == "mainentity" || s.prop == "mainentityofpage")
}

// microdata records itemprop values and keeps the itemscope stack.
func (w *walker) microdata(n *html.Node, a attrs) {
	var scope *itemScope
	if k := len(w.scopes); k > 0 {
		scope = &w.scopes[k-1]
	}
	if a.itemprop != "" && w.microdataCounts() {
		for prop := range strings.FieldsSeq(strings.ToLower(a.itemprop)) {
			switch {
			case prop == "name" && scope != nil && (scope.prop == "author" || scope.prop == "creator"):
				scope.foundName = true
				w.add(fieldAuthor, fromMicrodata, "author", itemValue(n, a))
			case (prop == "author" || prop == "creator") && a.itemscope:
				// The name comes from the item's own name property; see leave.
			case prop == "name" && scope != nil && (scope.prop == "publisher"):
				w.add(fieldSiteName, fromMicrodata, "publisher", itemValue(n, a))
			default:
				// Only the story's or the page's own properties: a logo's image or
				// a person's description in a nested item is not the story's.
				if f, ok := itempropKeys[prop]; ok && (scope == nil || storyScope(scope)) {
					w.add(f, fromMicrodata, prop, itemValue(n, a))
				}
			}
		}
	}
	if a.itemscope {
		t := a.itemtype
		if i := strings.LastIndexByte(t, '/'); i >= 0 {
			t = t[i+1:]
		}
		w.scopes = append(w.scopes, itemScope{node: n, itemType: strings.ToLower(t), prop: strings.ToLower(a.itemprop)})
	}
}

// itemValue is the value of a microdata property as the microdata spec reads it.
func itemValue(n *html.Node, a attrs) string {
	switch {
	case a.content != "":
		return a.content
	case a.datetime != "":
		return a.datetime
	}
	switch n.DataAtom {
	case atom.Img, atom.Source, atom.Video, atom.Audio, atom.Embed, atom.Iframe:
		return a.src
	case atom.A, atom.Link, atom.Area:
		if n.DataAtom == atom.Link || n.FirstChild == nil {
			return a.href
		}
	case atom.Meta:
		return a.content
	}
	return textOf(n, maxShortText)
}

// classify looks at the class, id and rel words of n for asides, bylines and
// datelines.
func (w *walker) classify(n *html.Node, a attrs) {
	kinds := classWords(a.class) | classWords(a.id)
	byline, dateline, aside := kinds&bylineWord != 0, kinds&datelineWord != 0, kinds&asideWord != 0
	relAuthor := hasWord(a.rel, "author")
	authorLink := !relAuthor && n.DataAtom == atom.A && isAuthorPath(a.href)
	propAuthor := hasWord(strings.ToLower(a.itemprop), "author")
	// The page-wide containers are never asides: WordPress puts
	// "comments-open" on <body>, and many sites mark <article> "post-related".
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		aside = false
	}
	if aside && (len(w.asides) == 0 || w.asides[len(w.asides)-1] != n) {
		w.asides = append(w.asides, n)
		return
	}
	if len(w.asides) > 0 || !(byline || dateline || relAuthor || propAuthor || authorLink) || len(w.p.lines) >= maxCandidates {
		return
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Td, atom.Th, atom.Tr, atom.Table, atom.Img, atom.Meta, atom.Link:
		return
	}
	text := textOf(n, maxBylineText+1)
	if text == "" || len(text) > maxBylineText {
		return
	}
	if authorLink && !byline && !dateline && len(text) > maxAuthorRunes {
		return // a teaser that links to its writer's page, not a byline
	}
	isDate := dateline && !byline && !relAuthor && !propAuthor
	if isDate && (len(text) > maxDatelineLen || !hasDigit(text)) {
		return
	}
	line := lineNode{
		node:     n,
		text:     text,
		dateline: isDate,
		nameOnly: relAuthor || propAuthor || authorLink || (byline && n.DataAtom == atom.A),
		nested:   w.openLine != nil,
		afterH1:  len(w.p.h1s) > 0,
	}
	w.p.lines = append(w.p.lines, line)
	if w.openLine == nil {
		w.openLine = n
	}
}

// maxDateLeadIn is the most text a date line's paragraph may hold beside
// its <time> ("Published on", "Last updated:").
const maxDateLeadIn = 16

// inDateParagraph says whether the paragraph holding the <time> element n
// is a date line ("<p><time>12/19 — 2025</time></p>", "<p>Published <time>…
// </time></p>") rather than prose that mentions a date.
func inDateParagraph(n *html.Node) bool {
	for p, depth := n.Parent, 0; p != nil && depth < 4; p, depth = p.Parent, depth+1 {
		if p.Type == html.ElementNode && p.DataAtom == atom.P {
			return len(textOf(p, maxDatelineLen+1)) <= len(textOf(n, maxDatelineLen))+maxDateLeadIn
		}
	}
	return false
}

// maxTextBylines caps the bylines found by their words alone: a story has one
// or two near its headline, and the cap keeps the check off most text nodes.
const maxTextBylines = 3

// textByline notices a short line after the headline that starts with a
// byline word ("By Jane Doe", "Written by Jane Doe") when no class marks it.
func (w *walker) textByline(n *html.Node) {
	if w.textLines >= maxTextBylines || len(w.p.h1s) == 0 || len(w.asides) > 0 || w.openLine != nil {
		return
	}
	parent := n.Parent
	if parent == nil || parent.Type != html.ElementNode {
		return
	}
	switch parent.DataAtom {
	case atom.P, atom.Div, atom.Span, atom.Address, atom.Small, atom.Em, atom.I, atom.Strong, atom.B, atom.Li, atom.Header:
	default:
		return
	}
	s := strings.TrimLeft(n.Data, " \t\r\n\u00a0")
	if len(s) < 4 || !startsWithBylinePrefix(s) {
		return
	}
	text := textOf(parent, maxDatelineLen+1)
	if len(text) > maxDatelineLen || len(w.p.lines) >= maxCandidates {
		return
	}
	w.textLines++
	w.p.lines = append(w.p.lines, lineNode{node: parent, text: text, afterH1: true})
}

// Bounds of the search for an unmarked date line: the text nodes after the
// first h1 looked at (a story's date stands near its headline), the
// texts kept, and the length of a text that is a date line and not prose.
const (
	maxDateTextNodes = 80
	maxTextDates     = 2
	maxDateTextLen   = 48
)

// textDate keeps a short text after the first h1 that reads as a date:
// "December 15, 2025", "Published on July 18, 2025", "20 Dec 2025, 11:59".
// Only texts of a few words with a digit are parsed, so prose costs a
// length check.
func (w *walker) textDate(n *html.Node) {
	if len(w.p.h1s) == 0 || len(w.asides) > 0 || w.textsSeen >= maxDateTextNodes || len(w.p.textDates) >= maxTextDates {
		return
	}
	w.textsSeen++
	s := strings.TrimSpace(n.Data)
	if len(s) < len("1 May 2025") || len(s) > maxDateTextLen || !hasDigit(s) {
		return
	}
	if d := normalizeDate(s); d != "" {
		w.p.textDates = append(w.p.textDates, d)
	}
}

// startsWithBylinePrefix says whether s opens with a byline word followed by a
// space or colon ("By ", "Von:"). The first word is looked up before any
// comparison, so ordinary text costs one small map lookup.
func startsWithBylinePrefix(s string) bool {
	end := strings.IndexAny(s, " :\u00a0")
	if end <= 0 || end > 12 {
		return false
	}
	if !bylineFirstWords[strings.ToLower(s[:end])] {
		return false
	}
	lower := asciiLower(s[:min(len(s), 32)])
	for _, p := range bylinePrefixes {
		if strings.HasPrefix(lower, p) && len(lower) > len(p) && (lower[len(p)] == ' ' || lower[len(p)] == ':') {
			// "By" and the name after it are capitalised: "By using this
			// site" and "by the way" are prose.
			rest := strings.TrimLeft(s[len(p):], " :\u00a0")
			return s[0] >= 'A' && s[0] <= 'Z' && rest != "" && !(rest[0] >= 'a' && rest[0] <= 'z')
		}
	}
	return false
}

// classWords looks up the words of a class or id value: it splits s into
// lower-case words at non-letters and at lower-to-upper case changes
// ("articleByline" gives "article", "byline") and reports which vocabulary
// any of them belongs to. Words are gathered in a small array, so the map
// lookup on string(word[:n]) does not allocate, and words of a length no
// vocabulary word has (for their first letter) are not looked up at all.
func classWords(s string) (kinds wordKind) {
	var word [maxClassWordBytes]byte
	n := 0 // bytes in the current word; a word longer than the array is counted, not kept
	prevLower := false
	for i := 0; i <= len(s); i++ {
		c := byte(' ') // the end of s ends the last word
		if i < len(s) {
			c = s[i]
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if n < len(word) {
				word[n] = c
			}
			n++
			prevLower = c >= 'a'
			continue
		case c >= 'A' && c <= 'Z':
			if !prevLower {
				if n < len(word) {
					word[n] = c + 'a' - 'A'
				}
				n++
				continue
			}
		default:
			prevLower = false
		}
		// A word ends here: at a separator, or before an upper-case letter
		// that follows a lower-case one.
		if n >= minClassWord && n <= maxClassWord && n <= len(word) && classWordStarts[word[0]]&(1<<n) != 0 {
			kinds |= classWordKinds[string(word[:n])]
		}
		n = 0
		if c >= 'A' && c <= 'Z' {
			word[0] = c + 'a' - 'A'
			n = 1
			prevLower = false
		}
	}
	return kinds
}

// maxClassWordBytes is the room classWords keeps for one word: more than the
// longest vocabulary word (a test checks), so every word that can match fits.
const maxClassWordBytes = 32

// isAuthorPath says whether href points at an author page: a path segment
// such as "author" followed by another segment. One pass, no allocation.
func isAuthorPath(href string) bool {
	if len(href) < 8 || len(href) > 300 {
		return false
	}
	start := -1
	for i := 0; i < len(href); i++ {
		switch href[i] {
		case '/':
			if start >= 0 && i > start && i+1 < len(href) && authorPathSegments[href[start:i]] {
				return true
			}
			start = i + 1
		case '?', '#':
			return false
		}
	}
	return false
}

// hasWord says whether the space-separated list s holds word, ignoring case.
func hasWord(s, word string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, word) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// textOf is the text of n's subtree with white space collapsed, cut off once
// it passes limit bytes (the caller sees len > limit) or after maxTextNodes
// nodes. Scripts and styles do not count.
func textOf(n *html.Node, limit int) string {
	var sb strings.Builder
	space := false
	visited := 0
	for c := n.FirstChild; c != nil; {
		visited++
		if visited > maxTextNodes || sb.Len() > limit {
			break
		}
		descend := true
		switch c.Type {
		case html.TextNode:
			for _, r := range c.Data {
				if isSpace(r) {
					space = sb.Len() > 0
					continue
				}
				if space {
					sb.WriteByte(' ')
					space = false
				}
				sb.WriteRune(r)
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				descend = false
			case atom.Br, atom.P, atom.Div, atom.Li:
				space = sb.Len() > 0
			}
		}
		if descend && c.FirstChild != nil {
			c = c.FirstChild
			continue
		}
		for c != n && c.NextSibling == nil {
			c = c.Parent
			if c.Type == html.ElementNode && (c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Li) {
				space = sb.Len() > 0
			}
		}
		if c == n {
			break
		}
		c = c.NextSibling
	}
	return sb.String()
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\f', '\v', 0xa0, 0x2009, 0x200a, 0x202f, 0x3000, 0x200b:
		return true
	}
	return false
}
