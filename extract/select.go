package extract

import (
	"strings"

	"golang.org/x/net/html/atom"
)

// Selecting the main content happens in rounds. Each round decides which
// boilerplate elements to leave out, recounts the text of every element,
// scores the containers of prose, and picks the best container. The pick is
// then widened to the highest ancestor that adds a good share of prose (a
// story split by ads, a page of sections), joined by the siblings that
// continue it, and replaced by the page's declared main region when it is
// only a small part of it (one card of a listing).
//
// The strict round leaves out every element whose tag, class, id or role
// names page furniture, unless it holds most of the page or is a weakly named
// box of prose. When that leaves too little text (a forum whose posts sit in
// "comment" boxes), a lenient round keeps comment sections and every box of
// prose, and lets their weight count instead.

// minSelectedText is the least text, in non-space bytes, the strict round
// must find before its pick is trusted.
const minSelectedText = 300

// minBlockText is the shortest run of text, in non-space bytes, that counts as
// a paragraph of prose when scoring.
const minBlockText = 25

// selection is the content a round picked.
type selection struct {
	roots []int32 // the chosen containers, in document order
	text  int32   // their text
}

// excludeRound sets flagExcluded for one round. Dropped elements are always
// out, and an element that holds the page's declared main content (main,
// itemprop=articleBody) is never out; neither is a negative element that
// holds most of the page's text or prose (flagMajor). The strict round leaves
// out every other negative element, except weakly negative boxes of prose;
// the lenient round keeps comment sections and every box of prose.
func (ix *index) excludeRound(strict, keepComments bool) {
	es := ix.entries
	for i := range es {
		e := &es[i]
		e.flags &^= flagExcluded
		switch {
		case e.is(flagDrop):
			e.flags |= flagExcluded
		case e.is(flagProtected) || e.is(flagHoldsContent):
		case (keepComments || !strict) && e.is(flagComment):
		case e.is(flagNegative) && e.node.DataAtom == atom.Article && e.weight > strongNegative:
			// An <article> with a weakly negative name ("post-meta", "author")
			// is still a post: forums and blogs wrap each one in <article>.
		case e.is(flagNegative):
			if !e.is(flagMajor) && (strict && e.weight <= strongNegative || !e.is(flagProse)) {
				e.flags |= flagExcluded
			}
		}
	}
}

// aggregate recounts the text statistics of every element bottom-up,
// leaving out excluded subtrees. In pre-order every descendant of i has a
// larger index, so one backward loop sees children before parents.
func (ix *index) aggregate() {
	es := ix.entries
	for i := range es {
		e := &es[i]
		if !e.is(flagText) {
			e.text, e.link, e.inline, e.commas = 0, 0, 0, 0
			e.flags &^= flagHasBlock
		}
		e.score = 0
		e.flags &^= flagScored
	}
	for i := len(es) - 1; i > 0; i-- {
		e := &es[i]
		if e.is(flagLink) {
			e.link = e.text
		}
		if e.parent < 0 {
			continue
		}
		p := &es[e.parent]
		if e.is(flagProtected | flagHoldsContent) {
			p.flags |= flagHoldsContent
		}
		if e.is(flagExcluded) {
			continue
		}
		p.text += e.text
		p.link += e.link
		p.commas += e.commas
		switch {
		case e.is(flagText):
			p.inline += e.text
		case e.is(flagInline) && !e.is(flagHasBlock):
			p.inline += e.inline
		}
		if p.is(flagInline) && !e.is(flagText) && (!e.is(flagInline) || e.is(flagHasBlock)) {
			p.flags |= flagHasBlock
		}
	}
}

// markMajor flags the negative elements that hold most of the page's text at
// a low link density, or most of its prose: wrappers with unlucky names
// ("content-with-sidebar", a blog engine's "widget Blog"), not furniture.
// Comment sections are never major: a long thread under a short story must
// not win. It runs on statistics where only dropped elements are left out.
func (ix *index) markMajor() {
	es := ix.entries
	bodyText, bodyGood := es[ix.body].text, es[ix.body].good
	for i := range es {
		e := &es[i]
		e.flags &^= flagMajor | flagProse
		if !e.is(flagNegative) || e.is(flagComment) {
			continue
		}
		// Page builders call every block a widget, templates call the story
		// head a header: a weakly negative name on a box of prose is no proof.
		if e.good >= 200 && e.link*4 < e.text {
			e.flags |= flagProse
		}
		if bodyText > 0 && e.text*10 >= bodyText*6 && e.link*2 < e.text ||
			bodyGood > 0 && e.good*2 >= bodyGood {
			e.flags |= flagMajor
		}
	}
}

// blockLength returns the prose length an element contributes as one
// paragraph, and whether its score goes to itself (a div of bare text is its
// own container) or starts at its parent (a <p> is scored for its container).
func blockLength(e *entry) (length int32, self bool) {
	switch e.node.DataAtom {
	case atom.P, atom.Pre:
		return e.text, false
	case atom.Td, atom.Li, atom.Dd, atom.Blockquote:
		return e.inline, false
	case atom.Div, atom.Section, atom.Article, atom.Main, atom.Center, atom.Font, atom.Span, atom.Body:
		return e.inline, true
	}
	return 0, false
}

// tagScore is the starting score of a container by its tag, before its class
// words: containers of prose start ahead, lists and headings behind.
func tagScore(a atom.Atom) float32 {
	switch a {
	case atom.Div, atom.Article, atom.Main:
		return 5
	case atom.Section, atom.Pre, atom.Td, atom.Blockquote:
		return 3
	case atom.Address, atom.Ol, atom.Ul, atom.Dl, atom.Dd, atom.Dt, atom.Li, atom.Form:
		return -3
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Th:
		return -5
	}
	return 0
}

// scoreContainers gives every container of prose a score: each paragraph adds
// to its parent in full and to farther ancestors in shrinking shares. It also
// fills good, the prose under each element, for the later widening step.
// With commentsCount, comment sections score as any container.
func (ix *index) scoreContainers(commentsCount bool) {
	es := ix.entries
	body := ix.body
	for i := range es {
		es[i].good = 0
	}
	linkEnd := int32(0) // inside a link until this index: a card, not prose
	for i := body; i < es[body].end; i++ {
		e := &es[i]
		if e.is(flagExcluded) {
			i = e.end - 1
			continue
		}
		if e.is(flagLink) && e.end > linkEnd {
			linkEnd = e.end
		}
		if e.is(flagText) || e.is(flagInline) {
			continue
		}
		length, self := blockLength(e)
		if length < minBlockText {
			continue
		}
		commas := e.commas
		if e.text > 0 && length < e.text {
			commas = int32(int64(commas) * int64(length) / int64(e.text))
		}
		s := 1 + float32(commas)
		if s > 20 {
			s = 20
		}
		bonus := float32(length) / 100
		if bonus > 3 {
			bonus = 3
		}
		s += bonus
		if e.link*2 < e.text && i >= linkEnd {
			e.good = length
		}
		at := e.parent
		if self {
			at = i
		}
		for level := 0; level < 4 && at >= body; level++ {
			a := &es[at]
			if !a.is(flagScored) {
				a.flags |= flagScored
				w := a.weight
				if commentsCount && a.is(flagComment) && w < 0 {
					w = 0 // posts in "comment" boxes are the page here
				}
				a.score = tagScore(a.node.DataAtom) + float32(w)
			}
			switch level {
			case 0:
				a.score += s
			case 1:
				a.score += s / 2
			default:
				a.score += s / float32(level*3)
			}
			at = a.parent
		}
	}
	// Sum good bottom-up over the same subtree.
	for i := es[body].end - 1; i > body; i-- {
		e := &es[i]
		if e.is(flagExcluded) || e.parent < 0 {
			continue
		}
		es[e.parent].good += e.good
	}
}

// finalScore is a container's score discounted by its link density.
func finalScore(e *entry) float32 {
	if !e.is(flagScored) {
		return 0
	}
	ld := float32(0)
	if e.text > 0 {
		ld = float32(e.link) / float32(e.text)
	}
	return e.score * (1 - ld)
}

// selectRound runs one round and returns what it picked.
func (ix *index) selectRound(strict, keepComments bool) selection {
	ix.excludeRound(strict, keepComments)
	ix.aggregate()
	ix.scoreContainers(!strict || keepComments)
	es := ix.entries
	body := ix.body
	best := int32(-1)
	var bestScore float32
	for i := body; i < es[body].end; i++ {
		e := &es[i]
		if e.is(flagExcluded) {
			i = e.end - 1
			continue
		}
		if e.is(flagScored) {
			if s := finalScore(e); best < 0 || s > bestScore {
				best, bestScore = i, s
			}
		}
	}
	if best < 0 {
		return selection{roots: []int32{body}, text: es[body].text}
	}
	best = ix.widen(ix.storyAsked(best))
	roots := ix.siblings(best, bestScore)
	m := ix.declaredMain()
	if m < 0 {
		m = body
	}
	inside := best > m && best < es[m].end
	if m != body && !inside || inside && (m != body || es[best].text < smallPick && es[best].good < minSelectedText) {
		var text int32
		for _, r := range roots {
			text += es[r].text
		}
		if text*4 < es[m].text {
			// The pick is one card of a listing, one box of a product page
			// or a box outside the declared main region: the region the
			// page declares as main is the content.
			roots = []int32{m}
		}
	}
	var text int32
	for _, r := range roots {
		text += es[r].text
	}
	return selection{roots: roots, text: text}
}

// bodyWidenLimit is the prose, in non-space bytes, above which a pick is a
// story of its own and never widens to the whole body.
const bodyWidenLimit = 1000

// widen moves the pick up to the highest ancestor that holds clearly more
// prose (a quarter more) than the pick, where the added part is not a link
// farm: articles split into several containers by ads or tabs, listicles,
// pages built of sections. Ancestors that add nothing are passed over, not
// stopped at; body is never taken.
func (ix *index) widen(best int32) int32 {
	es := ix.entries
	cur := best
	for p := es[best].parent; p >= ix.body && p >= 0; p = es[p].parent {
		pe, ce := &es[p], &es[cur]
		// Body holds everything left after the cleaning: take it only when
		// the pick is a short part, less than half of the page's prose (a
		// page of sections); a long pick is a story and stays.
		gain := int32(5)
		if p == ix.body {
			if ce.good >= bodyWidenLimit {
				break
			}
			gain = 8
		}
		if pe.text == ce.text || pe.good*4 >= ce.good*gain && (pe.link-ce.link)*10 < (pe.text-ce.text)*4 {
			if ix.joinsOtherStory(p, cur) {
				break
			}
			cur = p
		}
	}
	return cur
}

// Infinite-scroll pages load the next story below the one asked for, in the
// same template: a container with a headline and a date of its own. When
// the pick holds the page's headline, a part beside it that opens with
// another h1 and carries a <time> is that next story, not more of this one.
// (Sections of one story, each under an h1, carry no date of their own.)

// storyAsked moves a pick that lies in another story of the page (its
// nearest container with an h1 is dated and headed by another headline)
// to the sibling story the page's headline heads, when there is one with a
// third of its prose at least: the next story may score higher than the
// one asked for.
func (ix *index) storyAsked(best int32) int32 {
	if ix.headline == "" {
		return best
	}
	es := ix.entries
	for s := best; s > ix.body; s = es[s].parent {
		h, dated := ix.storyHeader(s)
		if h == "" {
			continue
		}
		if !dated || sameTitle(h, ix.headline) {
			return best
		}
		p := es[s].parent
		for c := p + 1; c < es[p].end; c = es[c].end {
			if c != s && !es[c].is(flagText|flagExcluded) && es[c].good*3 >= es[s].good && ix.holdsHeadline(c) {
				if _, d := ix.storyHeader(c); d {
					return c
				}
			}
		}
		return best
	}
	return best
}

// joinsOtherStory reports whether taking the ancestor p of cur would take in
// another story: cur holds the page's headline and another child of p is a
// dated story with a headline of its own.
func (ix *index) joinsOtherStory(p, cur int32) bool {
	if ix.headline == "" || p == cur {
		return false
	}
	es := ix.entries
	holds := false
	for c := p + 1; c < es[p].end; c = es[c].end {
		if c <= cur && cur < es[c].end {
			holds = ix.holdsHeadline(c)
			break
		}
	}
	if !holds {
		return false
	}
	for c := p + 1; c < es[p].end; c = es[c].end {
		if !(c <= cur && cur < es[c].end) && ix.otherStory(c) {
			return true
		}
	}
	return false
}

// storyHeader is the phraseKey of the first h1 in the subtree at j, and
// whether the subtree has a <time> element.
func (ix *index) storyHeader(j int32) (headline string, dated bool) {
	es := ix.entries
	found := false
	for i := j; i < es[j].end && !(found && dated); i++ {
		e := &es[i]
		if e.is(flagExcluded) {
			i = e.end - 1
			continue
		}
		if e.is(flagText) {
			continue
		}
		switch e.node.DataAtom {
		case atom.Time:
			dated = true
		case atom.H1:
			if !found {
				found = true
				var sb strings.Builder
				for k := i + 1; k < e.end; k++ {
					if es[k].is(flagText) {
						sb.WriteString(es[k].node.Data)
					}
				}
				headline = phraseKey(normalizeSpace(sb.String()))
			}
		}
	}
	return headline, dated
}

// holdsHeadline reports whether the subtree at j has the page's headline as
// its first h1.
func (ix *index) holdsHeadline(j int32) bool {
	h, _ := ix.storyHeader(j)
	return h != "" && sameTitle(h, ix.headline)
}

// otherStory reports whether the subtree at j is a story of its own: a
// first h1 that is not the page's headline, and a date.
func (ix *index) otherStory(j int32) bool {
	if ix.entries[j].is(flagText) {
		return false
	}
	h, dated := ix.storyHeader(j)
	return h != "" && dated && !sameTitle(h, ix.headline)
}

// siblings returns the containers that continue best at its own level:
// siblings with a comparable score and a fifth of its prose at least (a
// second column of the same size is a sidebar), or plain paragraphs of prose.
func (ix *index) siblings(best int32, bestScore float32) []int32 {
	es := ix.entries
	p := es[best].parent
	if p < ix.body || p < 0 {
		return []int32{best}
	}
	threshold := bestScore * 0.2
	if threshold < 10 {
		threshold = 10
	}
	bestClass := attr(es[best].node, "class")
	headlined := ix.headline != "" && ix.holdsHeadline(best)
	var roots []int32
	for c := p + 1; c < es[p].end; c = es[c].end {
		e := &es[c]
		if c == best {
			roots = append(roots, c)
			continue
		}
		if e.is(flagExcluded) || e.is(flagText) {
			continue
		}
		s := finalScore(e)
		if bestClass != "" && attr(e.node, "class") == bestClass {
			s += bestScore * 0.2
		}
		ld := float32(0)
		if e.text > 0 {
			ld = float32(e.link) / float32(e.text)
		}
		switch {
		case e.is(flagScored) && s >= threshold && e.good*5 >= es[best].good:
		case e.node.DataAtom == atom.P && e.text > 80 && ld < 0.25:
		case e.node.DataAtom == atom.P && e.text > 0 && ld == 0 && e.commas > 0:
		default:
			continue
		}
		if headlined && ix.otherStory(c) {
			continue // the next story of an infinite-scroll page
		}
		roots = append(roots, c)
	}
	return roots
}

// smallPick is the text, in non-space bytes, under which a pick on a page
// without a declared main region may be one card of a listing (when it also
// has less than minSelectedText of prose: a short story is not a card).
const smallPick = 600

// declaredMain is the first <main> (or role="main") left in the page, or -1.
func (ix *index) declaredMain() int32 {
	es := ix.entries
	for i := ix.body; i < es[ix.body].end; i++ {
		e := &es[i]
		if e.is(flagExcluded) {
			i = e.end - 1
			continue
		}
		if e.is(flagText) {
			continue
		}
		if e.node.DataAtom == atom.Main || e.is(flagProtected) && attr(e.node, "role") == "main" {
			return i
		}
	}
	return -1
}

// choose runs the strict round, and the lenient one when the strict round
// found too little.
func (ix *index) choose(keepComments bool) selection {
	for i := range ix.entries {
		if ix.entries[i].is(flagDrop) {
			ix.entries[i].flags |= flagExcluded
		} else {
			ix.entries[i].flags &^= flagExcluded
		}
	}
	ix.aggregate()
	ix.settleHidden()
	ix.aggregate()
	ix.scoreContainers(false)
	ix.markMajor()
	raw := ix.entries[ix.body].text
	sel := ix.selectRound(true, keepComments || ix.discussion)
	if sel.text >= minSelectedText || raw < 2*sel.text || raw == 0 {
		return sel
	}
	lenient := ix.selectRound(false, keepComments || ix.discussion)
	if lenient.text > sel.text {
		return lenient
	}
	return ix.selectRound(true, keepComments || ix.discussion)
}

// settleHidden decides what hidden elements are. A hidden element that holds
// most of the page's text is the page itself, waiting for a script to show
// it (streamed server rendering, "hide until loaded" wrappers); every other
// hidden element is dropped.
func (ix *index) settleHidden() {
	es := ix.entries
	bodyText := es[ix.body].text
	for i := range es {
		e := &es[i]
		if !e.is(flagHidden) || e.is(flagDrop) {
			continue
		}
		if e.text*2 >= bodyText && bodyText > 0 {
			e.flags &^= flagHidden
		} else {
			e.flags |= flagDrop | flagExcluded
		}
	}
}
