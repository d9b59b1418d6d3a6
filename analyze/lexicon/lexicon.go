// Package lexicon holds the word lists analysis reads: titles and roles,
// honorifics, given names with gender, places, organisation words, cue verbs
// and the closed-class words of English. They live in data/ as text files
// (see data/NOTE.md for where each comes from) and are parsed once into
// read-only maps.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"
)

//go:generate go run generate.go

//go:embed data/*.txt data/*.tsv
var files embed.FS

// Place is a gazetteer entry.
type Place struct {
	Kind    string // country, demonym, region, city
	Country string // the country it belongs to (its own name for a country)
}

// Closed is a closed-class word.
type Closed struct {
	Class  string // det, pron, prep, conj, sub, aux, adv, time, neg
	Gender byte   // for pronouns: 'm', 'f', 'n' (thing), 'p' (plural), '-' unknown
	Plural bool   // for pronouns
}

// Lexicon is every word list, keyed by lower-case word or phrase unless
// said otherwise. It is read-only once built.
type Lexicon struct {
	Titles        map[string]bool   // "prime minister", "adviser": roles of people
	maxTitleWords int               // longest title, in words
	Agents        map[string]bool   // head nouns of people and groups ("police", "protester")
	Honorifics    map[string]byte   // "mr" → 'm'
	Abbrevs       map[string]bool   // "jan", "inc", "u.s."
	GivenNames    map[string]byte   // "hillary" → 'f'; 'u' when the gender is unknown (see Gender)
	Places        map[string]Place  // countries, regions, capitals, demonyms; keyed by the name as written ("Baku")
	Cities        map[string]Place  // the 27,000 cities of cities.tsv, apart so that loops over Places stay short; see Place
	OrgHeads      map[string]bool   // "party", "ministry": a name ending so is an organisation
	OrgNames      map[string]bool   // keyed as written: "Reuters", "White House"
	Cues          map[string]int    // cue word → times seen in PolNeAR train
	CuePhrases    map[string]int    // "referring to": a cue verb and its particle → times seen in PolNeAR train
	Reporting     map[string]bool   // cue words a reported clause may follow without "that"
	ClauseCues    map[string]bool   // cue words that report a statement only with a clause after them ("wants", "named")
	Infinitive    map[string]bool   // verbs of saying whose content may be an infinitive ("agreed to", "vowed to")
	Labels        map[string]bool   // words of a page's labels before a colon ("note", "correction"), never a speaker
	Closed        map[string]Closed // "the", "he", "after"
	OtherHeads    map[string]string // "war" → "", "river" → "place": heads of names that are no person
	Speaking      map[string]bool   // nouns for things that state: "poll", "report", "campaign"
	Descriptors   map[string]string // "band" → "organization", "town" → "place": what the name after such a noun is
	Common        map[string]bool   // lower-case English words ("founding", "apparently")
}

// Default returns the lexicon built from the embedded files. It is built on
// first use and shared: callers must not change it.
var Default = sync.OnceValue(func() *Lexicon {
	lx, err := load()
	if err != nil {
		panic(fmt.Sprintf("lexicon: embedded data is broken: %v", err)) // a build defect, caught by the package tests
	}
	return lx
})

func load() (*Lexicon, error) {
	lx := &Lexicon{
		Titles: map[string]bool{}, Agents: map[string]bool{}, Honorifics: map[string]byte{},
		Abbrevs: map[string]bool{}, GivenNames: map[string]byte{}, Places: map[string]Place{}, Cities: map[string]Place{},
		OrgHeads: map[string]bool{}, OrgNames: map[string]bool{}, Cues: map[string]int{}, CuePhrases: map[string]int{},
		Reporting: map[string]bool{}, ClauseCues: map[string]bool{}, Infinitive: map[string]bool{}, Labels: map[string]bool{}, Speaking: map[string]bool{}, Closed: map[string]Closed{}, OtherHeads: map[string]string{},
		Descriptors: map[string]string{}, Common: map[string]bool{},
	}
	read := func(name string, fields int, each func(f []string) error) error {
		b, err := files.ReadFile("data/" + name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for n := 1; sc.Scan(); n++ {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) < fields {
				return fmt.Errorf("%s:%d: want %d fields, have %d", name, n, fields, len(f))
			}
			if err := each(f); err != nil {
				return fmt.Errorf("%s:%d: %w", name, n, err)
			}
		}
		return sc.Err()
	}
	steps := []error{
		read("titles.txt", 1, func(f []string) error {
			lx.Titles[f[0]] = true
			lx.maxTitleWords = max(lx.maxTitleWords, len(strings.Fields(f[0])))
			return nil
		}),
		read("agents.txt", 1, func(f []string) error { lx.Agents[f[0]] = true; return nil }),
		read("honorifics.tsv", 2, func(f []string) error { lx.Honorifics[f[0]] = f[1][0]; return nil }),
		read("abbreviations.txt", 1, func(f []string) error { lx.Abbrevs[strings.ToLower(f[0])] = true; return nil }),
		read("firstnames.tsv", 2, func(f []string) error { lx.GivenNames[strings.ToLower(f[0])] = f[1][0]; return nil }),
		// The generated list after the curated one, which knows better.
		read("givennames.tsv", 2, func(f []string) error {
			if _, ok := lx.GivenNames[f[0]]; !ok {
				lx.GivenNames[f[0]] = f[1][0]
			}
			return nil
		}),
		read("places.tsv", 3, func(f []string) error { lx.Places[f[0]] = Place{Kind: f[1], Country: f[2]}; return nil }),
		// Cities after countries and regions: a name that is both keeps the
		// larger kind ("Mexico", "Singapore").
		read("cities.tsv", 3, func(f []string) error { lx.Cities[f[0]] = Place{Kind: f[1], Country: f[2]}; return nil }),
		read("geography.tsv", 2, func(f []string) error {
			p := Place{Kind: f[1]}
			if len(f) > 2 {
				p.Country = f[2]
			}
			lx.Places[f[0]] = p
			return nil
		}),
		read("organizations.txt", 1, func(f []string) error {
			if name, ok := strings.CutPrefix(f[0], "="); ok {
				lx.OrgNames[name] = true
			} else {
				lx.OrgHeads[f[0]] = true
			}
			return nil
		}),
		read("cues.tsv", 2, func(f []string) error {
			var n int
			if _, err := fmt.Sscan(f[1], &n); err != nil {
				return err
			}
			lx.Cues[f[0]] = n
			return nil
		}),
		read("cuephrases.tsv", 2, func(f []string) error {
			var n int
			if _, err := fmt.Sscan(f[1], &n); err != nil {
				return err
			}
			lx.CuePhrases[f[0]] = n
			return nil
		}),
		read("reporting.txt", 1, func(f []string) error { lx.Reporting[f[0]] = true; lx.Cues[f[0]] = max(lx.Cues[f[0]], 1); return nil }),
		read("notcues.tsv", 2, func(f []string) error { delete(lx.Cues, f[0]); return nil }),
		// After the reporting verbs, whose flag the third column repeats.
		read("morecues.tsv", 3, func(f []string) error {
			lx.Cues[f[0]] = max(lx.Cues[f[0]], lx.Cues[f[1]], 1)
			if f[2] == "y" {
				lx.Reporting[f[0]] = true
			}
			return nil
		}),
		read("clausecues.tsv", 2, func(f []string) error { lx.ClauseCues[f[0]] = true; return nil }),
		read("infinitivecues.txt", 1, func(f []string) error { lx.Infinitive[f[0]] = true; return nil }),
		read("labels.txt", 1, func(f []string) error { lx.Labels[f[0]] = true; return nil }),
		read("closed.tsv", 2, func(f []string) error {
			c := Closed{Class: f[1], Gender: '-'}
			if len(f) > 2 && len(f[2]) == 3 {
				c.Gender, c.Plural = f[2][0], f[2][2] == 'p'
			}
			lx.Closed[f[0]] = c
			return nil
		}),
		read("descriptors.tsv", 2, func(f []string) error {
			switch f[1] {
			case "organization", "place", "person":
			default:
				return fmt.Errorf("type %q is none of organization, place, person", f[1])
			}
			lx.Descriptors[f[0]] = f[1]
			return nil
		}),
		read("commonwords.txt", 1, func(f []string) error { lx.Common[f[0]] = true; return nil }),
		read("speaking.txt", 1, func(f []string) error { lx.Speaking[f[0]] = true; return nil }),
		read("otherheads.tsv", 2, func(f []string) error { lx.OtherHeads[f[0]] = strings.TrimPrefix(f[1], "-"); return nil }),
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// Place looks a name up in Places, then in Cities: a name that is both
// keeps the larger kind ("Mexico", "Singapore").
func (lx *Lexicon) Place(name string) Place {
	if p, ok := lx.Places[name]; ok {
		return p
	}
	return lx.Cities[name]
}

// Gender is the gender a lower-case given name marks, 'm' or 'f', or 0
// when it is no given name or marks neither.
func (lx *Lexicon) Gender(given string) byte {
	if g := lx.GivenNames[given]; g == 'm' || g == 'f' {
		return g
	}
	return 0
}

// MaxTitleWords is the length in words of the longest title.
func (lx *Lexicon) MaxTitleWords() int { return lx.maxTitleWords }

// Role reports whether a lower-case word or phrase names a role of a person
// or a group: a title ("president") or an agent head ("protester"), plural
// forms included.
func (lx *Lexicon) Role(lower string) bool {
	if lx.Closed[lower].Class != "" {
		return false
	}
	if lx.Titles[lower] || lx.Agents[lower] {
		return true
	}
	if s, ok := singular(lower); ok {
		return lx.Titles[s] || lx.Agents[s]
	}
	return false
}

// Title reports whether a lower-case word or phrase is a title of a person.
func (lx *Lexicon) Title(lower string) bool { return lx.Titles[lower] }

// Cue reports whether a lower-case word is an attribution cue.
func (lx *Lexicon) Cue(lower string) bool { return lx.Cues[lower] > 0 }

// CuePhrase reports whether two lower-case words are a cue verb and its
// particle ("referring", "to").
func (lx *Lexicon) CuePhrase(verb, particle string) bool {
	return lx.CuePhrases[verb+" "+particle] > 0
}

// Class returns the closed class of a lower-case word, or "".
func (lx *Lexicon) Class(lower string) string { return lx.Closed[lower].Class }

// Abbreviation, Honorific and SentenceStarter make a Lexicon the vocabulary
// the sentence splitter asks.
func (lx *Lexicon) Abbreviation(lower string) bool {
	return lx.Abbrevs[lower] || lx.Honorifics[lower] != 0
}

// Honorific reports whether a lower-case word (without its dot) is an honorific.
func (lx *Lexicon) Honorific(lower string) bool { return lx.Honorifics[lower] != 0 }

// SentenceStarter reports whether a word commonly starts a sentence: a
// closed-class word such as "The", "He", "But", "In".
func (lx *Lexicon) SentenceStarter(lower string) bool { return lx.Closed[lower].Class != "" }

// singular undoes a regular English plural: "advisers" → "adviser",
// "policies" → "policy", "organisers" → "organiser".
func singular(s string) (string, bool) {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y", true
	case strings.HasSuffix(s, "men") && len(s) > 4:
		return s[:len(s)-3] + "man", true
	case strings.HasSuffix(s, "ses") || strings.HasSuffix(s, "xes") || strings.HasSuffix(s, "ches") || strings.HasSuffix(s, "shes"):
		return s[:len(s)-2], true
	case strings.HasSuffix(s, "s") && !strings.HasSuffix(s, "ss") && len(s) > 3:
		return s[:len(s)-1], true
	}
	return s, false
}

// Singular undoes a regular English plural, returning s when it is not one.
func Singular(s string) string {
	out, _ := singular(s)
	return out
}
