package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lede/article"
)

// story is filler prose long enough to be picked as content.
const story = `<p>The council met on Tuesday evening, and after a long debate, it voted to extend the library's opening hours through the winter.</p>
<p>Residents had asked for the change for years, saying that the reading rooms were the only warm and quiet place many students could work.</p>
<p>The mayor, who had opposed the plan at first, said the cost was modest, and that the budget could absorb it without new taxes.</p>`

func page(body string) string {
	return "<!DOCTYPE html><html><head><title>Library hours extended | Town Gazette</title></head><body>" + body + "</body></html>"
}

func extract(t *testing.T, src string, opts Options) *article.Article {
	t.Helper()
	a, err := FromHTML(context.Background(), src, opts)
	if err != nil {
		t.Fatalf("FromHTML: %v", err)
	}
	return a
}

func TestFromHTMLBody(t *testing.T) {
	cases := []struct {
		name     string
		html     string
		opts     Options
		want     []string // substrings the body must contain
		dontWant []string // substrings it must not contain
	}{
		{
			name: "story beats navigation, footer and sidebar",
			html: page(`<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
				<div class="sidebar"><p>Most read: a long sidebar paragraph, with commas, about something else entirely.</p></div>
				<article>` + story + `</article><footer><p>Copyright Town Gazette, all rights reserved, 2024.</p></footer>`),
			want:     []string{"voted to extend", "without new taxes"},
			dontWant: []string{"Home", "Most read", "Copyright"},
		},
		{
			name: "share bar, newsletter box and cookie banner inside the story are cleaned",
			html: page(`<article><div class="share-bar"><a href="#">Share on Facebook</a></div>` + story +
				`<div class="newsletter-signup"><p>Get our newsletter, every morning, in your inbox, for free.</p></div>
				<div id="cookie-consent"><p>We use cookies, to improve your experience, as described.</p></div></article>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"Share on Facebook", "newsletter", "cookies"},
		},
		{
			name: "hidden elements are dropped",
			html: page(`<article>` + story + `<p hidden>Hidden by attribute, which no reader sees.</p>
				<p style="display: none">Hidden by style, which no reader sees either.</p>
				<p aria-hidden="true">Hidden from assistive technology as well.</p>
				<span class="sr-only">Opens in a new window</span></article>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"Hidden by", "assistive", "new window"},
		},
		{
			name: "loose text and br-separated text become paragraphs",
			html: page(`<div class="post-body">The first loose paragraph of the story, written without any p element at all, as old blogs do.<br><br>
				The second loose paragraph, after two line breaks, which must stand as a paragraph of its own.<br><br>
				The third loose paragraph, also long enough, and with commas, so it reads as prose.</div>`),
			want: []string{"The first loose paragraph", "The second loose paragraph", "The third loose paragraph"},
		},
		{
			name:     "read more and loading widgets are dropped",
			html:     page(`<article>` + story + `<p>Read more</p><div>Loading...</div></article>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"Read more", "Loading"},
		},
		{
			name:     "comments are dropped by default",
			html:     page(`<article>` + story + `</article><div id="comments"><p>What a great decision, I will go there every evening, thanks.</p></div>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"great decision"},
		},
		{
			name: "comments are kept on request",
			html: page(`<article>` + story + `</article><div id="comments"><p>What a great decision, I will go there every evening, thanks.</p></div>`),
			opts: Options{KeepComments: true},
			want: []string{"voted to extend", "great decision"},
		},
		{
			name: "the next story of an infinite-scroll page is not appended",
			html: page(`<div class="stream"><article class="post"><h1>Library hours extended</h1><time datetime="2024-01-09">9 January</time>` + story + `</article>
				<article class="post"><h1>Bridge closed for repairs</h1><time datetime="2024-01-08">8 January</time>
				<p>The old bridge over the river will close for three months, the county said on Monday, while engineers replace its deck.</p>
				<p>Drivers will have to take the bypass, which adds, by the county's own estimate, a quarter of an hour to the trip.</p>
				<p>Shops near the bridge, which depend on passing trade, said they feared the closure would cost them dearly.</p></article></div>`),
			want:     []string{"voted to extend", "without new taxes"},
			dontWant: []string{"old bridge", "bypass"},
		},
		{
			name: "the next story in a sibling container is not appended",
			html: page(`<main><div class="article-wrap"><h1>Library hours extended</h1><p><time datetime="2024-01-09">9 January</time></p><div class="article-body">` + story + `</div></div>
				<div class="article-wrap"><h1>Bridge closed for repairs</h1><p><time datetime="2024-01-08">8 January</time></p><div class="article-body">
				<p>The old bridge over the river will close for three months, the county said on Monday, while engineers replace its deck.</p>
				<p>Drivers will have to take the bypass, which adds, by the county's own estimate, a quarter of an hour to the trip.</p>
				<p>Shops near the bridge, which depend on passing trade, said they feared the closure would cost them dearly.</p></div></div></main>`),
			want:     []string{"voted to extend", "without new taxes"},
			dontWant: []string{"old bridge", "bypass"},
		},
		{
			name: "sections of one story, each under its own h1, stay together",
			html: page(`<div class="doc"><section><h1>Library hours extended</h1>` + story + `</section>
				<section><h1>What changes</h1><p>The reading rooms will open at eight, two hours earlier than now, and close at ten in the evening, on weekdays.</p>
				<p>On Saturdays, the hours stay as they are, because, the library said, the weekend staff is already stretched thin.</p></section></div>`),
			want: []string{"voted to extend", "open at eight", "stretched thin"},
		},
		{
			name: "a feed of teasers after the story, titles under their own headings, is not the story",
			html: page(`<article><h1>Library hours extended</h1>` + story + `
				<p>The new hours start next month, and the library will review them in the spring, when it knows how many people came in the evenings.</p>
				<p>Students at the college, who had collected more than two thousand signatures, said they were delighted, and thanked the council for listening.</p>
				<p>The reading rooms will stay open until ten on weekdays, and the café, which closes at six today, will follow the same hours, the library said.</p>
				<h2>Latest news</h2>
				<h3><a href="/a">Bridge closed for repairs</a></h3><p>The old bridge will close for three months, while engineers replace its deck.</p>
				<h3><a href="/b">School meals to be free</a></h3><p>Every pupil in the town will get a free lunch from September, the council said.</p>
				<h3><a href="/c">New bus route to the hospital</a></h3><p>A bus every twenty minutes will link the station and the hospital from March.</p>
				</article>`),
			want:     []string{"voted to extend", "without new taxes"},
			dontWant: []string{"old bridge", "free lunch", "twenty minutes", "Latest news"},
		},
		{
			name: "a section after a related-looking heading that is prose stays",
			html: page(`<article><h1>Library hours extended</h1>` + story + `
				<p>The new hours start next month, and the library will review them in the spring, when it knows how many people came in the evenings.</p>
				<p>Students at the college, who had collected more than two thousand signatures, said they were delighted, and thanked the council for listening.</p>
				<p>The reading rooms will stay open until ten on weekdays, and the café, which closes at six today, will follow the same hours, the library said.</p>
				<h2>Read more</h2>
				<h3>The cost</h3><p>The extension will cost the town about forty thousand pounds a year, the treasurer said, which the reserves can cover.</p>
				<h3>The staff</h3><p>Two part-time librarians will be hired, and volunteers, who already run the reading club, will help on Saturdays.</p>
				</article>`),
			want: []string{"voted to extend", "forty thousand pounds", "part-time librarians"},
		},
		{
			name:     "the repeated title heading is dropped",
			html:     page(`<article><h1>Library hours extended</h1>` + story + `</article>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"Library hours extended"},
		},
		{
			name: "a forum thread in comment boxes still gives its text",
			html: page(`<div class="comments"><div class="comment"><p>I have been trying to configure the router for days, and the manual, frankly, does not help at all.</p></div>
				<div class="comment"><p>Have you tried resetting it to factory settings first? That fixed it for me, after a similar struggle.</p></div>
				<div class="comment"><p>Yes, and it worked, thank you! The reset, then the setup wizard, and all was fine.</p></div></div>`),
			want: []string{"configure the router", "factory settings", "setup wizard"},
		},
		{
			name: "replies on a page that declares a discussion are content",
			html: page(`<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><div class="post">` + story + `</div>
				<div class="comment" itemprop="comment"><p>I disagree with the mayor, and I said so at the meeting, but the vote was fair.</p></div>
				<div class="comment" itemprop="comment"><p>Good news for the students, at last, and for the rest of us who read there.</p></div></div>`),
			want: []string{"voted to extend", "I disagree with the mayor", "Good news for the students"},
		},
		{
			name: "comments on an article page stay out",
			html: page(`<div class="post">` + story + `</div>
				<div class="comment" itemprop="comment"><p>I disagree with the mayor, and I said so at the meeting, but the vote was fair.</p></div>`),
			want:     []string{"voted to extend"},
			dontWant: []string{"I disagree with the mayor"},
		},
		{
			name: "a hidden wrapper holding the whole page is shown",
			html: page(`<div class="hide" id="root"><article>` + story + `</article></div>`),
			want: []string{"voted to extend"},
		},
		{
			name: "noscript copy of a script-rendered page is read",
			html: page(`<div id="app"></div><noscript><article>` + story + `</article></noscript>`),
			want: []string{"voted to extend", "without new taxes"},
		},
		{
			name: "a listing under main keeps all its cards",
			html: page(`<nav><a href="/">Home</a></nav><main><h1>All guides</h1>
				<div class="card"><a href="/g/1"><h3>How to renew a library card online</h3></a><p>Step by step, with screenshots, for the new portal.</p></div>
				<div class="card"><a href="/g/2"><h3>Borrowing e-books from home</h3></a><p>Which apps work, and how long a loan lasts.</p></div>
				<div class="card"><a href="/g/3"><h3>Booking a study room</h3></a><p>Rooms, hours and the rules for groups.</p></div></main>`),
			want: []string{"renew a library card", "Borrowing e-books", "Booking a study room"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := Text(extract(t, c.html, c.opts))
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q; body:\n%s", w, body)
				}
			}
			for _, w := range c.dontWant {
				if strings.Contains(body, w) {
					t.Errorf("body has %q; body:\n%s", w, body)
				}
			}
		})
	}
}

func TestBlockKinds(t *testing.T) {
	src := page(`<article>` + story + `
		<h2>What changes</h2>
		<ul><li>Weekdays until <a href="/hours">nine</a></li><li>Saturdays until six</li></ul>
		<blockquote><p>It is a good day for readers, and for the town.</p></blockquote>
		<pre>  opening  9:00
  closing 21:00</pre>
		<table><tr><th>Day</th><th>Hours</th></tr><tr><td>Monday</td><td>9–21</td></tr></table>
		</article>`)
	a := extract(t, src, Options{URL: "https://gazette.example/news/library"})
	kinds := map[article.BlockKind]article.Block{}
	for _, b := range a.Blocks {
		kinds[b.Kind] = b
	}
	if h := kinds[article.Heading]; h.Text != "What changes" || h.Level != 2 {
		t.Errorf("heading = %+v", h)
	}
	l := kinds[article.List]
	if len(l.Items) != 2 || l.Text != "Weekdays until nine\nSaturdays until six" {
		t.Errorf("list = %+v", l)
	}
	if len(l.Links) != 1 || l.Text[l.Links[0].Start:l.Links[0].End] != "nine" || l.Links[0].URL != "https://gazette.example/hours" {
		t.Errorf("list links = %+v", l.Links)
	}
	if q := kinds[article.Blockquote]; q.Text != "It is a good day for readers, and for the town." {
		t.Errorf("quote = %+v", q)
	}
	if p := kinds[article.Pre]; p.Text != "  opening  9:00\n  closing 21:00" {
		t.Errorf("pre = %q", p.Text)
	}
	if tb := kinds[article.Table]; len(tb.Rows) != 2 || tb.Rows[1][0] != "Monday" || tb.Text != "Day\tHours\nMonday\t9–21" {
		t.Errorf("table = %+v", tb)
	}
	a = extract(t, src, Options{DropTables: true})
	for _, b := range a.Blocks {
		if b.Kind == article.Table {
			t.Errorf("DropTables kept a table: %+v", b)
		}
	}
}

func TestImages(t *testing.T) {
	src := page(`<article>` + story + `
		<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/library.jpg" alt="The reading room">
		<figcaption>The reading room on Tuesday. <span class="credit">Jane Roe/Gazette</span></figcaption></figure>
		<p>After the vote, the librarians began planning the new rota, and hiring two more assistants for the evenings.</p>
		<figure><img srcset="/img/mayor-400.jpg 400w, /img/mayor-1200.jpg 1200w" alt=""><figcaption>The mayor at the meeting. Photo: John Doe</figcaption></figure>
		<img src="/pixel.gif" width="1" height="1">
		</article>`)
	a := extract(t, src, Options{URL: "https://gazette.example/news/library"})
	want := []article.Image{
		{URL: "https://gazette.example/img/library.jpg", Alt: "The reading room", Caption: "The reading room on Tuesday.", Credit: "Jane Roe/Gazette", Position: 3},
		{URL: "https://gazette.example/img/mayor-1200.jpg", Caption: "The mayor at the meeting.", Credit: "John Doe", Position: 4},
	}
	if len(a.Images) != len(want) {
		t.Fatalf("images = %+v, want %+v", a.Images, want)
	}
	for i := range want {
		if a.Images[i] != want[i] {
			t.Errorf("image %d = %+v, want %+v", i, a.Images[i], want[i])
		}
	}
	body := Text(a)
	for _, caption := range []string{"reading room on Tuesday", "Jane Roe", "mayor at the meeting"} {
		if strings.Contains(body, caption) {
			t.Errorf("caption text %q is in the body", caption)
		}
	}
}

func TestRelated(t *testing.T) {
	src := page(`<article>` + story + `
		<h3>Related stories</h3>
		<ul><li><a href="/news/pool">Town pool to reopen after a long repair</a></li>
		<li><a href="/news/park">New park benches arrive in the spring</a></li></ul></article>`)
	a := extract(t, src, Options{URL: "https://gazette.example/news/library"})
	if body := Text(a); strings.Contains(body, "Town pool") || strings.Contains(body, "Related stories") {
		t.Errorf("teasers in the body:\n%s", body)
	}
	want := []article.Related{
		{Title: "Town pool to reopen after a long repair", URL: "https://gazette.example/news/pool"},
		{Title: "New park benches arrive in the spring", URL: "https://gazette.example/news/park"},
	}
	if len(a.Related) != len(want) || a.Related[0] != want[0] || a.Related[1] != want[1] {
		t.Errorf("related = %+v, want %+v", a.Related, want)
	}
}

func TestDeepNesting(t *testing.T) {
	const depth = 100000
	var sb strings.Builder
	sb.WriteString("<html><body>")
	for range depth {
		sb.WriteString("<div>")
	}
	sb.WriteString("The deepest paragraph of a machine-made page, with commas, and enough words to count as prose.")
	for range depth {
		sb.WriteString("</div>")
	}
	sb.WriteString("</body></html>")
	a := extract(t, sb.String(), Options{})
	if body := Text(a); !strings.Contains(body, "The deepest paragraph") {
		t.Errorf("deeply nested text lost; body = %q", body)
	}
}

func TestWeighTokens(t *testing.T) {
	cases := []struct {
		class string
		sign  int
	}{
		{"entry-content", 1},
		{"article-body", 1},
		{"articleBody", 1},
		{"storybody", 1},
		{"sidebar-content", -1},
		{"comment-body", -1},
		{"socialShareBar", -1},
		{"related-articles", -1},
		{"site-footer", -1},
		{"header", -1},
		{"shadow", 0}, // "ad" inside a word is not an ad
		{"download-link", 0},
	}
	for _, c := range cases {
		var e entry
		weighTokens(&e, c.class, true)
		got := 0
		if e.weight > 0 {
			got = 1
		} else if e.weight < 0 {
			got = -1
		}
		if got != c.sign {
			t.Errorf("weight(%q) = %d, want sign %d", c.class, e.weight, c.sign)
		}
	}
}

func TestSplitCredit(t *testing.T) {
	cases := []struct{ in, caption, credit string }{
		{"The mayor at the meeting. Photo: John Doe", "The mayor at the meeting.", "Photo: John Doe"},
		{"Crowds outside (Photo: AP)", "Crowds outside", "Photo: AP"},
		{"A quiet street © Jane Roe", "A quiet street", "© Jane Roe"},
		{"No credit here", "No credit here", ""},
		{"The new watch on a wrist (Image credit: Wareable)", "The new watch on a wrist", "Image credit: Wareable"},
	}
	for _, c := range cases {
		caption, credit := splitCredit(c.in)
		if caption != c.caption || credit != c.credit {
			t.Errorf("splitCredit(%q) = %q, %q; want %q, %q", c.in, caption, credit, c.caption, c.credit)
		}
	}
}

func TestInlineText(t *testing.T) {
	var txt inlineText
	txt.write("  Hello,\n\t world ")
	start := txt.beginLink()
	txt.write("link\u00a0text ")
	txt.endLink(start, "https://example.com/")
	txt.write(" end\u200b.")
	text, links := txt.take()
	if text != "Hello, world link text end." {
		t.Errorf("text = %q", text)
	}
	if len(links) != 1 || text[links[0].Start:links[0].End] != "link text" {
		t.Errorf("links = %+v", links)
	}
}

// FuzzFromHTML feeds arbitrary markup to the engine: it must not panic, and
// its output must hold together (link offsets inside their block's text,
// image positions inside the body).
func FuzzFromHTML(f *testing.F) {
	// Seeds are slices of the test pages: whole pages make every execution
	// and every minimisation slow, and slices keep the broken edges the
	// fuzzer should explore anyway.
	const slice = 8 << 10
	files, _ := filepath.Glob(filepath.Join("testdata", "*.html"))
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		for at := 0; at < len(data); at += len(data)/3 + 1 {
			f.Add(string(data[at:min(at+slice, len(data))]))
		}
	}
	f.Add(page(story))
	f.Add("<table><tr><td><a href='x'><div>card</div></a></td></tr></table><br><br>text")
	f.Add("<p>a<b>b<i>c</p>d</b>e<figure><figcaption>cap</figure><noscript><p>x</p></noscript>")
	f.Fuzz(func(t *testing.T, src string) {
		a, err := FromHTML(context.Background(), src, Options{URL: "https://example.com/a/b"})
		if err != nil {
			return
		}
		for _, b := range a.Blocks {
			for _, l := range b.Links {
				if l.Start < 0 || l.End > len(b.Text) || l.Start >= l.End {
					t.Fatalf("link %+v outside block text %q", l, b.Text)
				}
			}
		}
		for _, img := range a.Images {
			if img.Position < 0 || img.Position > len(a.Blocks) {
				t.Fatalf("image position %d outside 0..%d", img.Position, len(a.Blocks))
			}
		}
	})
}

func TestHasHiddenClass(t *testing.T) {
	cases := []struct {
		classes string
		want    bool
	}{
		{"", false},
		{"sr-only", true},
		{"label SR-Only", true},
		{"foo\thide\nbar", true},
		{"hidden-xs", false}, // hides on small screens only
		{"visually-hidden-focusable", false},
		{"d-none d-md-block", true},
		{"hid", false},
		{"ünicode hidden", true},
		{"HİDDEN", true}, // Unicode lower-casing: İ is i
		{strings.Repeat("x", 40) + " invisible", true},
	}
	for _, c := range cases {
		if got := hasHiddenClass(c.classes); got != c.want {
			t.Errorf("hasHiddenClass(%q) = %v, want %v", c.classes, got, c.want)
		}
	}
}
