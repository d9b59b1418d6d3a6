package event

import (
	"bytes"
	"strings"

	"lede/analyze/sentence"
	"lede/article"
)

// maxNP bounds a noun phrase in tokens, so a run-on list stays one actor.
const maxNP = 10

// maxAside bounds a phrase set off by commas between a subject and its verb
// ("Agnes Callamard, the special rapporteur for the U.N.'s Office of the
// High Commissioner for Human Rights, conducted").
const maxAside = 24

// subjectBefore is the actor whose noun phrase ends before token aux: the
// subject of the verb whose auxiliary chain starts there. A relative
// pronoun ("units which have said") stands for the noun phrase before it.
func (t *reader) subjectBefore(d *Document, si int, s *sentence.Segment, r sentence.Range, aux int) *article.Actor {
	j := aux - 1
	if j < r.From {
		return nil
	}
	switch s.Tokens[j].Lower {
	case "who", "which", "that":
		j--
		if j >= r.From && s.Tokens[j].Lower == "," {
			j--
		}
	}
	// Between the subject and its verb may stand time words ("Trump on
	// Wednesday backed down"), a phrase set off by commas ("Reagan, in a
	// meeting last March, agreed") and a parenthesis ("The ONLF (…) has
	// declared"), in any order. A comma with none before it ends an opening
	// phrase ("In 2020, a war broke out"): no subject stands there.
	for moved := true; moved && j >= r.From; {
		moved = false
		for j >= r.From && t.timeWord(s, j) {
			moved = true
			j--
			if j >= r.From {
				switch s.Tokens[j].Lower {
				case "on", "this", "last", "next", "early", "late":
					j--
				}
			}
		}
		if j >= r.From && s.Tokens[j].Lower == "," {
			k := j - 1
			for k >= r.From && s.Tokens[k].Lower != "," && j-k <= maxAside+1 {
				k--
			}
			if k <= r.From || j-k > maxAside {
				return nil
			}
			j, moved = k-1, true
		}
		if j >= r.From && s.Tokens[j].Lower == ")" {
			for depth := 0; j >= r.From; j-- {
				if s.Tokens[j].Lower == ")" {
					depth++
				} else if s.Tokens[j].Lower == "(" {
					if depth--; depth == 0 {
						j--
						break
					}
				}
			}
			moved = true
		}
	}
	if j < r.From {
		return nil
	}
	if t.classAt(s, j) == "pron" {
		return t.pronoun(d, si, s, j)
	}
	if !t.headWord(s.Tokens[j]) || t.verbLike(s, j) && !(t.nounBeforeVerb(s, r, j) && t.verbFollows(s, r, j+1)) {
		return nil
	}
	from := j
	for from-1 >= r.From && j+1-(from-1) <= maxNP {
		if s.Tokens[from-1].Lower == ")" && from > j-1 {
			// "The Asia-Pacific Economic Cooperation (APEC) forum": an
			// acronym in brackets inside the phrase, before its head.
			if open := t.openBracket(s, r, from-1); open > r.From && t.modifier(s, open-1, r.From) {
				from = open
				continue
			}
		}
		if !t.modifier(s, from-1, r.From) || from-1 < j && t.timeWord(s, from-1) {
			break // "In October 2017 the Iraqi army": the date is no part of it
		}
		from--
	}
	for from < j && s.Tokens[from].Lower == "of" {
		from++
	}
	// "BEIJING -- A Chinese court", "Washington - US President Donald
	// Trump": a dateline before a spaced dash is no part of the subject.
	for k := j - 1; k > from; k-- {
		if tok := s.Tokens[k]; tok.Space && dash(tok.Lower) {
			for from = k + 1; from < j && dash(s.Tokens[from].Lower); from++ {
			}
			break
		}
	}
	// "Workers at the Cerro Verde mine in Peru": a noun phrase before a
	// preposition of place or origin is the head of the subject.
	for ext := 0; ext < 2 && from-2 >= r.From && subjectPrepositions[s.Tokens[from-1].Lower] && t.headWord(s.Tokens[from-2]) && !t.verbLike(s, from-2) && !t.timeWord(s, from-2); ext++ {
		k := from - 2
		for k-1 >= r.From && j+1-(k-1) <= 2*maxNP && t.modifier(s, k-1, r.From) {
			k--
		}
		from = k
	}
	// "The Saudi-led coalition fighting Houthi rebels in Yemen has
	// declared": a participle after a noun phrase, with its object, is a
	// reduced relative inside the subject; the subject's head comes before.
	if from-2 >= r.From && aux < r.To && (t.classAt(s, aux) == "aux" || strings.HasSuffix(s.Tokens[aux].Lower, "ed")) {
		if p := s.Tokens[from-1]; !p.Cap && p.Kind == sentence.Word && (strings.HasSuffix(p.Lower, "ing") || strings.HasSuffix(p.Lower, "ed")) && t.classAt(s, from-1) == "" &&
			t.headWord(s.Tokens[from-2]) && !t.verbLike(s, from-2) && !t.timeWord(s, from-2) {
			k := from - 2
			for k-1 >= r.From && j+1-(k-1) <= 2*maxNP && t.modifier(s, k-1, r.From) {
				k--
			}
			if a := t.actor(d, si, s, k, from-1); t.strong(a) {
				from = k
			}
		}
	}
	return t.actor(d, si, s, from, j+1)
}

// currency reports a currency sign ("$500 million loan").
func currency(w string) bool { return w == "$" || w == "€" || w == "£" || w == "¥" }

// dash reports a dash token ("-", "--", "—", "–").
func dash(w string) bool { return w == "-" || w == "--" || w == "—" || w == "–" }

// openBracket is the "(" of the ")" at token k, within four tokens, or -1.
func (t *reader) openBracket(s *sentence.Segment, r sentence.Range, k int) int {
	for j := k - 1; j >= r.From && k-j <= 5; j-- {
		switch s.Tokens[j].Lower {
		case "(":
			return j
		case ")", ",":
			return -1
		}
	}
	return -1
}

// nounBeforeVerb reports a cue word at token j that is the head of the
// subject of the verb after it, not a verb: a base or -s form after a noun
// phrase word ("Trump's reelection campaign filed a lawsuit", "the rebel
// attack killed"), as two finite verbs do not stand side by side.
func (t *reader) nounBeforeVerb(s *sentence.Segment, r sentence.Range, j int) bool {
	w := s.Tokens[j].Lower
	if j <= r.From || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
		return false
	}
	p := s.Tokens[j-1]
	if p.Kind == sentence.Number {
		return true
	}
	return p.Kind == sentence.Word && t.classAt(s, j-1) == "" && !t.verbLike(s, j-1) && !strings.HasSuffix(p.Lower, "ly")
}

// objectAfter is the actor whose noun phrase starts at token from, after
// one preposition ("against Baku", "with Iran").
func (t *reader) objectAfter(d *Document, si int, s *sentence.Segment, r sentence.Range, from int) *article.Actor {
	j := from
	for j < r.To && objectPrepositions[s.Tokens[j].Lower] {
		j++
	}
	for j < r.To && quantifiers[s.Tokens[j].Lower] {
		j++ // "deployed around 2,000 peacekeepers"
	}
	if j >= r.To {
		return nil
	}
	if t.classAt(s, j) == "pron" {
		switch s.Tokens[j].Lower {
		case "who", "which", "what", "there":
			return nil
		}
		return t.pronoun(d, si, s, j)
	}
	end := j
	ofs := 0
	for end < r.To && end-j < maxNP {
		tok := s.Tokens[end]
		w := tok.Lower
		if w == "of" {
			if ofs > 0 || end == j || end+1 < r.To && !s.Tokens[end+1].Cap && strings.HasSuffix(s.Tokens[end+1].Lower, "ing") && t.class(s.Tokens[end+1].Lower) == "" {
				break // "accused the US of spying": what of is an act, not a part of the actor
			}
			ofs++
			end++
			continue
		}
		if w == "and" && end > j && end+1 < r.To && s.Tokens[end-1].Cap && s.Tokens[end+1].Cap {
			end++
			continue
		}
		if w == "'s" && end > j {
			end++
			continue
		}
		if !t.npWord(tok) || t.verbLike(s, end) && (end > j || !tok.Cap && t.class(w) != "det") {
			break
		}
		end++
	}
	for end > j && (s.Tokens[end-1].Lower == "of" || s.Tokens[end-1].Lower == "and") {
		end--
	}
	if end == j || t.classAt(s, end-1) == "det" {
		return nil
	}
	return t.actor(d, si, s, j, end)
}

// subjectPrepositions join a noun phrase to the head of a subject.
var subjectPrepositions = map[string]bool{"in": true, "at": true, "from": true, "of": true, "for": true}

// quantifiers may open a noun phrase before its number.
var quantifiers = map[string]bool{"around": true, "about": true, "nearly": true, "almost": true, "some": true, "roughly": true, "approximately": true}

// objectPrepositions may stand between a verb and its target.
var objectPrepositions = map[string]bool{
	"against": true, "on": true, "upon": true, "with": true, "to": true, "into": true, "for": true,
	"from": true, "over": true, "toward": true, "towards": true, "at": true, "about": true,
	"up": true, "down": true, "off": true, "out": true, "of": true, "between": true,
}

// agentBy is the actor after "by" within a few tokens of a passive verb.
func (t *reader) agentBy(d *Document, si int, s *sentence.Segment, r sentence.Range, after int) *article.Actor {
	for k := after; k < min(r.To, after+4); k++ {
		if s.Tokens[k].Lower == "by" {
			return t.objectAfter(d, si, s, r, k+1)
		}
		if s.Tokens[k].Lower == "," {
			break
		}
	}
	return nil
}

// nounSource is the actor of a noun cue: the subject of a light verb before
// it ("Baku launched airstrikes"), its possessor ("the separatists'
// decision"), or the agent after it ("attacks by rebels").
func (t *reader) nounSource(d *Document, si int, s *sentence.Segment, r sentence.Range, h hit) *article.Actor {
	if k, ok := t.lightVerb(s, r, h); ok {
		la := t.auxBefore(s, r, k)
		if a := t.subjectBefore(d, si, s, r, la); a != nil {
			return a
		}
		if la > r.From && s.Tokens[la-1].Lower == "and" {
			// "Nepal has tightened borders and imposed blockades": the
			// light verb shares the first verb's subject.
			if a := t.coordinatedSubject(d, si, s, r, la-1); a != nil {
				return a
			}
		}
	}
	k := h.from - 1
	for n := 0; k >= r.From && n < 3 && (t.classAt(s, k) == "det" || t.npWord(s.Tokens[k]) && !s.Tokens[k].Cap && !t.verbLike(s, k)); n++ {
		if s.Tokens[k].Lower == "'s" {
			break
		}
		k--
	}
	if k >= r.From && s.Tokens[k].Lower == "'s" {
		return t.subjectBefore(d, si, s, r, k)
	}
	if h.to < r.To && s.Tokens[h.to].Lower == "by" {
		return t.objectAfter(d, si, s, r, h.to+1)
	}
	return nil
}

// lightVerb finds the light verb whose object noun cue h is ("launched
// airstrikes", "held separate talks"): its token, within three words of
// determiners and modifiers before the noun.
func (t *reader) lightVerb(s *sentence.Segment, r sentence.Range, h hit) (int, bool) {
	k := h.from - 1
	for n := 0; k >= r.From && n < 5 && (t.classAt(s, k) == "det" || s.Tokens[k].Lower == "-" || s.Tokens[k].Kind == sentence.Number || currency(s.Tokens[k].Lower) || t.timeWord(s, k) && !s.Tokens[k].Cap ||
		t.npWord(s.Tokens[k]) && !s.Tokens[k].Cap && !t.light(s.Tokens[k].Lower) && !t.verbLike(s, k)); n++ {
		if s.Tokens[k].Lower == "'s" {
			return 0, false
		}
		k--
	}
	if k > r.From && (s.Tokens[k].Lower == "in" || s.Tokens[k].Lower == "on") && t.light(s.Tokens[k-1].Lower) {
		k-- // "participate in peacekeeping operations"
	}
	if k >= r.From && (t.light(s.Tokens[k].Lower) || t.noEventVerb(s, k)) {
		if k > r.From && !t.light(s.Tokens[k].Lower) && (t.light(s.Tokens[k-1].Lower) || t.verbLike(s, k-1)) && !strings.HasSuffix(s.Tokens[k].Lower, "ed") {
			k-- // "held separate talks": a verb form standing as an adjective
		}
		return k, true
	}
	return 0, false
}

// light reports a light verb: one whose object noun is the act ("launched
// airstrikes"), or a converse one whose subject receives it ("received aid
// from Japan").
func (t *reader) light(w string) bool {
	m := t.markers[w]
	return m == "light" || m == "converse" || m == "stop"
}

// noEventVerb reports a verb at token k that codes no event of its own
// ("accepted demands", "pledged support"): its object noun is the act.
func (t *reader) noEventVerb(s *sentence.Segment, k int) bool {
	tok := s.Tokens[k]
	if tok.Cap || !t.verbLike(s, k) && !t.verbForm(tok.Lower) {
		return false
	}
	if strings.HasSuffix(tok.Lower, "ing") || t.markers[tok.Lower] == "cause" {
		// "following riots", "including attacks" stand as prepositions;
		// "sparked rallies", "prompted protests" name acts of others.
		return false
	}
	for _, c := range t.cues[tok.Lower] {
		if len(c.words) == 1 && c.code.Type != "" {
			return false
		}
	}
	return len(t.cues[tok.Lower]) > 0
}

// timeWord is a word of a time expression: "Wednesday", "morning", "today".
func (t *reader) timeWord(s *sentence.Segment, k int) bool {
	tok := s.Tokens[k]
	if tok.Kind == sentence.Number {
		// a day or a year after a month or "on" ("on June 13", "in 2019")
		return k > 0 && (t.classAt(s, k-1) == "time" || s.Tokens[k-1].Lower == "on" || s.Tokens[k-1].Lower == "in")
	}
	_, month := months[tok.Lower]
	return t.class(tok.Lower) == "time" || month && tok.Cap
}

// headWord is a token that can end a noun phrase.
func (t *reader) headWord(tok sentence.Token) bool {
	return t.npWord(tok) && t.class(tok.Lower) != "det"
}

// npWord is a token that can stand inside a noun phrase.
func (t *reader) npWord(tok sentence.Token) bool {
	if tok.Kind == sentence.Number {
		return true
	}
	if tok.Kind != sentence.Word {
		return false
	}
	switch t.class(tok.Lower) {
	case "", "det":
		return t.markers[tok.Lower] != "neg" || tok.Lower == "no"
	case "pron":
		// "US", "WHO": a name in capitals (of the segment being read) that
		// acronyms.tsv lists.
		if !tok.Cap || t.cur == nil || tok.End > len(t.cur.Text) {
			return false
		}
		_, ok := t.acronyms[t.cur.Text[tok.Start:tok.End]]
		return ok
	case "time":
		return tok.Cap && tok.Lower != "monday" && !weekday(tok.Lower)
	}
	return false
}

// modifier is a token that can stand before the head of a noun phrase.
func (t *reader) modifier(s *sentence.Segment, k, from int) bool {
	tok := s.Tokens[k]
	if tok.Lower == "of" || tok.Lower == "'s" || tok.Lower == "-" {
		return k > from
	}
	if tok.Lower == "and" {
		// "Israel and Lebanon", "the MILF and the Philippine government"
		return k > from && s.Tokens[k-1].Cap && (s.Tokens[k+1].Cap || s.Tokens[k+1].Lower == "the" && k+2 < len(s.Tokens) && s.Tokens[k+2].Cap)
	}
	if !t.npWord(tok) {
		return false
	}
	return tok.Cap || !t.verbLike(s, k)
}

// verbLike is a lower-case word that reads as a verb at token k: a
// participle, or a cue verb not after a determiner.
func (t *reader) verbLike(s *sentence.Segment, k int) bool {
	tok := s.Tokens[k]
	if tok.Cap {
		return false
	}
	w := tok.Lower
	if k > 0 && t.classAt(s, k-1) == "det" {
		return false
	}
	if k > 0 && t.classAt(s, k-1) == "prep" && s.Tokens[k-1].Lower != "to" {
		return false // "head of state": after a preposition stands a noun
	}
	if t.lx.Reporting[w] || t.lx.Cue(w) {
		return true
	}
	if k > 1 && s.Tokens[k-1].Kind == sentence.Word && !s.Tokens[k-1].Cap && t.classAt(s, k-1) == "" &&
		(t.classAt(s, k-2) == "det" || s.Tokens[k-2].Lower == "'s") && !strings.HasSuffix(w, "ed") {
		return false // "Israel's air force": the last word of a compound noun
	}
	if strings.HasSuffix(w, "ed") && len(w) > 4 {
		return true
	}
	for _, c := range t.cues[w] {
		if !c.noun && len(c.words) == 1 && c.block != "" {
			return !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss")
		}
	}
	return false
}

// pronoun resolves a pronoun at token j to the entity last named before it
// that agrees in number.
func (t *reader) pronoun(d *Document, si int, s *sentence.Segment, j int) *article.Actor {
	w := s.Tokens[j].Lower
	// "they said they needed": a pronoun after a reporting verb is its
	// subject.
	k := j - 1
	for k >= 0 && (s.Tokens[k].Lower == "that" || s.Tokens[k].Lower == "on" || t.timeWord(s, k)) {
		k--
	}
	if k > 0 && (t.lx.Reporting[s.Tokens[k].Lower] || t.lx.Cue(s.Tokens[k].Lower)) {
		r := s.SentenceOf(k)
		if sp := t.subjectBefore(d, si, s, r, t.auxBefore(s, r, k)); sp != nil && t.class(strings.ToLower(sp.Mention)) != "pron" {
			a := *sp
			a.Mention = s.Slice(j, j+1)
			t.spans[&a] = [2]int{j, j + 1}
			return &a
		}
	}
	a := &article.Actor{Mention: s.Tokens[j].Lower, Entity: -1}
	t.spans[a] = [2]int{j, j + 1}
	if s.Tokens[j].Cap {
		a.Mention = s.Slice(j, j+1)
	}
	if d.Entities == nil {
		return a
	}
	plural := w == "they" || w == "them" || w == "we" || w == "us"
	for mi, n := d.Entities.Before(si, j)-1, 0; mi >= 0 && n < 50; mi, n = mi-1, n+1 {
		m := d.Entities.Mentions[mi]
		if m.Entity < 0 || si-m.Seg > 2 {
			if si-m.Seg > 2 {
				break
			}
			continue
		}
		e := d.Entities.Entities[m.Entity]
		person := e.Type == article.Person
		if plural == person && !(plural && e.Plural) {
			continue
		}
		if plural && !e.Plural && e.Type != article.Group && e.Type != article.Organization {
			continue
		}
		a.Name, a.Entity = e.Name, e.ID
		a.Country, a.Sector = t.codes(strings.Fields(strings.ToLower(e.Name)))
		return a
	}
	return a
}

// actor builds the actor of tokens [from, to): its words, the entity named
// in it and its codes.
func (t *reader) actor(d *Document, si int, s *sentence.Segment, from, to int) *article.Actor {
	if from >= to {
		return nil
	}
	a := &article.Actor{Mention: s.Slice(from, to), Entity: -1}
	t.spans[a] = [2]int{from, to}
	words := make([]string, 0, to-from)
	for k := from; k < to; k++ {
		words = append(words, s.Tokens[k].Lower)
	}
	if d.Entities != nil {
		// The entity named last in the phrase is its head ("the adviser to
		// Azerbaijan's president" aside, names come last in English phrases).
		best := -1
		for k := from; k < to; k++ {
			if m, ok := d.Entities.MentionAt(si, k); ok && m.Entity >= 0 {
				if m.NPFrom <= from || best < 0 || k < to {
					best = m.Entity
				}
				if s.Tokens[k].Lower == "of" {
					break
				}
			}
			if s.Tokens[k].Lower == "of" && best >= 0 {
				break
			}
		}
		if best >= 0 {
			e := d.Entities.Entities[best]
			a.Name, a.Entity = e.Name, e.ID
			if p, ok := t.lx.Places[e.Name]; ok && p.Kind == "city" && strings.EqualFold(a.Mention, e.Name) {
				// A capital standing for its state ("Baku said"): PETRARCH
				// codes it as the country, and so is it named.
				if c := t.countries[strings.ToLower(e.Name)]; c != "" {
					if n := t.countryName(c); n != "" {
						a.Name = n
					}
				}
			}
		}
	}
	a.Country, a.Sector = t.codes(words)
	if a.Country == "" {
		// "US", "UK": capitals the country names lack, as they are words
		// in lower case.
		for k := from; k < to && a.Country == ""; k++ {
			if acronym(s, k) {
				if c := t.acronyms[s.Text[s.Tokens[k].Start:s.Tokens[k].End]]; c != "-" {
					a.Country = c
				}
			}
		}
	}
	return a
}

// codes are the country and sector codes of an actor's words: a country
// name, adjective or city gives the country, the longest agent phrase
// nearest the head gives the sector.
func (t *reader) codes(words []string) (country, sector string) {
	// Only a phrase whose first word starts a known name of as many words
	// can be one: test that before building the phrase.
	filter := !anySpace(words)
	for n := 3; n >= 1 && country == ""; n-- {
		for k := 0; k+n <= len(words); k++ {
			if words[k] == "of" && n == 1 {
				continue
			}
			if filter && n > 1 && !startsPhrase(t.countryStarts, words[k], n) {
				continue
			}
			t.phrase = joinWords(t.phrase[:0], words[k:k+n])
			if c, ok := t.countries[string(t.phrase)]; ok {
				country = c
				break
			}
		}
	}
	return country, t.sectorOf(words)
}

// sectorOf finds the agent phrase ending nearest the end of words.
func (t *reader) sectorOf(words []string) string {
	filter := !anySpace(words)
	for end := len(words); end > 0; end-- {
		for n := min(t.maxSector, end); n >= 1; n-- {
			// A phrase of n > 1 words and its singular start with the
			// same word: skip the phrases no agent phrase starts like.
			if filter && n > 1 && !startsPhrase(t.sectorStarts, words[end-n], n) {
				continue
			}
			// The phrase is built in a reused buffer: the lookups
			// string(buf) do not allocate.
			t.phrase = joinWords(t.phrase[:0], words[end-n:end])
			if sec, ok := t.sectors[string(t.phrase)]; ok {
				return sec
			}
			if sing, changed := singularBytes(t.phrase, &t.single); changed {
				if sec, ok := t.sectors[string(sing)]; ok {
					return sec
				}
			}
		}
	}
	return ""
}

// anySpace reports a word with a space in it (an implied actor such as
// "riot police"): its phrases may be keys of more words than it joins, so
// the first-word filter does not apply.
func anySpace(words []string) bool {
	for _, w := range words {
		if strings.IndexByte(w, ' ') >= 0 {
			return true
		}
	}
	return false
}

// joinWords appends words to dst with single spaces between: strings.Join
// without the allocation.
func joinWords(dst []byte, words []string) []byte {
	for i, w := range words {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	}
	return dst
}

// singularBytes is singular for a phrase in a buffer, using *buf for the
// one case that rewrites the ending ("ies" → "y"); changed is false when
// the phrase is its own singular (its lookup already failed).
func singularBytes(p []byte, buf *[]byte) (sing []byte, changed bool) {
	switch {
	case bytes.HasSuffix(p, []byte("ies")):
		*buf = append(append((*buf)[:0], p[:len(p)-3]...), 'y')
		return *buf, true
	case bytes.HasSuffix(p, []byte("sses")), bytes.HasSuffix(p, []byte("ches")), bytes.HasSuffix(p, []byte("shes")):
		return p[:len(p)-2], true
	case bytes.HasSuffix(p, []byte("s")) && !bytes.HasSuffix(p, []byte("ss")):
		return p[:len(p)-1], true
	}
	return p, false
}

// singular undoes a regular plural of a phrase's last word.
func singular(p string) string {
	switch {
	case strings.HasSuffix(p, "ies"):
		return p[:len(p)-3] + "y"
	case strings.HasSuffix(p, "sses"), strings.HasSuffix(p, "ches"), strings.HasSuffix(p, "shes"):
		return p[:len(p)-2]
	case strings.HasSuffix(p, "s") && !strings.HasSuffix(p, "ss"):
		return p[:len(p)-1]
	}
	return p
}

// where is the place of the sentence: the first place entity after a
// preposition of place, else the first place named in it.
func (t *reader) where(d *Document, si int, s *sentence.Segment, r sentence.Range) *article.Location {
	if d.Entities == nil {
		return nil
	}
	var first *article.Location
	for mi := d.Entities.Before(si, r.From); mi < len(d.Entities.Mentions); mi++ {
		m := d.Entities.Mentions[mi]
		if m.Seg != si || m.From >= r.To {
			break
		}
		if m.Entity < 0 {
			continue
		}
		e := d.Entities.Entities[m.Entity]
		if e.Type != article.Place {
			continue
		}
		loc := &article.Location{Name: e.Name, Entity: e.ID, Country: t.countryOfPlace(e.Name)}
		if m.From > r.From && placePrepositions[s.Tokens[m.From-1].Lower] {
			return loc
		}
		if first == nil && m.From > r.From && !(m.To < r.To && (t.verbLike(s, m.To) || t.classAt(s, m.To) == "aux")) {
			first = loc // a place named in passing; not the subject ("Russia has deployed")
		}
	}
	return first
}

// placePrepositions put a place name after them.
var placePrepositions = map[string]bool{"in": true, "at": true, "across": true, "near": true, "outside": true, "inside": true, "of": true}

// countryOfPlace codes a place by its name, or by the country the lexicon
// puts it in.
func (t *reader) countryOfPlace(name string) string {
	if c, ok := t.countries[strings.ToLower(name)]; ok {
		return c
	}
	if p, ok := t.lx.Places[name]; ok {
		return t.countries[strings.ToLower(p.Country)]
	}
	return ""
}

// firstActor is the first entity named in the sentence before token end,
// as an actor of its whole noun phrase.
func (t *reader) firstActor(d *Document, si int, s *sentence.Segment, r sentence.Range, end int) *article.Actor {
	if d.Entities == nil {
		return nil
	}
	mi := d.Entities.Before(si, r.From)
	if mi >= len(d.Entities.Mentions) {
		return nil
	}
	m := d.Entities.Mentions[mi]
	if m.Seg != si || m.From >= end {
		return nil
	}
	return t.actor(d, si, s, max(m.NPFrom, r.From), min(max(m.NPTo, m.To), end))
}

// possessor is the actor whose possessive stands before noun cue h
// ("Pashinyan's impeachment"), over determiners and modifiers.
func (t *reader) possessor(d *Document, si int, s *sentence.Segment, r sentence.Range, h hit) *article.Actor {
	k := h.from - 1
	for n := 0; k >= r.From && n < 3 && s.Tokens[k].Lower != "'s" && (t.npWord(s.Tokens[k]) && !s.Tokens[k].Cap && !t.verbLike(s, k)); n++ {
		k--
	}
	if k > r.From && s.Tokens[k].Lower == "'s" {
		return t.subjectBefore(d, si, s, r, k)
	}
	return nil
}

// isPlace reports an actor that names a place entity.
func (t *reader) isPlace(a *article.Actor) bool {
	return a != nil && a.Entity >= 0 && t.d.Entities != nil && a.Entity < len(t.d.Entities.Entities) && t.d.Entities.Entities[a.Entity].Type == article.Place
}

// placeAfterPreposition reports a place actor that stands after "in",
// "at", "of" or "across": where the event happened, not to whom.
func (t *reader) placeAfterPreposition(s *sentence.Segment, a *article.Actor) bool {
	sp, ok := t.spans[a]
	if !ok || !t.isPlace(a) || sp[0] == 0 {
		return false
	}
	k := sp[0] - 1
	for k > 0 && t.classAt(s, k) == "det" {
		k--
	}
	switch s.Tokens[k].Lower {
	case "in", "at", "of", "across", "outside", "inside", "near":
		return true
	}
	return false
}

// splitBetween splits "between A and B" into source A and target B.
func (t *reader) splitBetween(d *Document, si int, s *sentence.Segment, a *article.Actor) (src, tgt *article.Actor) {
	sp, ok := t.spans[a]
	if !ok || sp[0] == 0 || s.Tokens[sp[0]-1].Lower != "between" {
		return nil, a
	}
	for k := sp[0] + 1; k < sp[1]-1; k++ {
		if s.Tokens[k].Lower == "and" {
			return t.actor(d, si, s, sp[0], k), t.actor(d, si, s, k+1, sp[1])
		}
	}
	return nil, a
}

// authorAfter is the actor after "from" or "by" right after the noun
// phrase of actor a ("a request from HHS"), when it is a named one.
func (t *reader) authorAfter(d *Document, si int, s *sentence.Segment, r sentence.Range, a *article.Actor) *article.Actor {
	sp, ok := t.spans[a]
	if !ok || sp[1]+1 >= r.To {
		return nil
	}
	switch s.Tokens[sp[1]].Lower {
	case "from", "by":
		if b := t.objectAfter(d, si, s, r, sp[1]+1); b != nil && t.strong(b) && !t.placeAfterPreposition(s, b) {
			return b
		}
	}
	return nil
}

// splitAnd splits an actor of two named parties joined by "and" ("Israel
// and Lebanon", "The MILF and Philippine government") into the two; nil,
// nil when it is not one.
func (t *reader) splitAnd(d *Document, si int, s *sentence.Segment, a *article.Actor) (*article.Actor, *article.Actor) {
	sp, ok := t.spans[a]
	if !ok {
		return nil, nil
	}
	for k := sp[0] + 1; k < sp[1]-1; k++ {
		if s.Tokens[k].Lower != "and" {
			continue
		}
		left, right := t.actor(d, si, s, sp[0], k), t.actor(d, si, s, k+1, sp[1])
		if t.named(left) && t.named(right) {
			return left, right
		}
		return nil, nil
	}
	return nil, nil
}

// named reports an actor that names an entity, a country or has a capitalised
// word: a party, not a thing.
func (t *reader) named(a *article.Actor) bool {
	if a == nil {
		return false
	}
	if a.Entity >= 0 || a.Country != "" {
		return true
	}
	for _, w := range strings.Fields(a.Mention) {
		if w != strings.ToLower(w) && !t.lx.Reporting[strings.ToLower(w)] && t.class(strings.ToLower(w)) != "det" {
			return true
		}
	}
	return false
}

// partyAfter is the actor after preposition prep in the clause after
// token from: whom aid goes "to", whence forces withdraw "from", whom an
// appeal is "against". With prep "" any preposition of markers class
// recipient ("to", "with", "against", "on": whom aid, support or weapons go
// to, whom tariffs are imposed on) will do, the first that has a named actor
// after it; with a preposition only its first occurrence counts.
func (t *reader) partyAfter(d *Document, si int, s *sentence.Segment, r sentence.Range, from int, prep string) *article.Actor {
	end := t.clauseTail(s, r, from)
	for k := from; k < end; k++ {
		w := s.Tokens[k].Lower
		if prep == "" && t.markers[w] != "recipient" || prep != "" && w != prep {
			continue
		}
		if k+1 < r.To && t.npWord(s.Tokens[k+1]) && !t.verbForm(s.Tokens[k+1].Lower) {
			if a := t.objectAfter(d, si, s, r, k+1); a != nil && t.strong(a) && !t.placeAfterPreposition(s, a) {
				return a
			}
		}
		if prep != "" {
			return nil
		}
	}
	return nil
}

// otherActor is the first actor named in the sentence that is not src: the
// other party of a rejection, a request or a retreat the text leaves
// implicit.
func (t *reader) otherActor(d *Document, si int, s *sentence.Segment, r sentence.Range, src *article.Actor) *article.Actor {
	if d.Entities == nil {
		return nil
	}
	sp, hasSpan := t.spans[src]
	// The other party stands near: within a window of the sentence, so a
	// run-on text costs no more per event than a short one.
	from, to := r.From, r.To
	if hasSpan {
		from, to = max(r.From, sp[0]-60), min(r.To, sp[1]+60)
	}
	for mi, n := d.Entities.Before(si, from), 0; mi < len(d.Entities.Mentions) && n < 30; mi, n = mi+1, n+1 {
		m := d.Entities.Mentions[mi]
		if m.Seg != si || m.From >= to {
			break
		}
		if m.Entity < 0 || src != nil && (m.Entity == src.Entity || hasSpan && m.From < sp[1] && m.To > sp[0]) {
			continue
		}
		e := d.Entities.Entities[m.Entity]
		if e.Type == article.Place && t.countries[strings.ToLower(e.Name)] == "" {
			continue // a region or a town is where, not who
		}
		if m.To < r.To && s.Tokens[m.To].Space && dash(s.Tokens[m.To].Lower) && startsSentence(s, m.From) {
			continue // "JERUSALEM -- …": a dateline
		}
		if e.Type == article.Person && src != nil && src.Entity < 0 {
			continue
		}
		return t.actor(d, si, s, m.From, m.To)
	}
	return nil
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// verbForm reports a word the cue tables know as a verb ("protest" after
// "to" is an infinitive, not a recipient).
func (t *reader) verbForm(w string) bool {
	for _, c := range t.cues[w] {
		if !c.noun && len(c.words) == 1 {
			return true
		}
	}
	return false
}

// demonymOf names a country's people ("Armenian"), or the country itself.
func (t *reader) demonymOf(code string) string {
	if n, ok := t.places(t.lx).demonyms[code]; ok {
		return n
	}
	return code
}

// countryName names the country of a code ("AZE" → "Azerbaijan").
func (t *reader) countryName(code string) string {
	return t.places(t.lx).names[code]
}
