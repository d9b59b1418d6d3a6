package evaluate

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// invisible are elements whose content a reader never sees as text.
var invisible = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Title: true, atom.Svg: true, atom.Math: true, atom.Iframe: true, atom.Object: true,
}

// blockBreaks are elements that start a new block of text in a browser's
// rendering, so a scraper that keeps "all visible text" puts a break there.
var blockBreaks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Br: true, atom.Dd: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true,
	atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Td: true, atom.Th: true, atom.Tr: true, atom.Ul: true, atom.Body: true,
	atom.Caption: true, atom.Option: true, atom.Button: true, atom.Label: true,
}

// NaiveText renders a page as a scraper without extraction stores it: every
// visible text, blocks separated by one blank line, whitespace folded inside a
// block, scripts and styles dropped. It is the input of the scraped-text
// evaluations: what text mode must clean up.
func NaiveText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var out, cur strings.Builder
	skip := 0 // depth inside invisible elements
	flush := func() {
		t := strings.Join(strings.Fields(cur.String()), " ")
		cur.Reset()
		if t == "" {
			return
		}
		if out.Len() > 0 {
			out.WriteString("\n\n")
		}
		out.WriteString(t)
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out.String()
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if invisible[a] {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			// Inline elements join their text as a browser does.
			if blockBreaks[a] {
				flush()
			}
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		}
	}
}
