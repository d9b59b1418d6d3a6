package quote

import (
	"strings"
	"testing"
)

// TestAttributionConstructions guards the constructions added after reading
// PolNeAR dev's missed attributions: each case is one construction, written
// anew (no corpus text), with the quotes it must give and nothing else.
func TestAttributionConstructions(t *testing.T) {
	tests := []struct {
		name string
		text []string
		want []string
	}{
		{"a quotation after words of the sentence is a partial quote",
			[]string{`Details aside, the proposals send a message that a top priority "is raising taxes at the top," John Smith said.`},
			[]string{"partial|John Smith|said|is raising taxes at the top,"}},
		{"a quotation followed by reported words is a partial quote",
			[]string{`Jane Doe said that, "of course he will defend himself" against what the campaign sees as an attack.`},
			[]string{"partial|Jane Doe|said|of course he will defend himself"}},
		{"a split quotation resumes after the attribution's participle clause",
			[]string{`"Every time you say that," John Smith said, referring to the excuse, "you give them ammunition."`},
			[]string{"direct|John Smith|said|Every time you say that,", "direct|John Smith|said|you give them ammunition."}},
		{"a split quotation resumes after but",
			[]string{`"I like him," John Smith said, but "he has a history of bad cases."`},
			[]string{"direct|John Smith|said|I like him,", "direct|John Smith|said|he has a history of bad cases."}},
		{"a description with an appositive speaks",
			[]string{"Officials at Homeland Security Investigations, a division of the ministry, said they were concerned about the plan."},
			[]string{"indirect|Officials at Homeland Security Investigations|said|they were concerned about the plan"}},
		{"said when says when, not what",
			[]string{"That was what John Smith said when he resigned from the network."},
			nil},
		{"a quotation ending its sentence takes no cue from the next sentence",
			[]string{`The channel praised John Smith, calling his act a "fiery stand for peace." Its post held a video of the channel's host calling him.`},
			[]string{"partial|channel|calling|fiery stand for peace."}},
		{"a cue that needs a clause names a thing",
			[]string{"John Smith named the new board members on Monday."},
			nil},
		{"a name run on into a person's name is a description",
			[]string{`"We will win," said Clinton campaign manager Robby Mook.`},
			[]string{"direct|Robby Mook|said|We will win,"}},
		{"a transcript turn inside an opening quotation mark",
			[]string{`"WALLACE: Let us start with the news of the debate. Why would he do that?`},
			[]string{"indirect|WALLACE|:|Let us start with the news of the debate. Why would he do that"}},
		{"readers' signatures end lines of one paragraph",
			[]string{"“He scares me. His words make me afraid.” ― Krystal Correa\n“He cannot answer a question.” ― Esther Tapia"},
			[]string{"direct|Krystal Correa|―|He scares me. His words make me afraid.", "direct|Esther Tapia|―|He cannot answer a question."}},
		{"an opening adverb before the comma is no content",
			[]string{"Well, look, Hillary Clinton said this is an episode of a show."},
			[]string{"indirect|Hillary Clinton|said|this is an episode of a show"}},
		{"a name cut by its honorific's dot still speaks",
			[]string{"Mrs. Clinton released a plan, promising to meet his goals without new taxes."},
			[]string{"indirect|Clinton|promising|to meet his goals without new taxes"}},
		{"a name before a role word after an inverted cue",
			[]string{"The meeting went badly from there, said one GOP source in the room."},
			[]string{"indirect|one GOP source|said|The meeting went badly from there"}},
		{"an age between commas before the appositive",
			[]string{"Adam Schiff, 56, who has served on the committee for a decade, told reporters it is clear that the hacking came from abroad."},
			[]string{"indirect|Adam Schiff|told|it is clear that the hacking came from abroad"}},
		{"according to inside a quotation is the quoted text's",
			[]string{`The report says the company "has 987 subsidiaries in tax havens, according to its own website."`},
			[]string{"partial|report|says|has 987 subsidiaries in tax havens, according to its own website."}},
		{"a coordinated clause with its own subject and cue ends the content",
			[]string{"Republicans said the department mishandled the investigation and Democrats accused the party of stoking the issue."},
			[]string{"indirect|Republicans|said|the department mishandled the investigation", "indirect|Democrats|accused|the party of stoking the issue"}},
		{"a stating thing after an article is a noun, not a cue",
			[]string{"The report says the company will leave the country."},
			[]string{"indirect|report|says|the company will leave the country"}},
		{"a short sentence of closed-class words is no title of a work",
			[]string{`"I like him," John Smith said.`},
			[]string{"direct|John Smith|said|I like him,"}},
		{"the person told is no part of the content",
			[]string{"Friends often tell me they should not do it."},
			[]string{"indirect|Friends|often tell|they should not do it"}},
		{"a demonstrative alone is no speaker",
			[]string{"This really says everything about the lawmakers."},
			nil},
		{"a demonstrative object points back at words already reported",
			[]string{"Millions of voters have been saying this for three years."},
			nil},
		{"a demonstrative opening a clause is content",
			[]string{"Experts say it underscores the regime's determination."},
			[]string{"indirect|Experts|say|it underscores the regime's determination"}},
		{"an address after a label's colon is no statement",
			[]string{"Email: sports@example.com"},
			nil},
		{"authoring a bill is no statement",
			[]string{"Rep. John Smith of Texas authored the Protecting Voters Act."},
			nil},
		{"a quotation inside a quotation nests",
			[]string{"“This week we expect Georgia’s “Citizens Only Voting” amendment to reach the floor,” he said."},
			[]string{"direct||said|This week we expect Georgia’s “Citizens Only Voting” amendment to reach the floor,"}},
		{"a title of a work is no statement",
			[]string{"It is a detective genre piece titled “Honey Don’t!”"},
			nil},
		{"a time phrase between the comma and the participle",
			[]string{"Two weeks later, on February 9, Israel launched another attack on the agency, this time claiming that a tunnel had been used by Hamas."},
			[]string{"indirect|Israel|claiming|a tunnel had been used by Hamas"}},
		{"the main clause after an opening subordinate clause is the writer's",
			[]string{"While John Smith insisted he would not be pigeonholed, the campaign has appeared to need his help."},
			[]string{"indirect|John Smith|insisted|he would not be pigeonholed"}},
		{"a page's label before a colon is no speaker",
			[]string{"Editor's note: This article has been changed to give the right date of the vote.", "Correction: An earlier version of this article gave the wrong date."},
			nil},
		{"a subheading in title case before a colon is no speaker",
			[]string{"Little Relief for Refugees: The crisis is the sort of issue the agency was made to tackle."},
			nil},
		{"the source's appositive after according to is no content",
			[]string{"According to an analysis by Lily Batchelder, a former tax aide now teaching at New York University, the top 1 percent would gain the most."},
			[]string{"indirect|analysis by Lily Batchelder|According to|the top 1 percent would gain the most"}},
		{"more sources after according to are no content",
			[]string{"Veterans with PTSD are no weaker, according to John Smith, head of the center, and other scientists."},
			[]string{"indirect|John Smith|according to|Veterans with PTSD are no weaker"}},
		{"a long appositive between the quotation's speaker and the cue",
			[]string{`"Their strategy is very clear," Michael McFaul, a senior fellow at the Hoover Institution and a former United States ambassador to Russia, said of RT.`},
			[]string{"direct|Michael McFaul|said|Their strategy is very clear,"}},
		{"an opening participle phrase is stepped over to the subject",
			[]string{"Chastened by the analyses, Trump has released a new plan, promising to cut taxes for the middle class."},
			[]string{"indirect|Trump|promising|to cut taxes for the middle class"}},
		{"what someone thinks is no statement the sentence gives",
			[]string{"She joined the show to discuss the visits and what she thinks will resonate with voters."},
			nil},
		{"what was agreed is an infinitive",
			[]string{"The new company agreed to clean up the mines that had been ravaged."},
			[]string{"indirect|new company|agreed|to clean up the mines that had been ravaged"}},
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
