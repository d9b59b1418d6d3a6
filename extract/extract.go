// Package extract turns an HTML page into one Article: its metadata (through
// the metadata sub-package), the main content as typed blocks in reading
// order, the pictures that belong to the story and the teaser links set
// aside as related.
//
// The stages, in order:
//
//  1. the page is parsed (parse.go) and its metadata read (the metadata
//     package), with the byline and dateline elements to leave out;
//  2. the tree is flattened into an index (tree.go): every node in document
//     order with its flags, read from the tag and the class, id and role
//     words of vocabulary.go;
//  3. selection (select.go) scores the containers of prose by text length,
//     commas, link density and those words, and picks the best container
//     with the siblings that continue it;
//  4. the builder (blocks.go, with inline.go for the text and links of one
//     block) walks the pick, leaving out page furniture, and writes blocks
//     and related links; pictures go to Images with their captions
//     (images.go, plaincaption.go), one image per picture (imagekey.go);
//  5. a page whose body came out short and that holds <noscript> content is
//     read once more as a browser without scripts would, and the longer
//     body kept.
//
// Every pass is a loop over the index: the whole extraction costs about as
// much as the parse.
package extract

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"lede/article"
	"lede/extract/metadata"
)

// Options tune extraction.
type Options struct {
	URL          string // the page's address, to resolve relative links
	KeepComments bool   // keep reader comments after the story
	DropTables   bool   // leave data tables out of the body (kept by default)

	dataBody bool // extracting a body from the page's data (scriptbody.go)
}

// articleProse is the prose, in non-space bytes, from which a pick that is
// mostly prose counts as a story: boxes of links inside it are teasers.
const articleProse = 800

// FromHTML extracts the article from UTF-8 HTML.
func FromHTML(ctx context.Context, src string, opts Options) (*article.Article, error) {
	return fromSource(ctx, newHTMLSource(ctx, src), opts)
}

// FromHTMLBytes is FromHTML for HTML held as bytes, such as
// decode.DecodeBytes returns: it reads src without copying it and keeps no
// reference to it.
func FromHTMLBytes(ctx context.Context, src []byte, opts Options) (*article.Article, error) {
	return fromSource(ctx, newHTMLSource(ctx, bytesView(src)), opts)
}

// newHTMLSource reads src for the parser without the script and style text
// nothing reads (rawtext.go), found once for every parse of the page.
func newHTMLSource(ctx context.Context, src string) htmlSource {
	cuts := unreadText(src)
	return htmlSource{
		reader:      func() io.Reader { return ctxReader{ctx, &cutReader{src: src, cuts: cuts}} },
		hasNoscript: func() bool { return strings.Contains(src, "<noscript") },
	}
}

// ctxReader ends a read with ctx's error once ctx is done, so the parse of a
// huge page stops at the deadline instead of running to its end. The parser
// reads a few kilobytes at a time: the check costs nothing.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// htmlSource is the HTML FromHTML and FromHTMLBytes read, whichever form it is in.
type htmlSource struct {
	reader      func() io.Reader // a fresh reader over the whole page
	hasNoscript func() bool      // whether the page has a <noscript> element
}

// fromSource parses the page and extracts its article; when that finds
// little body text and the page has <noscript> content, it reads the page a
// second time as a browser without scripts would and keeps the longer body.
func fromSource(ctx context.Context, src htmlSource, opts Options) (*article.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	doc, err := parse(src.reader)
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr // the parse stopped at the deadline, with a partial tree
	}
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	a, err := fromNode(ctx, doc, opts, false)
	if err != nil || bodyLength(a) >= minNoscriptFallback || !src.hasNoscript() {
		return a, err
	}
	// Script-rendered pages (forums, single-page apps) often keep a crawler
	// copy of their content in <noscript>. Read the page as a browser without
	// scripts would and keep whichever reading found more.
	doc, err = html.ParseWithOptions(src.reader(), html.ParseOptionEnableScripting(false))
	if cerr := ctx.Err(); cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return a, nil
	}
	b, err := fromNode(ctx, doc, opts, true)
	if err != nil || bodyLength(b) <= bodyLength(a) {
		return a, nil
	}
	return b, nil
}

// minNoscriptFallback is the body length, in bytes, below which FromHTML
// also reads the page's <noscript> content.
const minNoscriptFallback = 500

// bodyLength is the length, in bytes, of the text of a's body blocks.
func bodyLength(a *article.Article) int {
	n := 0
	for _, b := range a.Blocks {
		n += len(b.Text)
	}
	return n
}

// FromNode extracts the article from a parsed page. It does not change doc.
func FromNode(ctx context.Context, doc *html.Node, opts Options) (*article.Article, error) {
	return fromNode(ctx, doc, opts, false)
}

// fromNode runs the stages over a parsed page: metadata, the index, the
// selection of the main content, then the builder. readNoscript indexes the
// content of <noscript> elements as part of the page.
func fromNode(ctx context.Context, doc *html.Node, opts Options, readNoscript bool) (*article.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	meta := metadata.Read(doc, opts.URL)
	a := &article.Article{}
	meta.Apply(a)
	if a.URL == "" {
		a.URL = article.SafePage(opts.URL)
	}

	ix := buildIndex(doc, readNoscript)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, ix: ix, opts: opts, seenURL: map[string]bool{}, seenText: map[string]bool{}, paraOwner: -1, lastPicture: -1, lastImage: -1}
	b.base = pageBase(opts.URL, baseHref(ix))
	title := meta.Title
	if title == "" {
		title = ix.title
	}
	b.title = phraseKey(normalizeSpace(title))
	ix.headline = b.title
	if len(meta.BylineNodes) > 0 {
		b.byline = make(map[*html.Node]bool, len(meta.BylineNodes))
		for _, n := range meta.BylineNodes {
			b.byline[n] = true
		}
	}
	if ix.body == 0 {
		a.Blocks = []article.Block{}
		return a, nil
	}
	if isDirectoryListing(ix.title) || isDirectoryListing(meta.Title) {
		a.Blocks = []article.Block{}
		a.Warnings = append(a.Warnings, warnDirectoryListing)
		return a, nil
	}

	sel := ix.choose(opts.KeepComments)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var good int32
	for _, r := range sel.roots {
		good += ix.entries[r].good
	}
	b.articleLike = good >= articleProse && good*2 >= sel.text
	for _, r := range sel.roots {
		b.emit(r)
	}
	if opts.KeepComments {
		b.emitComments(sel.roots)
	}
	if err := ctx.Err(); err != nil {
		return nil, err // the builder stopped early
	}
	a.Blocks = b.finish()
	b.addLeadImage(meta.LeadImage)
	a.Images = b.images
	a.Related = b.related
	dataBody(ctx, doc, meta, opts, a)
	return a, nil
}

// emitComments adds the reader comment sections that lie outside the chosen
// content, after the story.
func (b *builder) emitComments(roots []int32) {
	es := b.ix.entries
	inRoots := func(j int32) bool {
		for _, r := range roots {
			if j >= r && j < es[r].end {
				return true
			}
		}
		return false
	}
	for j := b.ix.body; j < es[b.ix.body].end; j++ {
		e := &es[j]
		if e.is(flagDrop) {
			j = e.end - 1
			continue
		}
		if e.is(flagComment) && !inRoots(j) && e.text > 0 {
			b.emit(j)
			j = e.end - 1
		}
	}
}

// addLeadImage puts the page's lead picture first when the body did not
// already show it, at any size or address; when it did, the body's copy
// stays where it stood, with the lead's address if that is the better copy.
func (b *builder) addLeadImage(lead string) {
	if lead == "" {
		return
	}
	link := b.resolveImage(lead)
	if link == "" || isFurnitureImage(link, false) {
		return
	}
	id := identify(link)
	for i, img := range b.images {
		if img.URL == link {
			return
		}
		if samePicture(b.imageIDs[i], id) {
			b.mergeImage(i, link, id, "", "", "")
			return
		}
	}
	b.images = append([]article.Image{{URL: link, Position: 0}}, b.images...)
}

// pageBase is the address relative links resolve against: the page's URL
// with its <base href> applied, or nil when there is neither. A page URL or
// a base whose scheme is not a web page's is ignored, so that
// <base href="javascript:…"> cannot turn "?q=1" into a script.
func pageBase(pageURL, href string) *url.URL {
	var base *url.URL
	if pageURL != "" && article.SafePage(pageURL) != "" {
		if u, err := url.Parse(pageURL); err == nil {
			base = u
		}
	}
	if href = strings.TrimSpace(href); href != "" {
		if u, err := url.Parse(href); err == nil {
			if base != nil {
				u = base.ResolveReference(u)
			}
			if article.SafePage(u.String()) != "" {
				base = u
			}
		}
	}
	return base
}

// baseHref is the page's <base href>, which relative links resolve against.
func baseHref(ix *index) string {
	for i := range ix.entries {
		n := ix.entries[i].node
		if n.Type == html.ElementNode && n.Data == "base" {
			if h := attr(n, "href"); h != "" {
				return h
			}
		}
		if n.Type == html.ElementNode && n.Data == "body" {
			break
		}
	}
	return ""
}

// Text joins the body blocks of a as plain text, blocks separated by blank
// lines: the form the evaluation datasets compare.
func Text(a *article.Article) string {
	var sb strings.Builder
	for i, blk := range a.Blocks {
		if i > 0 {
			sb.WriteString("\n\n")
		}
		sb.WriteString(blk.Text)
	}
	return sb.String()
}
