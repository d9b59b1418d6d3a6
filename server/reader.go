package server

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"lede/article"
)

// The reader never shows a source page's HTML: it rebuilds the article from
// lede's blocks, as plain text runs with the links and quotes analysis found,
// and html/template escapes every run. This file turns an article.Article into
// that view.

// speakerColours is how many speaker colours the stylesheet defines
// (.spk-0 … .spk-7); speakers beyond them share colours in turn.
const speakerColours = 8

// readerView is what the article template shows.
type readerView struct {
	ID        int64
	StoryID   int64
	Title     string
	Dek       string
	Authors   string
	Published string // as shown
	Datetime  string // machine-readable, for <time datetime>
	SiteName  string
	Language  string
	URL       string // the page's address, when it is a safe link
	Agency    string
	Body      []bodyItem
	Speakers  []speakerView
	Entities  []entityGroup
	Related   []linkView
	Warnings  []string
	Quotes    int
}

// bodyItem is one block or one figure in reading order.
type bodyItem struct {
	Kind     string // p, h, ul, ol, blockquote, pre, table, figure
	Level    int    // heading level, 2–6 (the page's h1 is the title)
	Segments []segment
	Items    [][]segment // list items
	Rows     [][]string  // table cells
	Figure   *figureView
}

// segment is a run of a block's text with at most one link and one quote.
type segment struct {
	Text    string
	Href    string // a safe absolute link, or ""
	Quote   int    // index into Article.Quotes, or -1
	Start   bool   // the first run of its quote: it carries the keyboard stop
	Colour  string // spk-N or spk-x
	Speaker string // "Name — role", for the title attribute
	Kind    string // direct, partial, indirect
}

// figureView is an image with its caption and credit.
type figureView struct {
	Src, Alt, Caption, Credit string
}

// speakerView is one speaker of the article's quotes, with the colour of
// their quotes.
type speakerView struct {
	Name   string
	Roles  string
	Colour string
	Quotes int
}

// entityGroup is the side panel's list of one entity type.
type entityGroup struct {
	Title    string
	Entities []entityView
}

// entityView is one entity with its roles and how often it is named.
type entityView struct {
	Name     string
	Roles    string
	Mentions int
}

// linkView is a related link.
type linkView struct {
	Title, Href string
}

// newReaderView builds the reader's view of a stored article.
func newReaderView(id, storyID int64, a *article.Article) readerView {
	v := readerView{
		ID:       id,
		StoryID:  storyID,
		Title:    a.Title,
		Dek:      a.Dek,
		Authors:  strings.Join(a.Authors, ", "),
		SiteName: a.SiteName,
		Language: a.Language,
		Agency:   a.Agency,
		URL:      safeLink(a.URL, ""),
		Warnings: a.Warnings,
		Quotes:   len(a.Quotes),
	}
	v.Published, v.Datetime = showDate(a.Published)
	if v.Title == "" {
		v.Title = "Untitled article"
	}

	entities := make(map[int]article.Entity, len(a.Entities))
	for _, e := range a.Entities {
		entities[e.ID] = e
	}
	colours, speakers := speakerColoursOf(a, entities)
	v.Speakers = speakers
	quotes := quotesByBlock(a)

	images := append([]article.Image(nil), a.Images...)
	sort.SliceStable(images, func(i, j int) bool { return images[i].Position < images[j].Position })
	next := 0
	figures := func(upTo int) {
		for next < len(images) && images[next].Position <= upTo {
			if f := newFigure(images[next], a.URL); f != nil {
				v.Body = append(v.Body, bodyItem{Kind: "figure", Figure: f})
			}
			next++
		}
	}
	for i, bl := range a.Blocks {
		figures(i)
		segs := segments(a, bl, quotes[i], colours, entities)
		item := bodyItem{Segments: segs}
		switch bl.Kind {
		case article.Heading:
			item.Kind = "h"
			// The title is the page's only h1: body headings start at h2.
			item.Level = min(max(bl.Level, 2), 6)
		case article.List:
			item.Kind = "ul"
			if bl.Ordered {
				item.Kind = "ol"
			}
			item.Items = splitLines(segs)
		case article.Blockquote:
			item.Kind = "blockquote"
		case article.Pre:
			item.Kind = "pre"
		case article.Table:
			item.Kind = "table"
			item.Rows = bl.Rows
		default:
			item.Kind = "p"
		}
		v.Body = append(v.Body, item)
	}
	figures(math.MaxInt) // the images after the last block

	v.Entities = entityGroups(a.Entities)
	for _, r := range a.Related {
		if r.Title == "" {
			continue
		}
		v.Related = append(v.Related, linkView{Title: r.Title, Href: safeLink(r.URL, a.URL)})
	}
	return v
}

// speakerColoursOf gives each speaker a colour, in the order they are first
// quoted, and lists the speakers for the legend. A speaker is keyed by the
// entity they resolve to, else by the words naming them.
func speakerColoursOf(a *article.Article, entities map[int]article.Entity) (map[string]string, []speakerView) {
	colours := map[string]string{}
	var list []speakerView
	index := map[string]int{}
	for _, q := range a.Quotes {
		key := speakerKey(q.Speaker)
		if key == "" {
			continue
		}
		if i, ok := index[key]; ok {
			list[i].Quotes++
			continue
		}
		c := fmt.Sprintf("spk-%d", len(list)%speakerColours)
		colours[key] = c
		index[key] = len(list)
		name, roles := speakerName(q.Speaker, entities)
		list = append(list, speakerView{Name: name, Roles: roles, Colour: c, Quotes: 1})
	}
	return colours, list
}

// speakerKey identifies a speaker across an article's quotes.
func speakerKey(s *article.Speaker) string {
	switch {
	case s == nil:
		return ""
	case s.Entity >= 0:
		return fmt.Sprintf("entity %d", s.Entity)
	case s.Name != "":
		return "name " + strings.ToLower(s.Name)
	case s.Mention != "":
		return "mention " + strings.ToLower(s.Mention)
	}
	return ""
}

// speakerName is how the reader names a speaker, and their roles.
func speakerName(s *article.Speaker, entities map[int]article.Entity) (name, roles string) {
	if s == nil {
		return "unattributed", ""
	}
	name = s.Name
	if e, ok := entities[s.Entity]; ok && s.Entity >= 0 {
		if name == "" {
			name = e.Name
		}
		roles = strings.Join(e.Roles, ", ")
	}
	if name == "" {
		name = s.Mention
	}
	if name == "" {
		name = "unattributed"
	}
	return name, roles
}

// quotesByBlock lists, for each body block, the indexes of the quotes that
// stand in it.
func quotesByBlock(a *article.Article) map[int][]int {
	m := map[int][]int{}
	for i, q := range a.Quotes {
		if q.Span.Block >= 0 && q.Span.Block < len(a.Blocks) {
			m[q.Span.Block] = append(m[q.Span.Block], i)
		}
	}
	return m
}

// segments cuts a block's text at the edges of its links and quotes. A run
// inside several quotes shows the narrowest one (a partial quote inside an
// indirect one). Offsets that do not fit the text, or that split a UTF-8
// character, are ignored: stored data is not trusted to be well formed.
func segments(a *article.Article, bl article.Block, quoteIdx []int, colours map[string]string, entities map[int]article.Entity) []segment {
	text := bl.Text
	valid := func(s, e int) bool {
		return s >= 0 && e <= len(text) && s < e && boundary(text, s) && boundary(text, e)
	}
	cuts := map[int]bool{0: true, len(text): true}
	var links []article.Link
	for _, l := range bl.Links {
		if valid(l.Start, l.End) {
			links = append(links, l)
			cuts[l.Start], cuts[l.End] = true, true
		}
	}
	var quotes []int
	for _, qi := range quoteIdx {
		sp := a.Quotes[qi].Span
		if valid(sp.Start, sp.End) {
			quotes = append(quotes, qi)
			cuts[sp.Start], cuts[sp.End] = true, true
		}
	}
	// A line break is a cut too, so list items can be split from the runs.
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			cuts[i], cuts[i+1] = true, true
		}
	}
	points := make([]int, 0, len(cuts))
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)

	started := map[int]bool{}
	var out []segment
	for i := 0; i+1 < len(points); i++ {
		s, e := points[i], points[i+1]
		seg := segment{Text: text[s:e], Quote: -1}
		for _, l := range links {
			if l.Start <= s && e <= l.End {
				seg.Href = safeLink(l.URL, a.URL)
				break
			}
		}
		width := len(text) + 1
		for _, qi := range quotes {
			sp := a.Quotes[qi].Span
			if sp.Start <= s && e <= sp.End && sp.End-sp.Start < width {
				seg.Quote, width = qi, sp.End-sp.Start
			}
		}
		if seg.Quote >= 0 && seg.Text != "\n" {
			q := a.Quotes[seg.Quote]
			seg.Kind = string(q.Kind)
			seg.Colour = "spk-x"
			if c, ok := colours[speakerKey(q.Speaker)]; ok {
				seg.Colour = c
			}
			name, roles := speakerName(q.Speaker, entities)
			seg.Speaker = name
			if roles != "" {
				seg.Speaker += " — " + roles
			}
			seg.Start = !started[seg.Quote]
			started[seg.Quote] = true
		} else if seg.Quote >= 0 {
			seg.Quote = -1
		}
		out = append(out, seg)
	}
	return out
}

// boundary reports whether offset i of s starts a UTF-8 character (or ends s).
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}

// splitLines splits runs into lines at their "\n" runs, for list items.
func splitLines(segs []segment) [][]segment {
	var lines [][]segment
	var cur []segment
	for _, s := range segs {
		if s.Text == "\n" {
			lines = append(lines, cur)
			cur = nil
			continue
		}
		cur = append(cur, s)
	}
	lines = append(lines, cur)
	out := lines[:0]
	for _, l := range lines {
		if len(l) > 0 {
			out = append(out, l)
		}
	}
	return out
}

// newFigure is the reader's view of an image, or nil when its address is not
// a safe http(s) URL.
func newFigure(im article.Image, base string) *figureView {
	src := safeLink(im.URL, base)
	if src == "" || strings.HasPrefix(src, "mailto:") {
		return nil
	}
	return &figureView{Src: src, Alt: im.Alt, Caption: im.Caption, Credit: im.Credit}
}

// entityGroups lists the article's entities by type, the most named first.
func entityGroups(es []article.Entity) []entityGroup {
	order := []struct {
		t     article.EntityType
		title string
	}{
		{article.Person, "People"},
		{article.Organization, "Organisations"},
		{article.Place, "Places"},
		{article.Group, "Groups"},
	}
	var out []entityGroup
	for _, o := range order {
		var g entityGroup
		g.Title = o.title
		for _, e := range es {
			if e.Type == o.t && e.Name != "" {
				g.Entities = append(g.Entities, entityView{Name: e.Name, Roles: strings.Join(e.Roles, ", "), Mentions: len(e.Mentions)})
			}
		}
		if len(g.Entities) == 0 {
			continue
		}
		sort.SliceStable(g.Entities, func(i, j int) bool { return g.Entities[i].Mentions > g.Entities[j].Mentions })
		out = append(out, g)
	}
	return out
}

// safeLink resolves ref against base and returns it when its scheme is http,
// https or mailto; anything else (javascript:, data:, a relative link with
// no base to resolve it) gives "".
func safeLink(ref, base string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		b, err := url.Parse(base)
		if err != nil || (b.Scheme != "http" && b.Scheme != "https") {
			return ""
		}
		u = b.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
		return u.String()
	case "mailto":
		return u.String()
	}
	return ""
}

// showDate turns an ISO 8601 date or date-time into what the reader shows
// and the value of <time datetime>.
func showDate(iso string) (shown, machine string) {
	iso = strings.TrimSpace(iso)
	if iso == "" {
		return "", ""
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		t, err := time.Parse(layout, iso)
		if err != nil {
			continue
		}
		if layout == "2006-01-02" {
			return t.Format("2 January 2006"), iso
		}
		return t.Format("2 January 2006, 15:04"), iso
	}
	return iso, ""
}
