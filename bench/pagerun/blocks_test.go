package pagerun

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestParagraphs(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"paragraphs", "<p>One  two.</p><p>Three\nfour.</p>", []string{"One two.", "Three four."}},
		{"inline stays", "<p>A <b>bold</b> <a href=x>link</a>.</p>", []string{"A bold link."}},
		{"list and heading", "<h2>Head</h2><ul><li>a</li><li>b</li></ul>", []string{"Head", "a", "b"}},
		{"br splits", "<p>line one<br>line two</p>", []string{"line one", "line two"}},
		{"scripts dropped", "<div>text<script>var x</script></div>", []string{"text"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := Paragraphs(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Paragraphs(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestLinesOf(t *testing.T) {
	got := LinesOf("  a \n\n b\n")
	if want := []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("LinesOf = %q, want %q", got, want)
	}
}
