package quote

import (
	"sort"
	"strings"

	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// indirect reads reported speech around the cues no quotation took:
//
//	SUBJ CUE [object] [time phrase] [that] CONTENT   he said (that) …; X told Reuters that …
//	CONTENT, SUBJ CUE [time phrase].                 …, he said.
//	CONTENT, CUE SUBJ.                               …, said Caddell.
//	according to SUBJ, CONTENT / CONTENT, according to SUBJ
//	…, adding (that) CONTENT                         the subject of the clause before goes on
//
// Quoted fragments inside the content become partial quotes with the
// content as their clause; content without one is an indirect quote.
func (f *finder) indirect(si int, s *sentence.Segment, qs []quoted) {
	for i := range s.Tokens {
		if s.Tokens[i].Lower == "according" && i+1 < len(s.Tokens) && s.Tokens[i+1].Lower == "to" {
			if !insideQuoted(qs, i) { // "according to its own website" inside a quoted report is the report's
				f.accordingTo(si, s, i, qs)
			}
			continue
		}
		if s.Tokens[i].Lower == "in" && !insideQuoted(qs, i) {
			f.inSource(si, s, i, qs)
			continue
		}
		if !f.isCueAt(s, i) || insideQuoted(qs, i) {
			continue
		}
		r := s.SentenceOf(i)
		next := f.cueEnd(s, i) // the token after the cue and its particle
		start := f.cueStart(s, i)
		d := found{seg: si, cueSeg: si, cueFrom: start, cueTo: next, entity: -1, chainNext: -1, subj: subject{mention: -1}}
		var sub subject
		hasSubj := false
		// ", this time claiming that …": a time phrase may stand between
		// the comma and the participle.
		pc := start
		for pc-1 > r.From && pc > start-3 && (f.lx.Class(s.Tokens[pc-1].Lower) == "time" || timeAdverbial[s.Tokens[pc-1].Lower]) {
			pc--
		}
		if pc < start && s.Tokens[pc-1].Lower == "," {
			start = pc
		}
		participle := start > r.From && s.Tokens[start-1].Lower == "," && strings.HasSuffix(s.Tokens[i].Lower, "ing") && len(s.Tokens[i].Lower) > 4
		if participle {
			// ", calling him …", ", adding that …": the sentence's subject speaks.
			sub, hasSubj = f.sentenceSubject(s, r, start-1)
			// "…, he said, adding that …": the attribution just before speaks.
			for k := len(f.found) - 1; k >= 0 && k >= len(f.found)-8 && f.found[k].seg == si; k-- {
				if p := f.found[k]; p.cueSeg == si && p.cueTo <= start-1 && p.cueTo >= start-5 && p.cueTo > r.From {
					sub, hasSubj = p.subj, true
					break
				}
			}
			if !hasSubj || sub.to >= start {
				sub, hasSubj = subject{mention: -1, inherit: true}, true
			}
		} else {
			sub, hasSubj = f.subjectBefore(s, start)
		}
		// A negated cue reports what was not said: "did not respond",
		// "doesn't say he's leaving".
		if negated(s, start, i, f.lx) {
			continue
		}
		// "what she thinks will resonate": the statement is the "what",
		// which the sentence does not give.
		if hasSubj && !sub.inherit && sub.from > r.From && s.Tokens[sub.from-1].Lower == "what" {
			continue
		}
		// The comma before the subject, over its article ("…, the New
		// York Times reported").
		comma := sub.from - 1
		if hasSubj && comma > r.From && f.lx.Class(s.Tokens[comma].Lower) == "det" {
			comma--
		}
		// CONTENT, SUBJ CUE. — the subject follows a comma and nothing but
		// a time phrase or another clause follows the cue.
		// Fewer than three words before the comma are an opening adverb
		// or phrase ("Still,", "Well, look,", "On Monday,"), not content:
		// the content follows the cue.
		if hasSubj && !sub.inherit && comma > r.From && s.Tokens[comma].Lower == "," && f.tailOnly(s, next, r.To) {
			if from, to := f.contentBefore(s, r, comma); words(s, from, to) >= 3 {
				d.subj = sub
				d.from, d.to = from, to
				f.emit(d, qs)
				continue
			}
		}
		// CONTENT, SUBJ CUE, CONTENT. — an attribution set off by commas
		// inside the sentence: the words on both sides are the content, as
		// two halves of one statement that share the cue.
		if hasSubj && !sub.inherit && comma > r.From && s.Tokens[comma].Lower == "," && next < r.To && s.Tokens[next].Lower == "," {
			before, after := d, d
			before.subj, after.subj = sub, sub
			before.from, before.to = f.contentBefore(s, r, comma)
			after.from, after.to = next+1, trimEnd(s, next+1, min(r.To, next+1+maxContent))
			if words(s, after.from, after.to) >= 3 && words(s, before.from, before.to) >= 1 {
				f.emit(before, qs)
				f.emit(after, qs)
				continue
			}
		}
		// CONTENT, CUE SUBJ.
		if !hasSubj && start > r.From && (s.Tokens[start-1].Lower == "," || s.Tokens[start-1].Kind == sentence.Quote && s.Tokens[start-1].Side != sentence.Open) {
			// "…, said Brian Baker, a longtime political adviser to the
			// Ricketts family who …": the speaker's appositive follows.
			appositive := func(sub subject) bool {
				return sub.mention >= 0 && sub.to+1 < r.To && s.Tokens[sub.to].Lower == "," && f.opensAppositive(s, sub.to+1) && s.Tokens[sub.to+1].Lower != "which"
			}
			if sub2, ok := f.subjectAfter(s, next); ok && (f.tailOnly(s, sub2.to, r.To) || appositive(sub2)) {
				d.subj = sub2
				d.from, d.to = f.contentBefore(s, r, start-1)
				f.emit(d, qs)
				continue
			}
		}
		if !hasSubj {
			continue
		}
		d.subj = sub
		// As SUBJ CUE [out], CONTENT.
		if sub.from > r.From && s.Tokens[sub.from-1].Lower == "as" && sub.from-1 == firstWord(s, r) {
			k := next
			for k < r.To && k < i+3 && s.Tokens[k].Kind == sentence.Word && f.lx.Class(s.Tokens[k].Lower) != "sub" {
				k++
			}
			if k < r.To && s.Tokens[k].Lower == "," {
				d.from, d.to = k+1, trimEnd(s, k+1, r.To)
				f.emit(d, qs)
				continue
			}
		}
		if k := next; k < len(s.Tokens) && s.Tokens[k].Lower == ":" && k+1 == len(s.Tokens) {
			intro := d
			f.nextIntro = &intro
			continue
		}
		d.from, d.to = f.contentAfter(s, r, next-1, participle || sub.mention >= 0 || sub.pronoun != "" || f.speakingPhrase(s, sub))
		f.emit(d, qs)
	}
}

// accordingTo handles "according to X, …", "…, according to X" and "…,
// according to X, …" (both sides are the content).
func (f *finder) accordingTo(si int, s *sentence.Segment, i int, qs []quoted) {
	r := s.SentenceOf(i)
	sub, ok := f.subjectAfter(s, i+2)
	// The source runs to the next comma or the sentence end: "an online
	// University of Texas/Texas Tribune poll out Thursday", "the book and
	// the movie".
	end := i + 2
	for end < r.To && end < i+maxAccordingSource && s.Tokens[end].Lower != "," && s.Tokens[end].Kind != sentence.Quote && !(end > i+2 && s.Tokens[end].Lower == ":") {
		end++
	}
	end = trimEnd(s, i+2, end)
	if !ok || sub.to < end {
		if end == i+2 || end == i+maxAccordingSource {
			if !ok {
				return
			}
		} else {
			sub = subject{seg: si, from: i + 2, to: end, mention: sub.mention}
		}
	}
	d := found{seg: si, cueSeg: si, cueFrom: i, cueTo: i + 2, entity: -1, chainNext: -1, subj: sub}
	atEnd := trimEnd(s, sub.to, r.To) == sub.to
	commaAfter := sub.to < r.To && (s.Tokens[sub.to].Lower == "," || s.Tokens[sub.to].Lower == ":")
	before, after := d, d
	before.from, before.to = f.contentBefore(s, r, i)
	before.to = trimEnd(s, before.from, before.to)
	for before.to > before.from && s.Tokens[before.to-1].Kind == sentence.Quote {
		before.to--
	}
	after.from, after.to = sub.to+1, trimEnd(s, sub.to+1, min(r.To, sub.to+1+maxContent))
	// "according to Craig Bryan, head of the National Center for Veterans
	// Studies, and other scientists": the source's appositive, and what
	// the source goes on with, are no content.
	if commaAfter && sub.to+1 < r.To && (coordinator[s.Tokens[sub.to+1].Lower] || s.Tokens[sub.to+1].Lower == "or") && words(s, sub.to+1, r.To) <= 4 {
		atEnd = true // ", and other scientists.": more sources
	} else if commaAfter && s.Tokens[sub.to].Lower == "," && f.opensAppositive(s, sub.to+1) && s.Tokens[sub.to+1].Lower != "which" {
		if c := f.appositiveEnd(s, sub.to+1, r.To); c > 0 {
			if coordinator[s.Tokens[c+1].Lower] || s.Tokens[c+1].Lower == "or" {
				atEnd = true
			} else {
				after.from = c + 1
			}
		}
	}
	hasBefore := i > firstWord(s, r) && words(s, before.from, before.to) >= 2
	switch {
	case hasBefore && (atEnd || f.tailOnly(s, sub.to, r.To)):
		f.emit(before, qs)
	case hasBefore && commaAfter && words(s, after.from, after.to) >= 3:
		f.emit(before, qs)
		f.emit(after, qs)
	case !hasBefore && commaAfter:
		f.emit(after, qs)
	}
}

// appositiveEnd is the comma that closes a phrase about a source opening at
// a ("head of the National Center, …", "a former tax aide now teaching at
// New York University, …"): words with no auxiliary, cue or quotation, at
// most 20 tokens, then a comma with more words after it; 0 when none.
func (f *finder) appositiveEnd(s *sentence.Segment, a, end int) int {
	for j := a; j < end && j < a+20; j++ {
		t := s.Tokens[j]
		if t.Lower == "," {
			if j > a && j+1 < end && s.Tokens[j+1].Kind == sentence.Word {
				return j
			}
			return 0
		}
		if t.Kind == sentence.Quote || t.Kind == sentence.Punct && t.Lower != "." && t.Lower != "-" {
			return 0
		}
		if c := f.lx.Class(t.Lower); c == "aux" || c == "neg" || c == "sub" && t.Lower != "that" || f.isCue(s, j) {
			return 0
		}
	}
	return 0
}

// maxAccordingSource bounds the source of "according to", in tokens.
const maxAccordingSource = 25

// inSource handles "In a new poll, CONTENT" and "In a statement released
// Friday, the ministry …": a sentence that opens with "in" and a phrase
// naming a stating thing (a poll, a report) up to a comma. The phrase is
// the source when no cue follows in the sentence; with one ("In a
// statement, Smith said …") the cue's own rules take the sentence.
func (f *finder) inSource(si int, s *sentence.Segment, i int, qs []quoted) {
	r := s.SentenceOf(i)
	if i != firstWord(s, r) {
		return
	}
	comma, speaking := -1, false
	for j := i + 1; j < r.To && j < i+12; j++ {
		t := s.Tokens[j]
		if t.Lower == "," {
			comma = j
			break
		}
		if t.Kind == sentence.Quote || f.lx.Cue(t.Lower) && !f.lx.Speaking[lexicon.Singular(t.Lower)] {
			return
		}
		if f.lx.Speaking[lexicon.Singular(t.Lower)] {
			speaking = true
		}
	}
	if comma < 0 || !speaking || comma == i+1 {
		return
	}
	end := trimEnd(s, comma+1, min(r.To, comma+1+maxContent))
	for j := comma + 1; j < end; j++ {
		if f.isCue(s, j) && !insideQuoted(qs, j) || s.Tokens[j].Lower == "according" {
			return
		}
	}
	d := found{seg: si, cueSeg: si, cueFrom: i, cueTo: i + 1, from: comma + 1, to: end, entity: -1, chainNext: -1,
		subj: subject{seg: si, from: i + 1, to: comma, mention: -1}}
	f.emit(d, qs)
}

// tailOnly: tokens [a, to) hold nothing but a time or place phrase, a
// participle clause (", adding …") or the sentence's end.
func (f *finder) tailOnly(s *sentence.Segment, a, to int) bool {
	if to-a > 40 {
		return false
	}
	for j := a; j < to; j++ {
		t := s.Tokens[j]
		switch {
		case t.Kind == sentence.Punct && t.Lower == ",":
			if j+1 < to && f.isCue(s, j+1) {
				return true
			}
			if j+1 < to && (s.Tokens[j+1].Lower == "who" || s.Tokens[j+1].Lower == "whose") {
				return true // ", who teaches law at …": a clause about the speaker
			}
			// ", as they bristled at …", ", while …": a clause of the
			// writer's about the moment of speaking, no part of what was said.
			if j+1 < to && j > a && f.lx.Class(s.Tokens[j+1].Lower) == "sub" && s.Tokens[j+1].Lower != "that" {
				return true
			}
		case t.Lower == "(":
			return true // "said Mr. Burman (a view echoed by …)": the writer's aside
		case t.Kind == sentence.Punct, t.Kind == sentence.Quote:
		case t.Kind == sentence.Number:
		case f.lx.Class(t.Lower) == "prep", f.lx.Class(t.Lower) == "time", f.lx.Class(t.Lower) == "det", f.lx.Class(t.Lower) == "adv":
		case t.Kind == sentence.Word && j > a && f.lx.Class(t.Lower) == "" && (f.lx.Class(s.Tokens[j-1].Lower) == "prep" || f.lx.Class(s.Tokens[j-1].Lower) == "det"):
			// the noun of "in a statement", "on Thursday evening"
		case t.Kind == sentence.Word && j > a && t.Cap:
		default:
			return j-a > 8 // a long tail is another clause
		}
	}
	return true
}

// contentBefore is the content of "CONTENT, SUBJ CUE": from the sentence
// start (after any opening quotation mark) to the comma at token comma.
func (f *finder) contentBefore(s *sentence.Segment, r sentence.Range, comma int) (int, int) {
	from := max(r.From, comma-maxContent)
	for from < comma && s.Tokens[from].Kind == sentence.Quote {
		from++
	}
	from = afterDateline(s, from, comma)
	// "PENCE: Well, look, Hillary Clinton apparently thinks …": a
	// transcript's speaker and colon are no part of the content.
	if from+2 < comma && s.Tokens[from+1].Lower == ":" && s.Tokens[from].Kind == sentence.Word {
		if w := s.Slice(from, from+1); len(w) > 1 && strings.ToUpper(w) == w {
			from += 2
		}
	}
	return from, comma
}

// contentAfter is the content of "SUBJ CUE …": after "that" when it comes
// within a few tokens, else after the object and time phrases of the cue. It
// runs to the sentence end, or to the start of a clause with its own
// attribution ("… after Azerbaijan declared …", ", adding …").
//
// Cues that are not verbs of saying ("criticized", "called") take the rest
// of the clause as content only when the speaker is a name or a pronoun.
func (f *finder) contentAfter(s *sentence.Segment, r sentence.Range, cue int, named bool) (int, int) {
	reporting := f.lx.Reporting[s.Tokens[cue].Lower]
	a := cue + 1
	for j := a; j < r.To && j < a+12; j++ {
		t := s.Tokens[j]
		if j == a && f.infinitive(s, cue, a, r.To) {
			break // "agreed to clean up the mines that …": the infinitive is the content
		}
		if t.Lower == "that" && f.lx.Class(t.Lower) == "sub" {
			if j > a && f.lx.ClauseCues[s.Tokens[cue].Lower] {
				break // "authored legislation that repeals …": a relative pronoun
			}
			a = j + 1
			reporting = true
			break
		}
		// The comma of a place ("told a town hall in Salem, New Hampshire,
		// on Monday that …") is inside the phrase before "that".
		if t.Lower == "," && j > a && j+1 < r.To && s.Tokens[j-1].Cap && (s.Tokens[j+1].Cap && f.lx.Class(s.Tokens[j+1].Lower) == "" || s.Tokens[j+1].Lower == "that") {
			continue
		}
		if t.Kind == sentence.Quote || t.Lower == "," || t.Lower == ";" || f.isCue(s, j) {
			break
		}
		// A subject pronoun opens the reported clause itself ("says he
		// ran a campaign in Nevada that led to …"): a later "that" is a
		// relative pronoun inside the content.
		if subjectPronoun[t.Lower] {
			break
		}
		// An auxiliary belongs to the reported clause itself: a "that"
		// after it is a relative pronoun inside the content ("said the
		// actions would not have prevented the shootings that …").
		if c := f.lx.Class(t.Lower); c == "aux" || c == "neg" {
			break
		}
	}
	if a < r.To && s.Tokens[a].Lower == ":" {
		a++
		reporting = true
	}
	if !reporting && !named {
		return 0, 0
	}
	// A clause of time or cause right after the cue says when or why the
	// speaker spoke, not what: "said before he died", "what Liz Wahl said
	// when she resigned". "said as much", "said so" point back to words
	// already reported.
	if a == cue+1 && a < r.To {
		if l := s.Tokens[a].Lower; f.lx.Class(l) == "sub" && l != "that" && l != "if" && l != "whether" || l == "so" || l == "as" && a+1 < r.To && s.Tokens[a+1].Lower == "much" {
			return 0, 0
		}
	}
	// A demonstrative right after the cue points back at words already
	// reported ("have been saying this for three years"), unless a clause
	// starts with it ("said this is a disaster").
	if a == cue+1 && a < r.To {
		if l := s.Tokens[a].Lower; l == "this" || l == "it" || l == "that" && !f.lx.Reporting[s.Tokens[cue].Lower] {
			if a+1 >= r.To {
				return 0, 0
			}
			if n := s.Tokens[a+1]; n.Kind == sentence.Punct || f.lx.Class(n.Lower) == "prep" || f.lx.Class(n.Lower) == "time" || f.adverb(n) {
				return 0, 0
			}
		}
	}
	// A number right after the cue is its object, not reported speech:
	// "added 12 points", "cast 6 ballots".
	if a == cue+1 && a < r.To && s.Tokens[a].Kind == sentence.Number {
		return 0, 0
	}
	// "add" reports speech only with a clause: "added that …", "adds: …";
	// "Gunn adds washes of synth" adds a thing.
	if a == cue+1 && addVerb[s.Tokens[cue].Lower] && !f.clauseStart(s, a, r.To) {
		return 0, 0
	}
	if a == cue+1 {
		a = f.skipObject(s, r, a)
	}

	// What a verb of saying reports does not open with a preposition:
	// "said in a document seen by Reuters", "reported on the team" hold no
	// statement there. (Other cues take one: "asked about", "spoke of".)
	if a == cue+1 && f.lx.Reporting[s.Tokens[cue].Lower] && a < r.To && f.lx.Class(s.Tokens[a].Lower) == "prep" && !f.infinitive(s, cue, a, r.To) {
		return 0, 0
	}
	end := trimEnd(s, a, min(r.To, a+maxContent))
	fw := firstWord(s, r)
	subordinate := fw < cue && f.lx.Class(s.Tokens[fw].Lower) == "sub" && s.Tokens[fw].Lower != "that"
	for j := a + 1; j < end; j++ {
		t := s.Tokens[j]
		if t.Lower == "," && j+1 < end && (f.isCue(s, j+1) || f.clauseWithCue(s, j+1, end) || contrast[s.Tokens[j+1].Lower] ||
			coordinator[s.Tokens[j+1].Lower] && j+2 < end && (f.clauseWithCue(s, j+2, end) ||
				// ", and while there are hints …": the writer's next clause
				f.lx.Class(s.Tokens[j+2].Lower) == "sub" && s.Tokens[j+2].Lower != "that")) {
			// "…, and three-quarters said the same of Sanders": the
			// coordinated clause is an attribution of its own.
			end = j
			break
		}
		// The comma of a quoted fragment sits inside its closing mark:
		// "… “win this race,” adding that …" ends the content after the mark.
		if t.Lower == "," && j+2 < end && s.Tokens[j+1].Kind == sentence.Quote && s.Tokens[j+1].Side != sentence.Open &&
			(f.isCue(s, j+2) || f.clauseWithCue(s, j+2, end) || contrast[s.Tokens[j+2].Lower]) {
			end = j + 2
			break
		}
		if (t.Lower == ";" || t.Lower == ":" || isDash(t)) && words(s, a, j) >= 3 && !insideQuoted(f.quoted, j) {
			end = j // a semicolon, colon or dash closes the reported clause
			break
		}
		if coordinator[t.Lower] && j+1 < end && (f.isCue(s, j+1) || f.clauseWithCue(s, j+1, end)) && !insideQuoted(f.quoted, j) {
			// "… and called it …", "… but argues that …": a second
			// attribution of the same speaker; "… and Democrats accused
			// the GOP …": one of another.
			end = j
			break
		}
		if f.lx.Class(t.Lower) == "sub" && t.Lower != "that" && f.clauseWithCue(s, j+1, end) {
			end = j
			break
		}
		// "While Mr. Obama insisted he would not be pigeonholed, the
		// campaign has appeared to …": the attribution stands in a clause
		// that opens the sentence; the main clause after the comma is the
		// writer's.
		if t.Lower == "," && subordinate && f.mainClauseAt(s, j+1, end) {
			end = j
			break
		}
	}
	if n := words(s, a, end); n < 3 && reporting || n < 2 {
		return 0, 0
	}
	// Some cues, with no "that" or colon, state something only when a
	// clause or a quotation follows: "identified a couple of key trends",
	// "wants a bigger share" name a thing, not what was said.
	if !reporting && f.lx.ClauseCues[s.Tokens[cue].Lower] && !f.clauseStart(s, a, end) && !quotedIn(f.quoted, a, end) {
		return 0, 0
	}
	return a, end
}

// quotedIn: a quotation opens within tokens [a, b).
func quotedIn(qs []quoted, a, b int) bool {
	k := firstQuotedFrom(qs, a)
	return k < len(qs) && qs[k].open < b
}

// infinitive: the content after cue is an infinitive the cue takes
// ("agreed to clean up the mines", "vowed to never give up"): "to" at a,
// then a lower-case word that is no article, pronoun or name.
func (f *finder) infinitive(s *sentence.Segment, cue, a, end int) bool {
	if !f.lx.Infinitive[s.Tokens[cue].Lower] || s.Tokens[a].Lower != "to" || a+1 >= end {
		return false
	}
	t := s.Tokens[a+1]
	c := f.lx.Class(t.Lower)
	return t.Kind == sentence.Word && !t.Cap && (c == "" || c == "adv" || c == "neg")
}

// skipObject steps over what stands between a cue and its content: the
// person told ("told Reuters", "told reporters"), a time or setting phrase
// ("on Thursday", "in a statement").
func (f *finder) skipObject(s *sentence.Segment, r sentence.Range, a int) int {
	if a < r.To {
		if mi := f.x.MentionIndex(f.cur, a); mi >= 0 && (s.Tokens[a-1].Lower == "told" || s.Tokens[a-1].Lower == "tells" || s.Tokens[a-1].Lower == "telling") {
			a = f.x.Mentions[mi].To
		} else if l := s.Tokens[a].Lower; l == "reporters" || l == "journalists" || l == "him" || l == "her" || l == "them" || l == "us" || l == "me" {
			a++
		}
	}
	for a < r.To && f.lx.Class(s.Tokens[a].Lower) == "prep" && s.Tokens[a].Lower != "that" {
		j := a + 1
		for j < r.To && j < a+5 && s.Tokens[j].Kind == sentence.Word && (f.lx.Class(s.Tokens[j].Lower) == "det" || f.lx.Class(s.Tokens[j].Lower) == "time" || f.lx.Class(s.Tokens[j].Lower) == "") {
			last := s.Tokens[j].Lower
			j++
			if f.lx.Class(last) == "time" || last == "statement" || last == "interview" || last == "address" || last == "speech" || last == "conference" {
				a = j
				goto next
			}
		}
		break
	next:
	}
	for a < r.To && f.lx.Class(s.Tokens[a].Lower) == "time" {
		a++
	}
	if a < r.To && s.Tokens[a].Lower == "," {
		a++
	}
	return a
}

// clauseWithCue: tokens from a start a short noun phrase followed by a cue
// ("Azerbaijan declared"), which makes the clause an attribution of its own.
func (f *finder) clauseWithCue(s *sentence.Segment, a, end int) bool {
	for j := a; j < end && j < a+7; j++ {
		t := s.Tokens[j]
		if t.Kind == sentence.Number {
			continue // "27 percent of voters said"
		}
		if t.Lower == "." && j > a && f.lx.Honorific(s.Tokens[j-1].Lower) {
			continue // "Mr. McKinley said"
		}
		if t.Kind != sentence.Word || t.Lower == "'s" {
			return false
		}
		if j > a && f.isCue(s, j) {
			return true
		}
		if cls := f.lx.Class(t.Lower); cls == "sub" || cls == "conj" || cls == "aux" && !(j+1 < end && f.isCue(s, j+1)) {
			return false
		}
	}
	return false
}

// mainClauseAt: the words from a start a clause with its own subject: a
// subject pronoun, or an article or a name and at most three more words
// before an auxiliary ("the campaign has appeared", "Clinton will …").
func (f *finder) mainClauseAt(s *sentence.Segment, a, end int) bool {
	if a >= end {
		return false
	}
	if subjectPronoun[s.Tokens[a].Lower] {
		return true
	}
	if t := s.Tokens[a]; f.lx.Class(t.Lower) != "det" && !(t.Cap && f.x.MentionIndex(f.cur, a) >= 0) {
		return false
	}
	for j := a + 1; j < end && j < a+5; j++ {
		t := s.Tokens[j]
		if t.Kind != sentence.Word {
			return false
		}
		if c := f.lx.Class(t.Lower); c == "aux" || c == "neg" {
			return j > a
		} else if c != "" && c != "adv" {
			return false
		}
	}
	return false
}

// maxContent bounds reported content, in tokens, so a run-on "sentence"
// (a list, a table flattened to text) costs linear time.
const maxContent = 300

// timeAdverbial are the words of short time phrases before a participle:
// ", this time claiming", ", again calling", ", once more urging".
var timeAdverbial = map[string]bool{"this": true, "time": true, "again": true, "once": true, "more": true, "later": true}

// contrast words after a comma start a clause that is the writer's, not
// the speaker's: "…, however this time around…".
var contrast = map[string]bool{"but": true, "however": true, "although": true, "though": true, "whereas": true, "while": true, "meanwhile": true}

// subjectPronoun: pronouns in the subject case, which start a clause
// (object forms, "told him that", do not).
var subjectPronoun = map[string]bool{"he": true, "she": true, "they": true, "we": true, "i": true}

// coordinator words join a second clause to the reported one; followed by
// a cue ("and called it", "but argues", ", and most said") that clause is
// an attribution of its own, not part of the content.
var coordinator = map[string]bool{"and": true, "but": true}

// isDash is a dash standing between words: "—", "–", or " - ".
func isDash(t sentence.Token) bool {
	return t.Kind == sentence.Punct && (t.Lower == "—" || t.Lower == "–" || t.Lower == "―" || t.Lower == "-" && t.Space)
}

// trimEnd drops the closing punctuation of a sentence from [a, to).
func trimEnd(s *sentence.Segment, a, to int) int {
	for to > a {
		t := s.Tokens[to-1]
		if t.Kind == sentence.Punct && (t.Lower == "." || t.Lower == "," || t.Lower == ";" || t.Lower == ":" || t.Lower == "!" || t.Lower == "?" || t.Lower == "…" || t.Lower == "...") {
			to--
			continue
		}
		break
	}
	return to
}

// emit records an attribution: as partial quotes when its content holds
// quoted fragments, else as an indirect quote.
func (f *finder) emit(d found, qs []quoted) {
	if d.to <= d.from || words(f.segs[d.seg], d.from, d.to) < 2 {
		return
	}
	f.usedCue[[2]int{d.cueSeg, d.cueTo - 1}] = true
	// Content that opens with a quotation is that quotation, however many
	// sentences it runs: according to the paper, "… . … ."
	first := firstQuotedFrom(qs, d.from-1)
	for _, q := range qs[first:min(first+2, len(qs))] {
		if (q.open == d.from || q.open == d.from-1) && (q.close < 0 || q.close+1 >= d.to-1) {
			if f.titleOfWork(f.segs[d.seg], q) {
				return // "a piece titled “Honey Don't!”": a name, no statement
			}
			d.kind = article.Direct
			d.from, d.to = q.from, q.to
			f.found = append(f.found, d)
			return
		}
	}
	partial := false
	for _, q := range qs[firstQuotedFrom(qs, d.from):] {
		if q.open >= d.to {
			break
		}
		if q.close >= 0 && q.close < d.to && !f.titleOfWork(f.segs[d.seg], q) {
			p := d
			p.kind = article.Partial
			p.clauseFrom, p.clauseTo = d.from, d.to
			p.from, p.to = q.from, q.to
			f.found = append(f.found, p)
			partial = true
		}
	}
	if !partial {
		d.kind = article.Indirect
		f.found = append(f.found, d)
	}
}

// firstQuotedFrom is the index of the first quotation (qs is in text
// order) that opens at or after token i.
func firstQuotedFrom(qs []quoted, i int) int {
	return sort.Search(len(qs), func(k int) bool { return qs[k].open >= i })
}

// insideQuoted reports whether token i stands between the marks of one of qs.
func insideQuoted(qs []quoted, i int) bool {
	k := firstQuotedFrom(qs, i) - 1 // the last quotation opening before i
	if k < 0 {
		return false
	}
	q := qs[k]
	return i > q.open && (q.close < 0 || i < q.close)
}

// headline reads "SOURCE: CONTENT" at the start of a paragraph, the way
// headlines attribute ("Trump: 'I'm the Worst Thing…'", "Poll: …"): the
// source is a name (not a place) or a description with a speaking noun, at
// most five tokens, and the content at least three words.
func (f *finder) headline(si int, s *sentence.Segment) {
	start := firstNonSpace(s)
	// A transcript quoted whole: “WALLACE: Let's start with …
	if start < len(s.Tokens) && s.Tokens[start].Kind == sentence.Quote && s.Tokens[start].Side != sentence.Close {
		start++
	}
	// A kicker before a dash is the desk's label, not the speaker:
	// "EXCLUSIVE – Roger Stone: Don't Trust the Voting Machines".
	if k := start; k+1 < len(s.Tokens) && s.Tokens[k].Kind == sentence.Word && isDash(s.Tokens[k+1]) {
		if w := s.Slice(k, k+1); len(w) > 1 && strings.ToUpper(w) == w {
			start = k + 2
		}
	}
	colon := -1
	for j := start; j < len(s.Tokens) && j < start+6; j++ {
		if s.Tokens[j].Lower == ":" {
			colon = j
			break
		}
		if s.Tokens[j].Kind != sentence.Word && s.Tokens[j].Kind != sentence.Punct {
			return
		}
	}
	if colon <= start || words(s, colon+1, len(s.Tokens)) < 3 || f.usedCue[[2]int{si, colon}] || !strings.Contains(strings.TrimSpace(s.Text[s.Tokens[colon].End:]), " ") {
		// (one run of characters after the colon is an address: "Email: sports@latimes.com")
		return
	}
	sub := subject{seg: si, from: start, to: colon, mention: -1}
	quoted := colon+1 < len(s.Tokens) && s.Tokens[colon+1].Kind == sentence.Quote
	// A title or dek "Label: words" is a label ("CNBC Changemakers: …",
	// "Fatal Neutrality: …") unless the words are quoted or a person
	// speaks ("Trump: I'm the worst thing that ever happened to ISIS").
	mi, named := f.npEnd[[2]int{si, colon}]
	named = named && f.x.Mentions[mi].NPFrom == start
	if s.Block < 0 && !quoted && !(named && f.x.Entities[f.x.Mentions[mi].Entity].Type == article.Person) &&
		(named || !f.speakingLabel(s, start, colon)) {
		return
	}
	if named {
		switch f.x.Entities[f.x.Mentions[mi].Entity].Type {
		case article.Place:
			return
		case article.Organization, article.Group:
			// "Crimson Tide: 7-3, averaging 92.6 points" is a label; one
			// word in capitals opening a paragraph is a transcript's
			// speaker ("TAPPER: Do you think …"), whatever it was typed as.
			if !quoted && !(s.Block >= 0 && colon-start == 1 && f.speakingLabel(s, start, colon)) {
				return
			}
		}
		sub.mention = mi
	} else if !f.speakingLabel(s, start, colon) {
		return
	}
	r := s.SentenceOf(colon)
	end := len(s.Tokens)
	if r.To < end && s.Tokens[r.To-1].Lower != "." {
		end = r.To
	}
	d := found{seg: si, cueSeg: si, cueFrom: colon, cueTo: colon + 1, from: colon + 1, to: trimEnd(s, colon+1, end), entity: -1, chainNext: -1, subj: sub}
	f.emit(d, f.quoted)
}

// speakingLabel: the words before a headline's colon name a speaker by a
// role or a stating thing ("Poll:", "Clinton camp:", "Hacker Guccifer:"),
// or are one word in capitals, a transcript's speaker ("PENCE:"). A label
// of several capitalised words ("BOTTOM LINE:", "TOP PERFORMERS:") heads
// a fact box.
func (f *finder) speakingLabel(s *sentence.Segment, from, to int) bool {
	speaking, allCaps, titleCase := false, true, true
	for j := from; j < to; j++ {
		t := s.Tokens[j]
		l := t.Lower
		if f.lx.Labels[l] || f.lx.Labels[strings.Trim(l, "[(")] {
			return false // "Editor's note:", "Correction:", "[Video:"
		}
		if f.lx.Role(l) || f.lx.Speaking[lexicon.Singular(l)] {
			speaking = true
		}
		allCaps = allCaps && t.Cap && f.lx.Class(l) == ""
		if t.Kind == sentence.Word {
			titleCase = titleCase && (t.Cap || f.lx.Class(l) != "")
		}
	}
	if allCaps && to-from == 1 {
		// One word in capitals is a transcript's speaker ("PENCE:"); one
		// capitalised word ("Correction:") only when it speaks.
		w := s.Slice(from, to)
		return strings.ToUpper(w) == w || speaking
	}
	// "Little Relief for Refugees:": a subheading in title case.
	if titleCase && words(s, from, to) >= 3 && s.Block >= 0 {
		return false
	}
	return speaking && !allCaps
}

// firstWord is the first word of sentence r.
func firstWord(s *sentence.Segment, r sentence.Range) int {
	for i := r.From; i < r.To; i++ {
		if s.Tokens[i].Kind == sentence.Word {
			return i
		}
	}
	return r.To
}

// speakingPhrase: a description that names a speaker by a role or a
// stating thing ("the latest poll", "party officials").
func (f *finder) speakingPhrase(s *sentence.Segment, sub subject) bool {
	for j := sub.from; j < sub.to; j++ {
		l := s.Tokens[j].Lower
		if f.lx.Role(l) || f.lx.Speaking[lexicon.Singular(l)] {
			return true
		}
	}
	return false
}

// addVerb are the forms of "add", a cue only when a clause follows.
var addVerb = map[string]bool{"add": true, "adds": true, "added": true, "adding": true}

// clauseStart: the words from a begin a clause: a quotation, a pronoun
// subject, or an auxiliary within the first four words ("the rates would
// rise", "it was over").
func (f *finder) clauseStart(s *sentence.Segment, a, to int) bool {
	for j := a; j < to && j < a+4; j++ {
		t := s.Tokens[j]
		if t.Kind == sentence.Quote {
			return true
		}
		c := f.lx.Closed[t.Lower]
		if c.Class == "aux" || c.Class == "neg" || c.Class == "pron" && j == a {
			return true
		}
	}
	return false
}

// negated: the words [start, cue) before a cue hold a negation ("did
// not", "doesn't", "never").
func negated(s *sentence.Segment, start, cue int, lx *lexicon.Lexicon) bool {
	for j := start; j < cue; j++ {
		if lx.Class(s.Tokens[j].Lower) == "neg" {
			return true
		}
	}
	return false
}

// afterDateline steps over a dateline that opens the text at token from:
// "WASHINGTON (AP) — Donald Trump has invested …" reports from a place; the
// statement starts after the dash. A dateline is words in capitals, maybe
// an agency in brackets, then a dash, within the first eight tokens.
func afterDateline(s *sentence.Segment, from, to int) int {
	for j := from; j < to && j < from+8; j++ {
		t := s.Tokens[j]
		if isDash(t) {
			if j > from {
				return j + 1
			}
			return from
		}
		switch {
		case t.Kind == sentence.Word && t.Cap:
			if w := s.Slice(j, j+1); len(w) < 2 || strings.ToUpper(w) != w {
				return from
			}
		case t.Lower == "(" || t.Lower == ")" || t.Lower == ",":
		default:
			return from
		}
	}
	return from
}
