package extract

import (
	"context"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lede/article"
)

// The builder walks the chosen containers in document order and turns them
// into typed blocks. Paragraph-like elements become one block each; text that
// sits loose in a div (or between <br>s) is gathered into paragraphs of its
// own; pictures go to Images with their captions, never to the body. Blocks
// are first kept with notes (link share, after a "Related" heading) and judged
// once the whole body is known, because whether a list of links is part of the
// page or a teaser box depends on what else the page holds.

// draft is a block before the final judgement.
type draft struct {
	block     article.Block
	linkShare float64
	related   bool // follows a heading such as "Related stories"
	section   int  // which related section, when related
}

type builder struct {
	ctx      context.Context // checked every builderCheckEvery entries
	steps    int
	ix       *index
	opts     Options
	base     *url.URL
	title    string              // normalised page title, to drop a repeated title heading
	byline   map[*html.Node]bool // byline and dateline nodes read by metadata
	drafts   []draft
	images   []article.Image
	related  []article.Related
	seenURL  map[string]bool // image and related URLs already taken
	seenText map[string]bool // block texts already written, to drop repeats

	para      inlineText // loose text waiting to become a paragraph
	paraOwner int32      // the block element the loose text belongs to

	articleLike  bool // the content is prose: link boxes in it are teasers
	titleDropped bool
	inRelated    bool
	relatedLevel int  // the level of the heading that opened the related section
	section      int  // counts the related sections, so finish can judge each as a whole
	skipLevel    int  // inside a section under a furniture heading of this level ("About the author")
	collecting   int  // > 0 while the text of a block is being gathered
	harvesting   bool // reading teaser links: their pictures are not the story's

	// lastPicture is the entry of the last picture recorded and lastImage
	// its index in images (-1 before any), to give it a plain caption.
	lastPicture int32
	lastImage   int
	// imageIDs[i] is the identity of images[i], to merge copies of one picture.
	imageIDs []imageIdentity
	// pictures finds the kept copy of a new picture while the body is
	// built; finish renumbers the images and drops it.
	pictures pictureIndex
	// imageInBlock[i] is true when images[i] sits inside the block drafted
	// after it (a teaser card's thumbnail), so it goes if that block goes.
	imageInBlock []bool
}

// builderCheckEvery is how many entries the builder walks between looks at
// its context: often enough to stop within a millisecond, rarely enough to
// cost nothing.
const builderCheckEvery = 1024

// emit walks one chosen container in document order: loose text gathers
// into paragraphs, each block element becomes its block, pictures and
// captions go to Images, and boxes of links are harvested as related.
func (b *builder) emit(root int32) {
	es := b.ix.entries
	for j := root; j < es[root].end; {
		if b.steps++; b.steps%builderCheckEvery == 0 && b.ctx.Err() != nil {
			return // fromNode reports the deadline
		}
		e := &es[j]
		if e.is(flagExcluded) || (b.byline != nil && b.byline[e.node]) {
			j = e.end
			continue
		}
		if e.is(flagText) {
			b.loose(j)
			b.para.write(e.node.Data)
			j++
			continue
		}
		if e.is(flagInline) && !e.is(flagLink) && b.plainCaption(j, root) {
			j = e.end
			continue
		}
		if e.is(flagInline) {
			switch {
			case !e.is(flagHasBlock):
				b.loose(j)
				b.collect(&b.para, j, e.end, false)
				j = e.end
			case e.is(flagLink) && b.articleLike:
				// A link wrapped around blocks is a card; in a story, a
				// teaser for another one.
				b.flush()
				b.harvest(j)
				j = e.end
			default:
				j++
			}
			continue
		}
		if b.isCaption(j) || b.isCredit(j) {
			b.flush()
			b.looseCaption(j)
			j = e.end
			continue
		}
		if b.plainCaption(j, root) {
			j = e.end
			continue
		}
		switch e.node.DataAtom {
		case atom.Br:
			if b.para.endsWithBreak() {
				b.flush()
			} else {
				b.para.separate(true)
			}
			j++
			continue
		case atom.P, atom.Address:
			b.flush()
			b.paragraph(j, article.Paragraph, 0)
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			b.flush()
			b.heading(j)
		case atom.Ul, atom.Ol, atom.Dl:
			b.flush()
			b.list(j)
		case atom.Pre:
			b.flush()
			b.pre(j)
		case atom.Blockquote:
			b.flush()
			b.paragraph(j, article.Blockquote, 0)
		case atom.Table:
			b.flush()
			if b.isLayoutTable(j) {
				j++
				continue
			}
			if !b.opts.DropTables {
				b.table(j)
			}
		case atom.Figure:
			b.flush()
			if !b.figure(j) {
				j++
				continue
			}
		case atom.Img, atom.Picture:
			b.flush()
			b.image(j, "", "")
		case atom.Hr:
			b.flush()
			j++
			continue
		default:
			if j != root && b.articleLike && e.text > 0 && e.link*10 > e.text*6 && e.text < 2000 {
				// A box of links inside an article: teasers, not story.
				b.flush()
				b.harvest(j)
				j = e.end
				continue
			}
			j++
			continue
		}
		j = e.end
	}
	b.flush()
}

// loose prepares the loose-text paragraph for text at j: text owned by another
// block element than the waiting text starts a new paragraph.
func (b *builder) loose(j int32) {
	owner := b.ix.blockOwner(j)
	if owner != b.paraOwner {
		b.flush()
		b.paraOwner = owner
	}
}

// blockOwner is the nearest ancestor of j that is not an inline element.
func (ix *index) blockOwner(j int32) int32 {
	for p := ix.entries[j].parent; p >= 0; p = ix.entries[p].parent {
		if !ix.entries[p].is(flagInline) {
			return p
		}
	}
	return -1
}

// flush turns the waiting loose text into a paragraph.
func (b *builder) flush() {
	if b.para.empty() {
		b.para.take()
		return
	}
	text, links := b.para.take()
	b.add(article.Block{Kind: article.Paragraph, Text: text, Links: links})
}

// collect appends the text of the entries [from, to) to t: text nodes,
// links with their targets, line breaks. Block elements inside are
// separated by a space, or by a line break when newlines is set.
func (b *builder) collect(t *inlineText, from, to int32, newlines bool) {
	b.collecting++
	defer func() { b.collecting-- }()
	es := b.ix.entries
	type openLink struct {
		end   int32
		start int
		url   string
	}
	var links [8]openLink
	open := links[:0]
	for j := from; j < to; {
		for len(open) > 0 && open[len(open)-1].end <= j {
			l := open[len(open)-1]
			t.endLink(l.start, l.url)
			open = open[:len(open)-1]
		}
		e := &es[j]
		if e.is(flagExcluded) || (b.byline != nil && b.byline[e.node]) {
			j = e.end
			continue
		}
		if e.is(flagText) {
			t.write(e.node.Data)
			j++
			continue
		}
		switch a := e.node.DataAtom; {
		case a == atom.Br:
			t.separate(true)
		case a == atom.Img || a == atom.Picture:
			if !b.harvesting {
				b.image(j, "", "")
			}
			j = e.end
			continue
		case b.isCaption(j):
			if !b.harvesting {
				b.looseCaption(j)
			}
			j = e.end
			continue
		case e.is(flagLink):
			if len(open) < cap(open) {
				open = append(open, openLink{end: e.end, start: t.beginLink(), url: b.resolve(attr(e.node, "href"))})
			}
		case isBlockTag(a) || a == atom.Td || a == atom.Th:
			t.separate(newlines)
		}
		j++
	}
	for i := len(open) - 1; i >= 0; i-- {
		t.endLink(open[i].start, open[i].url)
	}
}

// paragraph emits the element at j as one block of the given kind.
func (b *builder) paragraph(j int32, kind article.BlockKind, level int) {
	var t inlineText
	b.collect(&t, j+1, b.ix.entries[j].end, kind == article.Blockquote)
	text, links := t.take()
	b.add(article.Block{Kind: kind, Text: text, Level: level, Links: links})
}

// heading emits the heading at j, unless it repeats the page title (dropped
// once), names a section about the page (furniture, skipped with everything
// under it down to the next heading of its level or higher) or opens a box
// of related links (its blocks are marked as related).
func (b *builder) heading(j int32) {
	var t inlineText
	b.collect(&t, j+1, b.ix.entries[j].end, false)
	text, links := t.take()
	if text == "" {
		return
	}
	key := phraseKey(text)
	if !b.titleDropped && sameTitle(key, b.title) {
		b.titleDropped = true
		return
	}
	level := int(b.ix.entries[j].node.Data[1] - '0')
	if b.skipLevel > 0 && level <= b.skipLevel {
		b.skipLevel = 0
	}
	if isFurnitureHeading(key) {
		b.skipLevel = level
		return
	}
	if b.inRelated && level > b.relatedLevel {
		// A heading under "Latest news" is a teaser's title: the section
		// goes on (finish judges it with its teasers).
		b.add(article.Block{Kind: article.Heading, Text: text, Level: level, Links: links})
		return
	}
	b.inRelated = isRelatedHeading(key)
	if b.inRelated {
		b.relatedLevel = level
		b.section++
		return
	}
	b.add(article.Block{Kind: article.Heading, Text: text, Level: level, Links: links})
}

// maxSectionHeading is the longest heading key, in bytes, read as a section
// label: a longer heading is a title of its own, even one that opens with
// "More ". The longest phrase in the tables is well below it.
const maxSectionHeading = 40

// isFurnitureHeading reports whether a heading key names a section about the
// page, not the story (furnitureHeadings).
func isFurnitureHeading(key string) bool {
	return len(key) <= maxSectionHeading && isPhrase(key, furnitureHeadings)
}

// isPhrase reports whether key is one of the phrases of a vocabulary table.
func isPhrase(key string, table []struct{ phrase, why string }) bool {
	for _, p := range table {
		if key == p.phrase {
			return true
		}
	}
	return false
}

// sameTitle reports whether a heading repeats the page title. The title may
// carry the site name after a separator, so a heading that starts it counts.
func sameTitle(heading, title string) bool {
	if heading == "" || title == "" {
		return false
	}
	if heading == title {
		return true
	}
	if len(heading) >= 20 && strings.HasPrefix(title, heading) {
		return true
	}
	return len(title) >= 20 && strings.HasPrefix(heading, title)
}

// isRelatedHeading reports whether a heading key opens a box of links to
// other stories (relatedHeadings); a "more …" phrase also matches the
// headings it begins ("more from politics").
func isRelatedHeading(key string) bool {
	if len(key) > maxSectionHeading {
		return false
	}
	for _, h := range relatedHeadings {
		if key == h.phrase || strings.HasPrefix(key, h.phrase+" ") && strings.HasPrefix(h.phrase, "more ") {
			return true
		}
	}
	return false
}

// list emits a ul, ol or dl as one list block, one item per li, dt or dd.
func (b *builder) list(j int32) {
	es := b.ix.entries
	blk := article.Block{Kind: article.List, Ordered: es[j].node.DataAtom == atom.Ol}
	var all strings.Builder
	var t inlineText
	addItem := func(from, to int32) {
		b.collect(&t, from, to, false)
		text, links := t.take()
		if text == "" {
			return
		}
		if all.Len() > 0 {
			all.WriteByte('\n')
		}
		offset := all.Len()
		all.WriteString(text)
		for _, l := range links {
			blk.Links = append(blk.Links, article.Link{Start: l.Start + offset, End: l.End + offset, URL: l.URL})
		}
		blk.Items = append(blk.Items, text)
	}
	for c := j + 1; c < es[j].end; c = es[c].end {
		e := &es[c]
		if e.is(flagExcluded) {
			continue
		}
		switch e.node.DataAtom {
		case atom.Li, atom.Dt, atom.Dd:
			addItem(c+1, e.end)
		default:
			if e.is(flagText) && strings.TrimSpace(e.node.Data) == "" {
				continue
			}
			addItem(c, e.end)
		}
	}
	if len(blk.Items) == 0 {
		return
	}
	blk.Text = all.String()
	b.add(blk)
}

// pre emits preformatted text with its whitespace as written.
func (b *builder) pre(j int32) {
	es := b.ix.entries
	var sb strings.Builder
	for c := range b.ix.shown(j) {
		e := &es[c]
		if e.is(flagText) {
			sb.WriteString(e.node.Data)
		} else if e.node.DataAtom == atom.Br {
			sb.WriteByte('\n')
		}
	}
	text := strings.Trim(sb.String(), "\n")
	if strings.TrimSpace(text) == "" {
		return
	}
	b.add(article.Block{Kind: article.Pre, Text: text})
}

// isLayoutTable reports whether a table lays out the page rather than
// holding data: it has tables or paragraphs inside, or it is not a grid at
// all (one row, or one column: a boxed pull quote, a framed paragraph).
func (b *builder) isLayoutTable(j int32) bool {
	es := b.ix.entries
	rows, widest, cells := 0, 0, 0
	for c := j + 1; c < es[j].end; c++ {
		if es[c].is(flagText) {
			continue
		}
		switch es[c].node.DataAtom {
		case atom.Table, atom.P, atom.Div, atom.Ul, atom.Ol, atom.H1, atom.H2, atom.H3, atom.Blockquote:
			return true
		case atom.Tr:
			rows++
			cells = 0
		case atom.Td, atom.Th:
			cells++
			widest = max(widest, cells)
		}
	}
	return rows < 2 || widest < 2
}

// table emits a data table, one row per tr, one cell per td or th.
func (b *builder) table(j int32) {
	es := b.ix.entries
	blk := article.Block{Kind: article.Table}
	var rowText []string
	var t inlineText
	for c := j + 1; c < es[j].end; c++ {
		e := &es[c]
		if e.is(flagExcluded) {
			c = e.end - 1
			continue
		}
		if e.node.DataAtom != atom.Tr || e.is(flagText) {
			continue
		}
		var row []string
		nonEmpty := false
		for d := c + 1; d < e.end; d = es[d].end {
			cell := &es[d]
			if cell.is(flagExcluded) || cell.is(flagText) {
				continue
			}
			if a := cell.node.DataAtom; a != atom.Td && a != atom.Th {
				continue
			}
			b.collect(&t, d+1, cell.end, false)
			text, _ := t.take()
			row = append(row, text)
			if text != "" {
				nonEmpty = true
			}
		}
		if nonEmpty {
			blk.Rows = append(blk.Rows, row)
			rowText = append(rowText, strings.Join(row, "\t"))
		}
		c = e.end - 1
	}
	if len(blk.Rows) == 0 {
		return
	}
	blk.Text = strings.Join(rowText, "\n")
	b.add(blk)
}

// minRepeatText is the length, in bytes, from which a block that repeats an
// earlier one anywhere in the body is dropped; shorter ones ("Yes", "Step 1")
// may repeat honestly and are dropped only when they follow themselves.
const minRepeatText = 40

// add keeps a block as a draft, dropping empty ones, interface texts and
// immediate repeats.
func (b *builder) add(blk article.Block) {
	if strings.TrimSpace(blk.Text) == "" || b.skipLevel > 0 {
		return
	}
	if blk.Kind == article.Paragraph && len(blk.Text) < 150 && hasCreditPrefix(blk.Text) {
		// "Image: © Jane Roe/Agency" under a picture: a credit, not story.
		if n := len(b.images); n > 0 && b.images[n-1].Credit == "" {
			b.images[n-1].Credit = trimCreditPrefix(blk.Text)
		}
		return
	}
	if len(blk.Text) <= 60 && isInterfaceText(phraseKey(blk.Text)) {
		return
	}
	if len(blk.Text) <= maxPromoText && isPromo(blk.Text) {
		return
	}
	if len(blk.Text) >= minRepeatText {
		// A pull quote or a responsive duplicate repeats the story's text.
		if b.seenText[blk.Text] {
			return
		}
		b.seenText[blk.Text] = true
	} else if n := len(b.drafts); n > 0 && b.drafts[n-1].block.Text == blk.Text {
		return
	}
	d := draft{block: blk, linkShare: linkShare(blk.Text, blk.Links), related: b.inRelated}
	if b.inRelated {
		d.section = b.section
	}
	b.drafts = append(b.drafts, d)
}

// isInterfaceText reports whether a block's key is an interface phrase
// (interfacePhrases), such as "Read more" or an ad label.
func isInterfaceText(key string) bool {
	return isPhrase(key, interfacePhrases)
}

// maxNameWords is the most words a list item may have and still be a name
// (a place, a person, a team) rather than a headline.
const maxNameWords = 3

// minNameItems is the fewest items a list of names needs to be content.
const minNameItems = 3

// isListOfNames reports whether a block is a list of linked names ("the
// towns hit: Ahr, Erft, Schuld"), which is the story's content even though
// it is all links: teasers are headlines, longer than maxNameWords.
func isListOfNames(bl article.Block) bool {
	if bl.Kind != article.List || len(bl.Items) < minNameItems {
		return false
	}
	for _, it := range bl.Items {
		if n := len(strings.Fields(it)); n == 0 || n > maxNameWords {
			return false
		}
	}
	return true
}

// isPromo reports whether a short block opens like a site's appeal
// (promoOpenings): "Got a story? Email …", "Follow us on …".
func isPromo(text string) bool {
	key := phraseKey(text)
	for _, p := range promoOpenings {
		if strings.HasPrefix(key, p.phrase) {
			return true
		}
	}
	return false
}

// harvest sets the links of a subtree aside as related stories.
func (b *builder) harvest(j int32) {
	b.harvesting = true
	defer func() { b.harvesting = false }()
	es := b.ix.entries
	var t inlineText
	for c := j; c < es[j].end; {
		e := &es[c]
		if e.is(flagExcluded) {
			c = e.end
			continue
		}
		if e.is(flagLink) {
			b.collect(&t, c+1, e.end, false)
			title, _ := t.take()
			b.addRelated(title, b.resolve(attr(e.node, "href")))
			c = e.end
			continue
		}
		c++
	}
}

// addRelated keeps a related link whose title reads like a headline: 15
// bytes and three words or more, where "Home" or "Next page" is navigation.
func (b *builder) addRelated(title, link string) {
	if link == "" || len(title) < 15 || strings.Count(title, " ") < 2 || b.seenURL[link] {
		return
	}
	b.seenURL[link] = true
	b.related = append(b.related, article.Related{Title: title, URL: link})
}

// resolve makes a link absolute against the page URL and returns it when
// its scheme is on the link allow-list (article.SafeLink), checked after
// resolution. Script links and in-page anchors are not links to anything.
func (b *builder) resolve(href string) string {
	return article.SafeLink(b.absolute(href))
}

// resolveImage is resolve for a picture's source (article.SafeImage).
func (b *builder) resolveImage(src string) string {
	return article.SafeImage(b.absolute(src))
}

// absolute resolves href against the page's base; "" for an in-page anchor
// or an address that does not parse.
func (b *builder) absolute(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || href[0] == '#' {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if b.base != nil {
		u = b.base.ResolveReference(u)
	}
	return u.String()
}

// teaserFeeds returns the related sections of an article-like page that are
// feeds of teasers: at least two linked titles (blocks mostly links), and
// as many of them as of the other blocks at least, which are then their
// summaries and dates, not more of the story. Sections of prose under a
// related-looking heading stay.
func (b *builder) teaserFeeds() map[int]bool {
	if !b.articleLike || b.section == 0 {
		return nil
	}
	titles, others := map[int]int{}, map[int]int{}
	for _, d := range b.drafts {
		if !d.related {
			continue
		}
		if d.linkShare > 0.6 {
			titles[d.section]++
		} else {
			others[d.section]++
		}
	}
	feeds := map[int]bool{}
	for s, n := range titles {
		if n >= 2 && n >= others[s] {
			feeds[s] = true
		}
	}
	return feeds
}

// finish judges the drafts and returns the final blocks, with image positions
// moved to match. On a page of prose, link-heavy blocks and the links after a
// "Related" heading are teasers: they go to Related. On other pages (lists,
// directories, product grids) links are the content and stay.
func (b *builder) finish() []article.Block {
	keep := make([]bool, len(b.drafts))
	feeds := b.teaserFeeds()
	for i, d := range b.drafts {
		keep[i] = true
		switch {
		case d.related && (d.linkShare > 0.3 || feeds[d.section]),
			b.articleLike && d.linkShare > 0.6 && len(d.block.Text) < 1000 && d.block.Kind != article.Table && !isListOfNames(d.block):
			keep[i] = false
			for _, l := range d.block.Links {
				b.addRelated(d.block.Text[l.Start:l.End], l.URL)
			}
		}
	}
	blocks := make([]article.Block, 0, len(b.drafts))
	newIndex := make([]int, len(b.drafts)+1)
	for i, d := range b.drafts {
		newIndex[i] = len(blocks)
		if keep[i] {
			blocks = append(blocks, d.block)
		}
	}
	newIndex[len(b.drafts)] = len(blocks)
	images := b.images[:0]
	ids := b.imageIDs[:0]
	for i, img := range b.images {
		p := min(img.Position, len(b.drafts))
		if b.imageInBlock[i] && p < len(b.drafts) && !keep[p] {
			continue // the thumbnail of a teaser that went to Related
		}
		img.Position = newIndex[p]
		images = append(images, img)
		ids = append(ids, b.imageIDs[i])
	}
	b.images = images
	b.imageIDs = ids
	b.pictures = pictureIndex{} // its numbers are the drafts', no longer valid
	return blocks
}
