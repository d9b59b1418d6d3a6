package extract

import (
	"net/url"
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

// furnitureNames is the read-only lookup built from the furniture image
// tables in vocabulary.go.
var furnitureNames = buildFurnitureNames()

// furnitureLookup holds the furniture image words as sets, and the hosts
// that serve only furniture as a list.
type furnitureLookup struct {
	dirs, fileWords, classes map[string]bool
	hosts                    []string
}

// buildFurnitureNames reads the furniture image tables into a lookup.
func buildFurnitureNames() *furnitureLookup {
	f := &furnitureLookup{dirs: map[string]bool{}, fileWords: map[string]bool{}, classes: map[string]bool{}}
	for _, w := range furnitureImageDirs {
		f.dirs[w.word] = true
	}
	for _, w := range furnitureImageFileWords {
		f.fileWords[w.word] = true
	}
	for _, w := range furnitureImageClasses {
		f.classes[w.word] = true
	}
	for _, h := range furnitureImageHosts {
		f.hosts = append(f.hosts, h.host)
	}
	return f
}

// maxFurnitureNameWords is the most words a file name may have for its
// words to mark furniture; longer names describe a picture.
const maxFurnitureNameWords = 3

// isFurnitureImage reports whether an image address is a tracking pixel,
// spacer, icon, avatar or logo by its host, directories or file name. A
// captioned picture is furniture only by its host: an editor captioned it.
func isFurnitureImage(link string, captioned bool) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	return isFurnitureURL(u, captioned)
}

// isFurnitureURL is isFurnitureImage for an address already parsed.
func isFurnitureURL(u *url.URL, captioned bool) bool {
	host := strings.ToLower(u.Hostname())
	for _, h := range furnitureNames.hosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	if captioned {
		return false
	}
	segments := strings.Split(u.Path, "/")
	for _, seg := range segments[:len(segments)-1] {
		if furnitureNames.dirs[strings.ToLower(seg)] {
			return true
		}
	}
	file := segments[len(segments)-1]
	if dot := strings.LastIndexByte(file, '.'); dot > 0 {
		if ext := strings.ToLower(file[dot:]); ext == ".ico" || ext == ".cur" {
			return true
		}
		file = file[:dot]
	}
	// Only short names: "pixel.gif" and "site-logo.png" are furniture, but
	// "library-pixel-veil-installation.jpg" is a photo of something.
	if fileWords := nameWords(file); len(fileWords) <= maxFurnitureNameWords {
		for _, w := range fileWords {
			if furnitureNames.fileWords[w] {
				return true
			}
		}
	}
	return false
}

// furnitureByName reports whether an img's own class or id names it
// furniture (class="avatar", "site-logo", "wp-smiley").
func furnitureByName(n *html.Node) bool {
	for _, key := range []string{"class", "id"} {
		for _, w := range nameWords(attr(n, key)) {
			if furnitureNames.classes[w] {
				return true
			}
		}
	}
	return false
}

// nameWords splits a class, id or file name into lower-cased words at
// anything that is not a letter or digit and at lower-to-upper case changes
// ("siteLogo-2x" gives site, logo, 2x).
func nameWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		var c byte
		if i < len(s) {
			c = s[i]
		}
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		camel := alnum && 'A' <= c && c <= 'Z' && i > 0 && 'a' <= s[i-1] && s[i-1] <= 'z'
		if start >= 0 && (!alnum || camel) {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
		if alnum && start < 0 {
			start = i
		}
	}
	return out
}

// image records the picture at j (an img, or a picture holding one).
func (b *builder) image(j int32, caption, credit string) bool {
	if !b.recordImage(j, caption, credit) {
		return false
	}
	b.lastPicture = j
	return true
}

// recordImage keeps the picture at j with its caption and credit (see
// addImage), reporting whether it did: a <picture> is read through its <img>
// or, when that has no source, its first <source>'s widest candidate. Images
// drawn too small or named as furniture in their class or id are not kept.
func (b *builder) recordImage(j int32, caption, credit string) bool {
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
	if n.DataAtom != atom.Img || tooSmall(n) || furnitureByName(n) {
		return false
	}
	return b.addImage(imageSource(n), attr(n, "alt"), caption, credit)
}

// addImage keeps a picture, or, when the story already holds a copy of it at
// another size or address, merges the two: one image per picture, with the
// caption and credit of whichever copy had them and the better address.
func (b *builder) addImage(src, alt, caption, credit string) bool {
	if b.skipLevel > 0 {
		return false // an author's portrait under "About the author"
	}
	link := b.resolveImage(src)
	if link == "" || b.seenURL[link] {
		return false
	}
	// One parse for the furniture test and the identity.
	u, err := url.Parse(link)
	if err != nil || isFurnitureURL(u, caption != "" || credit != "") {
		return false
	}
	b.seenURL[link] = true
	id := identifyURL(u)
	if i := b.pictures.find(id); i >= 0 {
		b.mergeImage(i, link, id, normalizeSpace(alt), caption, credit)
		b.pictures.add(b.imageIDs[i], i)
		b.lastImage = i
		if b.collecting == 0 {
			b.imageInBlock[i] = false // shown in the story itself, not only in a teaser
		}
		return true
	}
	b.images = append(b.images, article.Image{
		URL: link, Alt: normalizeSpace(alt), Caption: caption, Credit: credit, Position: len(b.drafts),
	})
	b.imageIDs = append(b.imageIDs, id)
	b.pictures.add(id, len(b.images)-1)
	b.imageInBlock = append(b.imageInBlock, b.collecting > 0)
	b.lastImage = len(b.images) - 1
	return true
}

// mergeImage folds another copy of images[i] into it: empty fields are
// filled and the address becomes the preferred copy's.
func (b *builder) mergeImage(i int, link string, id imageIdentity, alt, caption, credit string) {
	img := &b.images[i]
	if img.Alt == "" {
		img.Alt = alt
	}
	if img.Caption == "" {
		img.Caption = caption
	}
	if img.Credit == "" {
		img.Credit = credit
	}
	other := img.URL
	if preferredCopy(id, b.imageIDs[i]) {
		img.URL, other = link, img.URL
		b.imageIDs[i] = id
	}
	if strings.HasPrefix(img.URL, "http://") && strings.HasPrefix(other, "https://") {
		img.URL = "https://" + img.URL[len("http://"):] // the host serves the picture over https too
	}
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

// maxCreditLead is how far before a credit prefix an opening bracket may
// stand and still open the credit: "(Image credit: …".
const maxCreditLead = 16

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
	if open := strings.LastIndexAny(caption[:at], "(["); open >= 0 && at-open <= maxCreditLead &&
		!strings.ContainsAny(caption[open:at], ")]") {
		// "(Photo: AP)" or "(Image credit: Wareable)": the bracket opens the credit.
		start = open
		if lead := strings.TrimSpace(caption[open+1 : at]); lead != "" {
			at = open + 1
		}
	}
	credit := strings.TrimSpace(strings.TrimRight(caption[at:], ")] "))
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
