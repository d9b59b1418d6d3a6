package story

import (
	"fmt"
	"html/template"
	"io"
	"slices"
	"sort"
	"strings"
)

// Terminal colours for text output: deletions red, insertions green.
const (
	colorDelete = "\x1b[31m"
	colorInsert = "\x1b[32m"
	colorReset  = "\x1b[0m"
)

// RenderText writes a comparison for a person: each version's summary and
// its changes, deletions and insertions coloured when color is set (a
// terminal).
func RenderText(w io.Writer, cmp Comparison, color bool) error {
	del, ins := func(s string) string { return "[-" + s + "-]" }, func(s string) string { return "{+" + s + "+}" }
	if color {
		del = func(s string) string { return colorDelete + s + colorReset }
		ins = func(s string) string { return colorInsert + s + colorReset }
	}
	var b strings.Builder
	fmt.Fprintf(&b, "story %d: %d versions; base %d (%s)\n", cmp.ID, len(cmp.Versions), cmp.Base, cmp.BaseWhy)
	for _, v := range cmp.Versions {
		fmt.Fprintf(&b, "\n#%d %s %s %s\n", v.ID, orDash(v.SiteName), orDash(v.Published), v.URL)
		if v.Title != "" {
			fmt.Fprintf(&b, "  %s\n", oneLine(v.Title))
		}
		if v.IsBase {
			fmt.Fprintf(&b, "  (base)\n")
			continue
		}
		fmt.Fprintf(&b, "  %.0f%% of the base's words kept; %s\n", 100*v.Shared, v.Summary.Text)
		for _, c := range v.Changes {
			fmt.Fprintf(&b, "  %-7s %s ", c.Kind, where(c))
			switch c.Kind {
			case Delete:
				b.WriteString(del(oneLine(c.From)))
			case Insert:
				b.WriteString(ins(oneLine(c.To)))
			default:
				b.WriteString(del(oneLine(c.From)) + " → " + ins(oneLine(c.To)))
			}
			b.WriteByte('\n')
		}
	}
	if len(cmp.Quotes) > 0 {
		fmt.Fprintf(&b, "\nquotes:\n")
		for _, q := range cmp.Quotes {
			fmt.Fprintf(&b, "  %q — %s; %d outlets; first %s %s\n", oneLine(q.Text), orDash(q.Speaker), q.Outlets, orDash(q.First.SiteName), orDash(q.First.Published))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// RenderMarkdown writes a comparison as Markdown: a section per version
// with its summary and a list of changes (deleted ~~struck~~, inserted
// **bold**).
func RenderMarkdown(w io.Writer, cmp Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Story %d\n\n%d versions; base %d (%s).\n", cmp.ID, len(cmp.Versions), cmp.Base, cmp.BaseWhy)
	for _, v := range cmp.Versions {
		fmt.Fprintf(&b, "\n## %s — %s\n\n%s\n\n", mdEscape(orDash(v.SiteName)), mdEscape(orDash(v.Published)), mdEscape(v.URL))
		if v.IsBase {
			b.WriteString("The base.\n")
			continue
		}
		fmt.Fprintf(&b, "%.0f%% of the base's words kept; %s\n\n", 100*v.Shared, mdEscape(v.Summary.Text))
		for _, c := range v.Changes {
			fmt.Fprintf(&b, "- %s (%s): ", c.Kind, where(c))
			if c.From != "" {
				fmt.Fprintf(&b, "~~%s~~", mdEscape(oneLine(c.From)))
			}
			if c.From != "" && c.To != "" {
				b.WriteString(" → ")
			}
			if c.To != "" {
				fmt.Fprintf(&b, "**%s**", mdEscape(oneLine(c.To)))
			}
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;", "#", `\#`)
	return r.Replace(s)
}

func where(c Change) string {
	p := c.Paragraph
	if c.Kind == Delete || p < 0 && c.BaseParagraph >= -2 {
		p = c.BaseParagraph
	}
	if p == -2 {
		return "title"
	}
	return fmt.Sprintf("¶%d", p+1)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Piece is a run of a paragraph's text, marked when a change covers it.
type Piece struct {
	Text   string
	Marked bool
}

// SideBySideRow is one row of the side-by-side view: base paragraphs and
// the version's paragraphs aligned with them (either side may be empty;
// a base paragraph the version splits faces all its parts).
type SideBySideRow struct {
	Base, Version [][]Piece
}

// SideBySide is one version shown beside the base.
type SideBySide struct {
	Version VersionDiff
	Rows    []SideBySideRow
}

// SideBySideOf lays each non-base version beside the base, paragraph by
// paragraph, with what it removed marked on the left and what it added on
// the right. The web reader renders the same structure.
func SideBySideOf(cmp Comparison) []SideBySide {
	if len(cmp.Versions) == 0 {
		return nil
	}
	base := cmp.Versions[0]
	var out []SideBySide
	for _, v := range cmp.Versions[1:] {
		baseMarks, verMarks := map[int][][2]int{}, map[int][][2]int{}
		for _, c := range v.Changes {
			if c.From != "" && c.BaseParagraph >= 0 {
				baseMarks[c.BaseParagraph] = append(baseMarks[c.BaseParagraph], [2]int{c.BaseStart, c.BaseEnd})
			}
			if c.To != "" && c.Paragraph >= 0 {
				verMarks[c.Paragraph] = append(verMarks[c.Paragraph], [2]int{c.Start, c.End})
			}
		}
		var sb SideBySide
		sb.Version = v
		for _, r := range alignRows(len(base.paragraphs), v.from) {
			var row SideBySideRow
			for _, p := range r.base {
				row.Base = append(row.Base, pieces(base.paragraphs[p], baseMarks[p]))
			}
			for _, p := range r.version {
				row.Version = append(row.Version, pieces(v.paragraphs[p], verMarks[p]))
			}
			sb.Rows = append(sb.Rows, row)
		}
		out = append(out, sb)
	}
	return out
}

// rowOf is one row's paragraph indexes.
type rowOf struct{ base, version []int }

// alignRows lays out rows from each version paragraph's base paragraph:
// version paragraphs from one base paragraph share its row, base
// paragraphs nothing came from stand alone, in the base's order; a
// version paragraph from nowhere (or from a base paragraph already passed)
// joins the row it follows.
func alignRows(nBase int, from []int) []rowOf {
	var rows []rowOf
	next := 0 // the first base paragraph not yet laid out
	for p, b := range from {
		switch {
		case b >= next:
			for ; next < b; next++ {
				rows = append(rows, rowOf{base: []int{next}})
			}
			rows = append(rows, rowOf{base: []int{b}, version: []int{p}})
			next = b + 1
		case len(rows) > 0 && b >= 0 && slices.Contains(rows[len(rows)-1].base, b), b < 0 && len(rows) > 0 && len(rows[len(rows)-1].version) > 0:
			rows[len(rows)-1].version = append(rows[len(rows)-1].version, p)
		default:
			rows = append(rows, rowOf{version: []int{p}})
		}
	}
	for ; next < nBase; next++ {
		rows = append(rows, rowOf{base: []int{next}})
	}
	return rows
}

// pieces cuts text at the marked byte ranges.
func pieces(text string, marks [][2]int) []Piece {
	sort.Slice(marks, func(i, j int) bool { return marks[i][0] < marks[j][0] })
	var out []Piece
	pos := 0
	for _, m := range marks {
		s, e := max(m[0], pos), min(m[1], len(text))
		if s >= e {
			continue
		}
		if s > pos {
			out = append(out, Piece{Text: text[pos:s]})
		}
		out = append(out, Piece{Text: text[s:e], Marked: true})
		pos = e
	}
	if pos < len(text) {
		out = append(out, Piece{Text: text[pos:]})
	}
	return out
}

// comparisonTemplate shows each version beside the base. html/template
// escapes every text; no HTML of a source page is ever written.
var comparisonTemplate = template.Must(template.New("story").Funcs(template.FuncMap{"pct": func(f float64) float64 { return 100 * f }}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Story {{.Cmp.ID}}</title>
<style>
body{font-family:Georgia,serif;max-width:80rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}td{vertical-align:top;width:50%;padding:.4rem .6rem;border-top:1px solid #ddd}
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
th{text-align:left;font-family:sans-serif;font-size:.9rem}.summary{font-family:sans-serif;font-size:.9rem;color:#555}
</style></head><body>
{{template "comparison" .}}
</body></html>
{{define "comparison"}}<section class="story-comparison">
<h1>Story {{.Cmp.ID}}</h1>
<p class="summary">{{len .Cmp.Versions}} versions; base: article {{.Cmp.Base}} ({{.Cmp.BaseWhy}}).</p>
{{range .Sides}}<h2>{{if .Version.SiteName}}{{.Version.SiteName}}{{else}}{{.Version.URL}}{{end}} {{.Version.Published}}</h2>
<p class="summary">{{printf "%.0f" (pct .Version.Shared)}}% of the base's words kept; {{.Version.Summary.Text}}</p>
<table><tr><th>base</th><th><a href="{{.Version.URL}}">this version</a></th></tr>
{{range .Rows}}<tr><td>{{range .Base}}<p>{{range .}}{{if .Marked}}<del>{{.Text}}</del>{{else}}{{.Text}}{{end}}{{end}}</p>{{end}}</td><td>{{range .Version}}<p>{{range .}}{{if .Marked}}<ins>{{.Text}}</ins>{{else}}{{.Text}}{{end}}{{end}}</p>{{end}}</td></tr>
{{end}}</table>
{{end}}{{if .Cmp.Quotes}}<h2>Quotes</h2><ul>{{range .Cmp.Quotes}}<li>“{{.Text}}” — {{.Speaker}}; {{.Outlets}} outlets; first {{.First.SiteName}} {{.First.Published}}</li>{{end}}</ul>{{end}}
</section>{{end}}`))

// comparisonPage is the template's data.
type comparisonPage struct {
	Cmp   Comparison
	Sides []SideBySide
}

// RenderHTML writes a comparison as a page: every version beside the base,
// removals struck out on the left, additions marked on the right. The
// "comparison" template inside it is what the web reader embeds
// (ComparisonTemplate).
func RenderHTML(w io.Writer, cmp Comparison) error {
	return comparisonTemplate.Execute(w, comparisonPage{Cmp: cmp, Sides: SideBySideOf(cmp)})
}

// ComparisonTemplate returns the template set whose "comparison" template
// renders a comparison's section (data: the value ComparisonData returns),
// for a page of the web reader's own.
func ComparisonTemplate() *template.Template { return template.Must(comparisonTemplate.Clone()) }

// ComparisonData is the data the "comparison" template takes.
func ComparisonData(cmp Comparison) any { return comparisonPage{Cmp: cmp, Sides: SideBySideOf(cmp)} }
