package extract

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// storyWords is a story of about 200 words, the whole text a page's data
// carries.
var storyWords = strings.Repeat("The council voted on Tuesday to extend the library's hours, after a year of petitions from parents and students. ", 6) +
	"\n\n" + strings.Repeat("Officials said the change would cost little, since volunteers had offered to staff the evening shifts. ", 6)

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestBodyFromData(t *testing.T) {
	teaser := `<article><h1>Library hours extended</h1><p>The council voted on Tuesday to extend the library's hours.</p><div class="paywall">Subscribe to read more</div></article>`
	htmlBody := "<p>" + strings.ReplaceAll(storyWords, "\n\n", "</p><p>") + "</p>"
	flight := `5:["$","div",null,{"contentHtml":` + jsonString(htmlBody) + `}]` + "\n"
	cases := []struct {
		name, head, body string
		wantWarnings     []string
		wantFull         bool
	}{
		{"JSON-LD articleBody behind a teaser",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Library hours extended","articleBody":` + jsonString(storyWords) + `}</script>`,
			teaser, []string{warnBodyFromJSONLD}, true},
		{"JSON-LD body and a paywall flag",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Library hours extended","isAccessibleForFree":"False","articleBody":` + jsonString(storyWords) + `}</script>`,
			teaser, []string{warnBodyFromJSONLD}, true},
		{"paywall flag without a body in data",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Library hours extended","isAccessibleForFree":false}</script>`,
			teaser, []string{warnPaywallTeaser}, false},
		{"__NEXT_DATA__ contentHtml",
			"", teaser + `<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"story":{"title":"x","contentHtml":` + jsonString(htmlBody) + `}}}}</script>`,
			[]string{warnBodyFromScriptData}, true},
		{"self.__next_f.push payload split in two",
			"", teaser + `<script>self.__next_f.push([1,` + jsonString(flight[:200]) + `])</script>` +
				`<script>self.__next_f.push([1,` + jsonString(flight[200:]) + `])</script>`,
			[]string{warnBodyFromScriptData}, true},
		{"visible body as long as the data's: kept",
			`<script type="application/ld+json">{"@type":"NewsArticle","headline":"Library hours extended","articleBody":` + jsonString(storyWords) + `}</script>`,
			"<article><h1>Library hours extended</h1>" + htmlBody + "</article>", nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := "<html><head><title>Library hours extended</title>" + c.head + "</head><body>" + c.body + "</body></html>"
			a, err := FromHTML(context.Background(), page, Options{URL: "https://example.com/a"})
			if err != nil {
				t.Fatal(err)
			}
			full := strings.Contains(a.Text(), "volunteers had offered")
			if full != c.wantFull {
				t.Errorf("full story in the body: %v, want %v; body %q", full, c.wantFull, a.Text())
			}
			if c.wantWarnings == nil {
				c.wantWarnings = []string{}
			}
			got := a.Warnings
			if got == nil {
				got = []string{}
			}
			if !slices.Equal(got, c.wantWarnings) {
				t.Errorf("warnings %q, want %q", got, c.wantWarnings)
			}
		})
	}
}

// TestDirectoryListingIsNoArticle guards against a server's generated file
// listing coming out as an article: no body, and a warning saying why.
func TestDirectoryListingIsNoArticle(t *testing.T) {
	pages := map[string]string{
		"Apache": `<html><head><title>Index of /news/2024</title></head><body><h1>Index of /news/2024</h1>
<table><tr><th>Name</th><th>Last modified</th><th>Size</th></tr><tr><td><a href="/news/">Parent Directory</a></td></tr>
<tr><td><a href="story-one-about-the-council-meeting.html">story-one-about-the-council-meeting.html</a></td><td>2024-05-01 10:00</td><td>12K</td></tr>
<tr><td><a href="story-two-about-the-library-hours.html">story-two-about-the-library-hours.html</a></td><td>2024-05-02 11:00</td><td>14K</td></tr></table>
<address>Apache/2.4.57 (Debian) Server at example.com Port 80</address></body></html>`,
		"Python http.server": `<!DOCTYPE HTML><html lang="en"><head><meta charset="utf-8"><title>Directory listing for /</title></head>
<body><h1>Directory listing for /</h1><hr><ul><li><a href="a.html">a.html</a></li><li><a href="b.html">b.html</a></li></ul><hr></body></html>`,
	}
	for name, page := range pages {
		a, err := FromHTML(context.Background(), page, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.Blocks) != 0 || !slices.Contains(a.Warnings, warnDirectoryListing) {
			t.Errorf("%s: %d blocks, warnings %q; want none and the listing warning", name, len(a.Blocks), a.Warnings)
		}
	}
	// A story whose headline merely starts alike is still a story.
	a, err := FromHTML(context.Background(), "<html><head><title>Index of prices rises</title></head><body><article><p>"+storyWords+"</p></article></body></html>", Options{})
	if err != nil || len(a.Blocks) == 0 {
		t.Errorf("a story titled \"Index of prices\" lost its body: %v", err)
	}
}
