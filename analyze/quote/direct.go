package quote

import (
	"strings"

	"lede/analyze/sentence"
	"lede/article"
)

// direct takes the quotations of a segment that are statements in their own
// right: those with an attribution right after them ("…," he said / said
// Caddell), right before them (X said: "…"), or none because they go on
// from the one before ("A," he said. "B.").
func (f *finder) direct(si int, s *sentence.Segment, qs []quoted) {
	prevDirect := -1  // index in f.found of the last direct quotation of this segment
	prevAttrEnd := -1 // end of the last quotation's attribution clause
	prevSentEnd := -1 // end of the sentence that attribution stands in
	for _, q := range qs {
		if !f.standsAlone(s, q) || f.transcriptTurn(s, q) {
			continue
		}
		d := found{kind: article.Direct, seg: si, from: q.from, to: q.to, cueSeg: si, entity: -1, chainNext: -1, subj: subject{mention: -1}}
		switch {
		case f.attributionAfter(s, q, &d):
			f.fragment(s, q, &d, true)
		case prevDirect >= 0 && f.resumes(s, prevAttrEnd, q.open) && f.found[prevDirect].cueTo > f.found[prevDirect].cueFrom:
			// "A," says Reid, who has read the cables, "B.": the second
			// half goes on with the first one's attribution.
			p := f.found[prevDirect]
			d.cueSeg, d.cueFrom, d.cueTo, d.subj = p.cueSeg, p.cueFrom, p.cueTo, p.subj
		case f.attributionBefore(s, q, &d):
			f.fragment(s, q, &d, false)
		case prevDirect >= 0 && (onlyPunctBetween(s, prevAttrEnd, q.open) || q.open >= prevSentEnd && onlyPunctBetween(s, prevSentEnd, q.open)):
			// The second half of a split quotation shares the first one's
			// cue and speaker.
			p := f.found[prevDirect]
			d.cueSeg, d.cueFrom, d.cueTo, d.subj = p.cueSeg, p.cueFrom, p.cueTo, p.subj
		case q.open == firstNonSpace(s) && f.intro != nil:
			// "Caddell continued:" ends the paragraph before.
			d.cueSeg, d.cueFrom, d.cueTo, d.subj = f.intro.cueSeg, f.intro.cueFrom, f.intro.cueTo, f.intro.subj
		case q.open == firstNonSpace(s) || s.SentenceOf(q.open).From == q.open:
			d.subj.inherit = true // a quotation standing as a sentence or a paragraph: the speaker goes on
		default:
			continue
		}
		f.found = append(f.found, d)
		prevDirect = len(f.found) - 1
		prevAttrEnd = max(q.to, q.close) + 1
		prevSentEnd = prevAttrEnd
		if d.cueSeg == si && d.cueTo > q.close {
			prevAttrEnd = f.attrEnd(s, d)
			// Words of the attribution ("who has read the cables") are
			// no cues of their own.
			for j := d.cueTo; j < prevAttrEnd; j++ {
				f.usedCue[[2]int{si, j}] = true
			}
			// "…," said Mona Lamberson, 59, of North Philadelphia. "…"
			prevSentEnd = s.SentenceOf(d.cueFrom).To
		}
	}
}

// fragment makes a quotation that is only part of its sentence a partial
// quote, with the sentence's reported words as its clause: words of the
// writer's before the opening mark and an attribution after it ("Details
// aside, the proposals send a message that a top priority “is increasing
// the tax liability,” Mr. Kamin said"), or an attribution before it and
// reported words after the closing mark ("said that, “Of course he is going
// to defend himself” against what the campaign sees as …").
func (f *finder) fragment(s *sentence.Segment, q quoted, d *found, after bool) {
	r := s.SentenceOf(q.open)
	if after {
		if q.open <= firstWord(s, r) || q.close < 0 {
			return
		}
		if p := s.Tokens[q.open-1]; p.Kind != sentence.Word && p.Kind != sentence.Number {
			return
		}
		from, _ := f.contentBefore(s, r, q.open)
		if words(s, from, q.open) < 2 {
			return
		}
		d.kind, d.clauseFrom, d.clauseTo = article.Partial, from, q.close
		return
	}
	if q.close < 0 || q.close+1 >= r.To {
		return
	}
	end := trimEnd(s, q.close+1, r.To)
	if words(s, q.close+1, end) < 2 {
		return
	}
	for j := q.close + 1; j < end; j++ {
		if s.Tokens[j].Kind == sentence.Quote {
			return // another quotation follows: a sequence of quoted sentences
		}
	}
	d.kind, d.clauseFrom, d.clauseTo = article.Partial, q.open, end
}

// transcriptTurn: a quotation that opens with one word in capitals and a
// colon ("“WALLACE: Let's start with …") quotes a transcript; headline
// gives the turn its speaker, the word before the colon.
func (f *finder) transcriptTurn(s *sentence.Segment, q quoted) bool {
	if q.from+1 >= q.to || s.Tokens[q.from+1].Lower != ":" || s.Tokens[q.from].Kind != sentence.Word {
		return false
	}
	w := s.Slice(q.from, q.from+1)
	return len(w) > 1 && strings.ToUpper(w) == w && q.open == firstNonSpace(s)
}

// standsAlone: the quotation is a sentence or more, not a fragment inside
// one. It starts a sentence or follows ":" or "," — or it ends with
// sentence punctuation or a comma inside its marks.
func (f *finder) standsAlone(s *sentence.Segment, q quoted) bool {
	if f.titleOfWork(s, q) {
		return false
	}
	if q.open == firstNonSpace(s) || q.open == 0 {
		return true
	}
	prev := s.Tokens[q.open-1]
	if prev.Lower == ":" || prev.Lower == "," {
		return true
	}
	if r := s.SentenceOf(q.open); r.From == q.open {
		return true
	}
	if q.close > 0 {
		last := s.Tokens[q.close-1].Lower
		if last == "," || last == "." || last == "?" || last == "!" {
			return words(s, q.from, q.to) >= 4
		}
	}
	return false
}

// attributionAfter matches "…," SUBJ CUE and "…," CUE SUBJ after the closing mark.
func (f *finder) attributionAfter(s *sentence.Segment, q quoted, d *found) bool {
	if q.close < 0 {
		return false
	}
	i := q.close + 1
	if i < len(s.Tokens) && s.Tokens[i].Lower == "," {
		i++
	}
	if i >= len(s.Tokens) {
		return false
	}
	// “…” — NAME at the end of the paragraph: an epigraph's or a reader's
	// signature.
	if isDash(s.Tokens[i]) && i+1 < len(s.Tokens) {
		if m, mi, ok := f.mentionFrom(i + 1); ok && m.NPFrom == i+1 && (trimEnd(s, m.NPTo, len(s.Tokens)) == m.NPTo || lineEnds(s, m.NPTo)) {
			if typ := f.x.Entities[m.Entity].Type; typ == article.Person || typ == article.Organization {
				d.cueFrom, d.cueTo, d.subj = i, i+1, subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}
				return true
			}
		}
	}
	// CUE SUBJ: said Caddell, said the adviser.
	if f.isCueAt(s, i) {
		if sub, ok := f.subjectAfter(s, i+1); ok {
			d.cueFrom, d.cueTo, d.subj = i, i+1, sub
			f.usedCue[[2]int{d.cueSeg, i}] = true
			return true
		}
	}
	// SUBJ [aux] CUE within a few tokens, in the same sentence. A
	// quotation that ends its sentence inside the marks (“… Palestine.”)
	// is followed by a sentence of its own: only "Smith said." right
	// after it is its attribution, not a cue further on ("Its X post
	// contained a video describing …").
	r := s.SentenceOf(i)
	// A long appositive may stand between the name and the cue ("…,''
	// Michael McFaul, a senior fellow at the Hoover Institution and a
	// former ambassador to Russia, said"): past twelve tokens the subject
	// must start right after the quotation.
	limit := i + 30
	if q.close > q.from && s.Tokens[q.close-1].Lower == "." && r.From == i {
		limit = i + 4
	}
	for j := i; j < r.To && j < limit; j++ {
		t := s.Tokens[j]
		if t.Kind == sentence.Quote || t.Lower == ";" {
			return false
		}
		if f.isCueAt(s, j) {
			start := f.cueStart(s, j)
			sub, ok := f.subjectBefore(s, start)
			if !ok || sub.from < i || j >= i+12 && sub.from != i {
				return false
			}
			d.cueFrom, d.cueTo, d.subj = start, j+1, sub
			f.usedCue[[2]int{d.cueSeg, j}] = true
			return true
		}
	}
	return false
}

// attributionBefore matches SUBJ CUE [adjuncts] [:,] "…" before the opening mark.
func (f *finder) attributionBefore(s *sentence.Segment, q quoted, d *found) bool {
	if q.open == 0 {
		return false
	}
	prev := s.Tokens[q.open-1].Lower
	if prev != ":" && prev != "," {
		return false
	}
	r := s.SentenceOf(q.open - 1)
	for j := q.open - 2; j >= r.From && j >= q.open-10; j-- {
		t := s.Tokens[j]
		if t.Kind == sentence.Quote {
			return false
		}
		if f.isCueAt(s, j) {
			start := f.cueStart(s, j)
			sub, ok := f.subjectBefore(s, start)
			if !ok {
				// CUE SUBJ: "Said Caddell:" is rare; a participle ("adding:") inherits.
				sub = subject{mention: -1, inherit: true}
			}
			d.cueFrom, d.cueTo, d.subj = start, j+1, sub
			f.usedCue[[2]int{d.cueSeg, j}] = true
			return true
		}
	}
	// NAME: "…" — a person or organisation named right before the colon
	// speaks, the colon being the cue (a transcript, "Pollster Daron Shaw: …").
	if mi, ok := f.npEnd[[2]int{f.cur, q.open - 1}]; ok && prev == ":" {
		m := f.x.Mentions[mi]
		if t := f.x.Entities[m.Entity].Type; (t == article.Person || t == article.Organization) && m.NPFrom >= r.From {
			d.cueFrom, d.cueTo = q.open-1, q.open
			d.subj = subject{seg: f.cur, from: m.NPFrom, to: m.NPTo, mention: mi}
			return true
		}
	}
	return false
}

// isCueAt is isCue for a cue not yet given to another statement.
func (f *finder) isCueAt(s *sentence.Segment, i int) bool {
	seg := f.cur
	return !f.usedCue[[2]int{seg, i}] && f.isCue(s, i)
}

// attrEnd is the token after an attribution that follows a quotation:
// past the cue, its subject and any time phrase, up to the sentence end.
func (f *finder) attrEnd(s *sentence.Segment, d found) int {
	end := max(d.cueTo, d.subj.to)
	r := s.SentenceOf(end - 1)
	for end < r.To && s.Tokens[end].Kind != sentence.Quote && s.Tokens[end].Lower != "," && s.Tokens[end].Lower != "." {
		end++
	}
	// ", who has read the American cables," belongs to the attribution:
	// a quotation after it goes on with the same speaker.
	if end+1 < r.To && s.Tokens[end].Lower == "," && (s.Tokens[end+1].Lower == "who" || s.Tokens[end+1].Lower == "whose") {
		for j := end + 2; j < r.To && j < end+25; j++ {
			if t := s.Tokens[j]; t.Kind == sentence.Quote {
				break
			} else if t.Lower == "," {
				end = j
				break
			}
		}
	}
	return end
}

// resumes: the tokens [a, b) between an attribution and the next opening
// mark let the quotation go on: punctuation only, a conjunction ("…,” he
// said, but “…”) or a participle clause of the attribution's (“…,” Tester
// said, referring to the 1 percent excuse, “…”).
func (f *finder) resumes(s *sentence.Segment, a, b int) bool {
	if onlyPunctBetween(s, a, b) {
		return true
	}
	if a < 0 || a >= b || b-a > 16 {
		return false
	}
	i := a
	if s.Tokens[i].Lower == "," {
		i++
	}
	if i < b && coordinator[s.Tokens[i].Lower] {
		// "…,” Jordan said, and still “…”: adverbs may follow.
		j := i + 1
		for j < b && (f.lx.Class(s.Tokens[j].Lower) == "adv" || f.adverb(s.Tokens[j])) {
			j++
		}
		if onlyPunctBetween(s, j, b) {
			return true
		}
	}
	if i < b && strings.HasSuffix(s.Tokens[i].Lower, "ing") && !s.Tokens[i].Cap && s.Tokens[i-1].Lower == "," && s.Tokens[b-1].Lower == "," {
		for j := i; j < b-1; j++ {
			if t := s.Tokens[j]; t.Kind == sentence.Quote || t.Lower == "." || t.Lower == ";" {
				return false
			}
		}
		return true
	}
	return false
}

// lineEnds: token i ends a line of the paragraph: a line break, maybe after
// closing punctuation, follows.
func lineEnds(s *sentence.Segment, i int) bool {
	for ; i < len(s.Tokens); i++ {
		switch t := s.Tokens[i]; {
		case t.Kind == sentence.Break:
			return true
		case t.Kind == sentence.Punct && (t.Lower == "." || t.Lower == ","):
		default:
			return false
		}
	}
	return false
}

// onlyPunctBetween: tokens [a, b) are punctuation only (and a < b+1).
func onlyPunctBetween(s *sentence.Segment, a, b int) bool {
	if a < 0 || a > b {
		return false
	}
	for i := a; i < b; i++ {
		if k := s.Tokens[i].Kind; k == sentence.Word || k == sentence.Number {
			return false
		}
	}
	return true
}

func firstNonSpace(s *sentence.Segment) int {
	for i, t := range s.Tokens {
		if t.Kind != sentence.Break {
			return i
		}
	}
	return 0
}

// words counts the word and number tokens in [a, b).
func words(s *sentence.Segment, a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if k := s.Tokens[i].Kind; k == sentence.Word || k == sentence.Number {
			n++
		}
	}
	return n
}

// titleOfWork: a short quotation in title case ("Orange Is the New Black",
// "Broad City", "Guardians of the Galaxy,") names a show, a book or a
// song; it states nothing. Every word is capitalised but closed-class ones
// ("of", "the"), and no sentence ends inside.
func (f *finder) titleOfWork(s *sentence.Segment, q quoted) bool {
	n := 0
	for j := q.from; j < q.to; j++ {
		t := s.Tokens[j]
		switch {
		case t.Kind == sentence.Word:
			if !t.Cap && f.lx.Class(t.Lower) == "" {
				return false
			}
			if t.Cap && f.lx.Class(t.Lower) == "" {
				n++ // "I like him" has no capitalised word of a title
			}
		case (t.Lower == "?" || t.Lower == "!") && j+1 == q.to:
			// "Honey Don't!", "Where Art Thou?": the title's own mark
		case t.Lower == "." || t.Lower == "?" || t.Lower == "!" || t.Kind == sentence.Quote:
			return false
		}
	}
	return n >= 1 && words(s, q.from, q.to) <= 6
}
