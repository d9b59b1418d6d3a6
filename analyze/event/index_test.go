package event

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// The indexes of tables.go only save work: these tests hold them to the
// plain reading of the tables they replace.

// TestWordFormsAreWhatSameWordAccepts guards the pattern index: a pattern
// is keyed under wordForms of its first word, so a token sameWord accepts
// and wordForms lacks would hide the pattern.
func TestWordFormsAreWhatSameWordAccepts(t *testing.T) {
	words := []string{"troop", "bus", "party", "day", "arms", "y", "s", "es", "", "talk", "ies"}
	tokens := []string{"troop", "troops", "troopes", "bus", "buses", "buss", "party", "parties", "partys",
		"day", "days", "daies", "arms", "armses", "y", "ies", "ys", "s", "es", "", "talk", "talks", "talking", "x"}
	for _, w := range words {
		forms := map[string]bool{}
		for _, f := range wordForms(w) {
			forms[f] = true
		}
		for _, tok := range tokens {
			if got, want := forms[tok], sameWord(tok, w); got != want {
				t.Errorf("word %q, token %q: in wordForms %v, sameWord %v", w, tok, got, want)
			}
		}
	}
}

// codingScan is coding as it reads without the index: every pattern of the
// cue's block, in file order.
func (t *reader) codingScan(s *sentence.Segment, r sentence.Range, h hit) Coding {
	code := h.c.code
	if h.c.block == "" {
		return code
	}
	if code.Type == "" && t.lx.Reporting[s.Tokens[h.from].Lower] {
		return code
	}
	best := 0
	bFrom, bTo := t.subjectRegion(s, r, t.auxBefore(s, r, h.from))
	aTo := t.objectRegion(s, h.to, r.To)
	pb := t.patterns[h.c.block]
	if pb == nil {
		return code
	}
	for _, p := range pb.list {
		n := len(p.before) + len(p.after)
		if n <= best {
			continue
		}
		if p.code.Type == "AGREE" && h.c.code.Type != "" && h.c.code.Type != "AGREE" {
			continue
		}
		if !hasAll(s, bFrom, bTo, p.before) || !hasAll(s, h.to, aTo, p.after) {
			continue
		}
		if len(p.after) > 0 && t.prepositional(p.after[0]) && !hasAll(s, h.to, min(h.to+1, aTo), p.after[:1]) {
			continue
		}
		best, code = n, p.code
	}
	return code
}

// seedSegments are the segments of the seed article (../testdata, the
// project's own gold) and of sentences written for this test, whose cues
// take CAMEO patterns before and after the verb.
func seedSegments(t *testing.T, lx *lexicon.Lexicon) []*sentence.Segment {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "trtworld-karabakh-amnesty.article.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Blocks []struct{ Text string }
	}
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"The president called for talks with the rebels on Monday.",
		"The ministry called off talks after soldiers opened fire on protesters.",
		"Police arrested dozens of demonstrators and seized their weapons.",
		"The United Nations imposed sanctions on the militia leaders.",
		"Rebels have agreed to lay down their arms, officials said.",
		"Parliament granted asylum to the refugees and promised humanitarian aid.",
		"Troops attacked the villages while the parties met to discuss a ceasefire.",
	}
	for _, b := range a.Blocks {
		texts = append(texts, b.Text)
	}
	segs := make([]*sentence.Segment, len(texts))
	for i, text := range texts {
		segs[i] = sentence.NewSegment(i, text, lx)
	}
	return segs
}

// TestPatternIndexCodesAsFullScan guards coding's pattern index: every cue
// of the test texts, at every token it matches, gets the coding the full
// scan of its block gives, with the curated and the dictionary tables.
func TestPatternIndexCodesAsFullScan(t *testing.T) {
	lx := lexicon.Default()
	segs := seedSegments(t, lx)
	d := &Document{Segments: segs, Entities: entity.Find(segs, lx), Lexicon: lx}
	for name, tables := range map[string]*Tables{"curated": Default(), "dictionary": DictionaryOnly()} {
		rd := &reader{Tables: tables, d: d, lx: lx, spans: map[*article.Actor][2]int{}}
		coded := 0
		for si, s := range segs {
			for _, r := range s.Sentences {
				for i := r.From; i < r.To; i++ {
					h, ok := rd.match(si, s, i, r.To)
					if !ok || h.c.block == "" {
						continue
					}
					got, want := rd.coding(s, r, h), rd.codingScan(s, r, h)
					if got != want {
						t.Errorf("%s: %q in %q: indexed coding %v, full scan %v", name, s.Slice(h.from, h.to), s.Text, got, want)
					}
					if want != h.c.code {
						coded++
					}
				}
			}
		}
		if coded == 0 {
			t.Errorf("%s: no pattern changed a coding: the test texts exercise nothing", name)
		}
	}
}

// codesScan is codes as it reads without the first-word filter.
func (t *reader) codesScan(words []string) (country, sector string) {
	for n := 3; n >= 1 && country == ""; n-- {
		for k := 0; k+n <= len(words); k++ {
			if words[k] == "of" && n == 1 {
				continue
			}
			if c, ok := t.countries[strings.Join(words[k:k+n], " ")]; ok {
				country = c
				break
			}
		}
	}
	for end := len(words); end > 0 && sector == ""; end-- {
		for n := min(t.maxSector, end); n >= 1; n-- {
			p := strings.Join(words[end-n:end], " ")
			if sec, ok := t.sectors[p]; ok {
				sector = sec
				break
			}
			if sec, ok := t.sectors[singular(p)]; ok {
				sector = sec
				break
			}
		}
	}
	return country, sector
}

// TestPhraseFilterFindsEveryKey guards the first-word filter of codes:
// each country and agent phrase, alone, plural, after other words and as
// one word with a space (an implied actor), codes as the plain lookup does.
func TestPhraseFilterFindsEveryKey(t *testing.T) {
	tables := Default()
	rd := &reader{Tables: tables, lx: lexicon.Default()}
	check := func(words []string) {
		t.Helper()
		gc, gs := rd.codes(words)
		wc, ws := rd.codesScan(words)
		if gc != wc || gs != ws {
			t.Errorf("%q: codes %q %q, plain lookup %q %q", words, gc, gs, wc, ws)
		}
	}
	n := 0
	for _, keys := range []map[string]string{tables.countries, tables.sectors} {
		for k := range keys {
			words := strings.Split(k, " ")
			check(words)
			check(append([]string{"the", "new"}, words...))
			check(append(append([]string{}, words[:len(words)-1]...), plural(words[len(words)-1])))
			check([]string{"of", k})
			if n++; n%7 == 0 {
				check(append(words, "of", "the", "city"))
			}
		}
	}
}
