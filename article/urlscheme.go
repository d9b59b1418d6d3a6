package article

import "strings"

// The one scheme allow-list for every URL lede puts in an Article or an
// output: extraction applies it after a link is resolved (so a
// <base href="javascript:…"> cannot lend its scheme to a relative link), and
// the renderers apply it again, so an Article built or edited elsewhere
// cannot smuggle a script link into HTML or Markdown. What it checks is the
// scheme a browser would read, not the one Go's url package parses: browsers
// drop tabs and newlines inside a URL and control characters around it
// ("java\tscript:" is javascript:).

// linkSchemes are the schemes a link (inline, related, canonical, page
// address) may have; a URL without a scheme is relative and always allowed.
var linkSchemes = []struct{ scheme, why string }{
	{"http", "the web"},
	{"https", "the web"},
	{"mailto", "a newsroom's or author's address in the text"},
}

// pageSchemes are the schemes a page address (the article's URL, its
// canonical URL, a <base href>) may have: a page lives on the web.
var pageSchemes = []struct{ scheme, why string }{
	{"http", "the web"},
	{"https", "the web"},
}

// imageDataTypes are the media types an inline data: image may have. Raster
// formats only: an SVG can carry script when it is opened as a document.
var imageDataTypes = []struct{ mediaType, why string }{
	{"image/png", "raster"},
	{"image/jpeg", "raster"},
	{"image/gif", "raster"},
	{"image/webp", "raster"},
	{"image/avif", "raster"},
}

// SafeLink returns raw when it may stand as a link in lede's output: a
// relative URL, or an absolute one with an http, https or mailto scheme.
// Anything else (javascript:, vbscript:, data:, file:, …) gives "".
func SafeLink(raw string) string {
	switch s := BrowserScheme(raw); {
	case s == "":
		return relativeOrEmpty(raw)
	case inSchemes(s, linkSchemes):
		return raw
	}
	return ""
}

// SafePage returns raw when it may be a page address (an Article's URL or
// canonical URL, a base for relative links): a relative URL or an http or
// https one.
func SafePage(raw string) string {
	switch s := BrowserScheme(raw); {
	case s == "":
		return relativeOrEmpty(raw)
	case inSchemes(s, pageSchemes):
		return raw
	}
	return ""
}

// SafeImage returns raw when it may be an image's source: a relative URL,
// an http or https one, or a data: URL of a raster image type.
func SafeImage(raw string) string {
	switch s := BrowserScheme(raw); {
	case s == "":
		return relativeOrEmpty(raw)
	case inSchemes(s, pageSchemes):
		return raw
	case s == "data":
		rest := strings.ToLower(browserForm(raw)[len("data:"):])
		for _, t := range imageDataTypes {
			if strings.HasPrefix(rest, t.mediaType) && len(rest) > len(t.mediaType) &&
				(rest[len(t.mediaType)] == ';' || rest[len(t.mediaType)] == ',') {
				return raw
			}
		}
	}
	return ""
}

// relativeOrEmpty returns a URL without a scheme, unless it is nothing but
// blanks and control characters, which no output needs.
func relativeOrEmpty(raw string) string {
	if browserForm(raw) == "" {
		return ""
	}
	return raw
}

// BrowserScheme is the scheme of raw as a browser's URL parser reads it
// (WHATWG URL, "scheme start" and "scheme" states), lower-cased, or "" for a
// relative URL. When a looser reading, with every blank and control
// character removed (as older or sloppier parsers do), finds a different
// scheme, that one is returned instead: "java script:" is no link either.
func BrowserScheme(raw string) string {
	s := browserForm(raw)
	if !hasBlankOrControl(s) {
		return schemeOf(s) // the loose reading is the same: no copy
	}
	if loose := schemeOf(strings.Map(func(r rune) rune {
		if r <= 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)); loose != "" {
		return loose
	}
	return schemeOf(s)
}

// hasBlankOrControl reports whether s holds a space, a control character or DEL.
func hasBlankOrControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= 0x20 || s[i] == 0x7f {
			return true
		}
	}
	return false
}

// schemeOf is the scheme s starts with, lower-cased, or "".
func schemeOf(s string) string {
	if s == "" || !isASCIILetter(s[0]) {
		return ""
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ':':
			return strings.ToLower(s[:i])
		case isASCIILetter(c), '0' <= c && c <= '9', c == '+', c == '-', c == '.':
		default:
			return ""
		}
	}
	return ""
}

// browserForm is raw as a browser starts parsing it: leading and trailing C0
// controls and spaces trimmed, tabs and newlines inside removed.
func browserForm(raw string) string {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= 0x20 })
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return -1
			}
			return r
		}, s)
	}
	return s
}

func inSchemes(scheme string, allowed []struct{ scheme, why string }) bool {
	for _, a := range allowed {
		if scheme == a.scheme {
			return true
		}
	}
	return false
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
