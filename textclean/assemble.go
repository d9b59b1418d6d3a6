package textclean

import (
	"strings"

	"lede/article"
)

// assemble turns the classified lines into the Article. Paragraph lines of
// one group (no blank line between them) make one block, joined by "\n" as
// they stood; everything set aside keeps its place through Image.Position.
func assemble(lines []line, start, end int) *article.Article {
	a := &article.Article{Blocks: []article.Block{}}
	for i := range lines {
		switch l := &lines[i]; l.kind {
		case kindTitle:
			a.Title = l.text
		case kindDek:
			a.Dek = l.text
		}
	}
	a.Authors = authors(lines, start, end)
	for i := start; i < min(len(lines), end+signOffReach); i++ {
		if lines[i].kind == kindAgency {
			a.Agency = lines[i].agency
		}
	}
	images := map[string]int{} // caption or credit key → index in a.Images
	related := map[string]bool{}
	lastParagraph := -1 // line index of the line that ended the last paragraph block
	for i := start; i < end; i++ {
		l := &lines[i]
		if j := listRunEnd(lines, i, end); j-i >= listRunMin {
			a.Blocks = append(a.Blocks, listBlock(lines[i:j]))
			i = j - 1
			continue
		}
		switch l.kind {
		case kindParagraph:
			if n := len(a.Blocks); n > 0 && lastParagraph == i-1 && lines[i-1].group == l.group {
				a.Blocks[n-1].Text += "\n" + l.text
			} else {
				a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: l.text})
			}
			lastParagraph = i
		case kindHeading:
			a.Blocks = append(a.Blocks, article.Block{Kind: article.Heading, Text: l.text, Level: headingLevel(l.text)})
		case kindCaption:
			key := "caption " + lineKey(l.caption)
			if j, ok := images[key]; ok {
				if a.Images[j].Credit == "" {
					a.Images[j].Credit = l.credit
				}
				continue
			}
			images[key] = len(a.Images)
			a.Images = append(a.Images, article.Image{Caption: l.caption, Credit: l.credit, Position: len(a.Blocks)})
		case kindCredit:
			key := "credit " + l.key
			if _, ok := images[key]; ok || l.attached {
				continue
			}
			images[key] = len(a.Images)
			a.Images = append(a.Images, article.Image{Credit: l.credit, Position: len(a.Blocks)})
		case kindTeaser:
			title := l.text
			if l.caption != "" {
				title = l.caption
			}
			if k := lineKey(title); !related[k] {
				related[k] = true
				a.Related = append(a.Related, article.Related{Title: title})
			}
		}
	}
	return a
}

// listBlock makes one List block of a run of item lines.
func listBlock(items []line) article.Block {
	b := article.Block{Kind: article.List, Ordered: items[0].ordered}
	for i := range items {
		b.Items = append(b.Items, listItemText(&items[i]))
	}
	b.Text = strings.Join(b.Items, "\n")
	return b
}

// bylineReach is how many lines above the main region a byline is still the
// story's.
const bylineReach = 20

// authors are the names of the bylines in the main region [start, end) and
// the bylineReach lines above it, each once, in order of appearance.
func authors(lines []line, start, end int) []string {
	var names []string
	seen := map[string]bool{}
	for i := max(0, start-bylineReach); i < end; i++ {
		if lines[i].kind != kindByline {
			continue
		}
		for _, n := range bylineNames(lines[i].text) {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	return names
}
