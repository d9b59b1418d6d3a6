package event_test

import (
	"context"
	"testing"

	"lede/analyze"
	"lede/analyze/event"
	"lede/article"
)

// analyse runs the whole analysis over one paragraph, as `lede analyze
// --lines` does, so events are read from real sentences, entities and
// quotes.
func analyse(t testing.TB, text, published string) *article.Article {
	t.Helper()
	a := &article.Article{Published: published, Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
	if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
		t.Fatal(err)
	}
	return a
}

// exactMention is what an actor is called in the text: its mention, or its
// name when the text names none (an implied actor).
func exactMention(a *article.Actor) string {
	switch {
	case a == nil:
		return ""
	case a.Mention != "":
		return a.Mention
	}
	return a.Name
}

// TestFind checks the coding of one event per sentence: type, mode where it
// matters, the words of source and target, and the flags.
func TestFind(t *testing.T) {
	for _, c := range []struct {
		name, text   string
		typ          article.EventType
		mode         string
		source       string // the source's mention exactly (its name when it has no mention)
		target       string // the target's mention exactly, "" for none, "*" for any
		negated, hyp bool
		others       int // how many other events the sentence yields (each is checked to be another type's)
	}{
		{"arrest", "Police detained opposition politician Andranik Tevanyan.", "COERCE", "arrest", "Police", "opposition politician Andranik Tevanyan", false, false, 0},
		{"passive with agent", "Dozens of protesters were detained by police in Yerevan.", "COERCE", "arrest", "police", "Dozens of protesters", false, false, 0},
		{"passive without agent implies police", "Dozens of protesters were detained outside the offices.", "COERCE", "arrest", "police", "Dozens of protesters", false, false, 0},
		{"threat frame", "Iran threatened to attack Israel.", "THREATEN", "", "Iran", "Israel", false, false, 0},
		{"refusal frame", "Russia refused to withdraw its troops from Syria.", "REJECT", "", "Russia", "*", false, false, 0},
		{"future release is an intent to yield", "The army will release the prisoners.", "AGREE", "", "The army", "the prisoners", false, true, 0},
		{"obligation is a request of the speaker", "Russia says Israel must end attacks on Syria.", "REQUEST", "", "Russia", "Israel", false, false, 0},
		{"amnesty offer", "Azerbaijan envisages an amnesty for Karabakh separatists.", "CONCEDE", "", "Azerbaijan", "Karabakh separatists", false, false, 0},
		{"sanctions are CAMEO 163", "The United States imposed sanctions on Iran.", "COERCE", "restrict", "The United States", "Iran", false, false, 0},
		{"negated attack", "The rebels did not attack the town.", "ASSAULT", "", "The rebels", "the town", true, false, 0},
		{"negated meeting is a refusal", "The Taliban will not begin talks with the Afghan government.", "REJECT", "", "The Taliban", "the Afghan government", false, false, 0},
		{"possible attack stays an attack", "Chinese hackers may have launched cyber attacks on India's power grid.", "ASSAULT", "", "Chinese hackers", "India's power grid", false, true, 0},
		{"between A and B", "In 2020, a war broke out between Azerbaijan and Armenia.", "ASSAULT", "", "Azerbaijan", "Armenia", false, false, 0},
		{"light verb gives the noun its subject", "Israel's air force carried out strikes against Hamas targets.", "ASSAULT", "", "Israel's air force", "Hamas targets", false, false, 0},
		{"deployed troops are no target", "Russia has deployed around 2,000 troops to the region.", "MOBILIZE", "troops", "Russia", "", false, false, 0},
		{"US in capitals is a name, not a pronoun", "China criticized US.", "ACCUSE", "", "China", "US", false, false, 0},
		{"a capitalised -ly word is no adverb", "Italy announced sanctions on Serbia.", "COERCE", "", "Italy", "Serbia", false, false, 0},
		{"an act after of is not part of the target", "Iran accused the US of spying.", "ACCUSE", "", "Iran", "the US", false, false, 0},
		{"a call's purpose codes it", "Netanyahu called Scott Morrison on Wednesday to congratulate him.", "SUPPORT", "", "Netanyahu", "Scott Morrison", false, false, 0},
		{"a mission's purpose codes it", "Ukraine sent a team of experts to Iran to investigate the crash.", "ACCUSE", "investigate", "Ukraine", "Iran", false, false, 0},
		{"agreeing with a party to act is agreement", "The United States had agreed with Fidel Castro's government to repatriate any Cubans.", "AGREE", "", "The United States", "Fidel Castro's government", false, false, 0},
		{"whose request it is is the target", "Esper approved a request from the Department of Health for help.", "CONCEDE", "", "Esper", "the Department of Health", false, false, 0},
		{"ending negotiations is a sanction (manual, SANCTION discontinue)", "The ministry ended its negotiations with the union.", "SANCTION", "discontinue", "The ministry", "the union", false, false, 0},
		{"a refusal to end a strike stays a refusal", "The workers said they will not end the strike.", "REJECT", "", "they", "*", false, false, 0},
		{"what a speaker says someone must do is a demand, whatever the act", "The Bush administration declared Tuesday that China must drop barriers to U.S. exports.", "REQUEST", "", "The Bush administration", "China", false, false, 0},
		{"an invasion is an assault", "Israel mounted an invasion of Lebanon.", "ASSAULT", "", "Israel", "Lebanon", false, false, 0},
		{"troops sent to help are aid", "Britain sent 500 troops to Sierra Leone to help the government.", "AID", "", "Britain", "Sierra Leone", false, false, 0},
		{"refugees accepted get asylum", "Germany accepted 800,000 refugees.", "AID", "asylum", "Germany", "800,000 refugees", false, false, 0},
		{"support in money is aid", "Japan supported Haiti with $10 million.", "AID", "economic", "Japan", "Haiti", false, false, 0},
		{"a signed agreement stays support", "Estonia signed an agreement with Milrem for maintenance of military equipment.", "SUPPORT", "", "Estonia", "Milrem", false, false, 0},
		{"saying someone was responsible blames them", "The Afghan government said Taliban militants were responsible.", "ACCUSE", "allege", "The Afghan government", "Taliban militants", false, false, 0},
		{"a headline in title case has verbs", "U.S. Lifts Travel Ban to Lebanon.", "CONCEDE", "", "U.S.", "*", false, false, 1}, // the CONSULT on "Travel" (a modifier of "Ban") is a known error
		{"a dateline is no part of the subject", "BEIJING -- A Chinese court on Saturday sentenced a Canadian man.", "COERCE", "", "A Chinese court", "a Canadian man", false, false, 0},
		{"a pattern coding an event beats one as long coding none", "Russia recognized the independence of the two breakaway regions.", "SUPPORT", "", "Russia", "*", false, false, 0},
		{"a plural before a verb is its subject, no compound", "The rebels withdrew.", "RETREAT", "", "The rebels", "", false, false, 0},
		{"a loan approved is aid", "The World Bank approved a $500 million loan to Egypt.", "AID", "economic", "The World Bank", "Egypt", false, false, 0},
		{"peacekeepers deployed are aid", "Russia has deployed around 2,000 peacekeepers to the region.", "AID", "peacekeeping", "Russia", "", false, false, 0},
		{"forces sent on a peacekeeping mission are aid", "Japan sent troops to Iraq for a peacekeeping mission.", "AID", "peacekeeping", "Japan", "Iraq", false, false, 0},
		{"material support is aid", "Yemen received financial support from Japan.", "AID", "economic", "Japan", "Yemen", false, false, 0},
		{"a promise of an unknown act is agreement", "Kostunica promised to democratize Serbia.", "AGREE", "", "Kostunica", "Serbia", false, true, 0},
		{"a frame takes a time phrase before its particle", "Sudan agreed on Monday to withdraw its troops.", "AGREE", "", "Sudan", "*", false, false, 0},
		{"a call for sanctions accuses the target", "Archbishop Desmond Tutu on Sunday called for sanctions against Nigeria.", "ACCUSE", "disapprove", "Archbishop Desmond Tutu", "Nigeria", false, false, 0},
		{"a noun before a finite verb heads the subject", "Trump's reelection campaign on Wednesday filed a lawsuit against The New York Times.", "ACCUSE", "allege", "Trump's reelection campaign", "The New York Times", false, false, 0},
		{"signing is support", "The US and China have signed an agreement.", "SUPPORT", "", "The US", "China", false, false, 0},
		{"two parties of a mutual act are source and target", "The Moro Islamic Liberation Front and the Philippine government are guilty of violating the ceasefire.", "ASSAULT", "", "The Moro Islamic Liberation Front", "the Philippine government", false, false, 0},
		{"a monitor cited is no purpose of the deployment", "Turkey deployed troops in Idlib according to a war monitor.", "MOBILIZE", "troops", "Turkey", "", false, false, 0},
		{"aiding an offensive is no aid", "Turkey deployed troops to aid the offensive.", "MOBILIZE", "troops", "Turkey", "", false, false, 0},
		{"a demand in the second clause needs its own subject", "The rebels said the army must withdraw, and prices should rise.", "REQUEST", "", "The rebels", "the army", false, false, 0},
		{"an acronym listed is a name in capitals", "The United States criticized WHO.", "ACCUSE", "", "The United States", "WHO", false, false, 0},
		{"negotiations are consultation", "Israel and Lebanon renewed negotiations today.", "CONSULT", "", "Israel", "Lebanon", false, false, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := analyse(t, c.text, "")
			var e *article.Event
			for i := range a.Events {
				if a.Events[i].Type == c.typ {
					e = &a.Events[i]
					break
				}
			}
			if e == nil {
				t.Fatalf("%q: no %s event in %+v", c.text, c.typ, a.Events)
			}
			if c.mode != "" && e.Mode != c.mode {
				t.Errorf("mode %q, want %q", e.Mode, c.mode)
			}
			if got := exactMention(e.Source); got != c.source {
				t.Errorf("source %q (%+v), want %q", got, e.Source, c.source)
			}
			if c.target == "" && e.Target != nil && e.Target.Mention != "" {
				t.Errorf("target %+v, want none", e.Target)
			}
			if got := exactMention(e.Target); c.target != "" && c.target != "*" && got != c.target {
				t.Errorf("target %q (%+v), want %q", got, e.Target, c.target)
			}
			if n := len(a.Events) - 1; n != c.others {
				t.Errorf("%d other events %+v, want %d", n, a.Events, c.others)
			}
			for i := range a.Events {
				if o := &a.Events[i]; o != e && o.Type == c.typ {
					t.Errorf("a second %s event %q: the wanted one must be the only one of its type", o.Type, o.Cue)
				}
			}
			if e.Negated != c.negated || e.Hypothetical != c.hyp {
				t.Errorf("negated %v hypothetical %v, want %v %v", e.Negated, e.Hypothetical, c.negated, c.hyp)
			}
			text := a.Blocks[0].Text
			if e.Span.Block != 0 || e.Span.Start < 0 || e.Span.End > len(text) || text[e.Span.Start:e.Span.End] != e.Text {
				t.Errorf("span %+v does not hold text %q", e.Span, e.Text)
			}
		})
	}
}

// TestNoEvent guards sentences that name an act but report none.
func TestNoEvent(t *testing.T) {
	for _, c := range []struct {
		name, text string
		allow      article.EventType // a type the sentence may also yield ("the talks" themselves), "" for none
	}{
		{"no actor", "More than 6,000 people were killed.", ""},
		{"heading", "Protests in Armenia", ""},
		{"riot police is an agent", "Riot police", ""},
		{"statement verb", "The minister said the talks were useful.", "CONSULT"},
		{"relative clause describes", "Separatists who give up their arms", ""},
		{"what must happen to no actor is no demand", "Analysts said prices should rise.", ""},
		{"what a plan should do is no demand", "The minister said the plan should work.", ""},
		{"a saying does not reach past a subordinate clause's start", "The minister said the economy grew while the army should withdraw.", ""},
		{"a demand is the speaker's only in the speaker's clause", "The minister said the talks failed because the army must drop its plans.", "CONSULT"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, e := range analyse(t, c.text, "").Events {
				if e.Type == c.allow {
					continue
				}
				t.Errorf("%q: unexpected %s event %q (source %+v)", c.text, e.Type, e.Cue, e.Source)
			}
		})
	}
}

// TestRiotPoliceIsNoProtest guards "Riot police used tear gas": riot names
// a kind of police, the act is coercion.
func TestRiotPoliceIsNoProtest(t *testing.T) {
	a := analyse(t, "Riot police used tear gas against the crowd.", "")
	if len(a.Events) != 1 || a.Events[0].Type != "COERCE" || exactMention(a.Events[0].Source) != "Riot police" {
		t.Fatalf("events %+v, want one COERCE by riot police", a.Events)
	}
}

// TestAgentWordsAreOpenClass guards "an amnesty for Karabakh separatists":
// the agent list holds "for", which must not make "amnesty" a modifier.
func TestAgentWordsAreOpenClass(t *testing.T) {
	a := analyse(t, "Azerbaijan envisages an amnesty for Karabakh separatists.", "")
	if len(a.Events) == 0 || a.Events[0].Type != "CONCEDE" {
		t.Fatalf("events %+v, want CONCEDE", a.Events)
	}
}

// TestWhen resolves time expressions against a Friday's publication.
func TestWhen(t *testing.T) {
	const friday = "2023-09-22T10:00:00Z"
	for _, c := range []struct {
		text, published, words, date, start, end string
	}{
		{"Police detained the activist on Wednesday.", friday, "on Wednesday", "2023-09-20", "", ""},
		{"Police detained the activist yesterday.", friday, "yesterday", "2023-09-21", "", ""},
		{"Police detained the activist last month.", friday, "last month", "", "2023-08-01", "2023-08-31"},
		{"Police detained the activist in 2020.", friday, "in 2020", "", "2020-01-01", "2020-12-31"},
		{"Police detained the activist on March 28.", friday, "on March 28", "2023-03-28", "", ""},
		{"Police detained the activist on 4 October 2007.", friday, "on 4 October 2007", "2007-10-04", "", ""},
		{"On Wednesday and Thursday, police detained the activist.", friday, "On Wednesday and Thursday", "", "2023-09-20", "2023-09-21"},
		{"Police detained the activist on Wednesday.", "", "on Wednesday", "", "", ""},
	} {
		a := analyse(t, c.text, c.published)
		if len(a.Events) == 0 || a.Events[0].When == nil {
			t.Errorf("%q: no event with a date: %+v", c.text, a.Events)
			continue
		}
		w := a.Events[0].When
		if w.Text != c.words || w.Date != c.date || w.Start != c.start || w.End != c.end {
			t.Errorf("%q published %q: when %+v, want %q %q %q %q", c.text, c.published, *w, c.words, c.date, c.start, c.end)
		}
	}
}

// TestWhere resolves the place of the sentence to its country.
func TestWhere(t *testing.T) {
	a := analyse(t, "Police detained dozens of protesters in Yerevan.", "")
	if len(a.Events) == 0 || a.Events[0].Where == nil || a.Events[0].Where.Country != "ARM" {
		t.Fatalf("events %+v, want one in Yerevan (ARM)", a.Events)
	}
}

// TestActorCodes gives actors the Phoenix country and sector codes.
func TestActorCodes(t *testing.T) {
	a := analyse(t, "Armenian police detained Azerbaijani soldiers.", "")
	if len(a.Events) == 0 {
		t.Fatal("no event")
	}
	e := a.Events[0]
	if e.Source == nil || e.Source.Country != "ARM" || e.Source.Sector != "COP" {
		t.Errorf("source %+v, want ARM COP", e.Source)
	}
	if e.Target == nil || e.Target.Country != "AZE" || e.Target.Sector != "MIL" {
		t.Errorf("target %+v, want AZE MIL", e.Target)
	}
}

// TestClaimedBy marks an event stated inside a quote with its speaker.
func TestClaimedBy(t *testing.T) {
	a := analyse(t, `"Our troops will attack the rebels tomorrow," the general said.`, "")
	for _, e := range a.Events {
		if e.ClaimedBy == "" {
			t.Errorf("event %s %q inside a quote has no claimant", e.Type, e.Cue)
		}
		if !e.Hypothetical {
			t.Errorf("event %s %q: a future attack should be hypothetical", e.Type, e.Cue)
		}
	}
	if len(a.Events) == 0 {
		t.Fatal("no event in the quote")
	}
}

// TestDictionaryOnly shows the baseline tables differ from the curated
// ones: "detained" is no dictionary cue of its own.
func TestDictionaryOnly(t *testing.T) {
	for _, tables := range []*event.Tables{event.Default(), event.DictionaryOnly()} {
		if tables == nil {
			t.Fatal("tables did not load")
		}
	}
	a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: "Azerbaijan envisages an amnesty for Karabakh separatists."}}}
	if err := analyze.Article(context.Background(), a, analyze.Options{Events: event.DictionaryOnly()}); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Events {
		if e.Type == "CONCEDE" {
			t.Errorf("the dictionary alone should not know the amnesty cue: %+v", e)
		}
	}
}

// TestParsePublished reads the published forms extraction writes.
func TestParsePublished(t *testing.T) {
	for _, c := range []struct {
		in   string
		zero bool
	}{{"2023-09-22T10:00:00Z", false}, {"2023-09-22T10:00:00+03:00", false}, {"2023-09-22", false}, {"2023-09-22 10:00:00", false}, {"", true}, {"last week", true}} {
		if got := event.ParsePublished(c.in); got.IsZero() != c.zero {
			t.Errorf("ParsePublished(%q) = %v", c.in, got)
		}
	}
}

// FuzzFind runs arbitrary text through the analysis: no panic, and every
// event's span holds its text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"Police detained opposition politician Andranik Tevanyan on Wednesday.",
		`"We will attack," he said, "if they refuse to withdraw."`,
		"Azerbaijan 'envisages amnesty' for Armenian separatists who give up arms",
		"between and and and , , ( ) 's 's to to to",
		"On March 32, 99999 the the the refused to",
		"US and WHO (APEC) agreed with , , to to must responsible were",
		"Italy said the UK must. Newly (( )) agreed on Monday to with",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 {
			return
		}
		a := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
		if err := analyze.Article(context.Background(), a, analyze.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Events {
			if e.Span.Block != 0 || e.Span.Start < 0 || e.Span.End > len(text) || e.Span.Start > e.Span.End || text[e.Span.Start:e.Span.End] != e.Text {
				t.Fatalf("span %+v does not hold %q", e.Span, e.Text)
			}
		}
	})
}
