package quote

import (
	"strings"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// subjectBefore finds the speaker's noun phrase that ends right before
// token end (the start of a cue with its auxiliaries):
//   - a name with its title, description and appositive ("Hikmet Hajiyev,
//     foreign policy adviser to Azerbaijan's president,");
//   - a pronoun ("he", "they"; "who" and "which" stand for the phrase before them);
//   - a description ("an Azerbaijani presidential adviser", "Ethnic
//     Armenians in Karabakh");
//   - after "and", the subject of the sentence ("Riot police have used … and
//     warned").
func (f *finder) subjectBefore(s *sentence.Segment, end int) (subject, bool) {
	return f.subjectBeforeAt(s, end, 0)
}

// maxSubjectHops bounds how often subjectBefore steps back over a time
// phrase or a relative "who" and looks again: real sentences need one or two
// hops, and a run of thousands of "who" in bad input must not be thousands
// of nested calls.
const maxSubjectHops = 8

// subjectBeforeAt is subjectBefore after hops steps back.
func (f *finder) subjectBeforeAt(s *sentence.Segment, end, hops int) (subject, bool) {
	if hops > maxSubjectHops {
		return subject{mention: -1}, false
	}
	r := s.SentenceOf(max(end-1, 0))
	k := end - 1
	if k < r.From {
		return subject{mention: -1}, false
	}
	t := s.Tokens[k]
	if t.Lower == ")" {
		if mi, ok := f.npEnd[[2]int{f.cur, k + 1}]; ok && f.x.Mentions[mi].NPTo == k+1 {
			m := f.x.Mentions[mi]
			return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
		}
	}
	if isDash(t) {
		// "Jason Sims — a teacher from Mount Pleasant — says": the name
		// before the opening dash speaks.
		for c := k - 1; c > r.From && c > k-25; c-- {
			ct := s.Tokens[c]
			if ct.Kind == sentence.Quote || f.isCue(s, c) {
				break
			}
			if !isDash(ct) {
				continue
			}
			if mi, ok := f.npEnd[[2]int{f.cur, c}]; ok && f.x.Entities[f.x.Mentions[mi].Entity].Type != article.Place {
				return subject{seg: f.cur, from: f.x.Mentions[mi].NPFrom, to: k, mention: mi}, true
			}
			break
		}
		return subject{mention: -1}, false
	}
	if t.Lower == "," {
		// "NAME, the president of Teamsters Local 294 in Albany, said",
		// "NAME, who had a long career in Congress, said": the name before
		// the previous comma speaks, and its noun phrase runs to this comma.
		for c := k - 1; c > r.From && c > k-25; c-- {
			ct := s.Tokens[c]
			if ct.Kind == sentence.Quote || f.isCue(s, c) && !(c > r.From && s.Tokens[c-1].Lower == "who") {
				break // a cue ends the search, unless it is the appositive's own ("Barkley, who said …, said")
			}
			if ct.Lower != "," {
				continue
			}
			// "Schiff, 56, who has served …, told": an age set off by
			// commas lies between the name and its appositive.
			if c > r.From+1 && s.Tokens[c-1].Kind == sentence.Number && s.Tokens[c-2].Lower == "," {
				if mi, ok := f.npEnd[[2]int{f.cur, c - 2}]; ok && f.x.Entities[f.x.Mentions[mi].Entity].Type == article.Person {
					return subject{seg: f.cur, from: f.x.Mentions[mi].NPFrom, to: k, mention: mi}, true
				}
			}
			if mi, ok := f.npEnd[[2]int{f.cur, c}]; ok && f.opensAppositive(s, c+1) && f.x.Entities[f.x.Mentions[mi].Entity].Type != article.Place {
				return subject{seg: f.cur, from: f.x.Mentions[mi].NPFrom, to: k, mention: mi}, true
			}
			// "Officials at Homeland Security Investigations, a division
			// of …, said": a description opening the sentence, set off by
			// its appositive, speaks; the description is the mention.
			if c > r.From && s.Tokens[c-1].Kind == sentence.Word && f.opensAppositive(s, c+1) {
				if from := f.phraseStart(s, r, c-1); from < c && from == f.clauseOpening(s, r) && f.speakingPhrase(s, subject{from: from, to: c}) {
					return subject{seg: f.cur, from: from, to: c, mention: -1}, true
				}
			}
			break
		}
		if mi, ok := f.npEnd[[2]int{f.cur, k}]; ok && f.x.Mentions[mi].NPTo == k {
			m := f.x.Mentions[mi]
			return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
		}
		return subject{mention: -1}, false
	}
	// A time phrase between subject and cue: "Clinton on Tuesday said".
	if f.lx.Class(t.Lower) == "time" {
		j := k
		for j > r.From && (f.lx.Class(s.Tokens[j].Lower) == "time" || s.Tokens[j].Lower == "last" || s.Tokens[j].Lower == "this") {
			j--
		}
		if j > r.From && (s.Tokens[j].Lower == "on" || s.Tokens[j].Lower == "in") {
			j--
		}
		if j < k && j >= r.From && s.Tokens[j].Kind == sentence.Word && f.lx.Class(s.Tokens[j].Lower) != "prep" {
			return f.subjectBeforeAt(s, j+1, hops+1)
		}
	}
	if t.Kind == sentence.Number {
		// "Six in 10 say", "46 percent of voters said … and 30": a poll's share.
		if from := f.phraseStart(s, r, k); from <= k {
			return subject{seg: f.cur, from: from, to: k + 1, mention: -1}, true
		}
	}
	if t.Kind != sentence.Word {
		return subject{mention: -1}, false
	}
	switch cls := f.lx.Class(t.Lower); {
	case cls == "pron":
		if t.Lower == "who" || t.Lower == "which" {
			rel := k
			if k-1 >= r.From && s.Tokens[k-1].Lower == "," {
				k-- // "Smith, who said"
			}
			sub, ok := f.subjectBeforeAt(s, k, hops+1)
			if ok && sub.mention >= 0 && !sub.inherit && sub.pronoun == "" {
				// The words that govern the cue are "who"; the name
				// before them is whom they stand for.
				sub.from, sub.to = rel, rel+1
			}
			if ok {
				return sub, true
			}
			return subject{mention: -1}, false
		}
		// Object pronouns govern no verb: "… tell me they shouldn't"
		// has no speaker "me".
		if t.Lower == "there" || t.Lower == "what" || t.Lower == "you" || objectPronoun[t.Lower] || t.Lower == "it" && !f.lx.Reporting[s.Tokens[end].Lower] {
			return subject{mention: -1}, false
		}
		// "I think", "I know" outside quotation marks are the writer's own
		// words, no statement the article attributes.
		if t.Lower == "i" && !insideQuoted(f.quoted, k) {
			return subject{mention: -1}, false
		}
		return subject{seg: f.cur, from: k, to: k + 1, mention: -1, pronoun: t.Lower}, true
	case cls == "conj" && (t.Lower == "and" || t.Lower == "but"):
		return f.sentenceSubject(s, r, k)
	case cls != "" && cls != "det":
		return subject{mention: -1}, false
	}
	if mi, ok := f.npEnd[[2]int{f.cur, k + 1}]; ok {
		m := f.x.Mentions[mi]
		// A place after a preposition is inside a longer phrase:
		// "Ethnic Armenians in Karabakh".
		if !(m.NPFrom > r.From && f.lx.Class(s.Tokens[m.NPFrom-1].Lower) == "prep") {
			return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
		}
	}
	from := f.phraseStart(s, r, k)
	if from > k {
		return subject{mention: -1}, false
	}
	// A demonstrative alone ("This really says everything about …") is
	// the writer pointing at a thing, not a speaker.
	if from == k && f.lx.Class(t.Lower) == "det" && !quantifier[t.Lower] {
		return subject{mention: -1}, false
	}
	return subject{seg: f.cur, from: from, to: k + 1, mention: -1}, true
}

// objectPronoun are pronouns in the object case only.
var objectPronoun = map[string]bool{"me": true, "him": true, "us": true, "them": true}

// clauseOpening is the first word of sentence r after a conjunction or an
// adverb that opens it ("But officials …", "However, the agency …").
func (f *finder) clauseOpening(s *sentence.Segment, r sentence.Range) int {
	i := firstWord(s, r)
	for i < r.To && (f.lx.Class(s.Tokens[i].Lower) == "conj" || s.Tokens[i].Lower == "however" || s.Tokens[i].Lower == ",") {
		i++
	}
	return i
}

// phraseStart walks left from token k over a noun phrase: words that are
// not verbs, auxiliaries or conjunctions, with "of", "in", "for", "to" and
// "'s" inside, a determiner at its start; at most eight tokens.
func (f *finder) phraseStart(s *sentence.Segment, r sentence.Range, k int) int {
	from := k + 1
	for j := k; j >= r.From && k-j < 8; j-- {
		t := s.Tokens[j]
		if t.Kind != sentence.Word && t.Kind != sentence.Number {
			break
		}
		cls := f.lx.Class(t.Lower)
		if cls == "det" {
			from = j
			break
		}
		if cls == "prep" && (t.Lower == "of" || t.Lower == "in" || t.Lower == "for" || t.Lower == "to" || t.Lower == "at" || t.Lower == "from") && j < k {
			from = j
			continue
		}
		// A cue word is a verb, unless it is a noun for a stating thing
		// after an article: "the report says", "a new poll shows".
		noun := f.lx.Speaking[lexicon.Singular(t.Lower)] && j > r.From && f.lx.Class(s.Tokens[j-1].Lower) == "det"
		if cls != "" || f.lx.Cue(t.Lower) && !f.lx.Role(t.Lower) && !noun || strings.HasSuffix(t.Lower, "ed") && !t.Cap {
			break
		}
		from = j
	}
	// A phrase does not start with a preposition.
	for from <= k && f.lx.Class(s.Tokens[from].Lower) == "prep" {
		from++
	}
	return from
}

// sentenceSubject is the noun phrase that opens the sentence r, up to its
// first auxiliary or verb-like word before token k.
func (f *finder) sentenceSubject(s *sentence.Segment, r sentence.Range, k int) (subject, bool) {
	from := r.From
	for from < k && s.Tokens[from].Kind != sentence.Word {
		from++
	}
	// "On Friday morning, small groups of protesters were …": step over
	// an opening phrase that ends at a comma.
	// The first word is capitalised as any sentence's first word is:
	// "Just after Khamenei made his posts, …" opens with an adverb.
	// "Two weeks later, on February 9, Israel launched …": a number opens
	// a time phrase too, and two phrases may come one after the other.
	for range 2 {
		lower := s.Tokens[from]
		lower.Cap = false
		c := f.lx.Class(lower.Lower)
		// "Chastened by the analyses, Trump …": a participle opens too.
		participle := c == "" && len(lower.Lower) > 5 && (strings.HasSuffix(lower.Lower, "ed") || strings.HasSuffix(lower.Lower, "ing")) && f.x.MentionIndex(f.cur, from) < 0
		opening := from < k && (c == "prep" || c == "sub" || c == "adv" || c == "time" || lower.Kind == sentence.Number || f.adverb(lower) || lower.Lower == "however" || participle)
		// "Just after Khamenei made his posts, Iran's Press TV …",
		// "However, administration officials …".
		next := from
		for j := from + 1; j < k && j < from+12; j++ {
			if s.Tokens[j].Lower == "," {
				next = j + 1
				break
			}
			if l := s.Tokens[j].Lower; f.lx.Class(l) == "time" || l == "later" || l == "ago" || l == "earlier" {
				opening = opening || j < from+4 // "Two weeks later,"
			}
		}
		if !opening {
			break
		}
		if next == from || next >= k {
			break
		}
		from = next
	}
	end := from
	for end < k && end < from+9 {
		t := s.Tokens[end]
		if t.Kind != sentence.Word || f.lx.Class(t.Lower) == "aux" || f.lx.Class(t.Lower) == "conj" || f.lx.Class(t.Lower) == "sub" ||
			f.lx.Cue(t.Lower) && !f.lx.Role(t.Lower) || strings.HasSuffix(t.Lower, "ed") && !t.Cap {
			break
		}
		end++
	}
	if end == from || end-from > 8 {
		return subject{mention: -1}, false
	}
	if end-from == 1 && f.lx.Class(s.Tokens[from].Lower) == "pron" {
		if s.Tokens[from].Lower == "i" && !insideQuoted(f.quoted, from) {
			return subject{mention: -1}, false // the writer's own words, as in subjectBefore
		}
		return subject{seg: f.cur, from: from, to: end, mention: -1, pronoun: s.Tokens[from].Lower}, true
	}
	if mi, ok := f.npEnd[[2]int{f.cur, end}]; ok {
		m := f.x.Mentions[mi]
		return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
	}
	// The phrase stopped inside a name ("Mrs. Clinton": the dot after
	// "Mrs"): the name is the subject.
	for j := from; j < k && j < from+4; j++ {
		if mi := f.x.MentionIndex(f.cur, j); mi >= 0 {
			if m := f.x.Mentions[mi]; m.NPFrom == from && m.NPTo > end && m.NPTo <= k {
				return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
			}
			break
		}
	}
	// A name opening the phrase is the subject when the words after it are
	// no part of it: "John Smith spoke on Monday, referring to …".
	if mi := f.x.MentionIndex(f.cur, from); mi >= 0 {
		if m := f.x.Mentions[mi]; m.NPFrom == from && m.NPTo < end && f.x.Entities[m.Entity].Type != article.Place {
			return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
		}
	}
	return subject{seg: f.cur, from: from, to: end, mention: -1}, true
}

// subjectAfter finds the speaker after an inverted cue: "said Caddell",
// "said the adviser", "said Smith, a spokesman".
func (f *finder) subjectAfter(s *sentence.Segment, i int) (subject, bool) {
	if i >= len(s.Tokens) {
		return subject{mention: -1}, false
	}
	t := s.Tokens[i]
	if f.lx.Class(t.Lower) == "pron" && t.Lower != "it" && t.Lower != "that" {
		return subject{seg: f.cur, from: i, to: i + 1, mention: -1, pronoun: t.Lower}, true
	}
	if m, mi, ok := f.mentionFrom(i); ok {
		// "said one GOP source in the room", "said a Clinton campaign
		// aide": the name modifies a description, which is the speaker.
		end := m.NPTo
		for end < len(s.Tokens) && end < m.NPTo+3 && s.Tokens[end].Kind == sentence.Word && !s.Tokens[end].Cap && f.lx.Class(s.Tokens[end].Lower) == "" && !f.lx.Cue(s.Tokens[end].Lower) {
			end++
		}
		if end > m.NPTo && f.lx.Role(s.Tokens[end-1].Lower) {
			return subject{seg: f.cur, from: m.NPFrom, to: end, mention: -1}, true
		}
		return subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}, true
	}
	if f.lx.Class(t.Lower) == "det" || t.Lower == "one" || t.Lower == "two" || t.Lower == "three" {
		r := s.SentenceOf(i)
		end := i + 1
		for end < r.To && end < i+6 && s.Tokens[end].Kind == sentence.Word && f.lx.Class(s.Tokens[end].Lower) == "" {
			end++
		}
		if end > i+1 {
			return subject{seg: f.cur, from: i, to: end, mention: -1}, true
		}
	}
	return subject{mention: -1}, false
}

// mentionFrom returns the mention whose noun phrase starts at token i of
// the current segment (with a title or description before the name).
func (f *finder) mentionFrom(i int) (entity.Mention, int, bool) {
	s := f.segs[f.cur]
	for j := i; j < len(s.Tokens) && j < i+5; j++ {
		mi := f.x.MentionIndex(f.cur, j)
		if mi < 0 {
			continue
		}
		m := f.x.Mentions[mi]
		if m.NPFrom <= i {
			// "said Socialist S&D legislator César Luena", "said Clinton
			// campaign manager Robby Mook": a name run on by words into a
			// person's name modifies that person's description.
			if pm, pi, ok := f.personAfter(m.To, i+7); ok && m.NPTo <= pm.From {
				pm.NPFrom = i
				return pm, pi, true
			}
			return m, mi, true
		}
		// "said former Gov. Bill Richardson": lower-case words before the
		// noun phrase belong to it.
		for k := i; k < m.NPFrom; k++ {
			t := s.Tokens[k]
			if t.Kind != sentence.Word || t.Cap || f.lx.Class(t.Lower) != "" || f.lx.Cue(t.Lower) {
				return entity.Mention{}, -1, false
			}
		}
		m.NPFrom = i
		return m, mi, true
	}
	return entity.Mention{}, -1, false
}

// personAfter finds a person's mention starting in tokens [j, limit) of the
// current segment with nothing but words and joining marks ("&", "-")
// between j and it.
func (f *finder) personAfter(j, limit int) (entity.Mention, int, bool) {
	s := f.segs[f.cur]
	for ; j < len(s.Tokens) && j < limit; j++ {
		if mi := f.x.MentionIndex(f.cur, j); mi >= 0 {
			m := f.x.Mentions[mi]
			if m.From == j && f.x.Entities[m.Entity].Type == article.Person {
				return m, mi, true
			}
		}
		if t := s.Tokens[j]; t.Kind != sentence.Word && !(t.Kind == sentence.Punct && (t.Lower == "&" || t.Lower == "-") && !t.Space) {
			break
		}
		if f.lx.Cue(s.Tokens[j].Lower) || f.lx.Class(s.Tokens[j].Lower) != "" {
			break
		}
	}
	return entity.Mention{}, -1, false
}

// opensAppositive: token i can start a phrase set off by commas after a
// name: an article, a relative pronoun, a lower-case word or number, or a
// title ("Republican of Alabama" is not one; "Gov." is).
func (f *finder) opensAppositive(s *sentence.Segment, i int) bool {
	if i >= len(s.Tokens) {
		return false
	}
	t := s.Tokens[i]
	switch {
	case t.Kind == sentence.Number:
		return true
	case t.Kind != sentence.Word:
		return false
	case t.Lower == "who" || t.Lower == "whose" || t.Lower == "which":
		return true
	case f.lx.Class(t.Lower) == "det":
		return true
	case !t.Cap:
		return f.lx.Class(t.Lower) == "" || f.lx.Class(t.Lower) == "adv"
	}
	return f.lx.Titles[t.Lower] || f.lx.Honorifics[t.Lower] != 0
}
