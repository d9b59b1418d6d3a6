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

// TestLinkedListOfNamesKept guards a story's list of linked places, all
// links yet content: it used to go, as a box of teasers does.
func TestLinkedListOfNamesKept(t *testing.T) {
	page := "<html><body><article><h1>Floods</h1><p>" + storyWords + "</p><p>The towns hit hardest:</p><ul>" +
		`<li><a href="/t/ahrweiler">Bad Neuenahr-Ahrweiler</a></li><li><a href="/t/schuld">Schuld</a></li><li><a href="/t/erftstadt">Erftstadt</a></li><li><a href="/t/altenahr">Altenahr</a></li></ul>` +
		`<ul><li><a href="/s/1">Council votes to rebuild the bridge over the Ahr by next spring</a></li><li><a href="/s/2">Insurers brace for the largest claims in the region's history</a></li><li><a href="/s/3">Volunteers from across the country arrive to help clear the mud</a></li></ul>` +
		"</article></body></html>"
	a, err := FromHTML(context.Background(), page, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if body := a.Text(); !strings.Contains(body, "Erftstadt") {
		t.Errorf("the list of towns was dropped: %q", body)
	}
	if body := a.Text(); strings.Contains(body, "Insurers brace") {
		t.Errorf("the teaser list stayed in the body")
	}
}
