package pagerun

import (
	"strings"

	"golang.org/x/net/html"
)

// blockTags are the elements a browser starts on a new line: their
// boundaries are paragraph boundaries for extractors that return a tree
// (go-trafilatura's plain text runs paragraphs together with spaces).
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "aside": true,
	"header": true, "footer": true, "nav": true, "figure": true, "figcaption": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "pre": true, "table": true, "tr": true, "td": true, "th": true,
	"caption": true, "hr": true, "br": true, "address": true, "details": true, "summary": true,
}

// Paragraphs renders a tree as its blocks' texts, white space made single
// spaces, in document order. The walk keeps its own stack, so no page can
// make it recurse deeply.
func Paragraphs(root *html.Node) []string {
	if root == nil {
		return nil
	}
	var b strings.Builder
	type step struct {
		n     *html.Node
		leave bool
	}
	stack := []step{{n: root}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := s.n
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if s.leave {
			if block {
				b.WriteByte('\n')
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			// A line break in the source is a space on the page.
			b.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
			continue
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				continue
			}
		}
		if block {
			b.WriteByte('\n')
		}
		stack = append(stack, step{n: n, leave: true})
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, step{n: c})
		}
	}
	var out []string
	for _, line := range strings.Split(b.String(), "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			out = append(out, line)
		}
	}
	return out
}
