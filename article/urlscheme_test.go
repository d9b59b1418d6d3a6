package article

import (
	"strings"
	"testing"
)

func TestSafeURLs(t *testing.T) {
	cases := []struct {
		raw               string
		link, page, image bool
	}{
		{"https://example.com/a", true, true, true},
		{"HTTP://example.com/a", true, true, true},
		{"/relative/path?q=1", true, true, true},
		{"?q=1", true, true, true},
		{"//example.com/x", true, true, true},
		{"./javascript:alert(1)", true, true, true}, // a path, not a scheme
		{"mailto:desk@example.com", true, false, false},
		{"javascript:alert(1)", false, false, false},
		{"JaVaScRiPt:alert(1)", false, false, false},
		{"java\tscript:alert(1)", false, false, false}, // browsers drop the tab
		{"java\nscript:alert(1)", false, false, false},
		{" \x01javascript:alert(1)", false, false, false}, // and leading controls
		{"vbscript:msgbox(1)", false, false, false},
		{"data:text/html,<script>alert(1)</script>", false, false, false},
		{"data:image/png;base64,iVBORw0KGgo=", false, false, true},
		{"DATA:IMAGE/JPEG;base64,/9j/", false, false, true},
		{"data:image/svg+xml,<svg onload=alert(1)>", false, false, false},
		{"data:image/pngx,abc", false, false, false},
		{"file:///etc/passwd", false, false, false},
		{"ftp://example.com/a", false, false, false},
		{"", false, false, false},
		{" \t ", false, false, false},
	}
	for _, c := range cases {
		if got := SafeLink(c.raw) != ""; got != c.link {
			t.Errorf("SafeLink(%q) allowed = %v, want %v", c.raw, got, c.link)
		}
		if got := SafePage(c.raw) != ""; got != c.page {
			t.Errorf("SafePage(%q) allowed = %v, want %v", c.raw, got, c.page)
		}
		if got := SafeImage(c.raw) != ""; got != c.image {
			t.Errorf("SafeImage(%q) allowed = %v, want %v", c.raw, got, c.image)
		}
	}
}

// hostile is an article as a hostile page, or a hand-edited JSON file,
// could make it: script links everywhere a URL stands, and text that tries
// to break out of Markdown link targets and to drive a terminal.
func hostile() *Article {
	return &Article{
		Title: "Title\x1b]0;owned\x07 here\x1b[2J",
		URL:   "javascript:alert(1)",
		Blocks: []Block{
			{Kind: Paragraph, Text: "Click here or there, and\x1b[31m red\x1b[0m text\u009b1m.",
				Links: []Link{{Start: 0, End: 5, URL: "javascript:alert(1)"}, {Start: 6, End: 10, URL: "https://example.com/a b)(<x>"}, {Start: 14, End: 19, URL: "vbscript:x"}}},
		},
		Images:  []Image{{URL: "data:image/svg+xml,<svg onload=alert(1)>", Caption: "svg"}, {URL: "java\tscript:alert(2)", Caption: "tab"}},
		Related: []Related{{Title: "A related story here", URL: "data:text/html,<script>alert(3)</script>"}},
	}
}

// TestRenderersDropUnsafeURLs guards every renderer against URLs outside the
// allow-list: the links' text stays, the address goes.
func TestRenderersDropUnsafeURLs(t *testing.T) {
	a := hostile()
	for name, out := range map[string]string{"text": RenderText(a), "markdown": RenderMarkdown(a), "html": RenderHTML(a)} {
		if strings.ContainsAny(out, "\x1b\x07\u009b") {
			t.Errorf("%s output holds control characters: %q", name, out)
		}
		lower := strings.ToLower(strings.NewReplacer("\t", "", "\n", "").Replace(out))
		for _, bad := range []string{"javascript:", "vbscript:", "data:"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s output holds %q:\n%s", name, bad, out)
			}
		}
		if !strings.Contains(out, "Click") || !strings.Contains(out, "related story") {
			t.Errorf("%s output lost the text of unsafe links:\n%s", name, out)
		}
	}
}

// TestMarkdownLinkTargetsEscaped guards link destinations: a URL with spaces,
// parentheses or angle brackets must not end the destination early.
func TestMarkdownLinkTargetsEscaped(t *testing.T) {
	out := RenderMarkdown(hostile())
	want := `[here](https://example.com/a%20b\)\(\<x\>)`
	if !strings.Contains(out, want) {
		t.Errorf("Markdown output lacks %s:\n%s", want, out)
	}
}

func TestStripControls(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain\ttext\nline", "plain\ttext\nline"},
		{"red\x1b[31mtext\x1b[0m", "redtext"},
		{"title\x1b]0;owned\x07 after", "title after"},
		{"title\x1b]0;owned\x1b\\ after", "title after"},
		{"clear\x1b[2J\x1b[H", "clear"},
		{"bell\x07 nul\x00 del\x7f", "bell nul del"},
		{"c1 csi \u009b31m here", "c1 csi  here"},
		{"lone esc\x1b", "lone esc"},
		{"esc then letter \x1bcreset", "esc then letter reset"},
		{"kept: é ü 日本", "kept: é ü 日本"},
		{"cr\r\nline", "cr\nline"},
	}
	for _, c := range cases {
		if got := StripControls(c.in); got != c.want {
			t.Errorf("StripControls(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
