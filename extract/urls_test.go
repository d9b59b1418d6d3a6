package extract

import (
	"context"
	"encoding/json"
	"html"
	"strings"
	"testing"

	nethtml "golang.org/x/net/html"

	"lede/article"
)

// schemePage is a story whose every URL-bearing place holds the given
// values: page base, canonical, lead image, inline links, pictures and a
// box of related links.
func schemePage(base, canonical, lead, href, src string) string {
	e := html.EscapeString
	return `<html><head><title>Story</title><base href="` + e(base) + `">
<link rel="canonical" href="` + e(canonical) + `"><meta property="og:image" content="` + e(lead) + `"></head>
<body><article><h1>Story</h1>
<p>A paragraph of ordinary prose that is long enough to be kept by the extractor, with <a href="` + e(href) + `">a link</a> in it, and more words to make it a real paragraph of a story.</p>
<p>Second paragraph <a href="/x">here</a>, with <a href="?q=1">a query link</a> and more ordinary words of the story after it.</p>
<figure><img src="` + e(src) + `" width="600"><figcaption>A caption for the picture</figcaption></figure>
<p>A third paragraph, long enough, that closes the story with a few more words and a comma, like this one.</p>
<ul class="related"><li><a href="` + e(href) + `">Another story that readers also read today</a></li>
<li><a href="?r=2">Yet another story that readers also read today</a></li></ul>
</article></body></html>`
}

// testScheme reads a URL's scheme on its own terms, independently of the
// allow-list under test: every blank and control character removed, as
// loosely as any browser, then the letters before the first colon.
func testScheme(raw string) string {
	s := strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, raw)
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		switch {
		case s[i] == ':':
			return strings.ToLower(s[:i])
		case 'a' <= c && c <= 'z', i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.'):
		default:
			return ""
		}
	}
	return ""
}

// checkURL fails when raw has a scheme outside the allow-list: http, https
// and mailto for links, http, https and raster data: images for pictures.
func checkURL(t *testing.T, where, raw string, image bool) {
	t.Helper()
	switch s := testScheme(raw); s {
	case "", "http", "https":
	case "mailto":
		if image {
			t.Errorf("%s: a mailto: image %q", where, raw)
		}
	case "data":
		lower := strings.ToLower(raw)
		if !image || strings.Contains(lower, "svg") || !strings.Contains(lower, "image/") {
			t.Errorf("%s: data: URL %q", where, raw)
		}
	default:
		t.Errorf("%s: scheme %q outside the allow-list in %q", where, s, raw)
	}
}

// checkArticleURLs checks every URL an Article and its renderings hold.
func checkArticleURLs(t *testing.T, a *article.Article) {
	t.Helper()
	checkURL(t, "url", a.URL, false)
	checkURL(t, "canonical_url", a.CanonicalURL, false)
	checkURL(t, "lead_image", a.LeadImage, true)
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			checkURL(t, "inline link", l.URL, false)
		}
	}
	for _, im := range a.Images {
		checkURL(t, "image", im.URL, true)
	}
	for _, r := range a.Related {
		checkURL(t, "related", r.URL, false)
	}
	doc, err := nethtml.Parse(strings.NewReader(article.RenderHTML(a)))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		for _, at := range n.Attr {
			switch at.Key {
			case "href":
				checkURL(t, "HTML href", at.Val, false)
			case "src":
				checkURL(t, "HTML src", at.Val, true)
			}
		}
	}
	md := article.RenderMarkdown(a)
	for rest := md; ; {
		at := strings.Index(rest, "](")
		if at < 0 {
			break
		}
		rest = rest[at+2:]
		var target strings.Builder
		for i := 0; i < len(rest) && rest[i] != ')'; i++ {
			if rest[i] == '\\' && i+1 < len(rest) {
				i++
			}
			target.WriteByte(rest[i])
		}
		// A Markdown target is a link's or an image's: mailto is a link's only.
		checkURL(t, "Markdown target", target.String(), testScheme(target.String()) != "mailto")
	}
	js, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if lower := strings.ToLower(string(js)); strings.Contains(lower, `"javascript:`) || strings.Contains(lower, `"vbscript:`) {
		t.Errorf("JSON holds a script URL: %s", js)
	}
}

// TestURLSchemesAfterResolution guards the allow-list on every place
// extraction produces a URL, checked after resolution: a script base must
// not lend its scheme to relative links, and script, data and file links
// must not come out, while the story's text does.
func TestURLSchemesAfterResolution(t *testing.T) {
	cases := []struct {
		name, pageURL, base, canonical, lead, href, src string
	}{
		{"javascript base, relative links", "", "javascript:alert(document.domain)//", "?c=1", "?l=1", "?q=1", "?i=1"},
		{"javascript base over a page URL", "https://example.com/a/", "javascript:alert(1)//", "/c", "/l.jpg", "?q=1", "/i.jpg"},
		{"script and data links", "https://example.com/", "", "javascript:alert(1)", "data:image/svg+xml,<svg onload=alert(1)>", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>"},
		{"obfuscated script schemes", "https://example.com/", "", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)", " \x01javascript:alert(1)", "java&#10;script:alert(1)"},
		{"file links", "https://example.com/", "file:///etc/", "file:///etc/passwd", "file:///x.jpg", "x", "y.jpg"},
		{"a script page URL", "javascript:alert(1)", "", "", "", "?q=1", "i.jpg"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := FromHTML(context.Background(), schemePage(c.base, c.canonical, c.lead, c.href, c.src), Options{URL: c.pageURL})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text(), "ordinary prose") {
				t.Errorf("the story's text is lost: %q", a.Text())
			}
			checkArticleURLs(t, a)
		})
	}
}

// TestBaseHrefStillApplies keeps the fix from dropping a good base: links
// resolve against an http(s) <base href>.
func TestBaseHrefStillApplies(t *testing.T) {
	a, err := FromHTML(context.Background(), schemePage("https://cdn.example.org/news/", "", "", "story?id=7", "pic.jpg"), Options{URL: "https://example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, b := range a.Blocks {
		for _, l := range b.Links {
			links = append(links, l.URL)
		}
	}
	if len(links) == 0 || links[0] != "https://cdn.example.org/news/story?id=7" {
		t.Errorf("links %q, want the first resolved against the base", links)
	}
	if len(a.Images) == 0 || a.Images[0].URL != "https://cdn.example.org/news/pic.jpg" {
		t.Errorf("images %+v, want pic.jpg resolved against the base", a.Images)
	}
}

// FuzzURLSchemes resolves fuzzed page URLs, bases, links and picture
// sources through extraction and every renderer. The property: no output
// URL has a scheme outside the allow-list.
func FuzzURLSchemes(f *testing.F) {
	f.Add("", "javascript:alert(document.domain)//", "?c", "?l", "?q=1", "?i=1")
	f.Add("https://example.com/a/", "https://b.example/", "/c", "data:image/png;base64,AA", "mailto:a@b.example", "data:image/gif;base64,R0lG")
	f.Add("http://x/", "", "vbscript:x", "java\tscript:x", "\x00javascript:x", "data:image/svg+xml,<svg>")
	f.Add("javascript:x", "//evil.example/", "JAVASCRIPT:x", "file:///x", "./javascript:x", "a:b")
	f.Fuzz(func(t *testing.T, pageURL, base, canonical, lead, href, src string) {
		a, err := FromHTML(context.Background(), schemePage(base, canonical, lead, href, src), Options{URL: pageURL})
		if err != nil {
			return
		}
		checkArticleURLs(t, a)
	})
}
