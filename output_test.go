package lede

import (
	"encoding/json"
	"testing"

	"lede/article"
)

// TestOutputJSON keeps the envelope's JSON as the command printed it when
// the input and the error lived in the Article: one flat object.
func TestOutputJSON(t *testing.T) {
	a := &article.Article{Title: "T", Blocks: []article.Block{{Kind: article.Paragraph, Text: "Body."}}}
	cases := []struct {
		name string
		out  Output
		want string
	}{
		{"article", Output{Input: "a.html", Article: a}, `{"input":"a.html","title":"T","blocks":[{"kind":"paragraph","text":"Body."}],"text":"Body."}`},
		{"failure", Output{Input: "b.html", Error: "boom"}, `{"input":"b.html","error":"boom"}`},
		{"no input", Output{Article: a}, `{"title":"T","blocks":[{"kind":"paragraph","text":"Body."}],"text":"Body."}`},
		{"article that still says its input", Output{Input: "c.html", Article: &article.Article{Input: "old", Title: "T", Blocks: []article.Block{}}},
			`{"input":"c.html","title":"T","blocks":[],"text":""}`},
	}
	for _, c := range cases {
		got, err := json.Marshal(c.out)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
		var back Output
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		if back.Input != c.out.Input || back.Error != c.out.Error || (back.Article == nil) != (c.out.Article == nil) {
			t.Errorf("%s: round trip gave %+v", c.name, back)
		}
	}
}
