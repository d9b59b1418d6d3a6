package quote

import (
	"fmt"
	"strings"
	"testing"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

func find(paragraphs ...string) []article.Quote {
	lx := lexicon.Default()
	var segs []*sentence.Segment
	for i, p := range paragraphs {
		segs = append(segs, sentence.NewSegment(i, p, lx))
	}
	x := entity.Find(segs, lx)
	return Find(segs, lx, x)
}

// show writes a quote as "kind|speaker|cue|text" for comparison.
func show(q article.Quote) string {
	who := ""
	if q.Speaker != nil {
		who = q.Speaker.Name
	}
	return fmt.Sprintf("%s|%s|%s|%s", q.Kind, who, q.Cue, q.Text)
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name string
		text []string
		want []string
	}{
		{"direct, attribution after",
			[]string{`"We will stay," John Smith said.`},
			[]string{"direct|John Smith|said|We will stay,"}},
		{"direct, inverted attribution",
			[]string{"“We will stay,” said John Smith."},
			[]string{"direct|John Smith|said|We will stay,"}},
		{"direct, attribution before with a colon",
			[]string{"John Smith said: “We will stay here for now.”"},
			[]string{"direct|John Smith|said|We will stay here for now."}},
		{"split quotation shares speaker and cue",
			[]string{"“We will stay,” John Smith said. “Nobody can make us leave.”"},
			[]string{"direct|John Smith|said|We will stay,", "direct|John Smith|said|Nobody can make us leave."}},
		{"speaker behind a relative clause and a time phrase",
			[]string{`John Smith, who on Tuesday said "We will stay."`},
			[]string{"direct|John Smith|said|We will stay."}},
		// Bad input: stepping back through thousands of "who" would be
		// thousands of nested calls; the finder gives up after a few.
		{"a run of relative pronouns is not followed to its start",
			[]string{"John Smith" + strings.Repeat(", who", 5000) + ` said "We will stay."`},
			nil},
		{"guillemets",
			[]string{"«We will stay here,» John Smith said."},
			[]string{"direct|John Smith|said|We will stay here,"}},
		{"pronoun across paragraphs",
			[]string{"Mary Jones, the mayor, spoke on Monday.", `"The bridge will open in May," she said.`},
			[]string{"direct|Mary Jones|said|The bridge will open in May,"}},
		{"quotation running over paragraphs without a closing mark",
			[]string{"“The first part goes on here.", "“The second part ends it,” John Smith said."},
			[]string{"direct|John Smith|said|The first part goes on here.", "direct|John Smith|said|The second part ends it,"}},
		{"indirect with that",
			[]string{"John Smith said on Monday that the talks had failed."},
			[]string{"indirect|John Smith|said|the talks had failed"}},
		{"content ends before a coordinated clause with its own cue",
			[]string{"Six in ten voters said Clinton is honest, and three-quarters said the same of Sanders."},
			[]string{"indirect|Six in ten voters|said|Clinton is honest", "indirect|three-quarters|said|the same of Sanders"}},
		{"content ends before but and a second cue of the speaker",
			[]string{"Mary Jones says she respects the plan but argues that it cannot work."},
			[]string{"indirect|Mary Jones|says|she respects the plan", "indirect|Mary Jones|argues|it cannot work"}},
		{"a subject pronoun after the cue opens the content, a later that is relative",
			[]string{"John Smith says he ran a campaign in Nevada that led to a victory."},
			[]string{"indirect|John Smith|says|he ran a campaign in Nevada that led to a victory"}},
		{"a place's comma before that stays in the object of the cue",
			[]string{"John Smith told a town hall in Salem, New Hampshire on Monday that the plan had failed."},
			[]string{"indirect|John Smith|told|the plan had failed"}},
		{"a quoted title of a show is no statement",
			[]string{"She starred in a show.", "“Broad City”", "“Orange Is the New Black,” she said."},
			nil},
		{"a short quotation in sentence case still stands alone",
			[]string{"“We are Broad City.”"},
			[]string{"direct|||We are Broad City."}},
		{"a dateline is no part of the content before according to",
			[]string{"WASHINGTON (AP) — The senator has invested in the companies, according to financial disclosures."},
			[]string{"indirect|financial disclosures|according to|The senator has invested in the companies"}},
		{"indirect, attribution at the end",
			[]string{"The talks had failed badly, John Smith said."},
			[]string{"indirect|John Smith|said|The talks had failed badly"}},
		{"indirect, according to",
			[]string{"According to John Smith, the talks had failed."},
			[]string{"indirect|John Smith|According to|the talks had failed"}},
		{"told someone that",
			[]string{"John Smith told Reuters that the talks had failed."},
			[]string{"indirect|John Smith|told|the talks had failed"}},
		{"partial inside reported speech",
			[]string{`Riot police warned they would use "special measures" if needed.`},
			[]string{"partial|Riot police|warned|special measures"}},
		{"description resolved to a person by role",
			[]string{"Hikmet Hajiyev, an adviser to the president, spoke.", "The talks will go on, the adviser said."},
			[]string{"indirect|Hikmet Hajiyev|said|The talks will go on"}},
		{"attribution set off by commas inside the sentence",
			[]string{"The talks, John Smith said, had failed for good."},
			[]string{"indirect|John Smith|said|The talks", "indirect|John Smith|said|had failed for good"}},
		{"according to inside the sentence",
			[]string{"Over the long term, according to John Smith, the rise in deficits is due to age."},
			[]string{"indirect|John Smith|according to|Over the long term", "indirect|John Smith|according to|the rise in deficits is due to age"}},
		{"according to a source that runs on to the comma",
			[]string{"According to a new poll out Thursday, the two men each have 27 percent."},
			[]string{"indirect|new poll out Thursday|According to|the two men each have 27 percent"}},
		{"in a poll",
			[]string{"In a new national poll, the senator holds a wide lead."},
			[]string{"indirect|new national poll|In|the senator holds a wide lead"}},
		{"in a statement with its own cue is left to the cue",
			[]string{"In a statement, John Smith said the talks had failed."},
			[]string{"indirect|John Smith|said|the talks had failed"}},
		{"cue verb with its particle",
			[]string{"John Smith spoke on Monday, referring to the failed talks in Geneva."},
			[]string{"indirect|John Smith|referring to|the failed talks in Geneva"}},
		{"a poll's share as the subject",
			[]string{"Six in 10 say the economy has improved."},
			[]string{"indirect|Six in 10|say|the economy has improved"}},
		{"a quantifier as the subject",
			[]string{"Most believe that the economy has improved."},
			[]string{"indirect|Most|believe|the economy has improved"}},
		{"a name before a colon speaks",
			[]string{`The timing does not surprise pollster John Smith: "Lesser-known candidates often surge early."`},
			[]string{"direct|John Smith|:|Lesser-known candidates often surge early."}},
		{"a clause about the speaker after an inverted cue",
			[]string{"The number of cases that could change is stunning, said John Smith, who teaches law in St. Louis."},
			[]string{"indirect|John Smith|said|The number of cases that could change is stunning"}},
		{"scare quotes are no statement",
			[]string{`The so-called "peace plan" was published.`},
			nil},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range find(tt.text...) {
			got = append(got, show(q))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestSpansPointAtText(t *testing.T) {
	paras := []string{"“We will stay,” John Smith said. “Nobody can make us leave.”", "He said the talks had failed."}
	for _, q := range find(paras...) {
		if got := paras[q.Span.Block][q.Span.Start:q.Span.End]; got != q.Text {
			t.Errorf("span of %q holds %q", q.Text, got)
		}
		if q.CueSpan != nil && paras[q.CueSpan.Block][q.CueSpan.Start:q.CueSpan.End] != q.Cue {
			t.Errorf("cue span of %q does not hold %q", q.Text, q.Cue)
		}
		if q.Speaker != nil && q.Speaker.Span != nil && paras[q.Speaker.Span.Block][q.Speaker.Span.Start:q.Speaker.Span.End] != q.Speaker.Mention {
			t.Errorf("speaker span of %q does not hold %q", q.Text, q.Speaker.Mention)
		}
	}
}

// TestCuesAndSpeakersOfTheIssue guards the cases the understanding issue
// lists: non-speech cues, passives, negations, labels, signatures, split
// quotes around a relative clause, the writer's own "I".
func TestCuesAndSpeakersOfTheIssue(t *testing.T) {
	tests := []struct {
		name string
		text []string
		want []string
	}{
		{"a number after 'added' is its object",
			[]string{"Booker had five rebounds. Nakyel Shelton added 12 points and five assists."},
			nil},
		{"passive cue",
			[]string{"Keep up with the winners as they are announced at the ceremony."},
			nil},
		{"negated cue",
			[]string{"John Smith did not respond to a request for comment."},
			nil},
		{"one capitalised word opening a paragraph is a transcript's speaker",
			[]string{"JAKE TAPPER: The governor joins us now.", "TAPPER: Do you think the campaign has changed?"},
			[]string{"indirect|JAKE TAPPER|:|The governor joins us now", "indirect|TAPPER|:|Do you think the campaign has changed"}},
		{"a fact box label is no speaker",
			[]string{"BOTTOM LINE: No. 14 Alabama visits the Ole Miss Rebels after a loss."},
			nil},
		{"a signature under a quotation",
			[]string{"“He is ignorant of our culture and lives.” ― Pamela Padilla"},
			[]string{"direct|Pamela Padilla|―|He is ignorant of our culture and lives."}},
		{"split quotation around a relative clause",
			[]string{"“The great tragedy of these events,” says Stuart Reid, who has read the cables, “the Americans are seeing ghosts everywhere.”"},
			[]string{"direct|Stuart Reid|says|The great tragedy of these events,", "direct|Stuart Reid|says|the Americans are seeing ghosts everywhere."}},
		{"the writer's own I",
			[]string{"I think the season was a failure."},
			nil},
		{"the comma before the subject's article",
			[]string{"Weisselberg will plead guilty to perjury, the New York Times reported on Monday, citing sources."},
			[]string{"indirect|New York Times|reported|Weisselberg will plead guilty to perjury"}},
		{"a verb of saying takes no prepositional phrase as content",
			[]string{"John Smith said in a document seen by reporters on Monday."},
			nil},
		{"a dek repeating the lead counts once",
			[]string{"The talks have failed, John Smith said.", "The talks have failed, John Smith said."},
			[]string{"indirect|John Smith|said|The talks have failed", "indirect|John Smith|said|The talks have failed"}},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range find(tt.text...) {
			got = append(got, show(q))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestDekRepeatDropped: a quote of the dek that the body repeats is one
// statement; the body keeps it.
func TestDekRepeatDropped(t *testing.T) {
	lx := lexicon.Default()
	segs := []*sentence.Segment{
		sentence.NewSegment(article.DekBlock, "The talks have failed, John Smith said.", lx),
		sentence.NewSegment(0, "The talks have failed, John Smith said.", lx),
	}
	qs := Find(segs, lx, entity.Find(segs, lx))
	if len(qs) != 1 || qs[0].Span.Block != 0 {
		t.Errorf("got %d quotes (%v), want the body's one", len(qs), qs)
	}
}

// findTitled reads title as the article's title (block -2) before the
// paragraphs.
func findTitled(title string, paragraphs ...string) []article.Quote {
	lx := lexicon.Default()
	segs := []*sentence.Segment{sentence.NewSegment(-2, title, lx)}
	for i, p := range paragraphs {
		segs = append(segs, sentence.NewSegment(i, p, lx))
	}
	return Find(segs, lx, entity.Find(segs, lx))
}

// TestHeadlineAttributions guards titles of the form "SOURCE: CONTENT":
// a kicker before a dash is no part of the source, a description with a
// stating noun speaks, and a label of other words does not.
func TestHeadlineAttributions(t *testing.T) {
	tests := []struct {
		name, title string
		want        []string
	}{
		{"a kicker before the dash is not the speaker",
			"EXCLUSIVE – Roger Stone: Don’t Trust the Voting Machines",
			[]string{"indirect|Roger Stone|:|Don’t Trust the Voting Machines"}},
		{"a stating noun in a title speaks",
			"Poll: Bernie Sanders Burns Hillary Clinton With First-Ever National Lead",
			[]string{"indirect|Poll|:|Bernie Sanders Burns Hillary Clinton With First-Ever National Lead"}},
		{"a title's label of other words is no speaker",
			"Fatal Neutrality: How the Town Lost Its Mill",
			nil},
	}
	for _, tt := range tests {
		var got []string
		for _, q := range findTitled(tt.title, "Roger Stone spoke to the town on Monday.") {
			got = append(got, show(q))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

// TestClauseEndsAtClosingMarkBeforeCue guards the reported clause of a
// partial quote: the comma inside the fragment's closing mark, then a
// participle cue ("…,” adding that …"), ends it after the mark.
func TestClauseEndsAtClosingMarkBeforeCue(t *testing.T) {
	text := "John Smith said the team is “the best in the league,” adding that the coach deserved credit."
	qs := find(text)
	if len(qs) == 0 || qs[0].Kind != article.Partial || qs[0].Clause == nil {
		t.Fatalf("want a partial quote with its clause, got %+v", qs)
	}
	if got, want := text[qs[0].Clause.Start:qs[0].Clause.End], "the team is “the best in the league,”"; got != want {
		t.Errorf("clause %q, want %q", got, want)
	}
}
