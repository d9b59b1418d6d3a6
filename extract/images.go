package extract

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lede/article"
)

// Pictures that belong to the story: images and figures inside the chosen
// content, with the source a lazy loader would have filled in, and the
// caption and credit read from figcaption and caption-like elements.

// lazySourceAttrs hold the real picture on lazy-loading pages, whose src is a
// placeholder until a script swaps it in. Read before src, in this order.
var lazySourceAttrs = []string{"data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "data-full-src"}

// minImageSide is the smallest width or height, when the page states one,
// of a picture that can belong to the story; smaller ones are icons and
// tracking pixels.
const minImageSide = 60

// imageSource picks the picture's address from a lazy-loading attribute,
// src, or the widest srcset candidate.
func imageSource(n *html.Node) string {
	for _, key := range lazySourceAttrs {
		if v := strings.TrimSpace(attr(n, key)); v != "" && !strings.HasPrefix(v, "data:") {
			return v
		}
	}
	if v := strings.TrimSpace(attr(n, "src")); v != "" && !strings.HasPrefix(v, "data:") {
		return v
	}
	for _, key := range []string{"data-srcset", "srcset", "data-lazy-srcset"} {
		if v := widestCandidate(attr(n, key)); v != "" {
			return v
		}
	}
	return ""
}

// widestCandidate returns the URL of the widest candidate of a srcset.
func widestCandidate(srcset string) string {
	best, bestWidth := "", -1
	for _, cand := range strings.Split(srcset, ",") {
		fields := strings.Fields(cand)
		if len(fields) == 0 || strings.HasPrefix(fields[0], "data:") {
			continue
		}
		width := 0
		if len(fields) > 1 {
			d := fields[1]
			if n, err := strconv.Atoi(strings.TrimRight(d, "wx")); err == nil {
				width = n
				if strings.HasSuffix(d, "x") {
					width *= 1000
				}
			}
		}
		if width > bestWidth {
			best, bestWidth = fields[0], width
		}
	}
	return best
}

// tooSmall reports whether the page states a size below minImageSide.
func tooSmall(n *html.Node) bool {
	for _, key := range []string{"width", "height"} {
		if v := attr(n, key); v != "" {
			if px, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px")); err == nil && px < minImageSide {
				return true
			}
		}
	}
	return false
}

// image records the picture at j (an img, or a picture holding one).
func (b *builder) image(j int32, caption, credit string) bool {
	es := b.ix.entries
	n := es[j].node
	if n.DataAtom == atom.Picture {
		var img, source *html.Node
		for c := j + 1; c < es[j].end; c++ {
			switch es[c].node.DataAtom {
			case atom.Img:
				if img == nil && !es[c].is(flagText) {
					img = es[c].node
				}
			case atom.Source:
				if source == nil && !es[c].is(flagText) {
					source = es[c].node
				}
			}
		}
		if img == nil {
			return false
		}
		n = img
		if imageSource(n) == "" && source != nil {
			if src := widestCandidate(attr(source, "srcset")); src != "" {
				return b.addImage(src, attr(n, "alt"), caption, credit)
			}
		}
	}
	if n.DataAtom != atom.Img || tooSmall(n) {
		return false
	}
	return b.addImage(imageSource(n), attr(n, "alt"), caption, credit)
}

func (b *builder) addImage(src, alt, caption, credit string) bool {
	if b.skipLevel > 0 {
		return false // an author's portrait under "About the author"
	}
	link := b.resolve(src)
	if link == "" || b.seenURL[link] {
		return false
	}
	b.seenURL[link] = true
	b.images = append(b.images, article.Image{
		URL: link, Alt: normalizeSpace(alt), Caption: caption, Credit: credit, Position: len(b.drafts),
	})
	b.imageInBlock = append(b.imageInBlock, b.collecting > 0)
	return true
}

// figure records a figure's picture with its caption and credit. It reports
// false when the figure holds no picture (a figure around a quote or a table),
// so the walker reads it as an ordinary container.
func (b *builder) figure(j int32) bool {
	es := b.ix.entries
	pic := int32(-1)
	var caption, credit string
	for c := j + 1; c < es[j].end; {
		e := &es[c]
		if e.is(flagExcluded) || e.is(flagText) {
			c = e.end
			continue
		}
		switch {
		case (e.node.DataAtom == atom.Img || e.node.DataAtom == atom.Picture) && pic < 0:
			pic = c
			c = e.end
			continue
		case e.node.DataAtom == atom.Figcaption || b.isCaption(c):
			cap, cred := b.captionText(c)
			caption = joinNonEmpty(caption, cap)
			credit = joinNonEmpty(credit, cred)
			c = e.end
			continue
		case b.isCredit(c):
			_, cred := b.captionText(c)
			credit = joinNonEmpty(credit, cred)
			c = e.end
			continue
		}
		c++
	}
	if pic < 0 {
		return false
	}
	b.image(pic, caption, credit)
	return true
}

// maxCaptionText and maxCreditText bound, in non-space bytes, what an
// element named like a caption or a credit may hold and still be one.
const (
	maxCaptionText = 400
	maxCreditText  = 100
)

// isCaption reports whether the element at j is a picture caption by its
// name: short, not a box of links, and without headings (a product card's
// "product-caption" holds a title and a price, not a caption).
func (b *builder) isCaption(j int32) bool {
	es := b.ix.entries
	e := &es[j]
	if !e.is(flagCaption) || e.text >= maxCaptionText || e.link*2 > e.text {
		return false
	}
	for c := j + 1; c < e.end; c++ {
		switch es[c].node.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			if !es[c].is(flagText) {
				return false
			}
		}
	}
	return true
}

// isCredit reports whether the element at j is a picture credit by its name.
func (b *builder) isCredit(j int32) bool {
	e := &b.ix.entries[j]
	return e.is(flagCredit) && e.text < maxCreditText && e.link*2 <= e.text
}

// looseCaption reads a caption or credit that stands outside a figure and
// gives it to the picture just before it. Without such a picture it is
// dropped: a caption never joins the body.
func (b *builder) looseCaption(j int32) {
	caption, credit := b.captionText(j)
	if n := len(b.images); n > 0 && b.images[n-1].Position >= len(b.drafts)-1 {
		img := &b.images[n-1]
		if img.Caption == "" {
			img.Caption = caption
		}
		if img.Credit == "" {
			img.Credit = credit
		}
	}
}

// captionText reads a caption element: credit-marked children and a trailing
// "Photo: …" part are the credit, the rest the caption.
func (b *builder) captionText(j int32) (caption, credit string) {
	es := b.ix.entries
	var capText, credText inlineText
	if es[j].is(flagCredit) && !es[j].is(flagCaption) {
		b.collect(&credText, j+1, es[j].end, false)
		credit, _ = credText.take()
		return "", trimCreditPrefix(credit)
	}
	for c := j + 1; c < es[j].end; {
		e := &es[c]
		if e.is(flagExcluded) {
			c = e.end
			continue
		}
		if !e.is(flagText) && e.is(flagCredit) {
			b.collect(&credText, c, e.end, false)
			credText.separate(false)
			c = e.end
			continue
		}
		if e.is(flagText) {
			capText.write(e.node.Data)
		} else if isBlockTag(e.node.DataAtom) {
			capText.separate(false)
		}
		c++
	}
	caption, _ = capText.take()
	credit, _ = credText.take()
	if credit == "" {
		caption, credit = splitCredit(caption)
	}
	return caption, trimCreditPrefix(credit)
}

// splitCredit splits a trailing credit such as "(Photo: Jane Doe/AP)" off a
// caption.
func splitCredit(caption string) (string, string) {
	lower := strings.ToLower(caption)
	at := -1
	for _, p := range creditPrefixes {
		if i := strings.LastIndex(lower, p.prefix); i > at {
			at = i
		}
	}
	if at < 0 {
		return caption, ""
	}
	start := at
	if start > 0 && (caption[start-1] == '(' || caption[start-1] == '[') {
		start--
	}
	credit := strings.TrimRight(caption[at:], ")] ")
	return strings.TrimSpace(caption[:start]), credit
}

// hasCreditPrefix reports whether text starts like a picture credit.
func hasCreditPrefix(text string) bool {
	lower := strings.ToLower(text)
	for _, p := range creditPrefixes {
		if strings.HasPrefix(lower, p.prefix) {
			return true
		}
	}
	return false
}

// trimCreditPrefix removes the "Photo:" word from a credit, keeping "©".
func trimCreditPrefix(credit string) string {
	lower := strings.ToLower(credit)
	for _, p := range creditPrefixes {
		if strings.HasSuffix(p.prefix, ":") && strings.HasPrefix(lower, p.prefix) {
			return strings.TrimSpace(credit[len(p.prefix):])
		}
	}
	return credit
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " " + b
}
