// Package quote finds attributed statements: direct quotations ("…," X
// said), partial ones (a quoted fragment inside reported speech) and indirect
// speech (X said (that) …; …, X said; according to X, …). Each gets its cue
// and its speaker: the words in the text, and the entity they resolve to.
//
// It works on the tokens of each segment in reading order and keeps the last
// speaker across paragraphs, so "he said" three paragraphs on still finds
// who was talking. Patterns are fixed sequences checked around cue words and
// quotation marks; every check is a map look-up on a token, so the whole
// pass is linear in the text.
package quote

import (
	"sort"
	"strings"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// subject is the speaker's noun phrase as found, before it is resolved.
type subject struct {
	seg, from, to int // tokens of the noun phrase; from == to when none
	mention       int // entity mention index, or -1
	pronoun       string
	inherit       bool // no words of its own: the previous speaker goes on
}

// found is a statement waiting for its speaker to be resolved.
type found struct {
	kind           article.QuoteKind
	seg            int
	from, to       int // content tokens
	clauseFrom     int // for partial quotes: the reported clause
	clauseTo       int
	cueFrom, cueTo int // cue tokens in segment cueSeg; cueFrom == cueTo when none
	cueSeg         int
	subj           subject
	entity         int // resolved entity, -1 when not
	chainNext      int // index in finder.found of the paragraph that goes on with this quotation, or -1
}

type finder struct {
	segs    []*sentence.Segment
	lx      *lexicon.Lexicon
	x       *entity.Index
	npEnd   map[[2]int]int  // (segment, end of a mention's noun phrase) → mention index
	usedCue map[[2]int]bool // (segment, token) of cues already given to a quotation
	found   []found
	cur     int      // index of the segment being read
	quoted  []quoted // the quotations of the segment being read
	// intro is an attribution that ends its paragraph with a colon and
	// nothing after it ("Caddell continued:"): the next paragraph's
	// quotation is its content.
	intro, nextIntro *found
	holders          map[string][]int // role word → people holding it; see roleHolders
}

// Find returns the attributed statements of segs, in reading order. Group
// entities for speakers named by a description are added to x.
func Find(segs []*sentence.Segment, lx *lexicon.Lexicon, x *entity.Index) []article.Quote {
	f := &finder{segs: segs, lx: lx, x: x, npEnd: map[[2]int]int{}, usedCue: map[[2]int]bool{}}
	for i, m := range x.Mentions {
		f.npEnd[[2]int{m.Seg, m.NPTo}] = i
		f.npEnd[[2]int{m.Seg, m.To}] = i
	}
	var allQuoted [][]quoted
	for si, s := range segs {
		f.cur = si
		qs := findQuoted(si, s)
		f.quoted = qs
		allQuoted = append(allQuoted, qs)
		f.intro, f.nextIntro = f.nextIntro, nil
		f.direct(si, s, qs)
		f.indirect(si, s, qs)
		f.headline(si, s)
	}
	sort.SliceStable(f.found, func(i, j int) bool {
		a, b := f.found[i], f.found[j]
		if a.seg != b.seg {
			return a.seg < b.seg
		}
		return a.from < b.from
	})
	f.chain(allQuoted)
	f.resolve()
	return dropRepeated(f.quotes())
}

// dropRepeated removes the quotes of the title and the dek that the body
// says again (a dek is often the lead paragraph repeated) and second
// records of the same words: the same statement found twice is one.
func dropRepeated(qs []article.Quote) []article.Quote {
	body := map[string]bool{}
	for _, q := range qs {
		if q.Span.Block >= 0 {
			body[q.Text] = true
		}
	}
	out := qs[:0]
	seen := map[article.Span]bool{}
	for _, q := range qs {
		if q.Span.Block < 0 && body[q.Text] {
			continue
		}
		// One statement found by two cues ("praised him, saying …") is
		// one quote: the first attribution keeps it.
		if seen[q.Span] {
			continue
		}
		seen[q.Span] = true
		out = append(out, q)
	}
	return out
}

// isCue reports whether token i of s is a cue word used as one: not after
// an article ("the report"), not inside a name.
func (f *finder) isCue(s *sentence.Segment, i int) bool {
	t := s.Tokens[i]
	if t.Kind != sentence.Word || !f.lx.Cue(t.Lower) && f.cueEnd(s, i) == i+1 {
		return false
	}
	if t.Cap && i > 0 && s.Tokens[i-1].Kind == sentence.Word {
		return false // inside a name
	}
	if i > 0 {
		prev := s.Tokens[i-1].Lower
		// After "'s" a cue is a noun ("Trump's claim"), unless it is a
		// participle and "'s" is "is" or "has" ("He's claiming that …",
		// "she's called for …").
		if cls := f.lx.Class(prev); cls == "det" && !quantifier[prev] || prev == "'s" && !participleForm(t.Lower) || prev == "to" || cls == "prep" {
			return false
		}
	}
	if f.passive(s, i) {
		return false
	}
	return true
}

// passive: the cue at i is a past participle after a form of "be" ("are
// announced", "is titled", "was seen") or right before "by" ("a document
// seen by Reuters"): its subject is what is spoken of, not who speaks.
func (f *finder) passive(s *sentence.Segment, i int) bool {
	t := s.Tokens[i]
	if !strings.HasSuffix(t.Lower, "ed") && !irregularParticiple[t.Lower] {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		p := s.Tokens[j]
		if p.Kind != sentence.Word {
			break
		}
		if beForm[p.Lower] {
			return true
		}
		if !(f.lx.Class(p.Lower) == "adv" || f.lx.Class(p.Lower) == "neg" || f.adverb(p)) {
			break
		}
	}
	if i+1 < len(s.Tokens) && s.Tokens[i+1].Lower == "by" {
		return true
	}
	return false
}

// beForm are the forms of "be" that make a following participle passive.
var beForm = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "'s": false}

// irregularParticiple are cue participles that do not end in -ed.
var irregularParticiple = map[string]bool{"seen": true, "told": true, "shown": true, "written": true, "known": true, "heard": true, "read": true, "said": true}

// quantifier holds the determiners that stand alone as a subject, so a cue
// after them is a verb: "most believe", "many said", "some argue".
var quantifier = map[string]bool{"most": true, "many": true, "some": true, "few": true, "all": true, "both": true, "several": true, "each": true}

// cueEnd is the token after the cue word at i: after its particle when
// the two are a cue phrase ("referring to", "called for"), else i+1.
func (f *finder) cueEnd(s *sentence.Segment, i int) int {
	if i+1 < len(s.Tokens) && s.Tokens[i+1].Kind == sentence.Word && f.lx.CuePhrase(s.Tokens[i].Lower, s.Tokens[i+1].Lower) {
		return i + 2
	}
	return i + 1
}

// cueStart extends a cue left over auxiliaries and adverbs: "has said",
// "also said", "’s claiming".
func (f *finder) cueStart(s *sentence.Segment, i int) int {
	cue := s.Tokens[i].Lower
	for i > 0 {
		p := s.Tokens[i-1]
		if c := f.lx.Class(p.Lower); p.Kind == sentence.Word && (c == "aux" || c == "neg" || c == "adv" || f.adverb(p) || p.Lower == "'s" && participleForm(cue)) {
			i--
			continue
		}
		break
	}
	return i
}

// participleForm: a word shaped like a participle ("claiming", "called").
func participleForm(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed"))
}

// adverb: a lower-case common English word ending in -ly ("really",
// "aggressively", "immediately"), or one of the adverbs that end
// otherwise and stand between a subject and its verb ("even", "however").
// Such a word is never the speaker.
func (f *finder) adverb(t sentence.Token) bool {
	if t.Kind != sentence.Word || t.Cap {
		return false
	}
	switch t.Lower {
	case "even", "however", "just", "only", "first", "often", "soon", "once", "long", "quickly", "early", "late", "later", "earlier", "still", "already", "then", "now":
		return true
	}
	return len(t.Lower) > 4 && strings.HasSuffix(t.Lower, "ly") && f.lx.Common[t.Lower] && !f.lx.Role(t.Lower)
}
