package extract

import (
	"context"
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"lede/article"
	"lede/extract/metadata"
)

// Bodies outside the visible page. Some pages show a teaser (a paywall, a
// "hidden" div a script reveals) while the whole story sits in data the page
// carries for machines: the JSON-LD articleBody, or the state a Next.js page
// hydrates from (the __NEXT_DATA__ script, or self.__next_f.push(…) chunks
// of a React Server Components payload, with the story as contentHtml). When
// such a body is much longer than the visible one, it is the story.

// Warnings the Article carries about its body.
const (
	warnBodyFromJSONLD     = "body from JSON-LD"
	warnBodyFromScriptData = "body from script data"
	warnPaywallTeaser      = "possible paywall teaser"
	warnDirectoryListing   = "directory listing, not an article"
)

// listingTitles open the titles of the file listings web servers generate
// for a directory without an index page: a list of file names, never a story.
var listingTitles = []struct{ prefix, why string }{
	{"Index of /", "Apache httpd, nginx autoindex, lighttpd"},
	{"Directory listing for /", "Python's http.server"},
	{"Directory Listing For /", "Tomcat"},
	{"Listing of /", "some embedded servers"},
}

// isDirectoryListing reports whether a page titled so is a server's
// generated directory listing.
func isDirectoryListing(title string) bool {
	title = strings.TrimSpace(title)
	for _, l := range listingTitles {
		if strings.HasPrefix(title, l.prefix) {
			return true
		}
	}
	return false
}

// Thresholds for taking a body from data.
const (
	// minDataBodyWords is the fewest words a body from data must have: a
	// shorter articleBody is a summary.
	minDataBodyWords = 80
	// visibleShare: the visible body is a teaser when it has fewer words
	// than this share of the data body's.
	visibleShare = 0.5
	// teaserWords is the most words a visible body may have and still be a
	// teaser, when the page says the story is not free.
	teaserWords = 250
	// maxTeaserBytes is a body's length in bytes above which it is surely
	// no teaser (teaserWords*2 words of ten bytes): its page data is not read.
	maxTeaserBytes = teaserWords * 2 * 10
	// maxScriptData bounds the script text read for a Next.js payload.
	maxScriptData = 8 << 20
	// maxDataDepth bounds the walk through decoded script data.
	maxDataDepth = 64
)

// scriptBodyKeys are the keys under which Next.js and similar sites keep a
// story's HTML in their page data, each with where it is seen.
var scriptBodyKeys = []struct{ key, why string }{
	{"contentHtml", "Next.js news sites (__NEXT_DATA__ and __next_f payloads)"},
	{"content_html", "the same in snake case (headless CMS APIs)"},
	{"bodyHtml", "headless CMS story objects"},
	{"body_html", "the same in snake case"},
	{"articleBody", "schema.org names reused in page data"},
}

// dataBody replaces a teaser body with the story's body from the page's data,
// and notes what it did in the Article's warnings.
func dataBody(ctx context.Context, doc *html.Node, meta *metadata.Result, opts Options, a *article.Article) {
	if opts.dataBody {
		return // already the body from data: no second level
	}
	// Byte lengths first: counting words runs only where a body from data
	// could win, not on every page.
	visibleBytes := bodyLength(a)
	visible := -1 // words, counted when needed
	visibleWords := func() int {
		if visible < 0 {
			visible = countBodyWords(a.Blocks)
		}
		return visible
	}
	take := func(src, warning string) bool {
		if ctx.Err() != nil || visibleBytes >= len(src) {
			return false
		}
		blocks := dataBlocks(ctx, src, opts)
		words := countBodyWords(blocks)
		if words < minDataBodyWords || float64(visibleWords()) >= visibleShare*float64(words) {
			return false
		}
		a.Blocks = blocks
		for i := range a.Images {
			a.Images[i].Position = min(a.Images[i].Position, len(blocks))
		}
		a.Warnings = append(a.Warnings, warning)
		return true
	}
	taken := meta.ArticleBody != "" && take(meta.ArticleBody, warnBodyFromJSONLD)
	if !taken && visibleBytes < maxTeaserBytes && visibleWords() < teaserWords*2 {
		if src := nextDataHTML(doc); src != "" {
			taken = take(src, warnBodyFromScriptData)
		}
	}
	if !taken && meta.Paywalled && visibleWords() < teaserWords {
		a.Warnings = append(a.Warnings, warnPaywallTeaser)
	}
}

// dataBlocks turns a body from data into blocks: HTML through the
// extractor, plain text by its blank lines (or lines, when it has none).
func dataBlocks(ctx context.Context, src string, opts Options) []article.Block {
	if looksLikeHTML(src) {
		inner := opts
		inner.dataBody = true
		b, err := FromHTML(ctx, "<html><body><article>"+src+"</article></body></html>", inner)
		if err != nil {
			return nil
		}
		return b.Blocks
	}
	parts := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n\n")
	if len(parts) == 1 {
		parts = strings.Split(parts[0], "\n")
	}
	var blocks []article.Block
	for _, p := range parts {
		if t := normalizeSpace(p); t != "" {
			blocks = append(blocks, article.Block{Kind: article.Paragraph, Text: t})
		}
	}
	return blocks
}

// looksLikeHTML reports whether a body from data is markup rather than text.
func looksLikeHTML(s string) bool {
	for _, tag := range []string{"<p>", "<p ", "<br", "<div", "<h2", "<ul", "</p>"} {
		if strings.Contains(s, tag) {
			return true
		}
	}
	return false
}

// countBodyWords counts the words (runs of non-space) of the blocks' text,
// without splitting it: it runs on every page.
func countBodyWords(blocks []article.Block) int {
	n := 0
	for _, b := range blocks {
		in := false
		for _, r := range b.Text {
			space := unicode.IsSpace(r)
			if !space && !in {
				n++
			}
			in = !space
		}
	}
	return n
}

// nextDataHTML returns the longest story HTML in the page's Next.js data:
// the __NEXT_DATA__ JSON, or the strings of the self.__next_f.push(…) calls
// joined in order (one value may be split across two calls).
func nextDataHTML(doc *html.Node) string {
	var rsc strings.Builder
	best := ""
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.DataAtom != atom.Script || n.FirstChild == nil || n.FirstChild.Type != html.TextNode {
			continue
		}
		text := n.FirstChild.Data
		if len(text) > maxScriptData {
			continue
		}
		switch {
		case attr(n, "id") == "__NEXT_DATA__":
			var v any
			if json.Unmarshal([]byte(text), &v) == nil {
				best = longer(best, longestBodyValue(v, 0))
			}
		case strings.Contains(text, "self.__next_f.push("):
			for _, chunk := range nextFlightChunks(text) {
				if rsc.Len()+len(chunk) <= maxScriptData {
					rsc.WriteString(chunk)
				}
			}
		}
	}
	return longer(best, bodyInPayload(rsc.String()))
}

func longer(a, b string) string {
	if len(b) > len(a) {
		return b
	}
	return a
}

// longestBodyValue walks decoded JSON for the longest string under one of
// scriptBodyKeys.
func longestBodyValue(v any, depth int) string {
	if depth > maxDataDepth {
		return ""
	}
	best := ""
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && isScriptBodyKey(k) {
				best = longer(best, s)
				continue
			}
			best = longer(best, longestBodyValue(e, depth+1))
		}
	case []any:
		for _, e := range x {
			best = longer(best, longestBodyValue(e, depth+1))
		}
	}
	return best
}

func isScriptBodyKey(k string) bool {
	for _, s := range scriptBodyKeys {
		if k == s.key {
			return true
		}
	}
	return false
}

// nextFlightChunks returns the string arguments of the
// self.__next_f.push([n, "…"]) calls in a script, decoded.
func nextFlightChunks(script string) []string {
	const call = "self.__next_f.push("
	var chunks []string
	for rest := script; ; {
		i := strings.Index(rest, call)
		if i < 0 {
			return chunks
		}
		rest = rest[i+len(call):]
		dec := json.NewDecoder(strings.NewReader(rest))
		var args []any
		if dec.Decode(&args) != nil {
			continue
		}
		for _, a := range args {
			if s, ok := a.(string); ok {
				chunks = append(chunks, s)
			}
		}
		rest = rest[dec.InputOffset():]
	}
}

// bodyInPayload finds the longest "key":"…" string under one of
// scriptBodyKeys in a React Server Components payload, decoded.
func bodyInPayload(payload string) string {
	best := ""
	for _, k := range scriptBodyKeys {
		marker := `"` + k.key + `":`
		for rest := payload; ; {
			i := strings.Index(rest, marker)
			if i < 0 {
				break
			}
			rest = strings.TrimLeft(rest[i+len(marker):], " ")
			if !strings.HasPrefix(rest, `"`) {
				continue
			}
			dec := json.NewDecoder(strings.NewReader(rest))
			var s string
			if dec.Decode(&s) == nil {
				best = longer(best, s)
				rest = rest[dec.InputOffset():]
			}
		}
	}
	return best
}
