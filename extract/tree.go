package extract

import (
	"iter"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The engine reads the parsed page once into a flat index: every element and
// text node in document order (pre-order), each with the index of its parent
// and the index just past its last descendant. A subtree is then the range
// [i, end) and skipping it is one assignment, so every later pass is a plain
// loop with no recursion and no per-node allocation.

// nodeFlags say what an entry is, from its tag and attributes.
type nodeFlags uint32

const (
	flagText         nodeFlags = 1 << iota // a text node
	flagDrop                               // never content: scripts, styles, form controls, hidden elements
	flagNegative                           // its tag, class, id or role name page furniture
	flagProtected                          // said outright to be content (article, main, itemprop=articleBody)
	flagComment                            // reader comments (class words or schema.org comment)
	flagCaption                            // a picture caption
	flagCredit                             // a picture credit
	flagInline                             // an inline element (a, span, em…)
	flagHasBlock                           // an inline element with a block element inside (a card link)
	flagExcluded                           // left out of the content in the current selection round
	flagLink                               // an <a> with an href
	flagHoldsContent                       // has a protected element inside
	flagMajor                              // negative, yet holds most of the page's text
	flagProse                              // negative, yet a box of prose
	flagHidden                             // hidden by attribute, class or style
	flagScored                             // has a content score in the current selection round
)

// entry is one node of the index.
type entry struct {
	node   *html.Node
	parent int32
	end    int32
	flags  nodeFlags
	weight int16 // tag, class, id, role and itemprop weight

	// Text statistics of the subtree, counting only nodes that are not
	// excluded in the current round. For a text node they are its own.
	text   int32   // bytes of text, whitespace not counted
	link   int32   // of which inside links
	inline int32   // text reachable without crossing a block element
	commas int32   // commas and sentence ends: a sign of prose
	good   int32   // prose in paragraphs that are not mostly links
	score  float32 // content score, when flagScored is set
}

func (e *entry) is(f nodeFlags) bool { return e.flags&f != 0 }

// index is the flat form of one page.
type index struct {
	entries []entry
	body    int32 // index of <body>, or 0
	title   string
	// discussion is set when the page declares itself a thread of posts
	// (schema.org DiscussionForumPosting, QAPage): its replies are content.
	discussion bool
	// headline is the page's title as phraseKey makes it, for telling the
	// story asked for from the next one on the same page (select.go).
	headline string
}

// shown yields the entries inside the element at j in document order,
// skipping every subtree left out in the current round.
func (ix *index) shown(j int32) iter.Seq[int32] {
	return func(yield func(int32) bool) {
		es := ix.entries
		for c := j + 1; c < es[j].end; {
			if es[c].is(flagExcluded) {
				c = es[c].end
				continue
			}
			if !yield(c) {
				return
			}
			c++
		}
	}
}

// vocabulary is the read-only lookup built from the tables in vocabulary.go.
type vocabulary struct {
	token map[string]tokenVerdict // class, id and tag-name words
	// tokenStarts says, for each first byte, which lengths the token words
	// starting with it have (bit n for length n): most words of a page's
	// class names fail this test and skip the map lookup.
	tokenStarts [256]uint64
	role        map[string]int
	itemprop    map[string]int
	hidden      map[string]bool
	// hiddenMin and hiddenMax are the lengths of the shortest and the
	// longest hiding class.
	hiddenMin, hiddenMax int
}

// tokenVerdict is what one class or id word says: its weight, and whether it
// names a caption, a credit or reader comments. The word tables are merged
// into one map so each word of a class name costs one lookup.
type tokenVerdict struct {
	weight int
	flags  nodeFlags
}

var words = buildVocabulary()

func buildVocabulary() *vocabulary {
	v := &vocabulary{
		token: map[string]tokenVerdict{}, role: map[string]int{}, itemprop: map[string]int{},
		hidden: map[string]bool{},
	}
	addFlag := func(word string, f nodeFlags) {
		t := v.token[word]
		t.flags |= f
		v.token[word] = t
	}
	for _, w := range classWords {
		t := v.token[w.word]
		t.weight = w.weight
		v.token[w.word] = t
	}
	for _, w := range roleWeights {
		v.role[w.word] = w.weight
	}
	for _, w := range itempropWeights {
		v.itemprop[w.word] = w.weight
	}
	v.hiddenMin = 1 << 30
	for _, h := range hiddenClasses {
		v.hidden[h.name] = true
		v.hiddenMin, v.hiddenMax = min(v.hiddenMin, len(h.name)), max(v.hiddenMax, len(h.name))
	}
	for _, c := range captionWords {
		addFlag(c.word, flagCaption)
	}
	for _, c := range creditWords {
		addFlag(c.word, flagCredit)
	}
	for _, c := range commentWords {
		addFlag(c.word, flagComment)
	}
	for w := range v.token {
		if len(w) > 0 && len(w) < 64 {
			v.tokenStarts[w[0]] |= 1 << len(w)
		}
	}
	return v
}

// lookupToken is what the non-empty word w says.
func (v *vocabulary) lookupToken(w []byte) tokenVerdict {
	if len(w) < 64 && v.tokenStarts[w[0]]&(1<<len(w)) == 0 {
		return tokenVerdict{}
	}
	return v.token[string(w)]
}

// nameVerdict is what a class attribute says: its weight and flags.
type nameVerdict struct {
	weight int16
	flags  nodeFlags
}

// nameCache remembers the verdict on each class attribute value of one page:
// templates repeat the same few class strings on thousands of elements.
type nameCache map[string]nameVerdict

// buildIndex flattens doc into an index and reads each element's tag and
// attributes once.
// With readNoscript, <noscript> is content (the page was parsed with
// scripting off, so its insides are markup).
func buildIndex(doc *html.Node, readNoscript bool) *index {
	ix := &index{entries: make([]entry, 0, countEntries(doc))}
	names := nameCache{}
	type frame struct {
		n      *html.Node
		parent int32
	}
	// stack holds the next sibling to visit at each open level; its depth is
	// bounded by the parser's 512-element limit.
	stack := make([]frame, 0, 64)
	stack = append(stack, frame{doc, -1})
	var open []int32 // indexes whose end is not yet known, innermost last
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if n.NextSibling != nil {
			stack = append(stack, frame{n.NextSibling, f.parent})
		}
		// Close the entries whose subtrees ended before n.
		for len(open) > 0 && open[len(open)-1] != f.parent {
			top := open[len(open)-1]
			ix.entries[top].end = int32(len(ix.entries))
			open = open[:len(open)-1]
		}
		switch n.Type {
		case html.ElementNode, html.DocumentNode:
		case html.TextNode:
			e := entry{node: n, parent: f.parent, flags: flagText}
			if f.parent < 0 || !ix.entries[f.parent].is(flagDrop) {
				// Script and style bodies are never content: not worth counting.
				e.text, e.commas = measureText(n.Data)
			}
			e.end = int32(len(ix.entries)) + 1
			ix.entries = append(ix.entries, e)
			continue
		default:
			continue // comments and doctypes carry no content
		}
		id := int32(len(ix.entries))
		e := entry{node: n, parent: f.parent}
		if n.Type == html.ElementNode {
			readElement(&e, n, readNoscript, names)
			if n.DataAtom == atom.Body && ix.body == 0 {
				ix.body = id
			}
			if n.DataAtom == atom.Title && ix.title == "" && n.FirstChild != nil {
				ix.title = n.FirstChild.Data
			}
			if !ix.discussion && declaresDiscussion(n) {
				ix.discussion = true
			}
		}
		ix.entries = append(ix.entries, e)
		if n.FirstChild != nil {
			open = append(open, id)
			stack = append(stack, frame{n.FirstChild, id})
		} else {
			ix.entries[id].end = id + 1
		}
	}
	for _, id := range open {
		ix.entries[id].end = int32(len(ix.entries))
	}
	return ix
}

// countEntries counts the nodes buildIndex keeps (the document, elements and
// text), so the index is allocated once at its exact size: a guess from the
// page's byte size is off several times over on pages heavy with scripts and
// markup, and the spare room would be cleared and scanned for nothing.
func countEntries(doc *html.Node) int {
	count := 0
	for n := doc; n != nil; {
		switch n.Type {
		case html.DocumentNode, html.ElementNode, html.TextNode:
			count++
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != doc && n.NextSibling == nil {
			n = n.Parent
		}
		if n == doc {
			break
		}
		n = n.NextSibling
	}
	return count
}

// declaresDiscussion reports whether n declares a discussion page, in
// microdata (itemtype) or in a JSON-LD script.
func declaresDiscussion(n *html.Node) bool {
	var text string
	switch {
	case n.DataAtom == atom.Script && attr(n, "type") == "application/ld+json" && n.FirstChild != nil:
		text = n.FirstChild.Data
	case hasAttr(n, "itemtype"):
		text = attr(n, "itemtype")
	default:
		return false
	}
	for _, t := range discussionTypes {
		if strings.Contains(text, t.name) {
			return true
		}
	}
	return false
}

// measureText counts the non-space bytes of s and its commas and sentence
// ends, the two cheap signs of prose.
func measureText(s string) (text, commas int32) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		kind := textByteKinds[c]
		if kind == plainByte { // most bytes: one table load
			text++
			continue
		}
		switch kind {
		case spaceByte:
		case punctByte: // , . ! ? ;
			text++
			if c == ',' || i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n' {
				commas++
			}
		case fullWidthLead: // 0xEF: the full-width comma "，" and full stop "．" in CJK text
			text++
			if i+2 < len(s) && s[i+1] == 0xBC && (s[i+2] == 0x8C || s[i+2] == 0x8E) {
				commas++
			}
		case ideographicLead: // 0xE3: the ideographic comma "、" and full stop "。"
			text++
			if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x81 || s[i+2] == 0x82) {
				commas++
			}
		}
	}
	return text, commas
}

// The kinds of byte measureText tells apart.
const (
	plainByte       = iota // counts as text
	spaceByte              // white space, not counted
	punctByte              // a comma or a sentence end
	fullWidthLead          // first byte of "，" and "．" (and other characters)
	ideographicLead        // first byte of "、" and "。" (and other characters)
)

// textByteKinds is the kind of each byte, for measureText.
var textByteKinds = func() (kinds [256]uint8) {
	for _, c := range []byte(" \n\t\r\f") {
		kinds[c] = spaceByte
	}
	for _, c := range []byte(",.!?;") {
		kinds[c] = punctByte
	}
	kinds[0xEF] = fullWidthLead
	kinds[0xE3] = ideographicLead
	return kinds
}()

// readElement sets the flags and weight of an element from its tag and
// attributes.
func readElement(e *entry, n *html.Node, readNoscript bool, names nameCache) {
	switch n.DataAtom {
	case atom.Noscript:
		if !readNoscript {
			e.flags |= flagDrop
		}
	case atom.Script, atom.Style, atom.Template, atom.Svg, atom.Math,
		atom.Iframe, atom.Object, atom.Embed, atom.Canvas, atom.Select, atom.Option,
		atom.Textarea, atom.Input, atom.Button, atom.Label, atom.Dialog, atom.Link,
		atom.Meta, atom.Head, atom.Audio, atom.Video, atom.Map, atom.Area, atom.Datalist,
		atom.Frameset, atom.Frame, atom.Menu:
		e.flags |= flagDrop
	case atom.Nav, atom.Aside, atom.Footer:
		e.flags |= flagNegative
		e.weight -= 25
	case atom.Header:
		e.weight -= 10
	case atom.Form:
		e.weight -= 10
	case atom.Article:
		// Not protected: listings and related boxes are made of article cards.
		e.weight += 10
	case atom.Main:
		e.weight += 15
		e.flags |= flagProtected
	case atom.A:
		e.flags |= flagInline
		if hasAttr(n, "href") {
			e.flags |= flagLink
		}
	case atom.Figcaption:
		e.flags |= flagCaption
	}
	if n.DataAtom == 0 && n.Namespace == "" && strings.Contains(n.Data, "-") {
		// Custom elements (web components): their names carry words too.
		weighTokens(e, n.Data, false)
	}
	if isInlineTag(n.DataAtom) {
		e.flags |= flagInline
	}
	if n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		// Their classes describe the page template ("single-post has-sidebar
		// mobile-menu"), not a part of the page.
		return
	}
	for _, a := range n.Attr {
		if a.Namespace != "" {
			continue
		}
		switch a.Key {
		case "class":
			v, ok := names[a.Val]
			if !ok {
				var probe entry
				if hasHiddenClass(a.Val) {
					probe.flags |= flagHidden
				}
				weighTokens(&probe, a.Val, true)
				v = nameVerdict{probe.weight, probe.flags}
				names[a.Val] = v
			}
			e.weight += v.weight
			e.flags |= v.flags
		case "id":
			weighTokens(e, a.Val, true)
		case "role":
			w := words.role[lowerASCII(strings.TrimSpace(a.Val))]
			e.weight += int16(w)
			if w < 0 {
				e.flags |= flagNegative
			}
			if w > 0 && a.Val == "main" {
				e.flags |= flagProtected
			}
		case "itemprop":
			for _, p := range strings.Fields(a.Val) {
				p = lowerASCII(p)
				w := words.itemprop[p]
				e.weight += int16(w)
				if p == "articlebody" || p == "reviewbody" {
					e.flags |= flagProtected
				}
				if p == "comment" {
					e.flags |= flagComment | flagNegative
				}
			}
		case "hidden":
			e.flags |= flagHidden
		case "aria-hidden":
			if a.Val == "true" {
				e.flags |= flagHidden
			}
		case "style":
			if hidesElement(a.Val) {
				e.flags |= flagHidden
			}
		}
	}
	if e.weight < 0 && !e.is(flagProtected) {
		e.flags |= flagNegative
	}
	if e.weight > 100 {
		e.weight = 100
	} else if e.weight < -100 {
		e.weight = -100
	}
}

// hasHiddenClass reports whether one of the space-separated class names
// is a whole hiding class such as "sr-only".
func hasHiddenClass(classes string) bool {
	start, ascii := -1, true
	for i := 0; i <= len(classes); i++ {
		if i == len(classes) || classes[i] == ' ' || classes[i] == '\t' || classes[i] == '\n' {
			if start >= 0 && isHiddenClass(classes[start:i], ascii) {
				return true
			}
			start, ascii = -1, true
			continue
		}
		if start < 0 {
			start = i
		}
		if classes[i] >= utf8.RuneSelf {
			ascii = false
		}
	}
	return false
}

// isHiddenClass reports whether one class name is a hiding class, ignoring
// case. ASCII names (nearly all) are only looked up when their length is one
// a hiding class has, and are lower-cased on the stack.
func isHiddenClass(name string, ascii bool) bool {
	var lower [maxHiddenClass]byte
	if !ascii || len(name) > len(lower) {
		// Unicode lower-casing can change the length.
		return words.hidden[lowerASCII(name)]
	}
	if len(name) < words.hiddenMin || len(name) > words.hiddenMax {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	return words.hidden[string(lower[:len(name)])]
}

// maxHiddenClass is room for the longest hiding class name on the stack.
const maxHiddenClass = 32

// hidesElement reports whether an inline style hides its element.
func hidesElement(style string) bool {
	if !strings.Contains(style, "none") && !strings.Contains(style, "hidden") {
		return false
	}
	compact := make([]byte, 0, 32)
	for i := 0; i < len(style); i++ {
		c := style[i]
		if c == ' ' || c == '\t' || c == '\n' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		compact = append(compact, c)
	}
	s := string(compact)
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// weighTokens splits a class, id or tag name into words and adds their
// weights to e. Words are split at anything that is not a letter or digit and
// at lower-to-upper case changes, so "socialShareBar" gives social, share, bar.
// The whole name without separators is looked up too ("article-body" also
// counts as articlebody) but only when it differs from every part.
func weighTokens(e *entry, s string, splitCamel bool) {
	var buf [48]byte
	var joined [64]byte
	nj := 0
	n := 0
	parts := 0
	total := 0
	flush := func() {
		if n == 0 {
			return
		}
		w := buf[:n]
		t := words.lookupToken(w)
		total += t.weight
		e.flags |= t.flags
		if nj+n <= len(joined) {
			copy(joined[nj:], w)
			nj += n
		}
		parts++
		n = 0
	}
	endName := func() {
		flush()
		if parts > 1 && nj > 0 {
			total += words.lookupToken(joined[:nj]).weight
		}
		nj, parts = 0, 0
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			if n < len(buf) {
				buf[n] = c
				n++
			}
		case 'A' <= c && c <= 'Z':
			if splitCamel && n > 0 && i > 0 && 'a' <= s[i-1] && s[i-1] <= 'z' {
				flush()
			}
			if n < len(buf) {
				buf[n] = c + 'a' - 'A'
				n++
			}
		case c == ' ' || c == '\t' || c == '\n':
			endName()
		default:
			flush()
		}
	}
	endName()
	if total > 60 {
		total = 60
	} else if total < -60 {
		total = -60
	}
	e.weight += int16(total)
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val
		}
	}
	return ""
}

// isInlineTag reports whether a tag is phrasing content: its text runs on
// inside the surrounding paragraph.
func isInlineTag(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code, atom.Data,
		atom.Dfn, atom.Em, atom.Font, atom.I, atom.Kbd, atom.Mark, atom.Q, atom.S,
		atom.Samp, atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time,
		atom.U, atom.Var, atom.Del, atom.Ins, atom.Big, atom.Strike, atom.Tt, atom.Nobr,
		atom.Wbr, atom.Label:
		return true
	}
	return false
}

// isBlockTag reports whether a tag starts a new block of text.
func isBlockTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer,
		atom.Aside, atom.Nav, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Table, atom.Tr, atom.Td,
		atom.Th, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Blockquote, atom.Pre,
		atom.Figure, atom.Figcaption, atom.Hr, atom.Br, atom.Address, atom.Center,
		atom.Details, atom.Summary, atom.Form, atom.Fieldset, atom.Body, atom.Html, atom.Hgroup:
		return true
	}
	return false
}
