package article

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lede/internal/golden"
)

// sample has one block of every kind, images before, between and after the
// blocks (and one out of range), links good and bad, related links and
// quotes, with Markdown and HTML metacharacters in the text.
func sample() *Article {
	return &Article{
		Title: "Storm *hits* <coast>", Dek: "Thousands_evacuated", Language: "en",
		Authors: []string{"Ann Lee", "Bo Kim"}, SiteName: "Daily_Example", Published: "2024-06-25",
		Blocks: []Block{
			{Kind: Paragraph, Text: "Winds reached 200 km/h, officials said.",
				Links: []Link{{Start: 0, End: 5, URL: "https://example.com/winds"}, {Start: 3, End: 9, URL: "https://overlap"}, {Start: 30, End: 99, URL: "https://past-end"}}},
			{Kind: Heading, Level: 3, Text: "Damage"},
			{Kind: Heading, Level: 9, Text: "Odd level"},
			{Kind: List, Text: "roofs\ntrees", Items: []string{"roofs", "trees [fallen]"}},
			{Kind: List, Ordered: true, Text: "one\ntwo", Items: []string{"one", "two"}},
			{Kind: Blockquote, Text: "Stay inside.\nPlease."},
			{Kind: Pre, Text: "a < b"},
			{Kind: Pre, Text: "a fence: ```go"},
			{Kind: Table, Text: "x\ty\n1|2", Rows: [][]string{{"x", "y"}, {"1|2"}}},
		},
		Images: []Image{
			{URL: "https://example.com/a.jpg", Alt: "A", Caption: "The coast", Credit: "AP", Position: 0},
			{URL: "https://example.com/b.jpg", Position: 2},
			{URL: "https://example.com/c.jpg", Caption: "Late", Position: 99},
			{Caption: "No picture", Position: -4},
		},
		Related: []Related{{Title: "Earlier storm", URL: "https://example.com/earlier"}, {Title: "No link"}},
		Quotes: []Quote{
			{Kind: Direct, Text: "Stay inside", Cue: "said", Speaker: &Speaker{Name: "Ann Lee", Mention: "she", Entity: 0}},
			{Kind: Indirect, Text: "the roads are closed", Speaker: &Speaker{Mention: "police", Entity: -1}},
			{Kind: Partial, Text: "worst_ever"},
		},
	}
}

// TestRender compares each renderer's output on sample with its golden
// file; run with -update to rewrite them after an intended change.
func TestRender(t *testing.T) {
	renderers := []struct {
		file   string
		render func(*Article) string
	}{
		{"sample.txt", RenderText},
		{"sample.md", RenderMarkdown},
		{"sample.html", RenderHTML},
	}
	for _, r := range renderers {
		t.Run(r.file, func(t *testing.T) {
			golden.Check(t, filepath.Join("testdata", r.file), []byte(r.render(sample())))
		})
	}
}

// TestRenderEmpty checks that an empty article renders without panicking
// and without stray headings.
func TestRenderEmpty(t *testing.T) {
	a := &Article{}
	if got := RenderText(a); got != "\n" {
		t.Errorf("RenderText(empty) = %q", got)
	}
	if got := RenderMarkdown(a); got != "\n" {
		t.Errorf("RenderMarkdown(empty) = %q", got)
	}
	if got := RenderHTML(a); strings.Contains(got, "<h1>") || !strings.Contains(got, "<article>") {
		t.Errorf("RenderHTML(empty) = %q", got)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		blocks []Block
		want   string
	}{
		{nil, ""},
		{[]Block{{Text: "a"}}, "a"},
		{[]Block{{Text: "a"}, {Text: "b\nc"}}, "a\n\nb\nc"},
	}
	for _, tt := range tests {
		if got := (&Article{Blocks: tt.blocks}).Text(); got != tt.want {
			t.Errorf("Text(%v) = %q, want %q", tt.blocks, got, tt.want)
		}
	}
}

// TestJSON checks the JSON form: the derived "text" field is written, a
// round trip gives the article back, and a failed input writes only its
// input and error.
func TestJSON(t *testing.T) {
	a := sample()
	data, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	if fields["text"] != a.Text() {
		t.Errorf("text field = %q, want %q", fields["text"], a.Text())
	}
	var back Article
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, a) {
		t.Errorf("round trip changed the article:\n got %+v\nwant %+v", back, *a)
	}

	failed, err := json.Marshal(&Article{Input: "x.html", Title: "ignored", Error: "boom"})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"input":"x.html","error":"boom"}`; string(failed) != want {
		t.Errorf("failed input = %s, want %s", failed, want)
	}
}

// TestEventsRendered guards that events reach the text, Markdown and HTML
// outputs, escaped where the format needs it.
func TestEventsRendered(t *testing.T) {
	a := &Article{
		Title:  "T",
		Blocks: []Block{{Kind: Paragraph, Text: "Police detained <b>Ara</b>."}},
		Events: []Event{{
			Type:   "COERCE",
			Mode:   "arrest",
			Source: &Actor{Mention: "Police", Entity: -1, Sector: "COP"},
			Target: &Actor{Mention: "Ara", Name: "Ara Sargsyan", Entity: 1, Country: "ARM"},
			When:   &When{Text: "on Tuesday", Date: "2023-09-19"},
			Text:   "Police detained <b>Ara</b>",
		}},
	}
	want := `COERCE (arrest) Police [COP] → Ara Sargsyan [ARM] · on Tuesday 2023-09-19 · "Police detained <b>Ara</b>"`
	if got := a.Events[0].Line(); got != want {
		t.Errorf("Line() = %s\nwant      %s", got, want)
	}
	hypothetical := Event{Type: "COERCE", Mode: "arrest", Text: "Police detained Tevanyan",
		Source: &Actor{Mention: "Police", Entity: -1, Sector: "COP"},
		Target: &Actor{Mention: "opposition politician Andranik Tevanyan", Name: "Andranik Tevanyan", Entity: 3},
		Where:  &Location{Name: "Yerevan", Country: "ARM"},
		When:   &When{Text: "on Friday", Date: "2023-09-22"}, Hypothetical: true}
	want = `COERCE (arrest) — possible or future Police [COP] → Andranik Tevanyan · in Yerevan (ARM) · on Friday 2023-09-22 · "Police detained Tevanyan"`
	if got := hypothetical.Line(); got != want {
		t.Errorf("Line() = %s\nwant      %s", got, want)
	}
	for _, tc := range []struct {
		name, out, want string
	}{
		{"text", RenderText(a), "Events\n\n- COERCE (arrest)"},
		{"markdown", RenderMarkdown(a), "## Events\n\n- COERCE (arrest)"},
		{"html", RenderHTML(a), "&lt;b&gt;Ara&lt;/b&gt;"},
	} {
		if !strings.Contains(tc.out, tc.want) {
			t.Errorf("%s output lacks %q:\n%s", tc.name, tc.want, tc.out)
		}
	}
}
