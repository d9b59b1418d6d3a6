package entity

import (
	"sort"
	"strings"

	"lede/analyze/sentence"
	"lede/article"
)

// group merges candidates into entities. Full names come first; a shorter
// form joins the person whose name it ends ("Hajiyev" → "Hikmet Hajiyev") or
// starts, preferring the person named last before it. A lone word nothing
// else explains becomes a place after "in", "to", "from"… and is dropped
// otherwise.
func (x *Index) group(segs []*sentence.Segment, cands []candidate) {
	byKey := map[string]int{}
	// The words of the full names of people: a lone word that is one of
	// them means the person, even when a gazetteer knows it as a place
	// ("Castro" after "Fidel Castro", "Jackson" after "Andrew Jackson").
	personWords := map[string]bool{}
	for _, c := range cands {
		if c.typ == article.Person && c.to-c.from > 1 {
			personWords[segs[c.seg].Tokens[c.to-1].Lower] = true
			personWords[segs[c.seg].Tokens[c.from].Lower] = true
		}
	}
	for i, c := range cands {
		if c.to-c.from == 1 && c.typ == article.Place && personWords[segs[c.seg].Tokens[c.from].Lower] && x.lx.Place(segs[c.seg].Slice(c.from, c.to)).Kind != "country" {
			cands[i].typ = ""
			cands[i].key = segs[c.seg].Slice(c.from, c.to)
		}
	}
	// A name nothing typed whose last word stands alone elsewhere is a
	// person named by the surname ("Tomo Milicevic" … "Milicevic"): bands,
	// songs and companies are not shortened that way.
	lone := map[string]bool{}
	placed := map[string]bool{} // lone words a preposition makes places: "in Karabakh"
	for _, c := range cands {
		if c.to-c.from == 1 && (c.typ == "" || c.typ == article.Person) {
			w := segs[c.seg].Tokens[c.from].Lower
			lone[w] = true
			if placePreposition(segs[c.seg], c.from) {
				placed[w] = true
			}
		}
	}
	for i, c := range cands {
		if c.typ == "" && c.to-c.from > 1 {
			last := segs[c.seg].Tokens[c.to-1]
			first := segs[c.seg].Tokens[c.from]
			if lone[last.Lower] && !placed[last.Lower] && !x.lx.Common[last.Lower] && last.Kind == sentence.Word && !(x.lx.Common[first.Lower] && compass[first.Lower]) {
				cands[i].typ = article.Person
			}
		}
	}
	// Pass 1: names that stand on their own (typed, or several words).
	for ci, c := range cands {
		if c.typ == "" && c.to-c.from == 1 {
			continue
		}
		if c.typ == article.Person && c.to-c.from == 1 {
			continue // "Mr. Hajiyev": joins a full name in pass 2 if there is one
		}
		e, ok := byKey[c.key]
		if !ok {
			e = x.newEntity(segs, c, ci)
			byKey[c.key] = e
		}
		x.addMention(segs, e, c)
	}
	// Pass 2: single words. The candidates are in text order, so the last
	// matching person seen before a mention is the one it most likely means.
	byWord := map[string][]int{} // given name or surname → person entities
	for i, e := range x.Entities {
		if e.Type == article.Person && e.Given != e.Surname {
			byWord[e.Surname] = append(byWord[e.Surname], i)
			if e.Given != "" {
				byWord[e.Given] = append(byWord[e.Given], i)
			}
		}
	}
	for ci, c := range cands {
		if !(c.to-c.from == 1 && (c.typ == "" || c.typ == article.Person)) {
			continue
		}
		w := segs[c.seg].Tokens[c.from].Lower
		e := x.personNamed(byWord[w], ci)
		switch {
		case e >= 0:
		case c.typ == article.Person:
			var ok bool
			if e, ok = byKey[c.key]; !ok {
				e = x.newEntity(segs, c, ci)
				byKey[c.key] = e
			}
		case placePreposition(segs[c.seg], c.from) && !x.notPlace(segs[c.seg], c.from):
			c.typ = article.Place
			var ok bool
			if e, ok = byKey[c.key]; !ok {
				e = x.newEntity(segs, c, ci)
				byKey[c.key] = e
			}
		default:
			continue
		}
		x.addMention(segs, e, c)
	}
	// Lone words typed by a preposition elsewhere ("in Karabakh") are names
	// wherever they stand.
	for _, c := range cands {
		if c.typ != "" || c.to-c.from != 1 {
			continue
		}
		if segs[c.seg].Tokens[c.from].Kind == sentence.Word && x.at[c.seg][c.from] < 0 {
			if e, ok := byKey[c.key]; ok {
				x.addMention(segs, e, c)
			}
		}
	}
	x.dropUntyped()
	x.sortMentions()
	for i, e := range x.Entities {
		e.ID = i
	}
	// Mentions in reading order, so speakers can be looked for backwards.
	sort.SliceStable(x.Mentions, func(i, j int) bool {
		a, b := x.Mentions[i], x.Mentions[j]
		if a.Seg != b.Seg {
			return a.Seg < b.Seg
		}
		return a.From < b.From
	})
	for _, row := range x.at {
		for t := range row {
			row[t] = -1
		}
	}
	for mi, m := range x.Mentions {
		for t := m.From; t < m.To; t++ {
			x.at[m.Seg][t] = int32(mi)
		}
	}
}

// Before returns the index of the first mention at or after token tok of
// segment seg: the mentions before it are Mentions[:Before(seg, tok)].
func (x *Index) Before(seg, tok int) int {
	return sort.Search(len(x.Mentions), func(i int) bool {
		m := x.Mentions[i]
		return m.Seg > seg || m.Seg == seg && m.From >= tok
	})
}

// personNamed returns the person among candidates (entity indexes) named
// last before candidate ci, else the first one, or -1.
func (x *Index) personNamed(candidates []int, ci int) int {
	best, bestFirst := -1, -1
	for _, i := range candidates {
		e := x.Entities[i]
		if best < 0 || e.first < ci && e.first > bestFirst {
			best, bestFirst = i, e.first
		}
	}
	return best
}

func (x *Index) newEntity(segs []*sentence.Segment, c candidate, ci int) int {
	s := segs[c.seg]
	name := s.Slice(c.from, c.to)
	e := &Entity{Entity: article.Entity{Name: name, Type: c.typ}, Gender: c.gender, first: ci}
	if c.typ == article.Place && strings.HasPrefix(c.key, "place:") {
		e.Name = strings.TrimPrefix(c.key, "place:")
	}
	if c.typ == article.Person {
		e.Given = s.Tokens[c.from].Lower
		e.Surname = s.Tokens[c.to-1].Lower
	}
	x.Entities = append(x.Entities, e)
	return len(x.Entities) - 1
}

func (x *Index) addMention(segs []*sentence.Segment, e int, c candidate) {
	s := segs[c.seg]
	ent := x.Entities[e]
	name := s.Slice(c.from, c.to)
	// The canonical name is the fullest form: the one with most words.
	if ent.Type != article.Place && len(strings.Fields(name)) > len(strings.Fields(ent.Name)) {
		ent.Name = name
		if ent.Type == article.Person {
			ent.Given = s.Tokens[c.from].Lower
			ent.Surname = s.Tokens[c.to-1].Lower
		}
	}
	if ent.Type == "" {
		ent.Type = c.typ
	}
	if ent.Gender == 0 {
		ent.Gender = c.gender
	}
	for _, r := range c.roles {
		ent.AddRole(r)
	}
	start, end := s.Bytes(c.from, c.to)
	ent.Mentions = append(ent.Mentions, article.Mention{Span: article.Span{Block: s.Block, Start: start, End: end}, Text: name})
	x.Mentions = append(x.Mentions, Mention{Seg: c.seg, From: c.from, To: c.to, NPFrom: c.npFrom, NPTo: c.npTo, Entity: e})
	for t := c.from; t < c.to; t++ {
		x.at[c.seg][t] = int32(len(x.Mentions) - 1)
	}
}

// AddRole records a role once, ignoring case.
func (e *Entity) AddRole(r string) {
	for _, have := range e.Roles {
		if strings.EqualFold(have, r) {
			return
		}
	}
	e.Roles = append(e.Roles, r)
}

// placePreposition: the word before token i is one that introduces places.
func placePreposition(s *sentence.Segment, i int) bool {
	if i == 0 {
		return false
	}
	switch s.Tokens[i-1].Lower {
	case "in", "from", "across", "near", "into", "throughout", "outside", "inside", "around":
		return true
	}
	return false
}

// sortMentions keeps each entity's mentions in text order: title and dek
// first, then the body.
func (x *Index) sortMentions() {
	for _, e := range x.Entities {
		sort.SliceStable(e.Mentions, func(i, j int) bool { return spanLess(e.Mentions[i].Span, e.Mentions[j].Span) })
	}
}

func spanLess(a, b article.Span) bool {
	if a.Block != b.Block {
		return a.Block < b.Block
	}
	return a.Start < b.Start
}

// AddGroup adds a group entity named by a description ("Riot police") and
// returns its index; the same name returns the same entity.
func (x *Index) AddGroup(name string, s *sentence.Segment, from, to int) int {
	key := strings.ToLower(name)
	if i, ok := x.groups[key]; ok {
		return i
	}
	if x.groups == nil {
		x.groups = map[string]int{}
	}
	x.groups[key] = len(x.Entities)
	start, end := s.Bytes(from, to)
	e := &Entity{Entity: article.Entity{ID: len(x.Entities), Name: name, Type: article.Group,
		Mentions: []article.Mention{{Span: article.Span{Block: s.Block, Start: start, End: end}, Text: name}}}, Plural: true}
	x.Entities = append(x.Entities, e)
	return len(x.Entities) - 1
}

// dropUntyped removes the entities nothing typed — capitalised runs that
// no list, shape or context says are a person, an organisation or a place
// ("Punk Techno", "Beautiful Lie") — with their mentions: leaving a name
// out is better than calling a song a person.
func (x *Index) dropUntyped() {
	keep := make([]int, len(x.Entities))
	var ents []*Entity
	for i, e := range x.Entities {
		keep[i] = -1
		if e.Type != "" {
			keep[i] = len(ents)
			ents = append(ents, e)
		}
	}
	if len(ents) == len(x.Entities) {
		return
	}
	ms := x.Mentions[:0]
	for _, m := range x.Mentions {
		if k := keep[m.Entity]; k >= 0 {
			m.Entity = k
			ms = append(ms, m)
		}
	}
	x.Entities, x.Mentions = ents, ms
}

// notPlace: the word at token i is known to be something else than a
// place, however a preposition introduces it: a demonym or a language
// ("in French"), a common word ("in Rock").
func (x *Index) notPlace(s *sentence.Segment, i int) bool {
	t := s.Tokens[i]
	return x.lx.Places[s.Text[t.Start:t.End]].Kind == "demonym" || x.lx.Common[t.Lower]
}

// compass words start place names ("North Bridgton", "West Seattle"), not
// people's.
var compass = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "upper": true, "lower": true, "new": true, "old": true, "great": true, "little": true, "port": true, "fort": true, "mount": true, "lake": true,
	// ordinals start names of wars, congresses and units ("Second Karabakh War")
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true, "eighth": true, "ninth": true, "tenth": true}
