package extract

import (
	"io"
	"strings"
	"unsafe"
)

// Script and style text nothing reads. Half the bytes of a typical news page
// are inline JavaScript and CSS, and the parser reads every one of them
// through its script states and copies each element's text into a node,
// only for extraction to skip the node. Before parsing, the page is scanned
// once for those elements (a search for '<', then a look at the tag, far
// cheaper than tokenising) and the parser is handed the page with their
// text left out: the elements stay, empty, so the tree keeps its shape.
//
// Kept whole are the scripts something reads: JSON data (JSON-LD for the
// metadata, __NEXT_DATA__ and other application/json state for
// scriptbody.go) and the self.__next_f.push(…) chunks of Next.js pages.
//
// The scan follows the tokenizer where it matters for finding those
// elements: comments, quoted attribute values and the text of <title>,
// <textarea> and the other raw-text elements are stepped over, so a
// "<script>" written inside them is not taken for a tag. Where the scan
// cannot be sure it sees what the parser will (a script that opens an HTML
// comment, whose end the parser finds by rules of its own; <plaintext>), it
// stops cutting and the rest of the page is parsed as it is.

// span is a half-open byte range [from, to) of a page.
type span struct{ from, to int }

// keptScripts are what, in a script's start tag or text, marks a script
// something reads, each with its reader.
var keptScripts = []struct {
	inTag, inText, why string
}{
	{inTag: "json", why: "JSON-LD (metadata) and application/json page state such as __NEXT_DATA__ (scriptbody.go)"},
	{inTag: "__next_data__", why: "Next.js page data, whatever its type says (scriptbody.go)"},
	{inText: "self.__next_f", why: "React Server Components chunks of Next.js pages (scriptbody.go)"},
}

// rawTextElements hold text the tokenizer does not read as markup: a
// "<script" inside them is text. script and style are cut; the others are
// stepped over.
var rawTextElements = []string{"script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"}

// unreadText returns the spans of src that are the text of script and style
// elements nothing reads, in order and not overlapping.
func unreadText(src string) []span {
	cuts := make([]span, 0, 64)
	// foreign counts the open <svg> and <math> elements the scan did not
	// cut: inside them <script> and <style> are markup, not raw text.
	foreign := 0
	i := 0
	for {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			return cuts
		}
		i += j
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return cuts
			}
			i += 4 + end + 3
			continue
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?' || rest[1] == '/'):
			// Doctypes, bogus comments and end tags end at the first '>'.
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return cuts
			}
			if foreign > 0 && rest[1] == '/' && (hasTagName(rest[2:], "svg") || hasTagName(rest[2:], "math")) {
				foreign--
			}
			i += end + 1
			continue
		case len(rest) < 2 || !isASCIILetter(rest[1]):
			i++
			continue
		}
		nameEnd := 1
		for nameEnd < len(rest) && !isTagNameEnd(rest[nameEnd]) {
			nameEnd++
		}
		name := rest[1:nameEnd]
		tagEnd, selfClosing := startTagEnd(rest, nameEnd)
		if tagEnd < 0 {
			return cuts
		}
		textStart := i + tagEnd
		i = textStart
		if (strings.EqualFold(name, "svg") || strings.EqualFold(name, "math")) && !selfClosing {
			if drawing, end := svgCuts(src, textStart); end >= 0 && strings.EqualFold(name, "svg") {
				cuts = append(cuts, drawing...)
				i = end
			} else {
				foreign++
			}
			continue
		}
		raw := rawTextName(name)
		if raw == "" || foreign > 0 {
			continue
		}
		if raw == "plaintext" {
			return cuts // the rest of the page is text
		}
		textEnd := endTagAt(src, textStart, raw)
		if textEnd < 0 {
			return cuts // never closed: the parser reads to the end
		}
		text := src[textStart:textEnd]
		if raw == "script" && strings.Contains(text, "<!--") && hasScriptTag(text) {
			// A doubly escaped script: "<!--" then "<script" moves its end
			// past the next "</script>", by rules this scan does not follow.
			// ("<!--" alone, common in old pages, leaves the end where it is.)
			return cuts
		}
		if (raw == "script" && !keptScript(rest[:tagEnd], text) || raw == "style") && textEnd > textStart {
			cuts = append(cuts, span{textStart, textEnd})
		}
		i = textEnd
	}
}

// svgElements are the element names an inline picture is drawn with. In
// an <svg>, any other tag may be HTML that the parser takes out of the
// picture (a <p>, a <div>), and <foreignObject> holds HTML, so the drawing
// of an <svg> with any other tag inside is not cut.
var svgElements = map[string]bool{
	"svg": true, "g": true, "path": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "rect": true, "defs": true, "use": true,
	"symbol": true, "title": true, "desc": true, "metadata": true, "lineargradient": true,
	"radialgradient": true, "stop": true, "clippath": true, "mask": true, "pattern": true,
	"filter": true, "text": true, "tspan": true, "textpath": true, "image": true,
	"marker": true, "style": true, "switch": true, "a": true, "animate": true,
	"animatetransform": true, "animatemotion": true, "set": true, "view": true,
}

// svgTextElements hold the text of a picture (its name, a label), which
// counts in the text of the elements around it: they are kept, the
// drawing between them cut.
var svgTextElements = map[string]bool{"title": true, "desc": true, "text": true}

// svgCuts returns the spans of the drawing inside the <svg> whose content
// starts at from, and the offset of the "</svg" that closes it; or -1 when
// the content holds anything but the elements of svgElements (fe… filter
// primitives included), holds text outside svgTextElements, or never ends.
func svgCuts(src string, from int) ([]span, int) {
	var cuts []span
	depth := 1
	keep := "" // the text element open, whose content stays
	cutFrom := from
	for i := from; ; {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 || keep == "" && !allSpace(src[i:i+j]) {
			return nil, -1
		}
		i += j
		rest := src[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return nil, -1
			}
			i += 4 + end + 3
			continue
		}
		closing := len(rest) > 1 && rest[1] == '/'
		start := 1
		if closing {
			start = 2
		}
		if len(rest) <= start || !isASCIILetter(rest[start]) {
			return nil, -1 // bogus comments and stray marks: left to the parser
		}
		nameEnd := start
		for nameEnd < len(rest) && !isTagNameEnd(rest[nameEnd]) {
			nameEnd++
		}
		name := lowerASCII(rest[start:nameEnd])
		if !svgElements[name] && !(strings.HasPrefix(name, "fe") && len(name) > 2) {
			return nil, -1
		}
		tagEnd, selfClosing := startTagEnd(rest, nameEnd)
		if tagEnd < 0 || name == "svg" && keep != "" {
			return nil, -1
		}
		switch {
		case keep == "" && !closing && !selfClosing && svgTextElements[name]:
			if i > cutFrom {
				cuts = append(cuts, span{cutFrom, i})
			}
			keep = name
		case keep != "" && closing && name == keep:
			keep = ""
			cutFrom = i + tagEnd
		case name == "svg" && closing:
			depth--
			if depth == 0 {
				if i > cutFrom {
					cuts = append(cuts, span{cutFrom, i})
				}
				return cuts, i
			}
		case name == "svg" && !selfClosing:
			depth++
		}
		i += tagEnd
	}
}

// keptScript reports whether the script whose start tag and text these are
// holds something lede reads.
func keptScript(tag, text string) bool {
	for _, k := range keptScripts {
		if k.inTag != "" && containsFold(tag, k.inTag) || k.inText != "" && strings.Contains(text, k.inText) {
			return true
		}
	}
	return false
}

// rawTextName is the lower-case name when name (any case) is a raw-text
// element or plaintext, else "".
func rawTextName(name string) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	switch name[0] | 0x20 {
	case 's', 't', 'x', 'i', 'n', 'p':
	default:
		return "" // most tags: a, div, span, li, meta, link…
	}
	for _, r := range rawTextElements {
		if strings.EqualFold(name, r) {
			return r
		}
	}
	if strings.EqualFold(name, "plaintext") {
		return "plaintext"
	}
	return ""
}

// startTagEnd is the offset just past the '>' that ends the start tag
// opening tag, whose name ends at from, or -1 when the page ends first, and
// whether the tag closes itself ("/>"). It follows the tokenizer's attribute
// states: a '>' inside a quoted value does not end the tag, and a '/' in an
// unquoted value is part of it.
func startTagEnd(tag string, from int) (end int, selfClosing bool) {
	unquoted := false // inside an unquoted attribute value
	for i := from; i < len(tag); {
		switch c := tag[i]; {
		case c == '>':
			return i + 1, i > from && tag[i-1] == '/' && !unquoted
		case c == '=' && !unquoted:
			i++
			for i < len(tag) && isSpace(tag[i]) {
				i++
			}
			if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
				end := strings.IndexByte(tag[i+1:], tag[i])
				if end < 0 {
					return -1, false
				}
				i += 1 + end + 1
				continue
			}
			unquoted = i < len(tag) && tag[i] != '>'
		case isSpace(c):
			unquoted = false
			i++
		default:
			i++
		}
	}
	return -1, false
}

// endTagAt is the offset of the "</name" (any case, followed by white
// space, '/' or '>') that ends the raw text starting at from, or -1.
func endTagAt(src string, from int, name string) int {
	for i := from; ; {
		j := strings.Index(src[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		after := i + 2 + len(name)
		if after < len(src) && strings.EqualFold(src[i+2:after], name) && isTagNameEnd(src[after]) {
			return i
		}
		i += 2
	}
}

// hasTagName reports whether s starts with the tag name name (any case)
// followed by white space, '/' or '>'.
func hasTagName(s, name string) bool {
	return len(s) > len(name) && strings.EqualFold(s[:len(name)], name) && isTagNameEnd(s[len(name)])
}

// hasScriptTag reports whether text holds "<script" (any case) followed by
// white space, '/' or '>'.
func hasScriptTag(text string) bool {
	for i := 0; ; {
		j := strings.IndexByte(text[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if after := i + len("script"); after < len(text) && strings.EqualFold(text[i:after], "script") && isTagNameEnd(text[after]) {
			return true
		}
	}
}

func allSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpace(s[i]) {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func isTagNameEnd(c byte) bool { return isSpace(c) || c == '/' || c == '>' }

// containsFold reports whether s contains the lower-case ASCII word sub in
// any case.
func containsFold(s, sub string) bool {
	first, upper := sub[0], sub[0]
	if 'a' <= first && first <= 'z' {
		upper = first - 'a' + 'A'
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if (s[i] == first || s[i] == upper) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// cutReader reads src without the spans cut, in order.
type cutReader struct {
	src  string
	cuts []span
	pos  int
}

func (r *cutReader) Read(p []byte) (int, error) {
	for len(r.cuts) > 0 && r.pos >= r.cuts[0].from {
		r.pos = max(r.pos, r.cuts[0].to)
		r.cuts = r.cuts[1:]
	}
	if r.pos >= len(r.src) {
		return 0, io.EOF
	}
	limit := len(r.src)
	if len(r.cuts) > 0 {
		limit = r.cuts[0].from
	}
	n := copy(p, r.src[r.pos:limit])
	r.pos += n
	return n, nil
}

// bytesView is b as a string without a copy, for reading only: the bytes
// must not change while the string is in use, and the string must not
// outlive the call that made it (FromHTMLBytes keeps no reference to its
// input).
func bytesView(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
