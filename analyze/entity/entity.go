// Package entity finds the people, organisations and places an article
// names, groups the mentions of each into one entity with a canonical name
// (its fullest form), and takes their roles from the text around the names:
// a title before the name ("Prime Minister Nikol Pashinyan"), a description
// before it ("opposition politician Andranik Tevanyan") or an appositive after
// it ("Hikmet Hajiyev, foreign policy adviser to Azerbaijan's president,").
//
// Names are runs of capitalised words. What kind of thing a name is comes
// from word lists (given names, honorifics, titles, places, organisation
// words) and, for a lone surname, from the full name it shortens.
package entity

import (
	"sort"
	"strings"

	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// Entity is an article.Entity with what analysis needs to resolve speakers.
type Entity struct {
	article.Entity
	Gender  byte   // 'm', 'f', or 0 when unknown
	Plural  bool   // a group ("riot police", "ethnic Armenians")
	Surname string // last word of a person's name, lower case
	Given   string // first word of a person's name, lower case
	first   int    // index of the candidate that made the entity, for ordering
}

// Mention is one name in the text.
type Mention struct {
	Seg      int // index of the segment
	From, To int // the name's tokens
	NPFrom   int // first token of the whole noun phrase: title and description included
	NPTo     int // end of the noun phrase: an appositive included
	Entity   int // index into Index.Entities, or -1
}

// Index is every entity of an article and where it is named.
type Index struct {
	Entities []*Entity
	Mentions []Mention
	at       [][]int32      // per segment, per token: mention index or -1
	groups   map[string]int // lower-case group name → entity index
	lx       *lexicon.Lexicon
}

// MentionAt returns the mention whose name covers token tok of segment seg.
func (x *Index) MentionAt(seg, tok int) (Mention, bool) {
	if seg < 0 || seg >= len(x.at) || tok < 0 || tok >= len(x.at[seg]) || x.at[seg][tok] < 0 {
		return Mention{}, false
	}
	return x.Mentions[x.at[seg][tok]], true
}

// candidate is a name found in the text before it is typed and grouped.
type candidate struct {
	seg, from, to int
	npFrom, npTo  int
	typ           article.EntityType
	gender        byte
	roles         []string
	key           string // grouping key: the canonical form of the name
}

// Find names every entity in segs. Body and dek segments are read first;
// the title (block article.TitleBlock), often in title case, only names
// what the rest of the article names too.
func Find(segs []*sentence.Segment, lx *lexicon.Lexicon) *Index {
	midCaps := capitalisedMidSentence(segs, lx)
	x := &Index{at: make([][]int32, len(segs)), lx: lx}
	var cands []candidate
	for si, s := range segs {
		x.at[si] = make([]int32, len(s.Tokens))
		for i := range x.at[si] {
			x.at[si][i] = -1
		}
		if s.Block == article.TitleBlock {
			continue
		}
		cands = append(cands, names(si, s, lx, midCaps)...)
	}
	known := map[string]bool{}
	for _, c := range cands {
		known[c.key] = true
	}
	var title []candidate
	for si, s := range segs {
		if s.Block != article.TitleBlock {
			continue
		}
		for _, c := range names(si, s, lx, midCaps) {
			if known[c.key] || c.typ == article.Place || c.typ == article.Organization {
				title = append(title, c)
			}
		}
	}
	// Keep the candidates in reading order (the title comes first), so
	// mentions are in text order too.
	cands = append(title, cands...)
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].seg != cands[j].seg {
			return cands[i].seg < cands[j].seg
		}
		return cands[i].from < cands[j].from
	})
	x.group(segs, cands)
	return x
}

// capitalisedMidSentence collects the lower-case forms of words written
// with a capital inside a sentence: such words are names even when a
// sentence starts with them ("Karabakh, a strategically located region").
func capitalisedMidSentence(segs []*sentence.Segment, lx *lexicon.Lexicon) map[string]bool {
	out := map[string]bool{}
	for _, s := range segs {
		if s.Block == article.TitleBlock {
			continue
		}
		for _, r := range s.Sentences {
			for i := firstWord(s, r) + 1; i < r.To; i++ {
				t := s.Tokens[i]
				if t.Kind == sentence.Word && t.Cap && lx.Class(t.Lower) == "" {
					out[t.Lower] = true
				}
			}
		}
	}
	return out
}

// firstWord is the first word token of a sentence (after opening quotes).
func firstWord(s *sentence.Segment, r sentence.Range) int {
	for i := r.From; i < r.To; i++ {
		if s.Tokens[i].Kind == sentence.Word || s.Tokens[i].Kind == sentence.Number {
			return i
		}
	}
	return r.To
}

// connectors may stand inside a name between capitalised words:
// "Commission on Presidential Debates", "Bank of America", "Osama bin Laden".
var connectors = map[string]bool{"of": true, "on": true, "for": true, "de": true, "al": true, "bin": true, "von": true, "van": true, "der": true, "da": true, "la": true, "del": true, "the": true}

// headlineVerbs are verbs of saying that title-case headlines capitalise
// right after a name; they end the name.
var headlineVerbs = map[string]bool{"says": true, "said": true, "tells": true, "told": true, "warns": true, "urges": true}

// names finds the capitalised names of one segment.
func names(si int, s *sentence.Segment, lx *lexicon.Lexicon, midCaps map[string]bool) []candidate {
	var out []candidate
	toks := s.Tokens
	for _, r := range s.Sentences {
		start := firstWord(s, r)
		for i := r.From; i < r.To; i++ {
			if !nameWord(s.Text, toks[i], lx) {
				continue
			}
			j := i + 1
			for j < r.To {
				t := toks[j]
				switch {
				case nameWord(s.Text, t, lx) && !(j > i && isDemonym(s, j, lx)):
					j++
					continue
				case t.Lower == "." && !t.Space && isAbbrevBefore(toks[j-1], lx) && j+1 < r.To && nameWord(s.Text, toks[j+1], lx):
					j++ // "Mr. Hajiyev", "George W. Bush"
					continue
				case t.Kind == sentence.Word && t.Cap && t.End-t.Start == 1 && j+2 < r.To && toks[j+1].Lower == "." && nameWord(s.Text, toks[j+2], lx):
					j += 2 // an initial that is also a word: "Gerald A. Daniel", "Joseph I. Lieberman"
					continue
				case t.Kind == sentence.Word && connectors[t.Lower] && j+1 < r.To && nameWord(s.Text, toks[j+1], lx) && lx.Class(toks[j+1].Lower) != "time" && !(t.Lower == "the" && toks[j-1].Lower != "of") &&
					!(t.Lower == "of" && j-i >= 2 && lx.GivenNames[toks[i].Lower] != 0 && !hasOrgHead(toks[i:j], lx) && !lx.Titles[toks[j-1].Lower] &&
						lx.Place(s.Text[toks[j+1].Start:toks[j+1].End]).Kind != ""):
					// "Thomas D. Green of Ottawa" is a person and a place;
					// "Bank of America", "Commission on Presidential Debates" one name.
					j += 2
					continue
				}
				break
			}
			// A unit's number belongs to its name: "65th Air Division".
			if i > r.From && toks[i-1].Kind == sentence.Number && toks[i-1].End+1 >= toks[i].Start && hasOrgHead(toks[i:j], lx) {
				i--
			}
			if c, ok := classify(si, s, i, j, i == start, lx, midCaps); ok {
				out = append(out, c)
			}
			i = j - 1
		}
	}
	return out
}

// nameWord is a capitalised word that can be part of a name.
func nameWord(text string, t sentence.Token, lx *lexicon.Lexicon) bool {
	if t.Kind != sentence.Word || !t.Cap {
		return false
	}
	if lx.Class(t.Lower) != "" && lx.Class(t.Lower) != "time" {
		return false // "The", "He", "But" — and "I"
	}
	if lx.Class(t.Lower) == "time" {
		return false // "Thursday", "March"
	}
	if headlineVerbs[t.Lower] {
		return false // "Says" in a title-case headline: "Bernie Sanders Says He…"
	}
	// "Turkish-made", "Pro-Russian" are adjectives, not names.
	if k := strings.IndexByte(t.Lower, '-'); k > 0 && t.Start+k+1 < t.End {
		c := text[t.Start+k+1]
		return c < 'a' || c > 'z'
	}
	return true
}

func isAbbrevBefore(t sentence.Token, lx *lexicon.Lexicon) bool {
	return t.Kind == sentence.Word && (lx.Honorific(t.Lower) || t.Cap && len(t.Lower) == 1)
}

// MentionIndex returns the index in Mentions of the mention whose name
// covers token tok of segment seg, or -1.
func (x *Index) MentionIndex(seg, tok int) int {
	if seg < 0 || seg >= len(x.at) || tok < 0 || tok >= len(x.at[seg]) {
		return -1
	}
	return int(x.at[seg][tok])
}

// isDemonym: token j is a demonym ("Armenian"), which inside a run of
// capitalised words is an adjective that ends the name before it
// ("Karabakh Armenian separatists").
func isDemonym(s *sentence.Segment, j int, lx *lexicon.Lexicon) bool {
	t := s.Tokens[j]
	w := s.Text[t.Start:t.End]
	if lx.Places[w].Kind == "demonym" {
		return true
	}
	if p := lx.Places[strings.TrimSuffix(w, "s")]; p.Kind == "demonym" {
		return true
	}
	return false
}
