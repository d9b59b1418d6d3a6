package extract

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// maxNesting is how deep the flattened re-parse keeps elements. x/net/html
// refuses trees with more than 512 open elements; real pages stay far below
// 256, so anything deeper is machine-made nesting with nothing to lose.
const maxNesting = 256

// parse parses the page that reader reads. When x/net/html refuses the page
// because it nests too deep, the page is flattened (start and end tags deeper
// than maxNesting are dropped, their text kept) and parsed again.
func parse(reader func() io.Reader) (*html.Node, error) {
	doc, err := html.Parse(reader())
	if err == nil {
		return doc, nil
	}
	flat := flatten(reader(), maxNesting)
	doc, err2 := html.Parse(strings.NewReader(flat))
	if err2 != nil {
		return nil, fmt.Errorf("parse html (flattened after %v): %w", err, err2)
	}
	return doc, nil
}

// voidElements never have an end tag, so they never nest.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "source": true,
	"track": true, "wbr": true, "param": true, "keygen": true,
}

// flatten re-serialises src with the tags of elements nested deeper than
// limit removed. It tracks nesting with its own stack of open tags: an end tag
// closes the nearest open element of the same name, like a forgiving parser.
func flatten(src io.Reader, limit int) string {
	type open struct {
		name    string
		dropped bool
	}
	var out strings.Builder
	var stack []open
	z := html.NewTokenizer(src)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				out.Write(z.Raw())
				continue
			}
			drop := len(stack) >= limit
			stack = append(stack, open{name: tag, dropped: drop})
			if !drop {
				out.Write(z.Raw())
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			at := -1
			for i := len(stack) - 1; i >= 0 && i >= len(stack)-limit; i-- {
				if stack[i].name == tag {
					at = i
					break
				}
			}
			if at < 0 {
				continue // stray end tag: nothing to close
			}
			dropped := stack[at].dropped
			stack = stack[:at]
			if !dropped {
				out.Write(z.Raw())
			}
		default:
			out.Write(z.Raw())
		}
	}
}
