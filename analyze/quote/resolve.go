package quote

import (
	"strings"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// chain links a quotation left open at the end of a paragraph to the one
// that opens the next paragraph: the convention for a quotation that runs
// over several paragraphs. The speaker may be named only in the last one.
func (f *finder) chain(all [][]quoted) {
	at := map[[2]int]int{} // (segment, first content token) → index in f.found
	for i, d := range f.found {
		if d.kind == article.Direct {
			at[[2]int{d.seg, d.from}] = i
		}
	}
	for si := 0; si+1 < len(all); si++ {
		if len(all[si]) == 0 || len(all[si+1]) == 0 {
			continue
		}
		last, next := all[si][len(all[si])-1], all[si+1][0]
		if last.close >= 0 || next.open != firstNonSpace(f.segs[si+1]) {
			continue
		}
		a, ok1 := at[[2]int{si, last.from}]
		b, ok2 := at[[2]int{si + 1, next.from}]
		if ok1 && ok2 {
			f.found[a].chainNext = b
		}
	}
}

// resolve finds the entity behind every speaker, in reading order, keeping
// the last speaker for pronouns and for quotations that go on without one.
func (f *finder) resolve() {
	last := -1
	for i := range f.found {
		d := &f.found[i]
		switch {
		case d.subj.inherit:
			d.entity = last
		case d.subj.mention >= 0:
			d.entity = f.x.Mentions[d.subj.mention].Entity
		case d.subj.pronoun != "":
			d.entity = f.pronoun(d.subj, last)
		case d.subj.to > d.subj.from:
			d.entity = f.description(d.subj)
		}
		if d.entity >= 0 {
			last = d.entity
		}
	}
	// A quotation that runs on into the next paragraph belongs to whoever
	// the later paragraph names.
	for i := len(f.found) - 1; i >= 0; i-- {
		d := &f.found[i]
		if n := d.chainNext; d.subj.inherit && n >= 0 && !f.found[n].subj.inherit && f.found[n].entity >= 0 {
			d.entity, d.subj = f.found[n].entity, f.found[n].subj
			d.cueSeg, d.cueFrom, d.cueTo = f.found[n].cueSeg, f.found[n].cueFrom, f.found[n].cueTo
		}
	}
}

// pronoun resolves "he", "she", "they", "we", "I": first the last speaker
// when gender and number fit, then the nearest earlier mention that fits.
func (f *finder) pronoun(sub subject, last int) int {
	c := f.lx.Closed[sub.pronoun]
	fits := func(e *entity.Entity) bool {
		switch c.Gender {
		case 'm', 'f':
			return e.Type == article.Person && (e.Gender == 0 || e.Gender == c.Gender)
		case 'p':
			return e.Type == article.Group || e.Type == article.Organization || e.Plural
		}
		return e.Type == article.Person || e.Type == article.Group || e.Type == article.Organization
	}
	pick := func(i int) int {
		e := f.x.Entities[i]
		if e.Gender == 0 && (c.Gender == 'm' || c.Gender == 'f') {
			e.Gender = c.Gender // "he said" tells us
		}
		return i
	}
	if last >= 0 && fits(f.x.Entities[last]) {
		return pick(last)
	}
	// The nearest earlier mentions; a speaker is rarely further back than a
	// few hundred names.
	end := f.x.Before(sub.seg, sub.from)
	for mi := end - 1; mi >= 0 && mi >= end-300; mi-- {
		m := f.x.Mentions[mi]
		if f.segs[m.Seg].Block == article.TitleBlock {
			continue
		}
		if fits(f.x.Entities[m.Entity]) {
			return pick(m.Entity)
		}
	}
	return -1
}

// description resolves a speaker named by what they are ("the adviser",
// "an Azerbaijani presidential adviser"): the person whose roles share the
// phrase's head role word, nearest in the text; else a group entity named by
// the phrase ("Riot police", "Ethnic Armenians in Karabakh").
func (f *finder) description(sub subject) int {
	s := f.segs[sub.seg]
	head := ""
	for j := sub.from; j < sub.to; j++ {
		t := s.Tokens[j]
		if t.Kind != sentence.Word {
			continue
		}
		if f.lx.Class(t.Lower) == "prep" {
			break // "adviser to Azerbaijan's president", "a survey from Mortgage News Daily": the head is before it
		}
		if f.lx.Role(t.Lower) && (!t.Cap || f.lx.Titles[t.Lower]) {
			head = lexicon.Singular(t.Lower)
			if f.lx.Role(t.Lower) && (f.lx.Titles[t.Lower] || f.lx.Agents[t.Lower]) {
				head = t.Lower
			}
		}
	}
	plural := head != "" && !f.lx.Titles[head] && !f.lx.Agents[head] || strings.HasSuffix(s.Tokens[sub.to-1].Lower, "s")
	if head != "" && !plural {
		best, bestDist := -1, 1<<62
		at := s.Tokens[sub.from].Start
		for _, ei := range f.roleHolders()[head] {
			for _, m := range f.x.Entities[ei].Mentions {
				d := abs(m.Block-s.Block)<<32 + abs(m.Start-at)
				if d < bestDist {
					best, bestDist = ei, d
				}
			}
		}
		if best >= 0 {
			return best
		}
	}
	from := sub.from
	if l := s.Tokens[from].Lower; (l == "the" || l == "a" || l == "an") && from+1 < sub.to {
		from++
	}
	name := s.Slice(from, sub.to)
	return f.x.AddGroup(name, s, from, sub.to)
}

// roleHolders maps every word of the people's roles (and its singular) to
// the people holding it, built on first use.
func (f *finder) roleHolders() map[string][]int {
	if f.holders != nil {
		return f.holders
	}
	f.holders = map[string][]int{}
	for i, e := range f.x.Entities {
		if e.Type != article.Person {
			continue
		}
		seen := map[string]bool{}
		for _, r := range e.Roles {
			for _, w := range strings.Fields(strings.ToLower(r)) {
				for _, k := range []string{w, lexicon.Singular(w)} {
					if !seen[k] {
						seen[k] = true
						f.holders[k] = append(f.holders[k], i)
					}
				}
			}
		}
	}
	return f.holders
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// quotes turns what was found into article quotes.
func (f *finder) quotes() []article.Quote {
	out := make([]article.Quote, 0, len(f.found))
	for _, d := range f.found {
		s := f.segs[d.seg]
		a, b := s.Bytes(d.from, d.to)
		q := article.Quote{Kind: d.kind, Text: s.Text[a:b], Span: article.Span{Block: s.Block, Start: a, End: b}}
		if d.cueTo > d.cueFrom {
			cs := f.segs[d.cueSeg]
			ca, cb := cs.Bytes(d.cueFrom, d.cueTo)
			q.Cue = cs.Text[ca:cb]
			q.CueSpan = &article.Span{Block: cs.Block, Start: ca, End: cb}
		}
		if d.kind == article.Partial {
			pa, pb := s.Bytes(d.clauseFrom, d.clauseTo)
			q.Clause = &article.Span{Block: s.Block, Start: pa, End: pb}
		}
		sp := &article.Speaker{Entity: -1}
		if d.subj.to > d.subj.from {
			ss := f.segs[d.subj.seg]
			ma, mb := ss.Bytes(d.subj.from, d.subj.to)
			sp.Mention = ss.Text[ma:mb]
			sp.Span = &article.Span{Block: ss.Block, Start: ma, End: mb}
		}
		if d.entity >= 0 {
			sp.Entity = d.entity
			sp.Name = f.x.Entities[d.entity].Name
		}
		if sp.Mention != "" || sp.Entity >= 0 {
			q.Speaker = sp
		}
		out = append(out, q)
	}
	return out
}
