package story

import (
	"bytes"
	"strings"
	"testing"

	"lede/article"
)

func smallComparison() Comparison {
	base := versionOf("Fighters offered amnesty", "Armenian fighters who give up their arms will get an amnesty, an adviser told Reuters.",
		"His iron fist ended the idea of a separate Karabakh. <script>alert(1)</script>")
	base.SiteName, base.Published = "wire.example", "2023-09-22"
	v := versionOf("Separatists offered amnesty", "Armenian separatists who give up their arms will get an amnesty, an adviser has said.")
	v.SiteName, v.Published = "rewrite.example", "2023-09-22"
	v.Agency = "Reuters"
	return Compare(1, []Version{{ID: 1, URL: "https://wire.example/a", Article: base}, {ID: 2, URL: "https://rewrite.example/b", Article: v}})
}

// TestRenderHTMLEscapes guards the side-by-side page: every text escaped
// (a script in a source stays text), removals and additions marked.
func TestRenderHTMLEscapes(t *testing.T) {
	var b bytes.Buffer
	if err := RenderHTML(&b, smallComparison()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if strings.Contains(out, "<script>") {
		t.Error("a source's <script> is written as HTML")
	}
	for _, want := range []string{"&lt;script&gt;", "<del>fighters</del>", "<ins>separatists</ins>", `href="https://rewrite.example/b"`} {
		if !strings.Contains(out, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestRenderText guards the terminal view without colour: insertions and
// deletions marked in brackets, the summary on the version's line.
func TestRenderText(t *testing.T) {
	var b bytes.Buffer
	if err := RenderText(&b, smallComparison(), false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"[-fighters-] → {+separatists+}", "paragraph dropped", "base 1 (", "#2 rewrite.example"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes without a terminal")
	}
	var c bytes.Buffer
	if err := RenderText(&c, smallComparison(), true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.String(), colorDelete+"fighters"+colorReset) {
		t.Error("no colour on a terminal")
	}
}

// TestCompareBase guards the choice of base: the wire original when most
// versions credit its agency, else the version sharing most text.
func TestCompareBase(t *testing.T) {
	text := "Officials said the bridge over the river would reopen on Monday after repairs."
	mk := func(site, agency, extra string) *article.Article {
		a := versionOf("", text+extra)
		a.SiteName, a.Agency = site, agency
		return a
	}
	vs := []Version{
		{ID: 1, URL: "https://a.example/1", Article: mk("a.example", "Reuters", " Traffic was diverted.")},
		{ID: 2, URL: "https://www.reuters.com/x", Article: mk("Reuters", "", "")},
		{ID: 3, URL: "https://b.example/3", Article: mk("b.example", "Reuters", " Shops stayed shut.")},
	}
	if got := Compare(7, vs); got.Base != 2 || got.BaseWhy != "wire original" {
		t.Errorf("base %d (%s), want the Reuters original 2", got.Base, got.BaseWhy)
	}
	vs[1].URL, vs[1].Article.SiteName = "https://c.example/2", "c.example"
	if got := Compare(7, vs); got.BaseWhy != "shares the most text with the others" {
		t.Errorf("without a wire original the base is %d (%s)", got.Base, got.BaseWhy)
	}
}
