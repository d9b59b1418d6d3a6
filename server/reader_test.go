package server

import (
	"net/url"
	"strings"
	"testing"

	"lede/article"
	"lede/internal/golden"
	"lede/store"
)

func TestSafeLink(t *testing.T) {
	tests := []struct {
		ref, base, want string
	}{
		{"https://example.com/a", "", "https://example.com/a"},
		{"http://example.com/a?b=c#d", "", "http://example.com/a?b=c#d"},
		{"mailto:desk@example.com", "", "mailto:desk@example.com"},
		{"/next", "https://news.example.com/a/b", "https://news.example.com/next"},
		{"?q=1", "https://news.example.com/a/b", "https://news.example.com/a/b?q=1"},
		{"next", "", ""}, // relative with no base: nowhere to go
		{"?q=1", "javascript:alert(2)//", ""},
		{"javascript:alert(1)", "https://example.com/", ""},
		{"JavaScript:alert(1)", "", ""},
		{" javascript:alert(1)", "", ""},
		{"vbscript:msgbox(1)", "", ""},
		{"data:text/html,<script>alert(1)</script>", "", ""},
		{"file:///etc/passwd", "", ""},
		{"ftp://example.com/x", "", ""},
		{"https://", "", ""},
		{"http://[::1", "", ""},
		{"", "https://example.com/", ""},
	}
	for _, tt := range tests {
		if got := safeLink(tt.ref, tt.base); got != tt.want {
			t.Errorf("safeLink(%q, %q) = %q, want %q", tt.ref, tt.base, got, tt.want)
		}
	}
}

// quoteArticle is a two-block article with a link and two quotes by two
// speakers, one of them overlapping the link.
func quoteArticle() *article.Article {
	p := `"We will rebuild," Mayor Elena Marsh said, pointing to the plan. Reyes said it was "far too slow".`
	return &article.Article{
		URL:   "https://news.example.com/story",
		Title: "Plan",
		Blocks: []article.Block{
			{Kind: article.Paragraph, Text: p, Links: []article.Link{{Start: strings.Index(p, "the plan"), End: strings.Index(p, "the plan") + len("the plan"), URL: "/plan"}}},
			{Kind: article.List, Text: "one\ntwo \"three\"", Items: []string{"one", `two "three"`}},
		},
		Entities: []article.Entity{
			{ID: 0, Name: "Elena Marsh", Type: article.Person, Roles: []string{"mayor"}},
			{ID: 1, Name: "Tomas Reyes", Type: article.Person},
		},
		Quotes: []article.Quote{
			{Kind: article.Direct, Text: "We will rebuild,", Speaker: &article.Speaker{Name: "Elena Marsh", Entity: 0}, Span: article.Span{Block: 0, Start: 1, End: 17}},
			{Kind: article.Partial, Text: "far too slow", Speaker: &article.Speaker{Name: "Tomas Reyes", Entity: 1}, Span: article.Span{Block: 0, Start: strings.Index(p, "far"), End: strings.Index(p, "far") + len("far too slow")}},
			{Kind: article.Direct, Text: "three", Speaker: &article.Speaker{Name: "Elena Marsh", Entity: 0}, Span: article.Span{Block: 1, Start: 9, End: 14}},
			// Broken spans, as a damaged store might hold: ignored.
			{Kind: article.Direct, Text: "x", Span: article.Span{Block: 0, Start: 50, End: 500}},
			{Kind: article.Direct, Text: "x", Span: article.Span{Block: 7, Start: 0, End: 1}},
			{Kind: article.Direct, Text: "x", Span: article.Span{Block: 0, Start: 9, End: 3}},
		},
	}
}

func TestReaderViewMarksQuotesBySpeaker(t *testing.T) {
	v := newReaderView(1, 0, quoteArticle())
	if len(v.Body) != 2 {
		t.Fatalf("%d body items, want 2", len(v.Body))
	}
	var joined strings.Builder
	quoted := map[int]string{}
	var link string
	for _, s := range v.Body[0].Segments {
		joined.WriteString(s.Text)
		if s.Quote >= 0 {
			quoted[s.Quote] += s.Text
			if s.Colour == "" || s.Speaker == "" {
				t.Errorf("quote run %q without colour or speaker", s.Text)
			}
		}
		if s.Href != "" {
			link = s.Href
		}
	}
	if joined.String() != quoteArticle().Blocks[0].Text {
		t.Errorf("runs do not rebuild the text:\n%q", joined.String())
	}
	if quoted[0] != "We will rebuild," || quoted[1] != "far too slow" {
		t.Errorf("quoted runs %v", quoted)
	}
	if link != "https://news.example.com/plan" {
		t.Errorf("link %q, want resolved against the article URL", link)
	}
	if len(v.Speakers) != 2 || v.Speakers[0].Name != "Elena Marsh" || v.Speakers[0].Quotes != 2 || v.Speakers[0].Roles != "mayor" {
		t.Errorf("speakers %+v", v.Speakers)
	}
	if v.Speakers[0].Colour == v.Speakers[1].Colour {
		t.Errorf("two speakers share colour %s", v.Speakers[0].Colour)
	}
	var marsh string
	for _, s := range v.Body[0].Segments {
		if s.Quote == 0 {
			marsh = s.Speaker
		}
	}
	if marsh != "Elena Marsh — mayor" {
		t.Errorf("speaker label %q", marsh)
	}
	items := v.Body[1].Items
	if v.Body[1].Kind != "ul" || len(items) != 2 {
		t.Fatalf("list: %+v", v.Body[1])
	}
	var last strings.Builder
	for _, s := range items[1] {
		last.WriteString(s.Text)
	}
	if last.String() != `two "three"` {
		t.Errorf("second item %q", last.String())
	}
}

// TestReaderViewSurvivesBadOffsets guards against a panic on stored data
// whose offsets do not fit its text (or split a character).
func TestReaderViewSurvivesBadOffsets(t *testing.T) {
	a := &article.Article{
		Blocks: []article.Block{{Kind: article.Paragraph, Text: "héllo wörld",
			Links: []article.Link{{Start: 2, End: 4, URL: "https://x.example/"}, {Start: -3, End: 2, URL: "https://x.example/"}, {Start: 5, End: 99}}}},
		Quotes: []article.Quote{
			{Kind: article.Direct, Span: article.Span{Block: 0, Start: 1, End: 2}}, // splits é
			{Kind: article.Direct, Span: article.Span{Block: -1, Start: 0, End: 3}},
			{Kind: article.Direct, Speaker: &article.Speaker{Entity: 5}, Span: article.Span{Block: 0, Start: 0, End: 6}},
		},
		Images: []article.Image{{URL: "javascript:alert(1)", Position: 0}, {URL: "https://img.example/a.jpg", Position: 40}},
	}
	v := newReaderView(1, 0, a)
	var text strings.Builder
	for _, s := range v.Body[0].Segments {
		text.WriteString(s.Text)
	}
	if text.String() != "héllo wörld" {
		t.Errorf("text %q", text.String())
	}
	if n := len(v.Body); n != 2 || v.Body[1].Figure == nil || v.Body[1].Figure.Src != "https://img.example/a.jpg" {
		t.Errorf("body %+v: want the paragraph, then the one safe image at the end", v.Body)
	}
}

func TestShowDate(t *testing.T) {
	tests := []struct{ in, shown, machine string }{
		{"2024-02-12T09:30:00Z", "12 February 2024, 09:30", "2024-02-12T09:30:00Z"},
		{"2024-02-12", "12 February 2024", "2024-02-12"},
		{"last Tuesday", "last Tuesday", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		if s, m := showDate(tt.in); s != tt.shown || m != tt.machine {
			t.Errorf("showDate(%q) = %q, %q; want %q, %q", tt.in, s, m, tt.shown, tt.machine)
		}
	}
}

func FuzzReaderView(f *testing.F) {
	f.Add("a \"quoted\" line\nand more", 2, 8, 0, 3, "/x")
	f.Fuzz(func(t *testing.T, text string, qs, qe, ls, le int, href string) {
		a := &article.Article{
			URL:    "https://example.com/",
			Blocks: []article.Block{{Kind: article.List, Text: text, Links: []article.Link{{Start: ls, End: le, URL: href}}}},
			Quotes: []article.Quote{{Kind: article.Direct, Span: article.Span{Block: 0, Start: qs, End: qe}}},
		}
		v := newReaderView(1, 0, a)
		var b strings.Builder
		for _, item := range v.Body[0].Items {
			for _, s := range item {
				b.WriteString(s.Text)
				if s.Href != "" && !strings.HasPrefix(s.Href, "http") && !strings.HasPrefix(s.Href, "mailto:") {
					t.Fatalf("unsafe link %q", s.Href)
				}
			}
		}
		if want := strings.ReplaceAll(text, "\n", ""); b.String() != want {
			t.Fatalf("items %q, want %q", b.String(), want)
		}
	})
}

// TestReaderPageGolden renders the reader for a hand-made article (two
// speakers, a link inside a quote's sentence, a list with a quote, an image
// with caption and credit, a related link, an unsafe related link) and
// compares the page with testdata/reader.golden.html.
func TestReaderPageGolden(t *testing.T) {
	p, err := loadPages()
	if err != nil {
		t.Fatal(err)
	}
	a := quoteArticle()
	a.Dek = "The city plans a rebuild."
	a.Authors = []string{"Dana Whitfield"}
	a.Published = "2024-02-12T09:30:00Z"
	a.SiteName = "Example Wire"
	a.Images = []article.Image{{URL: "/img/a.jpg", Alt: "The plan", Caption: "The plan, shown on Monday.", Credit: "Lee Ashworth", Position: 1}}
	a.Related = []article.Related{{Title: "Ferry timetable", URL: "/ferry"}, {Title: "Bad link", URL: "javascript:alert(1)"}}
	var b strings.Builder
	data := articlePage{pageData: pageData{Page: "article", PageTitle: a.Title, Version: "test"}, Article: newReaderView(7, 3, a)}
	if err := p.sets["article"].ExecuteTemplate(&b, "layout", data); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/reader.golden.html", []byte(b.String()))
	if strings.Contains(b.String(), "javascript:") {
		t.Error("an unsafe link reached the page")
	}
}

func FuzzSnippetRuns(f *testing.F) {
	f.Add("the iron fist of the state", 4, 8, 9, 13)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		runs := snippetRuns(text, []store.Range{{Start: s1, End: e1}, {Start: s2, End: e2}})
		var b strings.Builder
		for _, r := range runs {
			b.WriteString(r.Text)
		}
		if b.String() != text {
			t.Fatalf("runs %q do not rebuild %q", b.String(), text)
		}
	})
}

func FuzzSearchQuery(f *testing.F) {
	f.Add("q=iron+fist&since=2024-01-02&until=2024-02-01T10:00:00Z&limit=5&offset=10")
	f.Add("limit=-1&offset=99999999999999999999&since=%zz")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := searchQuery(v)
		if err != nil {
			return
		}
		if q.Limit < 1 || q.Limit > maxLimit || q.Offset < 0 || q.Offset > maxOffset {
			t.Fatalf("paging out of bounds: limit %d offset %d", q.Limit, q.Offset)
		}
	})
}
