package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Captions written without a caption class: a plain <p>, <span> or <div>
// under a picture. Moving story text into a caption loses it, so a text is
// taken as a caption only when both its place and its shape say so:
//
//   - the wrapper's only text: a small element that holds one picture and,
//     after it, one short text in an element of its own
//     (<div><img><p>The mayor on Tuesday.</p></div>), very short or set in
//     italics, small type or centred, and the picture not floated beside it;
//   - otherwise (the text loose beside the picture in its wrapper, or the
//     element right after the picture) only when the text also carries a
//     picture credit ("Photo: Jane Roe", "REUTERS/John Doe", "(AP)").
//
// The shape is short (maxPlainCaption), at most maxCaptionSentences
// sentences in one block, not a quotation, without headings, lists or tables
// and not mostly links. Cards are not captions: a wrapper beside a twin
// holding a picture is a grid item, an icon over a text is a feature blurb,
// and only pages of prose are read this way.

// plainCaption handles the element at j when it is a picture with a plain
// caption, or the plain caption of the picture just before it, and reports
// whether it did. root, the container being walked, is never a caption.
// Only on a page of prose: on listings and product grids a picture with a
// short text is an item, and the text is content.
func (b *builder) plainCaption(j, root int32) bool {
	if !b.articleLike || j == root || b.harvesting || b.skipLevel > 0 {
		return false
	}
	if pic := b.captionedPicture(j); pic >= 0 {
		caption, credit := b.plainCaptionText(j)
		before := len(b.images)
		if !b.image(pic, caption, credit) {
			return false // the picture is furniture: read the text as usual
		}
		b.flush()
		img := &b.images[b.lastImage]
		if len(b.images) > before {
			img.Position = len(b.drafts) // after the loose text just flushed
		}
		if img.Caption == "" {
			img.Caption = caption
		}
		if img.Credit == "" {
			img.Credit = credit
		}
		return true
	}
	if b.captionAfterPicture(j) {
		b.flush()
		caption, credit := b.plainCaptionText(j)
		img := &b.images[b.lastImage]
		img.Caption, img.Credit = caption, credit
		return true
	}
	return false
}

// captionedPicture reads the small element at j as a picture with its
// caption: one picture first, then caption-shaped text. It returns the
// picture's entry, or -1.
func (b *builder) captionedPicture(j int32) int32 {
	es := b.ix.entries
	e := &es[j]
	if e.text == 0 || e.text > maxPlainCaption || e.end-j > maxCaptionEntries || e.link*2 > e.text {
		return -1
	}
	pic := int32(-1)
	textOwner := int32(-1) // the one child element holding all the text, if any
	looseText := false
	textBlock := int32(-1) // the one block element all the text stands in
	for c := j + 1; c < e.end; {
		ce := &es[c]
		if isHeadingTag(ce.node.DataAtom) && !ce.is(flagText) {
			return -1 // a card with a title, even one left out as a link
		}
		if ce.is(flagExcluded) {
			c = ce.end
			continue
		}
		if ce.is(flagText) {
			if ce.text > 0 {
				if pic < 0 {
					return -1 // text before the picture: a paragraph with an inline image
				}
				if ce.parent == j {
					looseText = true
				}
				if !b.sameTextBlock(&textBlock, c) {
					return -1 // a title and a description: a card, not a caption
				}
			}
			c++
			continue
		}
		switch ce.node.DataAtom {
		case atom.Img, atom.Picture:
			if pic >= 0 || isIconLike(ce.node) {
				return -1 // two pictures (a gallery), or an icon over a feature blurb
			}
			pic = c
			c = ce.end
			continue
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Dl,
			atom.Table, atom.Blockquote, atom.Pre, atom.Figure:
			return -1
		}
		if ce.parent == j && ce.text > 0 {
			switch {
			case pic < 0:
				return -1
			case textOwner >= 0:
				looseText = true // text in several parts: not the wrapper's one text
			default:
				textOwner = c
			}
		}
		c++
	}
	if pic < 0 || !b.pictureIsFirst(j, pic) || b.inGrid(j) {
		return -1
	}
	text := b.plainText(j)
	if !captionShaped(text) {
		return -1
	}
	switch {
	case hasCaptionCredit(text):
	case textOwner < 0 || looseText || b.floated(j, pic):
		// Text beside the picture in its own wrapper: also a paragraph
		// that opens with a floated image.
		return -1
	case e.text > maxUncreditedCaption && !b.styledAsCaption(j, textOwner):
		// A longer text in a plain paragraph: a feature blurb as likely
		// as a caption.
		return -1
	}
	return pic
}

// captionAfterPicture reports whether the element at j, standing right
// after the last recorded picture, is that picture's caption: nothing with
// text between them, caption-shaped, and carrying a picture credit.
func (b *builder) captionAfterPicture(j int32) bool {
	if b.lastPicture < 0 || b.lastImage < 0 || b.lastImage >= len(b.images) {
		return false
	}
	img := &b.images[b.lastImage]
	if img.Caption != "" || img.Credit != "" || img.Position != len(b.drafts) || !b.para.empty() {
		return false
	}
	es := b.ix.entries
	e := &es[j]
	pic := b.lastPicture
	if pic >= j || es[pic].end > j || e.text == 0 || e.text > maxPlainCaption ||
		e.end-j > maxCaptionEntries || e.link*2 > e.text {
		return false
	}
	if !b.noTextBetween(es[pic].end, j) {
		return false
	}
	textBlock := int32(-1)
	for c := j + 1; c < e.end; c++ {
		if es[c].is(flagText) && es[c].text > 0 && !b.sameTextBlock(&textBlock, c) {
			return false
		}
		switch es[c].node.DataAtom {
		case atom.Img, atom.Picture, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
			atom.Ul, atom.Ol, atom.Table, atom.Blockquote:
			if !es[c].is(flagText) {
				return false
			}
		}
	}
	text := b.plainText(j)
	return captionShaped(text) && hasCaptionCredit(text)
}

// maxPlainCaption is the most non-space bytes a plain caption may hold.
const maxPlainCaption = 250

// maxUncreditedCaption is the most non-space bytes of a plain caption that
// carries no credit and is not set in italics, small type or centred.
const maxUncreditedCaption = 160

// maxCaptionSentences is the most sentences a plain caption may have.
const maxCaptionSentences = 2

// maxCaptionEntries bounds the index entries of an element read as a
// captioned picture, which keeps the check cheap on every element.
const maxCaptionEntries = 48

// minCaptionedSide is the smallest stated width or height of a picture
// that carries a plain caption; below it a picture beside a text is an icon
// or a thumbnail of a feature list.
const minCaptionedSide = 120

// captionShaped reports whether text reads like a caption: short, at most
// maxCaptionSentences sentences, not a label ending in a colon.
func captionShaped(text string) bool {
	text = strings.TrimSpace(text)
	if text == "" || strings.HasSuffix(text, ":") || strings.ContainsRune(openingQuotes, firstRune(text)) {
		return false // a label, or a quotation (testimonials, pull quotes)
	}
	return countSentences(text) <= maxCaptionSentences
}

// openingQuotes open a quotation; captions do not start with one.
const openingQuotes = "\"“„«‘'「"

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// countSentences counts sentence ends: ., ! or ? after a word of three or
// more letters, followed by a space or the end. Initials ("J. Doe") and
// short abbreviations do not end a sentence.
func countSentences(text string) int {
	n, letters := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '.' || c == '!' || c == '?':
			if letters >= 3 && (i+1 == len(text) || text[i+1] == ' ') {
				n++
			}
			letters = 0
		case c == ' ':
			letters = 0
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			letters++
		}
	}
	if letters > 0 {
		n++ // a last sentence without a full stop
	}
	return n
}

// styledAsCaption reports whether the caption text (the element at owner
// inside the wrapper at j) is set apart the way captions are: in italics or
// small type, or centred.
func (b *builder) styledAsCaption(j, owner int32) bool {
	es := b.ix.entries
	for _, c := range []int32{owner, j} {
		n := es[c].node
		switch n.DataAtom {
		case atom.I, atom.Em, atom.Small, atom.Cite, atom.Center:
			return true
		}
		if strings.EqualFold(attr(n, "align"), "center") {
			return true
		}
		if style := strings.ToLower(attr(n, "style")); strings.Contains(style, "text-align:center") ||
			strings.Contains(style, "text-align: center") || strings.Contains(style, "font-style:italic") ||
			strings.Contains(style, "font-style: italic") {
			return true
		}
	}
	// <p><i>caption</i></p>: the owner's only child is the styled element.
	for c := owner + 1; c < es[owner].end; c = es[c].end {
		if es[c].is(flagText) {
			if es[c].text > 0 {
				return false
			}
			continue
		}
		switch es[c].node.DataAtom {
		case atom.I, atom.Em, atom.Small, atom.Cite:
			return es[c].text == es[owner].text
		}
		return false
	}
	return false
}

// captionCreditMarks are credit forms that, found in a short text under a
// picture, show that it is the picture's caption. atEnd marks forms that
// count only at the end, because they also open a wire story's first
// paragraph ("LONDON (Reuters) - …").
var captionCreditMarks = []struct {
	mark  string
	atEnd bool
	why   string
}{
	{"photo:", false, "English photo credit"},
	{"photos:", false, "English photo credit"},
	{"photo by", false, "English photo credit"},
	{"photograph by", false, "English photo credit"},
	{"photographed by", false, "English photo credit"},
	{"image:", false, "English picture credit"},
	{"image by", false, "English picture credit"},
	{"image credit", false, "English picture credit"},
	{"picture:", false, "English picture credit"},
	{"credit:", false, "English credit"},
	{"courtesy of", false, "handout pictures"},
	{"©", false, "copyright sign"},
	{"getty images", false, "Getty Images credit"},
	{"shutterstock", false, "Shutterstock credit"},
	{"ap photo", false, "Associated Press photo credit (AP Photo/Jane Roe)"},
	{"reuters/", false, "Reuters photo credit (REUTERS/Jane Roe)"},
	{"/reuters", false, "Reuters photo credit (Jane Roe/Reuters)"},
	{"afp/", false, "AFP photo credit"},
	{"/afp", false, "AFP photo credit"},
	{"epa/", false, "EPA photo credit"},
	{"/epa", false, "EPA photo credit"},
	{"foto:", false, "German, Spanish, Portuguese, Italian photo credit"},
	{"bild:", false, "German picture credit"},
	{"(reuters)", true, "Reuters credit closing a caption"},
	{"(ap)", true, "Associated Press credit closing a caption"},
	{"(afp)", true, "AFP credit closing a caption"},
	{"(file photo)", true, "archive picture note"},
}

// hasCaptionCredit reports whether text carries a picture credit.
func hasCaptionCredit(text string) bool {
	lower := strings.ToLower(text)
	end := strings.TrimRight(lower, " .")
	for _, m := range captionCreditMarks {
		if m.atEnd {
			if strings.HasSuffix(end, m.mark) {
				return true
			}
		} else if strings.Contains(lower, m.mark) {
			return true
		}
	}
	return false
}

// creditOpeners start the credit part of a plain caption when captionText
// found none: "… on Monday. Photo by Jane Roe", "… REUTERS/John Doe".
var creditOpeners = []struct{ opener, why string }{
	{"photo by", "English photo credit"},
	{"photograph by", "English photo credit"},
	{"photographed by", "English photo credit"},
	{"image by", "English picture credit"},
	{"courtesy of", "handout pictures"},
	{"ap photo", "Associated Press (AP Photo/Jane Roe)"},
	{"reuters/", "Reuters (REUTERS/Jane Roe)"},
	{"afp/", "AFP"},
	{"epa/", "EPA"},
}

// plainCaptionText splits a plain caption into caption and credit: the
// credit parts captionText finds, a credit opener, or a closing "(Reuters)".
func (b *builder) plainCaptionText(j int32) (caption, credit string) {
	caption, credit = b.captionText(j)
	if credit != "" {
		return caption, credit
	}
	lower := strings.ToLower(caption)
	at := -1
	for _, o := range creditOpeners {
		if i := strings.LastIndex(lower, o.opener); i > at && (i == 0 || !isLetter(lower[i-1])) {
			at = i
		}
	}
	if at >= 0 {
		credit = strings.TrimRight(caption[at:], ") ")
		return strings.TrimRight(caption[:at], " |–—-(/"), credit
	}
	if !strings.HasSuffix(caption, ")") {
		return caption, ""
	}
	open := strings.LastIndexByte(caption, '(')
	if open < 0 || len(caption)-open > 40 || !hasCaptionCredit(caption[open:]) {
		return caption, ""
	}
	return strings.TrimSpace(caption[:open]), strings.Trim(caption[open:], "()")
}

func isLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// inGrid reports whether the element at j, or a wrapper around it that
// holds nothing else, stands beside a twin: an element of the same tag and
// class that also holds a picture. A row of picture cards (products,
// features, testimonials) is a grid of items whose texts are content.
func (b *builder) inGrid(j int32) bool {
	es := b.ix.entries
	for w, depth := j, 0; w >= 0 && depth < 3 && es[w].text == es[j].text; w, depth = es[w].parent, depth+1 {
		if b.hasTwin(w) {
			return true
		}
	}
	return false
}

// hasTwin reports whether the element before or after w is its twin.
func (b *builder) hasTwin(w int32) bool {
	es := b.ix.entries
	p := es[w].parent
	if p < 0 {
		return false
	}
	class := attr(es[w].node, "class")
	prev := int32(-1)
	for c := p + 1; c < es[p].end; c = es[c].end {
		if es[c].is(flagText) {
			continue
		}
		if c == w {
			if prev >= 0 && b.isTwin(prev, w, class) {
				return true
			}
			for n := es[w].end; n < es[p].end; n = es[n].end {
				if !es[n].is(flagText) {
					return b.isTwin(n, w, class)
				}
			}
			return false
		}
		prev = c
	}
	return false
}

// isTwin reports whether the element at c has the tag and class of the
// element at j and holds a picture within maxCaptionEntries entries.
func (b *builder) isTwin(c, j int32, class string) bool {
	es := b.ix.entries
	if es[c].node.DataAtom != es[j].node.DataAtom || attr(es[c].node, "class") != class {
		return false
	}
	for d := c + 1; d < es[c].end && d <= c+maxCaptionEntries; d++ {
		if a := es[d].node.DataAtom; (a == atom.Img || a == atom.Picture) && !es[d].is(flagText) {
			return true
		}
	}
	return false
}

// floatWords are class words that float a picture beside the text, which
// then wraps it: a paragraph beside a floated picture is not its caption.
var floatWords = map[string]bool{
	"alignleft": true, "alignright": true, "left": true, "right": true,
	"fl": true, "fr": true, "floatleft": true, "floatright": true, "float": true,
	"pullleft": true, "pullright": true,
}

// floated reports whether the picture at pic, or a wrapper of it inside j,
// is floated by its align attribute, class or style.
func (b *builder) floated(j, pic int32) bool {
	es := b.ix.entries
	for c := pic; c > j; c = es[c].parent {
		n := es[c].node
		if a := strings.ToLower(attr(n, "align")); a == "left" || a == "right" {
			return true
		}
		if strings.Contains(strings.ToLower(attr(n, "style")), "float") {
			return true
		}
		words := nameWords(attr(n, "class"))
		for i, w := range words {
			if floatWords[w] && (w != "left" && w != "right" || i > 0 && (words[i-1] == "align" || words[i-1] == "float" || words[i-1] == "pull")) {
				return true
			}
		}
	}
	return false
}

// isIconLike reports whether an img (or a picture's first img) is small by
// its stated size, or a vector drawing: icons over feature blurbs.
func isIconLike(n *html.Node) bool {
	if n.DataAtom == atom.Picture {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.DataAtom == atom.Img {
				n = c
				break
			}
		}
	}
	for _, key := range []string{"width", "height"} {
		v := strings.TrimSuffix(strings.TrimSpace(attr(n, key)), "px")
		if px, err := strconv.Atoi(v); err == nil && px < minCaptionedSide {
			return true
		}
	}
	src := strings.ToLower(imageSource(n))
	if q := strings.IndexAny(src, "?#"); q >= 0 {
		src = src[:q]
	}
	return strings.HasSuffix(src, ".svg")
}

func isHeadingTag(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// sameTextBlock reports whether the text at c stands in the same block
// element as the text seen before, recorded in *block.
func (b *builder) sameTextBlock(block *int32, c int32) bool {
	owner := b.ix.blockOwner(c)
	if *block < 0 {
		*block = owner
	}
	return owner == *block
}

// pictureIsFirst reports whether nothing but wrappers stands before the
// picture inside j.
func (b *builder) pictureIsFirst(j, pic int32) bool {
	return b.noTextBetween(j+1, pic)
}

// noTextBetween reports whether no shown text with non-space bytes stands in
// the entries [from, to).
func (b *builder) noTextBetween(from, to int32) bool {
	es := b.ix.entries
	for c := from; c < to; c++ {
		if es[c].is(flagText) && es[c].text > 0 && !es[c].is(flagExcluded) {
			return false
		}
	}
	return true
}

// plainText is the text of the element at j, spaces collapsed.
func (b *builder) plainText(j int32) string {
	var t inlineText
	es := b.ix.entries
	for c := range b.ix.shown(j) {
		ce := &es[c]
		if ce.is(flagText) {
			t.write(ce.node.Data)
		} else if isBlockTag(ce.node.DataAtom) || ce.node.DataAtom == atom.Br {
			t.separate(false)
		}
	}
	text, _ := t.take()
	return text
}
