package extract

import (
	"context"
	"strings"
	"testing"
)

// TestPromoLinesDropped guards against the site's appeals inside the story's
// container ending up in the body, while a paragraph that starts alike and
// goes on stays.
func TestPromoLinesDropped(t *testing.T) {
	promos := []string{
		"Got a story? Email news@example.com",
		"Follow us on Twitter and Facebook",
		"Support our journalism: donate today",
		"This content is blocked. Accept cookies to view the video.",
		"We may earn a commission when you buy through links on our site.",
		"Folgen Sie uns auf Instagram",
	}
	long := "Follow us on the long road, the mayor told the crowd, as the council voted to extend the library's hours for a year of evening shifts staffed by volunteers from the town's schools and churches, and the crowd cheered when the vote was read out at the end of a long evening."
	page := "<html><body><article><h1>Library hours</h1><p>" + storyWords + "</p>"
	for _, p := range promos {
		page += "<p>" + p + "</p>"
	}
	page += "<p>" + long + "</p></article></body></html>"
	a, err := FromHTML(context.Background(), page, Options{})
	if err != nil {
		t.Fatal(err)
	}
	body := a.Text()
	for _, p := range promos {
		if strings.Contains(body, p) {
			t.Errorf("promo line kept: %q", p)
		}
	}
	if !strings.Contains(body, "the long road") {
		t.Errorf("a long paragraph opening like a promo was dropped")
	}
}
