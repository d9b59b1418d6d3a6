package analyze

import (
	"context"
	"strings"
	"testing"

	"lede/article"
)

// TestLanguageGate: analysis reads English only; another language gets a
// warning and no entities, quotes or events guessed from its words.
func TestLanguageGate(t *testing.T) {
	for _, c := range []struct {
		lang    string
		analyse bool
	}{{"", true}, {"en", true}, {"en-GB", true}, {"fr", false}, {"pt-BR", false}} {
		a := &article.Article{Language: c.lang, Blocks: []article.Block{{Kind: article.Paragraph,
			Text: `Police detained opposition politician Andranik Tevanyan, "we will resist," he said.`}}}
		if err := Article(context.Background(), a, Options{}); err != nil {
			t.Fatal(err)
		}
		got := len(a.Entities) > 0 && len(a.Events) > 0
		if got != c.analyse {
			t.Errorf("language %q: analysed %v, want %v (%d entities, %d events)", c.lang, got, c.analyse, len(a.Entities), len(a.Events))
		}
		if !c.analyse {
			if len(a.Quotes)+len(a.Sentences) != 0 || len(a.Warnings) != 1 || !strings.Contains(a.Warnings[0], "this text is "+c.lang) {
				t.Errorf("language %q: %d quotes, %d sentences, warnings %q", c.lang, len(a.Quotes), len(a.Sentences), a.Warnings)
			}
			// Analysing again does not repeat the warning.
			Article(context.Background(), a, Options{})
			if len(a.Warnings) != 1 {
				t.Errorf("language %q: warnings %q after a second analysis", c.lang, a.Warnings)
			}
		}
	}
}
