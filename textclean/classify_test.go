package textclean

import (
	"testing"
)

// TestClassifyAlone covers the rules that read one line by itself: one
// table row per rule class and language, plus the near misses each rule must
// leave alone.
func TestClassifyAlone(t *testing.T) {
	tests := []struct {
		line   string
		want   kind
		credit string // for credits and captions
		agency string
	}{
		// Interface words, several languages, with decoration.
		{line: "Read More", want: kindRelatedCue},
		{line: "READ MORE »", want: kindRelatedCue},
		{line: "Lire aussi :", want: kindRelatedCue},
		{line: "Lesen Sie auch", want: kindRelatedCue},
		{line: "Leia também", want: kindRelatedCue},
		{line: "Читайте также", want: kindRelatedCue},
		{line: "İlgili Haberler", want: kindRelatedCue},
		{line: "Loading...", want: kindUI},
		{line: "Advertisement", want: kindUI},
		{line: "Comments (12)", want: kindUI},
		{line: "Share", want: kindUI},
		{line: "Anzeige", want: kindUI},
		{line: "Publicidad", want: kindUI},
		{line: "Pubblicità", want: kindUI},
		{line: "Подписаться", want: kindUI},
		{line: "Yükleniyor...", want: kindUI},
		{line: "Sign up", want: kindUI},
		{line: "Image 1 of 23", want: kindUI},
		{line: "1 / 23", want: kindUI},
		{line: "© 2019 Hearst Communications, Inc.", want: kindUI},
		// An interface word punctuated as a sentence is text, not a button.
		{line: "FACEBOOK.", want: kindParagraph},
		// Separators.
		{line: "* * *", want: kindSeparator},
		{line: "___", want: kindSeparator},
		// Agency lines.
		{line: "Reuters", want: kindAgency, agency: "Reuters"},
		{line: "(AFP)", want: kindAgency, agency: "AFP"},
		{line: "— The Associated Press", want: kindAgency, agency: "AP"},
		{line: "With Reuters and AFP", want: kindAgency, agency: "Reuters"},
		{line: "Source: Anadolu Agency", want: kindAgency, agency: "AA"},
		{line: "dpa", want: kindAgency, agency: "dpa"},
		{line: "Xinhua", want: kindAgency, agency: "Xinhua"},
		{line: "Reuters said the talks would resume.", want: kindParagraph},
		// Credit lines.
		{line: "AA Archive", want: kindCredit, credit: "AA Archive"},
		{line: "Photo: Damian Dovarganes, AP", want: kindCredit, credit: "Damian Dovarganes, AP"},
		{line: "Foto: dpa", want: kindCredit, credit: "dpa"},
		{line: "Crédit photo : AFP", want: kindCredit, credit: "AFP"},
		{line: "Фото: ТАСС", want: kindCredit, credit: "ТАСС"},
		{line: "Photo by Jane Doe", want: kindCredit, credit: "Jane Doe"},
		{line: "© Jane Doe", want: kindCredit, credit: "Jane Doe"},
		{line: "Getty Images", want: kindCredit, credit: "Getty Images"},
		{line: "Jane Doe/Reuters", want: kindCredit, credit: "Jane Doe/Reuters"},
		{line: "AP Photo/Jae C. Hong", want: kindCredit, credit: "AP Photo/Jae C. Hong"},
		{line: "Getty Images said on Monday it would cut 200 jobs.", want: kindParagraph},
		// Captions carrying their credit.
		{line: "Troops patrol the border on Monday.  Photo: AA Archive", want: kindCaption, credit: "AA Archive"},
		{line: "A man walks past the ruins in Kyiv. (AP Photo/Efrem Lukatsky)", want: kindCaption, credit: "AP Photo/Efrem Lukatsky"},
		{line: "Supporters wave flags in Ankara. Getty Images", want: kindCaption, credit: "Getty Images"},
		// Teaser with its cue on the same line.
		{line: "Read more: Floods hit northern Italy", want: kindTeaser},
		{line: "Lire aussi : Le Parlement adopte la réforme", want: kindTeaser},
		// Bylines and datelines.
		{line: "By Jane Doe and John Smith", want: kindByline},
		{line: "By Amy Kuperinsky | NJ Advance Media for NJ.com", want: kindByline},
		{line: "Par Jean Dupont", want: kindByline},
		{line: "By the end of the day, the talks had failed.", want: kindParagraph},
		{line: "Updated 1:39 am EST, Wednesday, November 20, 2019", want: kindDateline},
		{line: "20.11.2019", want: kindDateline},
		{line: "Mittwoch, 20. November 2019", want: kindDateline},
		{line: "Correction: October 2, 2016, Sunday.", want: kindParagraph},
		{line: "On July 6, 2015, Sanders made the following comment:", want: kindParagraph},
		// Interface words inside short labels, end-of-story cues.
		{line: "See All Newsletters", want: kindUI},
		{line: "Privacy & Cookies Policy", want: kindUI},
		{line: "Click to share on Facebook (Opens in new window)", want: kindUI},
		{line: "Leave a Reply", want: kindUI},
		{line: "Kommentare", want: kindUI},
		// Relative timestamps.
		{line: "2 days ago at 07:51 am", want: kindDateline},
		{line: "vor 3 Stunden", want: kindDateline},
		{line: "Il y a 2 heures", want: kindDateline},
		// Reporting credits and cut teaser summaries.
		{line: "Jane Doe contributed to this report.", want: kindContributor},
		{line: "(Reporting by Jane Doe; Editing by John Smith)", want: kindContributor},
		{line: "Mead School District will build 10th elementary school …", want: kindBlurb},
		{line: "Last campus protesters hold out as HK schools reopen...", want: kindBlurb},
		// Sentences and labels.
		{line: "Protests in Armenia", want: kindLabel},
		{line: "The vote was delayed.", want: kindParagraph},
		{line: "“The most unqualified child to ever run for president, one who never read a single briefing in his life and never will, and everyone knows it” ― Francisco Herrero", want: kindParagraph},
	}
	for _, tt := range tests {
		l := splitLines(tt.line)[0]
		classifyAlone(&l)
		if l.kind != tt.want {
			t.Errorf("%q: kind %s (rule %q), want %s", tt.line, l.kind, l.rule, tt.want)
			continue
		}
		if tt.credit != "" && l.credit != tt.credit {
			t.Errorf("%q: credit %q, want %q", tt.line, l.credit, tt.credit)
		}
		if tt.agency != "" && l.agency != tt.agency {
			t.Errorf("%q: agency %q, want %q", tt.line, l.agency, tt.agency)
		}
	}
}

func TestBylineNames(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"By Jane Doe", []string{"Jane Doe"}},
		{"By Jane Doe and John Smith", []string{"Jane Doe", "John Smith"}},
		{"Par Jean Dupont, Marie Curie et Paul Durand", []string{"Jean Dupont", "Marie Curie", "Paul Durand"}},
		{"By Amy Kuperinsky | NJ Advance Media for NJ.com", []string{"Amy Kuperinsky"}},
		{"By Jane Doe for The Guardian", []string{"Jane Doe"}},
	}
	for _, tt := range tests {
		got := bylineNames(tt.line)
		if len(got) != len(tt.want) {
			t.Errorf("%q: %q, want %q", tt.line, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q: %q, want %q", tt.line, got, tt.want)
			}
		}
	}
}

func TestShape(t *testing.T) {
	tests := []struct {
		s                         string
		sentence, headline, case_ bool
		sentences                 int
	}{
		{"Protests in Armenia", false, true, true, 1},
		{"Opposition leaders announce plans for impeachment", false, true, false, 1},
		{"Azerbaijan's operations in Karabakh are against local mobs: Erdogan", false, true, false, 1},
		{"He said it. Then he left.", true, false, false, 2},
		{`"It is over," he said.`, true, false, false, 1},
		{"Stealth Over Health: Hillary Clinton Was Headed to ER", false, true, true, 1},
		{"Is this the end?", true, true, false, 1},
		{"Obama Power Plant Rules Face Key Test In U.S. Court.", true, false, true, 1},
		{"Mr. Smith met the governor. They spoke at length.", true, false, false, 2},
	}
	for _, tt := range tests {
		if got := endsSentence(tt.s); got != tt.sentence {
			t.Errorf("endsSentence(%q) = %v", tt.s, got)
		}
		if got := isHeadlineShaped(tt.s, countWords(tt.s)); got != tt.headline {
			t.Errorf("isHeadlineShaped(%q) = %v", tt.s, got)
		}
		if got := isTitleCase(tt.s); got != tt.case_ {
			t.Errorf("isTitleCase(%q) = %v", tt.s, got)
		}
		if got := sentenceCount(tt.s); got != tt.sentences {
			t.Errorf("sentenceCount(%q) = %d, want %d", tt.s, got, tt.sentences)
		}
	}
}

func TestLineKey(t *testing.T) {
	tests := map[string]string{
		"Read More »":    "read more",
		"  Loading...  ": "loading",
		"Comments (12)":  "comments",
		"Share 0":        "share",
		"2019":           "2019",
		"• Sign   up":    "sign up",
		"Route 6":        "route",
		"Top 10":         "top",
	}
	for in, want := range tests {
		if got := lineKey(in); got != want {
			t.Errorf("lineKey(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsEndCue(t *testing.T) {
	for _, text := range []string{"Leave a comment", "Comments", "About the author", "Commentaires"} {
		l := splitLines(text)[0]
		classifyAlone(&l)
		if !l.endsStory {
			t.Errorf("%q: not an end-of-story cue", text)
		}
	}
	l := splitLines("Comments are welcome.")[0]
	classifyAlone(&l)
	if l.endsStory {
		t.Errorf("a sentence about comments ends the story")
	}
}
