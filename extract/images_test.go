package extract

import (
	"strings"
	"testing"

	"lede/article"
)

func TestSamePicture(t *testing.T) {
	cases := []struct {
		a, b string
		same bool
	}{
		// Copies of one picture.
		{"http://media.example.am/issue/275/photo/339x226_thumb_photo_275221_d58e2f077.jpg", "http://media.example.am/issue/275/photo/275221.jpg", true},
		{"https://example.com/wp-content/uploads/2024/05/mayor-1024x683.jpg", "https://example.com/wp-content/uploads/2024/05/mayor.jpg", true},
		{"https://example.com/wp-content/uploads/2024/05/mayor-scaled.jpg", "https://example.com/wp-content/uploads/2024/05/mayor-768x512.jpg", true},
		{"https://cdn.example.com/img/600x400/mayor.jpg", "https://cdn.example.com/img/1200x800/mayor.jpg", true},
		{"https://cdn.example.com/img/mayor.jpg?w=600&q=80", "https://cdn.example.com/img/mayor.jpg", true},
		{"http://example.com/img/mayor.jpg", "https://www.example.com/img/mayor.jpg", true},
		{"https://example.com/img/mayor_800.jpg", "https://example.com/img/mayor_1200.jpg", true},
		{"https://example.com/img/mayor@2x.jpg", "https://example.com/img/mayor.jpg", true},
		{"https://i0.wp.com/example.com/uploads/mayor.jpg?resize=768%2C512&ssl=1", "https://example.com/uploads/mayor.jpg", true},
		{"https://res.example.com/image/upload/w_800,c_fill/v1/mayor.jpg", "https://res.example.com/image/upload/w_400,c_fill/v1/mayor.jpg", true},
		{"https://example.com/img/mayor-large.jpg", "https://example.com/img/mayor.jpg", true}, // a trailing rendition word
		{"https://example.com/img/thumb_council-meeting-20240514.jpg", "https://example.com/img/council-meeting-20240514.jpg", true},
		// Different pictures.
		{"https://example.com/img/IMG_1234.jpg", "https://example.com/img/IMG_1240.jpg", false},
		{"https://example.com/img/photo_1.jpg", "https://example.com/img/photo_2.jpg", false},
		{"https://cdn.example.com/blog/fff-282-accumulator.gif", "https://cdn.example.com/blog/fff-282-accumulator-comparison.png", false},
		{"https://example.com/up/plant-aspidistra-20210214.jpg", "https://example.com/up/plant-aspidistra-small-20210214.jpg", false},
		{"https://example.com/up/SV_0110_Formula35-2.jpg", "https://example.com/up/SV_0110_Formula35-2-2.jpg", false},
		{"https://example.com/a/mayor.jpg", "https://example.com/b/mayor.jpg", false},
		{"https://example.com/img.php?id=12", "https://example.com/img.php?id=13", false},
		{"https://one.example/mayor.jpg", "https://two.example/mayor.jpg", false},
	}
	for _, c := range cases {
		got := samePicture(identify(c.a), identify(c.b))
		if got != c.same {
			t.Errorf("samePicture(%s, %s) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

func TestPreferredCopy(t *testing.T) {
	cases := []struct{ better, worse string }{
		{"https://example.com/img/mayor.jpg", "https://example.com/img/mayor-300x200.jpg"},
		{"https://example.com/img/mayor.jpg?w=1200", "https://example.com/img/mayor.jpg?w=600"},
		{"http://media.example.am/photo/275221.jpg", "http://media.example.am/photo/339x226_thumb_photo_275221_d58e2f077.jpg"},
	}
	for _, c := range cases {
		if !preferredCopy(identify(c.better), identify(c.worse)) || preferredCopy(identify(c.worse), identify(c.better)) {
			t.Errorf("preferredCopy: want %s over %s", c.better, c.worse)
		}
	}
}

// pageWithLead is a page whose metadata names a lead image.
func pageWithLead(lead, body string) string {
	return `<!DOCTYPE html><html><head><title>Library hours extended | Town Gazette</title>
		<meta property="og:image" content="` + lead + `"></head><body>` + body + `</body></html>`
}

func TestImageCopiesAreMerged(t *testing.T) {
	cases := []struct {
		name string
		html string
		want []article.Image
	}{
		{
			name: "lead image is a thumbnail of the body picture",
			html: pageWithLead("https://cdn.gazette.example/photo/339x226_thumb_photo_275221_d58e2f077.jpg",
				`<article><img src="https://cdn.gazette.example/photo/275221.jpg" alt="The reading room" width="268">`+story+`</article>`),
			want: []article.Image{{URL: "https://cdn.gazette.example/photo/275221.jpg", Alt: "The reading room"}},
		},
		{
			name: "lead image at full size replaces the body's WordPress size, caption kept",
			html: pageWithLead("https://gazette.example/wp-content/uploads/2024/05/mayor.jpg",
				`<article>`+story+`<figure><img src="https://gazette.example/wp-content/uploads/2024/05/mayor-1024x683.jpg">
				<figcaption>The mayor at the meeting.</figcaption></figure></article>`),
			want: []article.Image{{URL: "https://gazette.example/wp-content/uploads/2024/05/mayor.jpg", Caption: "The mayor at the meeting.", Position: 3}},
		},
		{
			name: "responsive copies in the body and http versus https",
			html: pageWithLead("http://gazette.example/img/mayor.jpg",
				`<article>`+story+`<img class="mobile-only" src="https://gazette.example/img/mayor.jpg?w=600">
				<figure><img src="https://gazette.example/img/mayor.jpg?w=1200"><figcaption>The mayor. Photo: Jane Roe</figcaption></figure></article>`),
			want: []article.Image{{URL: "https://gazette.example/img/mayor.jpg", Caption: "The mayor.", Credit: "Jane Roe", Position: 3}},
		},
		{
			name: "different pictures of one series stay apart",
			html: pageWithLead("https://gazette.example/img/council-1.jpg",
				`<article>`+story+`<img src="https://gazette.example/img/council-2.jpg"></article>`),
			want: []article.Image{{URL: "https://gazette.example/img/council-1.jpg"}, {URL: "https://gazette.example/img/council-2.jpg", Position: 3}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := extract(t, c.html, Options{URL: "https://gazette.example/news/library"})
			if len(a.Images) != len(c.want) {
				t.Fatalf("images = %+v, want %+v", a.Images, c.want)
			}
			for i := range c.want {
				if a.Images[i] != c.want[i] {
					t.Errorf("image %d = %+v, want %+v", i, a.Images[i], c.want[i])
				}
			}
		})
	}
}

// longStory is prose long enough for the page to count as a story, where
// plain captions are read.
const longStory = story + `
<p>Librarians said the longer evenings would need two more assistants, and that the rota would be published, after a consultation, in early December.</p>
<p>The reading rooms will close at ten on weekdays, at eight on Saturdays, and stay shut on Sundays, as they have since the library opened.</p>
<p>Several councillors asked for a review after one winter, saying that the cost, the staffing and the number of visitors should all be measured.</p>
<p>The student union welcomed the vote, and said that it would ask members, through its newsletter, to report how often they used the rooms.</p>
<p>Local shops near the library, which stay open late already, expect a few more customers in the evenings, their association said on Wednesday.</p>
<p>The library's board will meet again in March, when it will look at the first figures, and decide whether the Saturday hours should change too.</p>`

func TestPlainCaptions(t *testing.T) {
	const pic = `<img src="/img/reading-room.jpg" width="800" height="500">`
	cases := []struct {
		name          string
		body          string // placed after the story in an article
		caption       string // the caption the picture must get ("" for none)
		credit        string
		inBody        string // text that must stay in the body ("" for none)
		notInBody     string // text that must leave the body
		wantNoPicture bool
	}{
		{
			name:      "paragraph that is the wrapper's only text",
			body:      `<div>` + pic + `<p>The reading room on Tuesday evening.</p></div>`,
			caption:   "The reading room on Tuesday evening.",
			notInBody: "reading room on Tuesday",
		},
		{
			name:      "span under a linked picture",
			body:      `<div><a href="/img/big.jpg">` + pic + `</a><span>Students in the reading room.</span></div>`,
			caption:   "Students in the reading room.",
			notInBody: "Students in the reading room",
		},
		{
			name:      "italic caption after a line break in a centred paragraph",
			body:      `<p style="text-align: center">` + pic + `<br><i>The reading room, which will now stay open until ten in the evening through the whole winter season, seen from the gallery.</i></p>`,
			caption:   "The reading room, which will now stay open until ten in the evening through the whole winter season, seen from the gallery.",
			notInBody: "seen from the gallery",
		},
		{
			name:      "paragraph after a picture with an agency credit",
			body:      pic + `<p>Students queue outside the library. REUTERS/Jane Roe</p>`,
			caption:   "Students queue outside the library.",
			credit:    "REUTERS/Jane Roe",
			notInBody: "queue outside",
		},
		{
			name:      "closing (AP) credit",
			body:      `<div>` + pic + `</div><p>The mayor speaks to reporters. (AP)</p>`,
			caption:   "The mayor speaks to reporters.",
			credit:    "AP",
			notInBody: "speaks to reporters",
		},
		{
			name:   "story paragraph after a picture, without credit, stays",
			body:   pic + `<p>The librarians welcomed the decision.</p>`,
			inBody: "librarians welcomed the decision",
		},
		{
			name:   "wire dateline is not a closing credit",
			body:   pic + `<p>LONDON (Reuters) - The library board met again on Friday.</p>`,
			inBody: "library board met again",
		},
		{
			name:   "paragraph beside a floated picture stays",
			body:   `<div><img src="/img/chart.png" width="300" align="left"><p>About 46% of students use the rooms.</p></div>`,
			inBody: "46% of students",
		},
		{
			name:   "long plain paragraph in a wrapper stays",
			body:   `<div>` + pic + `<p>The evening hours, which the council approved after a long debate, will cost the town about forty thousand a year. The money will be paid from the reserves that were set aside, three years ago, for repairs to the roof.</p></div>`,
			inBody: "forty thousand a year",
		},
		{
			name:   "a row of picture cards is content",
			body:   `<div class="row"><div class="card">` + pic + `<p>Reading room.</p></div><div class="card"><img src="/img/garden.jpg" width="800"><p>Reading garden.</p></div></div>`,
			inBody: "Reading garden",
		},
		{
			name:   "a card with a title is not a caption",
			body:   `<div>` + pic + `<div><h4>Study rooms</h4><p>Book a room for your group.</p></div></div>`,
			inBody: "Book a room",
		},
		{
			name:   "a testimonial quote is not a caption",
			body:   `<div>` + pic + `<p>“The best place to study in town.”</p></div>`,
			inBody: "best place to study",
		},
		{
			name:   "an icon over a blurb is not captioned",
			body:   `<div><img src="/img/clock.svg"><p>Open late on weekdays.</p></div>`,
			inBody: "Open late on weekdays",
		},
		{
			name:   "text before the picture is a paragraph with an inline image",
			body:   `<p>The new rota starts in December. <img src="/img/rota.png" width="400"></p>`,
			inBody: "new rota starts",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := extract(t, page(`<article>`+longStory+c.body+`</article>`), Options{URL: "https://gazette.example/news/library"})
			body := Text(a)
			if !strings.Contains(body, "voted to extend") {
				t.Fatalf("story missing from body: %q", body)
			}
			if c.inBody != "" && !strings.Contains(body, c.inBody) {
				t.Errorf("body lost %q: %q", c.inBody, body)
			}
			if c.notInBody != "" && strings.Contains(body, c.notInBody) {
				t.Errorf("caption %q left in body: %q", c.notInBody, body)
			}
			var got article.Image
			for _, img := range a.Images {
				if img.Caption != "" || img.Credit != "" {
					got = img
				}
			}
			if got.Caption != c.caption || got.Credit != c.credit {
				t.Errorf("caption, credit = %q, %q; want %q, %q (images %+v)", got.Caption, got.Credit, c.caption, c.credit, a.Images)
			}
		})
	}
}

func TestFurnitureImages(t *testing.T) {
	cases := []struct {
		name string
		img  string
		keep bool
	}{
		{"story photo", `<img src="/img/council-vote.jpg">`, true},
		{"photo whose long name holds a furniture word", `<img src="/img/library-pixel-art-installation-opening.jpg">`, true},
		{"captioned logo in a story about it", `<figure><img src="/img/new-logo.png"><figcaption>The new town logo.</figcaption></figure>`, true},
		{"tracking pixel by size", `<img src="/img/p.gif" width="1" height="1">`, false},
		{"tracking pixel by name", `<img src="/img/pixel.gif">`, false},
		{"spacer gif", `<img src="/img/spacer.gif">`, false},
		{"tracker host", `<img src="https://www.facebook.com/tr?id=1&ev=PageView">`, false},
		{"analytics host", `<img src="https://sb.scorecardresearch.com/p?c1=2">`, false},
		{"favicon", `<img src="/favicon.ico">`, false},
		{"icon directory", `<img src="/static/icons/print.png">`, false},
		{"site logo by name", `<img src="/img/site-logo.png">`, false},
		{"avatar by class", `<img class="author-avatar" src="/u/42.jpg">`, false},
		{"gravatar", `<img src="https://secure.gravatar.com/avatar/abc?s=96">`, false},
		{"emoji", `<img class="wp-smiley emoji" src="https://s.w.org/images/core/emoji/14.0.0/72x72/1f600.png">`, false},
		{"social button by class", `<img class="social-icon" src="/img/fb.png">`, false},
		{"share button by directory", `<img src="/assets/social/twitter.png">`, false},
		{"lazy-load placeholder", `<img src="/img/lazy_placeholder.gif">`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := extract(t, page(`<article>`+story+c.img+`</article>`), Options{URL: "https://gazette.example/news/library"})
			if got := len(a.Images) == 1; got != c.keep {
				t.Errorf("kept = %v, want %v (images %+v)", got, c.keep, a.Images)
			}
		})
	}
}

func TestCountSentences(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"The mayor at the meeting.", 1},
		{"The mayor at the meeting. Photo: J. Doe", 2},
		{"Students queue. The doors open at nine. Staff wait inside.", 3},
		{"A caption without a full stop", 1},
	}
	for _, c := range cases {
		if got := countSentences(c.text); got != c.want {
			t.Errorf("countSentences(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}
