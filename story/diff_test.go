package story

import (
	"strings"
	"testing"

	"lede/article"
)

func versionOf(title string, paragraphs ...string) *article.Article {
	a := &article.Article{Title: title}
	for _, p := range paragraphs {
		a.Blocks = append(a.Blocks, article.Block{Kind: article.Paragraph, Text: p})
	}
	return a
}

// TestDiffTexts lists, for small made-up versions, the changes each must
// show: local replaces of a few words, a dropped sentence, an added
// paragraph, a moved passage, and nothing for a copy that only differs in
// quote marks and spacing.
func TestDiffTexts(t *testing.T) {
	base := versionOf("Rebels offered amnesty",
		"The government offered an amnesty to rebel fighters who lay down their arms, an adviser told the agency.",
		"The president said on Monday that his iron fist had ended the war. Talks begin on Friday.",
		"\"We are envisaging an amnesty,\" the adviser said.")
	tests := []struct {
		name    string
		version *article.Article
		want    []Change // kind, from, to only
	}{
		{
			name: "words substituted and attribution changed",
			version: versionOf("Rebels offered amnesty",
				"The government offered an amnesty to rebel separatists who lay down their arms, an adviser has said.",
				"The president said on Monday that his iron fist had ended the war. Talks begin on Friday.",
				"\"We are envisaging an amnesty,\" the adviser said."),
			want: []Change{{Kind: Replace, From: "fighters", To: "separatists"}, {Kind: Replace, From: "told the agency", To: "has said"}},
		},
		{
			name: "sentence dropped",
			version: versionOf("Rebels offered amnesty",
				"The government offered an amnesty to rebel fighters who lay down their arms, an adviser told the agency.",
				"Talks begin on Friday.",
				"\"We are envisaging an amnesty,\" the adviser said."),
			want: []Change{{Kind: Delete, From: "The president said on Monday that his iron fist had ended the war."}},
		},
		{
			name: "paragraph added",
			version: versionOf("Rebels offered amnesty",
				"The government offered an amnesty to rebel fighters who lay down their arms, an adviser told the agency.",
				"The president said on Monday that his iron fist had ended the war. Talks begin on Friday.",
				"Thousands have fled the region since the offensive began last week.",
				"\"We are envisaging an amnesty,\" the adviser said."),
			want: []Change{{Kind: Insert, To: "Thousands have fled the region since the offensive began last week."}},
		},
		{
			name: "passage moved",
			version: versionOf("Rebels offered amnesty",
				"\"We are envisaging an amnesty,\" the adviser said.",
				"The government offered an amnesty to rebel fighters who lay down their arms, an adviser told the agency.",
				"The president said on Monday that his iron fist had ended the war. Talks begin on Friday."),
			want: []Change{{Kind: Move, From: "\"We are envisaging an amnesty,\" the adviser said.", To: "\"We are envisaging an amnesty,\" the adviser said."}},
		},
		{
			name: "same words, other quote marks and spacing",
			version: versionOf("Rebels offered amnesty",
				"The government offered an amnesty to rebel fighters who lay down their arms,  an adviser told the agency.",
				"The president said on Monday that his iron fist had ended the war. Talks begin on Friday.",
				"“We are envisaging an amnesty,” the adviser said."),
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			changes, _ := diffTexts(newDocText(base), newDocText(tt.version))
			var got []Change
			for _, c := range changes {
				got = append(got, Change{Kind: c.Kind, From: c.From, To: c.To})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("changes %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("change %d: %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestChangePositions guards that a change's offsets point at its words
// in both texts.
func TestChangePositions(t *testing.T) {
	base := versionOf("", "Armenian fighters gave up their arms on Friday.")
	v := versionOf("", "Armenian separatists gave up their arms on Friday.")
	changes, shared := diffTexts(newDocText(base), newDocText(v))
	if len(changes) != 1 {
		t.Fatalf("changes %+v, want one", changes)
	}
	c := changes[0]
	if got := base.Blocks[c.BaseParagraph].Text[c.BaseStart:c.BaseEnd]; got != "fighters" {
		t.Errorf("base offsets point at %q", got)
	}
	if got := v.Blocks[c.Paragraph].Text[c.Start:c.End]; got != "separatists" {
		t.Errorf("version offsets point at %q", got)
	}
	if shared < 0.8 || shared >= 1 {
		t.Errorf("shared %.2f, want most but not all of the base", shared)
	}
}

// TestLongRewriteStaysLocal guards "never the whole text as one change":
// a version with every sentence rewritten lists sentences, not one block.
func TestLongRewriteStaysLocal(t *testing.T) {
	var bp, vp []string
	for i := 0; i < 6; i++ {
		bp = append(bp, strings.Repeat("alpha beta gamma delta epsilon. ", 5))
		vp = append(vp, strings.Repeat("one two three four five. ", 5))
	}
	changes, _ := diffTexts(newDocText(versionOf("", strings.Join(bp, " "))), newDocText(versionOf("", strings.Join(vp, " "))))
	if len(changes) < 2 {
		t.Fatalf("%d changes for a full rewrite", len(changes))
	}
	for _, c := range changes {
		if n := max(len(strings.Fields(c.From)), len(strings.Fields(c.To))); n > localWords {
			t.Errorf("a change of %d words: %+v", n, c)
		}
	}
}
