package article

import (
	"fmt"
	"html"
	"strings"
	"unicode/utf8"
)

// RenderText writes the article for a reader in a terminal: title, dek,
// byline and date, body, then images, related links and, after analysis,
// quotes. Control characters from the page are left out (StripControls), so
// a page cannot move the cursor, retitle the window or rewrite the screen.
func RenderText(a *Article) string {
	var b strings.Builder
	line := func(s string) {
		if s != "" {
			b.WriteString(s)
			b.WriteString("\n\n")
		}
	}
	line(a.Title)
	line(a.Dek)
	line(byline(a))
	for _, bl := range a.Blocks {
		switch bl.Kind {
		case List:
			for _, it := range bl.Items {
				b.WriteString("- " + it + "\n")
			}
			b.WriteString("\n")
		case Blockquote:
			line("> " + strings.ReplaceAll(bl.Text, "\n", "\n> "))
		default:
			line(bl.Text)
		}
	}
	if len(a.Images) > 0 {
		b.WriteString("Images:\n")
		for _, im := range a.Images {
			b.WriteString("- " + imageLine(im) + "\n")
		}
		b.WriteString("\n")
	}
	if len(a.Related) > 0 {
		b.WriteString("Related:\n")
		for _, r := range a.Related {
			b.WriteString("- " + r.Title)
			if u := SafeLink(r.URL); u != "" {
				b.WriteString(" <" + u + ">")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	writeQuotes(&b, a, "")
	writeEvents(&b, a, "")
	return StripControls(strings.TrimRight(b.String(), "\n")) + "\n"
}

// RenderMarkdown writes the article as Markdown, keeping inline links whose
// scheme is allowed (SafeLink), without control characters.
func RenderMarkdown(a *Article) string {
	var b strings.Builder
	if a.Title != "" {
		b.WriteString("# " + mdEscape(a.Title) + "\n\n")
	}
	if a.Dek != "" {
		b.WriteString("*" + mdEscape(a.Dek) + "*\n\n")
	}
	if s := byline(a); s != "" {
		b.WriteString(mdEscape(s) + "\n\n")
	}
	walkBody(a, func(im Image) { b.WriteString(mdImage(im)) }, func(bl Block) {
		switch bl.Kind {
		case Heading:
			b.WriteString(strings.Repeat("#", headingLevel(bl)) + " " + mdInline(bl) + "\n\n")
		case List:
			for j, it := range bl.Items {
				if bl.Ordered {
					fmt.Fprintf(&b, "%d. %s\n", j+1, mdEscape(it))
				} else {
					b.WriteString("- " + mdEscape(it) + "\n")
				}
			}
			b.WriteString("\n")
		case Blockquote:
			b.WriteString("> " + strings.ReplaceAll(mdInline(bl), "\n", "\n> ") + "\n\n")
		case Pre:
			fence := codeFence(bl.Text)
			b.WriteString(fence + "\n" + bl.Text + "\n" + fence + "\n\n")
		case Table:
			writeMarkdownTable(&b, bl.Rows)
		default:
			b.WriteString(mdInline(bl) + "\n\n")
		}
	})
	if len(a.Related) > 0 {
		b.WriteString("## Related\n\n")
		for _, r := range a.Related {
			if u := SafeLink(r.URL); u != "" {
				b.WriteString("- [" + mdEscape(r.Title) + "](" + mdLinkTarget(u) + ")\n")
			} else {
				b.WriteString("- " + mdEscape(r.Title) + "\n")
			}
		}
		b.WriteString("\n")
	}
	writeQuotes(&b, a, "## ")
	writeEvents(&b, a, "## ")
	return StripControls(strings.TrimRight(b.String(), "\n")) + "\n"
}

// RenderHTML writes the article as a small standalone HTML document: text and
// attributes escaped, only allowed URLs (SafeLink, SafeImage), no control
// characters.
func RenderHTML(a *Article) string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString("<!DOCTYPE html>\n<html")
	if a.Language != "" {
		b.WriteString(` lang="` + esc(a.Language) + `"`)
	}
	b.WriteString(">\n<head><meta charset=\"utf-8\"><title>" + esc(a.Title) + "</title></head>\n<body>\n<article>\n")
	if a.Title != "" {
		b.WriteString("<h1>" + esc(a.Title) + "</h1>\n")
	}
	if a.Dek != "" {
		b.WriteString("<p class=\"dek\"><em>" + esc(a.Dek) + "</em></p>\n")
	}
	if s := byline(a); s != "" {
		b.WriteString("<p class=\"byline\">" + esc(s) + "</p>\n")
	}
	walkBody(a, func(im Image) { b.WriteString(htmlFigure(im)) }, func(bl Block) {
		switch bl.Kind {
		case Heading:
			lvl := headingLevel(bl)
			fmt.Fprintf(&b, "<h%d>%s</h%d>\n", lvl, htmlInline(bl), lvl)
		case List:
			tag := "ul"
			if bl.Ordered {
				tag = "ol"
			}
			b.WriteString("<" + tag + ">\n")
			for _, it := range bl.Items {
				b.WriteString("<li>" + esc(it) + "</li>\n")
			}
			b.WriteString("</" + tag + ">\n")
		case Blockquote:
			b.WriteString("<blockquote><p>" + strings.ReplaceAll(htmlInline(bl), "\n", "<br>") + "</p></blockquote>\n")
		case Pre:
			b.WriteString("<pre>" + esc(bl.Text) + "</pre>\n")
		case Table:
			b.WriteString("<table>\n")
			for _, row := range bl.Rows {
				b.WriteString("<tr>")
				for _, c := range row {
					b.WriteString("<td>" + esc(c) + "</td>")
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		default:
			b.WriteString("<p>" + htmlInline(bl) + "</p>\n")
		}
	})
	b.WriteString("</article>\n")
	writeHTMLQuotes(&b, a)
	if len(a.Events) > 0 {
		b.WriteString("<section class=\"events\"><h2>Events</h2>\n<ul>\n")
		for _, e := range a.Events {
			b.WriteString("<li>" + html.EscapeString(e.Line()) + "</li>\n")
		}
		b.WriteString("</ul></section>\n")
	}
	if len(a.Related) > 0 {
		b.WriteString("<aside class=\"related\"><h2>Related</h2>\n<ul>\n")
		for _, r := range a.Related {
			if u := SafeLink(r.URL); u != "" {
				b.WriteString(`<li><a href="` + esc(u) + `">` + esc(r.Title) + "</a></li>\n")
			} else {
				b.WriteString("<li>" + esc(r.Title) + "</li>\n")
			}
		}
		b.WriteString("</ul></aside>\n")
	}
	b.WriteString("</body>\n</html>\n")
	return StripControls(b.String())
}

// byline is the line under the title: authors, site and publication date.
func byline(a *Article) string {
	var parts []string
	if len(a.Authors) > 0 {
		parts = append(parts, "By "+strings.Join(a.Authors, ", "))
	}
	if a.SiteName != "" {
		parts = append(parts, a.SiteName)
	}
	if a.Published != "" {
		parts = append(parts, a.Published)
	}
	return strings.Join(parts, " · ")
}

// imageLine is an image as one line of plain text: its address, then its caption.
func imageLine(im Image) string {
	return strings.TrimSpace(SafeImage(im.URL) + " " + captionLine(im))
}

// captionLine is an image's caption followed by its credit in parentheses.
func captionLine(im Image) string {
	if im.Credit == "" {
		return strings.TrimSpace(im.Caption)
	}
	return strings.TrimSpace(im.Caption + " (" + im.Credit + ")")
}

// walkBody visits the body in reading order: before each block the images
// whose Position puts them there, and after the last block the rest.
// Positions out of range are clamped, so no image is lost.
func walkBody(a *Article, image func(Image), block func(Block)) {
	at := make(map[int][]Image, len(a.Images))
	for _, im := range a.Images {
		p := min(max(im.Position, 0), len(a.Blocks))
		at[p] = append(at[p], im)
	}
	for i, bl := range a.Blocks {
		for _, im := range at[i] {
			image(im)
		}
		block(bl)
	}
	for _, im := range at[len(a.Blocks)] {
		image(im)
	}
}

// headingLevel is the level a body heading is rendered at: the title is the
// one level-1 heading, so 1 and anything out of range become 2.
func headingLevel(bl Block) int {
	if bl.Level < 2 || bl.Level > 6 {
		return 2
	}
	return bl.Level
}

// writeQuotes lists the attributed statements under a "Quotes" heading;
// heading is the Markdown heading mark ("## "), or "" for plain text, in
// which case nothing is escaped.
func writeQuotes(b *strings.Builder, a *Article, heading string) {
	if len(a.Quotes) == 0 {
		return
	}
	b.WriteString(heading + "Quotes\n\n")
	for _, q := range a.Quotes {
		who, text := speakerLabel(q), q.Text
		if q.Kind != Indirect {
			text = "“" + text + "”"
		}
		if heading != "" {
			who, text = mdEscape(who), mdEscape(text)
		}
		fmt.Fprintf(b, "- %s (%s): %s\n", who, quoteHow(q), text)
	}
	b.WriteString("\n")
}

// writeHTMLQuotes lists the quotes after the article, as writeQuotes does
// for text and Markdown.
func writeHTMLQuotes(b *strings.Builder, a *Article) {
	if len(a.Quotes) == 0 {
		return
	}
	esc := html.EscapeString
	b.WriteString("<section class=\"quotes\"><h2>Quotes</h2>\n<ul>\n")
	for _, q := range a.Quotes {
		text := esc(q.Text)
		if q.Kind != Indirect {
			text = "<q>" + text + "</q>"
		}
		fmt.Fprintf(b, "<li><b>%s</b> (%s): %s</li>\n", esc(speakerLabel(q)), esc(quoteHow(q)), text)
	}
	b.WriteString("</ul></section>\n")
}

// speakerLabel names who a quote is attributed to, with the words the text
// used when they differ from the resolved name: "Hikmet Hajiyev [he]".
func speakerLabel(q Quote) string {
	if q.Speaker == nil {
		return "(unknown)"
	}
	switch s := q.Speaker; {
	case s.Name != "" && s.Mention != "" && s.Mention != s.Name:
		return s.Name + " [" + s.Mention + "]"
	case s.Name != "":
		return s.Name
	case s.Mention != "":
		return s.Mention
	}
	return "(unknown)"
}

// quoteHow is a quote's kind and cue: "direct, said".
func quoteHow(q Quote) string {
	if q.Cue == "" {
		return string(q.Kind)
	}
	return string(q.Kind) + ", " + q.Cue
}

// codeFence returns a Markdown fence longer than any run of backticks in
// text, so a preformatted block that holds ``` cannot close itself early.
func codeFence(text string) string {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	return fence
}

// mdEscaper backslash-escapes the characters that start Markdown syntax.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "`", "\\`", "<", `\<`)

// mdEscape keeps characters that start Markdown syntax from changing the text.
func mdEscape(s string) string { return mdEscaper.Replace(s) }

func mdInline(bl Block) string {
	return inline(bl, mdEscape, func(text, url string) string { return "[" + text + "](" + mdLinkTarget(url) + ")" })
}

// mdTargetEscaper keeps a link target inside its parentheses: CommonMark ends
// a destination at a space, a line break or an unbalanced parenthesis, and
// reads < > and backslashes; spaces and breaks are percent-encoded, the rest
// backslash-escaped.
var mdTargetEscaper = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`, "<", `\<`, ">", `\>`,
	" ", "%20", "\n", "%0A", "\r", "%0D", "\t", "%09")

// mdLinkTarget is a link or image address as a Markdown link destination.
func mdLinkTarget(url string) string { return mdTargetEscaper.Replace(url) }

func htmlInline(bl Block) string {
	return inline(bl, html.EscapeString, func(text, url string) string {
		return `<a href="` + html.EscapeString(url) + `">` + text + "</a>"
	})
}

// inline renders a block's text with its links; links that overlap or fall
// outside the text are dropped rather than corrupting it, and so are links
// whose scheme is not allowed (SafeLink): their text stays.
func inline(bl Block, esc func(string) string, link func(text, url string) string) string {
	var b strings.Builder
	pos := 0
	for _, l := range bl.Links {
		if l.Start < pos || l.End > len(bl.Text) || l.Start >= l.End || SafeLink(l.URL) == "" {
			continue
		}
		b.WriteString(esc(bl.Text[pos:l.Start]))
		b.WriteString(link(esc(bl.Text[l.Start:l.End]), l.URL))
		pos = l.End
	}
	b.WriteString(esc(bl.Text[pos:]))
	return b.String()
}

// mdImage writes an image and, in italics under it, its caption. An image
// known only by its caption (no address) is written as the caption alone.
func mdImage(im Image) string {
	s := ""
	if u := SafeImage(im.URL); u != "" {
		s = "![" + mdEscape(im.Alt) + "](" + mdLinkTarget(u) + ")\n"
	}
	if c := captionLine(im); c != "" {
		s += "*" + mdEscape(c) + "*\n"
	}
	if s == "" {
		return ""
	}
	return s + "\n"
}

func htmlFigure(im Image) string {
	esc := html.EscapeString
	s := "<figure>"
	if u := SafeImage(im.URL); u != "" {
		s += `<img src="` + esc(u) + `" alt="` + esc(im.Alt) + `">`
	}
	if c := captionLine(im); c != "" {
		s += "<figcaption>" + esc(c) + "</figcaption>"
	}
	return s + "</figure>\n"
}

func writeMarkdownTable(b *strings.Builder, rows [][]string) {
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	cell := func(s string) string { return strings.ReplaceAll(mdEscape(s), "|", `\|`) }
	for i, r := range rows {
		b.WriteString("|")
		for j := 0; j < width; j++ {
			c := ""
			if j < len(r) {
				c = r[j]
			}
			b.WriteString(" " + cell(c) + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
	b.WriteString("\n")
}

// StripControls removes what a terminal would act on instead of print:
// escape sequences (CSI, OSC and the other ESC forms) and every other C0 and
// C1 control character and DEL, keeping newlines and tabs. Invalid UTF-8 is
// left to the terminal, which shows it as a replacement character.
func StripControls(s string) string {
	clean := true
	for _, r := range s {
		if isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLength(s[i:])
			continue
		case r == 0x9b || r == 0x9d: // C1 CSI and OSC: their parameters go too
			i += size + sequenceBody(s[i+size:], r == 0x9d)
			continue
		case isControl(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isControl reports whether r is a C0 or C1 control or DEL other than a
// newline or a tab.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\n' && r != '\t') || (r >= 0x7f && r <= 0x9f)
}

// escapeLength is the length of the escape sequence at the start of s, which
// starts with ESC: CSI (ESC [) and OSC (ESC ]) with their bodies, or ESC and
// the one character after it.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		return 2 + sequenceBody(s[2:], false)
	case ']', 'P', '_', '^': // OSC, DCS, APC, PM: strings up to the terminator
		return 2 + sequenceBody(s[2:], true)
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

// sequenceBody is the length of a control sequence's body: for CSI, the
// parameter and intermediate bytes and the final byte; for a string
// sequence, everything up to and including BEL or ESC \ (or the end).
func sequenceBody(s string, str bool) int {
	if str {
		for i := 0; i < len(s); i++ {
			switch {
			case s[i] == 0x07:
				return i + 1
			case s[i] == 0x1b:
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2
				}
				return i + 1
			}
		}
		return len(s)
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x40 && c <= 0x7e:
			return i + 1 // the final byte
		case c < 0x20 || c > 0x7e:
			return i // not a CSI byte: the sequence ends here
		}
	}
	return len(s)
}
