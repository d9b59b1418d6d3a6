package decode

import "strings"

// kindWindow is how much of the text the HTML-or-text decision reads.
const kindWindow = 4096

// htmlStartTags are the tags an HTML document or fragment starts with. A text
// whose first non-space character opens one of these (or a doctype or
// comment) is HTML. Scraped plain text may start with "<" too ("<Reuters>"),
// which is why the list is closed rather than "any tag".
var htmlStartTags = []string{
	"!doctype", "!--", "?xml", "html", "head", "body", "meta", "title", "link", "script",
	"style", "base", "noscript", "main", "article", "section", "header", "nav", "div",
	"span", "p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "br",
	"img", "figure", "form", "iframe", "svg", "center", "font", "b", "i", "em", "strong",
}

// htmlMarkers are pieces of markup that plain text does not contain. A text
// that does not start with a tag is still HTML when it holds at least
// minMarkers of these in its first kindWindow bytes (a page behind a banner of
// text, a fragment saved from a CMS).
var htmlMarkers = []string{
	"<html", "<body", "<head", "<div", "<p>", "<p ", "</p>", "<br>", "<br/>", "<br />",
	"<a href=", "</a>", "<span", "</div>", "<meta ", "<script", "<table", "<li>", "</li>",
}

const minMarkers = 3

// detectKind says whether text is HTML or plain text.
func detectKind(text []byte) Kind {
	window := strings.ToLower(string(text[:min(len(text), kindWindow)]))
	start := strings.TrimLeft(window, " \t\r\n\f\v\ufeff")
	if rest, ok := strings.CutPrefix(start, "<"); ok {
		for _, tag := range htmlStartTags {
			if after, ok := strings.CutPrefix(rest, tag); ok && endsTagName(after, tag) {
				return HTML
			}
		}
	}
	found := 0
	for _, m := range htmlMarkers {
		if strings.Contains(window, m) {
			found++
			if found >= minMarkers {
				return HTML
			}
		}
	}
	return Text
}

// endsTagName reports whether after, the text following a tag name, ends that
// name: "<p>" and "<p class" are the p tag, "<pre" and "<people>" are not.
func endsTagName(after, tag string) bool {
	if strings.HasPrefix(tag, "!") || strings.HasPrefix(tag, "?") {
		return true
	}
	return after == "" || strings.ContainsRune(" \t\r\n\f/>", rune(after[0]))
}
