package event

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"sync"

	"lede/analyze/lexicon"
	"lede/article"
)

//go:generate go run generate.go

//go:embed data/*.tsv
var files embed.FS

// wordPair keys a table by two words (a cue and a word of its clause):
// a struct key, so looking it up builds no string.
type wordPair struct{ cue, word string }

// Coding is what a cue codes: a PLOVER type and its mode.
type Coding struct {
	Type article.EventType
	Mode string
}

// cue is one phrase that states an event: its words (lower case, a verb
// form or noun form as written), the block of CAMEO patterns it takes and the
// coding of the phrase alone.
type cue struct {
	words  []string
	block  string // CAMEO verb block whose patterns refine the coding ("" for curated cues)
	code   Coding // the coding of the cue alone; Type "" when only a pattern codes it
	noun   bool   // a noun cue ("protests", "airstrike"): no passive, its source may be a possessive
	frame  bool   // a verb that takes another event as its object ("threatened to attack")
	future bool   // the cue itself marks a planned or threatened act ("plans", "vows")
	// alone is what a frame codes when no act it takes follows: a promise
	// of an act the tables do not know is still a promise (AGREE).
	alone Coding
}

// pattern refines a CAMEO verb block by the words around the verb.
type pattern struct {
	code Coding
	// before and after are the required words: each one a list of
	// alternatives (a synset expands to several), each alternative a phrase
	// of one or more words.
	before, after [][][]string
}

// patternBlock holds the patterns of one CAMEO verb block in file order
// (the first of the longest matching patterns wins) and indexes them by
// their first required word, so that coding a cue reads only the patterns
// whose first word stands in the clause instead of all of a block's (up to
// 188, their synsets up to dozens of phrases each).
type patternBlock struct {
	list []pattern
	// before and after map a word (its id in Tables.patternWords) to the
	// positions in list of the patterns whose first required word it can
	// be: the first word before the verb, or after it when the pattern
	// requires none before. A word is keyed under each form sameWord
	// accepts for it, so looking up a token finds every pattern whose first
	// word it matches.
	before, after map[int32][]int32
	// always are the patterns whose first required word has an empty
	// alternative: any clause holds it.
	always []int32
}

// add appends p and indexes it, numbering new words with intern. A pattern
// requiring no word is kept but not indexed: it never beats the cue's own
// coding.
func (b *patternBlock) add(p pattern, intern func(string) int32) {
	i := int32(len(b.list))
	b.list = append(b.list, p)
	var first [][]string
	idx := b.before
	switch {
	case len(p.before) > 0:
		first = p.before[0]
	case len(p.after) > 0:
		first, idx = p.after[0], b.after
	default:
		return
	}
	for _, a := range first {
		if len(a) == 0 {
			b.always = append(b.always, i)
			continue
		}
		for _, form := range wordForms(a[0]) {
			id := intern(form)
			if l := idx[id]; len(l) == 0 || l[len(l)-1] != i {
				idx[id] = append(l, i)
			}
		}
	}
}

// wordForms are the token spellings sameWord accepts for dictionary word w:
// w itself and its plural ("troops", "buses", "parties").
func wordForms(w string) []string {
	if strings.HasSuffix(w, "y") {
		return []string{w, w[:len(w)-1] + "ies"}
	}
	return []string{w, w + "s", w + "es"}
}

// Tables is the knowledge events are coded with, loaded once from the
// embedded data: cue phrases, CAMEO patterns, the CAMEO → PLOVER mapping,
// actor codes and the words that mark negation and hypothesis.
type Tables struct {
	cues     map[string][]*cue        // first word → cues starting with it, longest first
	patterns map[string]*patternBlock // CAMEO verb block → its patterns, indexed
	// patternWords numbers the words that can be the first required word
	// of a pattern: a token's number is looked up once per segment, and a
	// token that has none is no pattern's first word.
	patternWords map[string]int32
	countries    map[string]string // lower-case name, adjective or city → country code
	acronyms     map[string]string // country acronym in capitals ("US") → country code
	sectors      map[string]string // lower-case agent phrase → sector
	// curated is false for the dictionary-only baseline, which codes only
	// what the dictionary's verbs say: no rule of lede's own adds a cue.
	curated    bool
	markers    map[string]string // lower-case word → neg, modal, if, frame
	obliges    []string          // the markers of class oblige ("must", "should"), few: compared, not looked up
	predicates []string          // the markers of class predicate ("guilty", "responsible"), as obliges
	future     map[article.EventType]article.EventType
	negated    map[article.EventType]article.EventType // "" when the negated event is none
	implied    map[article.EventType][]implied
	// armed recodes an act done by armed forces: "TYPE|mode" → type.
	armed map[string]article.EventType
	// bySector recodes a cue by its source's sector: "word|SECTOR" → coding.
	bySector map[string]Coding
	// purposes recode a type by a word of its clause: type → (cue word or
	// "" for any, word) → coding ("deployed peacekeepers" is aid).
	purposes map[article.EventType]map[wordPair]Coding
	// purposeCues marks the (type, cue word) pairs that have entries of
	// their own in purposes, so that others look up the words alone.
	purposeCues map[wordPair]bool
	// objects recode an act by its target's head word: (cue word or
	// "*TYPE", head) → coding (objects.tsv).
	objects map[wordPair]Coding
	// symmetric are the types a subject of two parties does to each other
	// ("Israel and Lebanon held talks").
	symmetric map[article.EventType]bool
	// vehicles are the means cues (their first word, every form) whose
	// infinitive of purpose codes the event, with the types it may be.
	vehicles map[string]map[article.EventType]bool
	// instrument are the types whose direct object is the actor's own means
	// ("deployed troops"), not a target.
	instrument map[article.EventType]bool
	maxSector  int
	// The vocabularies of the rules in event.go (types.tsv): hostile are
	// the types of force and pressure, relations the cooperative ones whose
	// end is a sanction, frames those whose verbs take an act as object.
	hostile, relations, frames map[article.EventType]bool
	// forceSectors are the sectors of forces named by their kind
	// ("troops"), armedSectors those whose acts armed.tsv recodes.
	forceSectors, armedSectors map[string]bool
	// means are the types whose object, when it is forces, is the means,
	// with the preposition that names the party instead ("sent troops to").
	means map[article.EventType]string
	// demanded and blamed are the cues of acts a speaker demands of or
	// blames on someone; obliged, stop and appeal the codings of a demand
	// in an auxiliary chain, of an end of relations, of an appeal to act
	// against someone.
	demanded, blamed         *cue
	obligation, stop, appeal Coding
	// countryStarts and sectorStarts map the first word of each key of
	// countries and sectors to the word counts of the keys it starts
	// (bit n for n words, bit 63 for 63 or more): codes looks up a phrase
	// of several words only when a key of its length starts like it.
	countryStarts, sectorStarts map[string]uint64

	// placeNames indexes the lexicon's places by country code, built once
	// on first use for the default lexicon.
	placeNames struct {
		once sync.Once
		lx   *lexicon.Lexicon
		idx  placeIndex
	}
}

// placeIndex names countries by code: their demonym and their name.
type placeIndex struct {
	demonyms, names map[string]string
}

// places returns the place index for lx, built once for the first lexicon
// it is asked for and per call for any other.
func (t *Tables) places(lx *lexicon.Lexicon) placeIndex {
	t.placeNames.once.Do(func() {
		t.placeNames.lx = lx
		t.placeNames.idx = t.buildPlaces(lx)
	})
	if t.placeNames.lx == lx {
		return t.placeNames.idx
	}
	return t.buildPlaces(lx)
}

func (t *Tables) buildPlaces(lx *lexicon.Lexicon) placeIndex {
	idx := placeIndex{demonyms: map[string]string{}, names: map[string]string{}}
	score := func(name, country string) int {
		return commonPrefix(strings.ToLower(name), strings.ToLower(country))*100 + len(name)
	}
	for name, p := range lx.Places {
		switch p.Kind {
		case "demonym":
			// Of a country's demonyms ("Armenian", "Armenai", "Hay") the
			// one closest in spelling to its name.
			c := t.countries[strings.ToLower(p.Country)]
			if old, ok := idx.demonyms[c]; c != "" && (!ok || score(name, p.Country) > score(old, p.Country)) {
				idx.demonyms[c] = name
			}
		case "country":
			if c := t.countries[strings.ToLower(name)]; c != "" {
				if old, ok := idx.names[c]; !ok || len(name) < len(old) || len(name) == len(old) && name < old {
					idx.names[c] = name
				}
			}
		}
	}
	return idx
}

// implied is the actor an event type implies when the text names none:
// arrests are made by police, protests address the government.
type implied struct {
	mode  string // the mode it holds for ("" for any)
	role  string // source or target
	actor string // "police"; "government" is the government of the place
}

// Default returns the tables, parsed on first use and shared: callers must
// not change them.
var Default = sync.OnceValue(func() *Tables {
	t, err := load(true)
	if err != nil {
		panic(fmt.Sprintf("event: embedded data is broken: %v", err)) // a build defect, caught by the package tests
	}
	return t
})

// read calls each for the lines of table name, which must have at least
// fields tab-separated columns. reason is the column that says why a
// curated entry exists, which must not be empty; -1 for generated tables,
// whose source is the file they come from.
func read(name string, fields, reason int, each func(f []string) error) error {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return err
	}
	return parseTable(name, b, fields, reason, each)
}

// parseTable is read on the bytes b of table name.
func parseTable(name string, b []byte, fields, reason int, each func(f []string) error) error {
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < fields {
			return fmt.Errorf("%s:%d: want %d fields, have %d", name, n, fields, len(f))
		}
		if reason >= 0 && strings.TrimSpace(f[reason]) == "" {
			return fmt.Errorf("%s:%d: column %d, the entry's reason, is empty", name, n, reason+1)
		}
		if err := each(f); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	return sc.Err()
}

// validTypes are PLOVER's sixteen event types.
var validTypes = map[article.EventType]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true,
	"SANCTION": true, "MOBILIZE": true, "COERCE": true, "ASSAULT": true,
}

func eventType(s string) (article.EventType, error) {
	t := article.EventType(strings.TrimSpace(s))
	if !validTypes[t] {
		return "", fmt.Errorf("%q is not a PLOVER event type", s)
	}
	return t, nil
}

// DictionaryOnly returns tables of the PETRARCH2 CAMEO verb dictionary
// mapped through CAMEO2PLOVER alone: no curated cues, block defaults, future,
// negation or implied-actor rules. It is the baseline the curated tables are
// measured against; the reading of the text (actors, markers) is the same.
var DictionaryOnly = sync.OnceValue(func() *Tables {
	t, err := load(false)
	if err != nil {
		panic(fmt.Sprintf("event: embedded data is broken: %v", err))
	}
	return t
})

func load(curated bool) (*Tables, error) {
	t := &Tables{
		curated: curated,
		cues:    map[string][]*cue{}, patterns: map[string]*patternBlock{}, patternWords: map[string]int32{}, countries: map[string]string{}, acronyms: map[string]string{},
		sectors: map[string]string{}, markers: map[string]string{},
		future: map[article.EventType]article.EventType{}, negated: map[article.EventType]article.EventType{}, implied: map[article.EventType][]implied{}, instrument: map[article.EventType]bool{}, purposes: map[article.EventType]map[wordPair]Coding{}, purposeCues: map[wordPair]bool{}, vehicles: map[string]map[article.EventType]bool{}, symmetric: map[article.EventType]bool{}, objects: map[wordPair]Coding{}, armed: map[string]article.EventType{}, bySector: map[string]Coding{},
		hostile: map[article.EventType]bool{}, relations: map[article.EventType]bool{}, frames: map[article.EventType]bool{}, forceSectors: map[string]bool{}, armedSectors: map[string]bool{}, means: map[article.EventType]string{},
	}
	cameo := map[string]Coding{}
	none := map[string]bool{} // CAMEO codes that are no PLOVER event
	synsets := map[string][]string{}
	steps := []func() error{
		func() error {
			return read("cameo.tsv", 3, -1, func(f []string) error {
				typ, err := eventType(f[1])
				if err != nil {
					return err
				}
				cameo[f[0]] = Coding{Type: typ, Mode: strings.TrimSpace(f[2])}
				return nil
			})
		},
		func() error {
			return read("cameo-curated.tsv", 4, 3, func(f []string) error {
				if f[1] == "-" {
					none[f[0]] = true
					return nil
				}
				typ, err := eventType(f[1])
				if err != nil {
					return err
				}
				cameo[f[0]] = Coding{Type: typ, Mode: strings.TrimSpace(f[2])}
				return nil
			})
		},
		func() error {
			return read("synsets.tsv", 2, -1, func(f []string) error {
				synsets[f[0]] = strings.Split(f[1], "|")
				return nil
			})
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	if err := t.readTypes(); err != nil {
		return nil, err
	}
	code := func(c string) (Coding, bool) {
		for ; len(c) >= 2; c = c[:len(c)-1] {
			if none[c] {
				return Coding{}, false
			}
			if k, ok := cameo[c]; ok {
				return k, true
			}
		}
		return Coding{}, false
	}
	words := func(s string) [][][]string {
		var out [][][]string
		for _, w := range strings.Fields(s) {
			if alts, ok := synsets[w]; ok {
				phrases := make([][]string, len(alts))
				for i, a := range alts {
					phrases[i] = strings.Fields(a)
				}
				out = append(out, phrases)
				continue
			}
			if strings.HasPrefix(w, "&") {
				continue // an undefined synset constrains nothing we can check
			}
			out = append(out, [][]string{{w}})
		}
		return out
	}
	blocks := map[string]string{}
	if curated {
		if err := read("blocks.tsv", 3, 2, func(f []string) error { blocks[f[0]] = f[1]; return nil }); err != nil {
			return nil, err
		}
	}
	err := read("verbs.tsv", 3, -1, func(f []string) error {
		var k Coding
		c := f[1]
		if b, ok := blocks[f[0]]; ok {
			c = b
		}
		if c != "-" {
			k, _ = code(c)
		}
		for _, form := range strings.Split(f[2], "|") {
			t.addCue(&cue{words: strings.Fields(form), block: f[0], code: k})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	intern := func(w string) int32 {
		id, ok := t.patternWords[w]
		if !ok {
			id = int32(len(t.patternWords))
			t.patternWords[w] = id
		}
		return id
	}
	err = read("patterns.tsv", 4, -1, func(f []string) error {
		k, ok := code(f[1])
		if !ok {
			// A pattern coding a CAMEO statement (01) still tells the verb
			// states no PLOVER event in that use.
			k = Coding{}
		}
		b := t.patterns[f[0]]
		if b == nil {
			b = &patternBlock{before: map[int32][]int32{}, after: map[int32][]int32{}}
			t.patterns[f[0]] = b
		}
		b.add(pattern{code: k, before: words(f[2]), after: words(f[3])}, intern)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Curated cues come last and replace dictionary cues of the same words.
	cues := "cues.tsv"
	if !curated {
		cues = "none.tsv"
	}
	err = read(cues, 5, 4, func(f []string) error {
		typ := article.EventType("")
		if f[2] != "-" {
			var err error
			if typ, err = eventType(f[2]); err != nil {
				return err
			}
		}
		kind := f[1]
		for _, form := range cueForms(f[0], kind) {
			c := &cue{words: strings.Fields(form), code: Coding{Type: typ, Mode: strings.TrimSpace(f[3])}}
			switch kind {
			case "n":
				c.noun = true
			case "frame":
				c.frame = true
			case "plan":
				c.frame, c.future = true, true
			case "promise":
				// A promise codes the act promised, as future; alone
				// ("promised to democratize") it is the promise itself.
				c.frame, c.future, c.alone, c.code = true, true, c.code, Coding{}
			case "d":
				// A new default for a dictionary verb: its CAMEO patterns stay.
				if t.setDefault(c) {
					continue
				}
			}
			t.replaceCue(c)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	steps = []func() error{
		func() error {
			return read("countries.tsv", 2, -1, func(f []string) error { t.countries[f[0]] = f[1]; return nil })
		},
		func() error {
			return read("acronyms.tsv", 3, 2, func(f []string) error { t.acronyms[f[0]] = f[1]; return nil })
		},
		func() error {
			return read("sectors.tsv", 2, -1, func(f []string) error {
				t.sectors[f[0]] = f[1]
				t.maxSector = max(t.maxSector, len(strings.Fields(f[0])))
				return nil
			})
		},
		func() error {
			return read("sectors-curated.tsv", 3, 2, func(f []string) error {
				t.sectors[f[0]] = f[1]
				t.maxSector = max(t.maxSector, len(strings.Fields(f[0])))
				return nil
			})
		},
		func() error {
			return read("markers.tsv", 3, 2, func(f []string) error {
				t.markers[f[0]] = f[1]
				switch f[1] {
				case "oblige":
					t.obliges = append(t.obliges, f[0])
				case "predicate":
					t.predicates = append(t.predicates, f[0])
				}
				return nil
			})
		},
		func() error {
			if !curated {
				return nil // the baseline codes what the dictionary says, as it says it
			}
			return read("future.tsv", 3, 2, func(f []string) error {
				from, err := eventType(f[0])
				if err != nil {
					return err
				}
				to, err := eventType(f[1])
				if err != nil {
					return err
				}
				t.future[from] = to
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("armed.tsv", 4, 3, func(f []string) error {
				if _, err := eventType(f[0]); err != nil {
					return err
				}
				to, err := eventType(f[2])
				if err != nil {
					return err
				}
				t.armed[f[0]+"|"+f[1]] = to
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("bysector.tsv", 5, 4, func(f []string) error {
				typ, err := eventType(f[2])
				if err != nil {
					return err
				}
				for _, sec := range strings.Split(f[1], ",") {
					t.bySector[f[0]+"|"+strings.TrimSpace(sec)] = Coding{Type: typ, Mode: strings.TrimSpace(f[3])}
				}
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("purposes.tsv", 5, 4, func(f []string) error {
				from, err := eventType(f[0])
				if err != nil {
					return err
				}
				to, err := eventType(f[2])
				if err != nil {
					return err
				}
				m := t.purposes[from]
				if m == nil {
					m = map[wordPair]Coding{}
					t.purposes[from] = m
				}
				var only []string // the cue words the entry is for; none for every cue of the type
				if len(f) > 5 && strings.TrimSpace(f[5]) != "" {
					for _, c := range strings.Split(f[5], "|") {
						only = append(only, regularForms(strings.TrimSpace(c))...)
					}
				}
				for _, w := range strings.Split(f[1], "|") {
					w = strings.TrimSpace(w)
					if len(only) == 0 {
						m[wordPair{"", w}] = Coding{Type: to, Mode: strings.TrimSpace(f[3])}
						continue
					}
					for _, c := range only {
						m[wordPair{c, w}] = Coding{Type: to, Mode: strings.TrimSpace(f[3])}
						t.purposeCues[wordPair{string(from), c}] = true
					}
				}
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("vehicles.tsv", 4, 3, func(f []string) error {
				types := map[article.EventType]bool{}
				for _, ty := range strings.Split(f[1], ",") {
					typ, err := eventType(ty)
					if err != nil {
						return err
					}
					types[typ] = true
				}
				if f[0] == "*" {
					t.vehicles["*"] = types
					return nil
				}
				for _, form := range regularForms(f[0]) {
					t.vehicles[form] = types
				}
				for _, form := range strings.Split(f[2], "|") {
					if form = strings.TrimSpace(form); form != "" && form != "-" {
						t.vehicles[form] = types
					}
				}
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("objects.tsv", 5, 4, func(f []string) error {
				typ, err := eventType(f[2])
				if err != nil {
					return err
				}
				var keys []string
				if strings.HasPrefix(f[0], "*") {
					if _, err := eventType(f[0][1:]); err != nil {
						return err
					}
					keys = []string{f[0]}
				} else {
					for _, form := range regularForms(strings.Split(f[0], "/")[0]) {
						keys = append(keys, form)
					}
					keys = append(keys, strings.Split(f[0], "/")[1:]...)
				}
				for _, k := range keys {
					for _, head := range strings.Split(f[1], "|") {
						t.objects[wordPair{k, strings.TrimSpace(head)}] = Coding{Type: typ, Mode: strings.TrimSpace(f[3])}
					}
				}
				return nil
			})
		},
		func() error {
			if !curated {
				return nil
			}
			return read("symmetric.tsv", 2, 1, func(f []string) error {
				typ, err := eventType(f[0])
				if err != nil {
					return err
				}
				t.symmetric[typ] = true
				return nil
			})
		},
		func() error {
			return read("instruments.tsv", 2, 1, func(f []string) error {
				typ, err := eventType(f[0])
				if err != nil {
					return err
				}
				t.instrument[typ] = true
				return nil
			})
		},
		func() error {
			if !curated {
				return nil // the baseline codes what the dictionary says, as it says it
			}
			return read("negated.tsv", 3, 2, func(f []string) error {
				from, err := eventType(f[0])
				if err != nil {
					return err
				}
				to := article.EventType("")
				if f[1] != "-" {
					if to, err = eventType(f[1]); err != nil {
						return err
					}
				}
				t.negated[from] = to
				return nil
			})
		},
		func() error {
			if !curated {
				return nil // the baseline codes what the dictionary says, as it says it
			}
			return read("implied.tsv", 5, 4, func(f []string) error {
				typ, err := eventType(f[0])
				if err != nil {
					return err
				}
				t.implied[typ] = append(t.implied[typ], implied{mode: f[1], role: f[2], actor: f[3]})
				return nil
			})
		},
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return nil, err
		}
	}
	t.countryStarts, t.sectorStarts = phraseStarts(t.countries), phraseStarts(t.sectors)
	return t, nil
}

// phraseStarts indexes the keys of m by their first word and word count,
// words being what a single space separates.
func phraseStarts(m map[string]string) map[string]uint64 {
	out := map[string]uint64{}
	for k := range m {
		parts := strings.Split(k, " ")
		out[parts[0]] |= 1 << min(len(parts), 63)
	}
	return out
}

// startsPhrase reports that a key of n words starting with word w is in
// the index idx of phraseStarts.
func startsPhrase(idx map[string]uint64, w string, n int) bool {
	return idx[w]&(1<<min(n, 63)) != 0
}

func (t *Tables) addCue(c *cue) {
	if len(c.words) == 0 {
		return
	}
	first := c.words[0]
	list := t.cues[first]
	for _, o := range list {
		if o.block == c.block && equalWords(o.words, c.words) {
			return
		}
	}
	list = append(list, c)
	sortLongest(list)
	t.cues[first] = list
}

// setDefault gives the dictionary cues of c's words c's coding; false when
// the dictionary has none.
func (t *Tables) setDefault(c *cue) bool {
	found := false
	for _, o := range t.cues[c.words[0]] {
		if o.block != "" && equalWords(o.words, c.words) {
			o.code, found = c.code, true
		}
	}
	return found
}

// replaceCue adds a curated cue, dropping earlier cues of the same words:
// the dictionary's, or a curated entry read before it.
func (t *Tables) replaceCue(c *cue) {
	first := c.words[0]
	var keep []*cue
	for _, o := range t.cues[first] {
		if !equalWords(o.words, c.words) {
			keep = append(keep, o)
		}
	}
	keep = append(keep, c)
	sortLongest(keep)
	t.cues[first] = keep
}

func sortLongest(list []*cue) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && len(list[j].words) > len(list[j-1].words); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// cueForms spells out a curated cue: "lay/laid down arms" lists its first
// word's forms after a slash; a verb ("v", "d", "frame", "plan") gets its
// regular forms too, a noun ("n") its plural.
func cueForms(phrase, kind string) []string {
	words := strings.Fields(phrase)
	if len(words) == 0 {
		return nil
	}
	heads := strings.Split(words[0], "/")
	rest := strings.Join(words[1:], " ")
	set := map[string]bool{}
	for i, h := range heads {
		forms := []string{h}
		if i == 0 {
			switch kind {
			case "v", "frame", "plan", "promise", "d":
				forms = regularForms(h)
			case "n":
				forms = append(forms, plural(h))
			}
		}
		for _, f := range forms {
			set[strings.TrimSpace(f+" "+rest)] = true
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	return out
}

func plural(n string) string {
	switch {
	case strings.HasSuffix(n, "s") || strings.HasSuffix(n, "x") || strings.HasSuffix(n, "ch") || strings.HasSuffix(n, "sh"):
		return n + "es"
	case len(n) > 1 && n[len(n)-1] == 'y' && !strings.ContainsRune("aeiou", rune(n[len(n)-2])):
		return n[:len(n)-1] + "ies"
	}
	return n + "s"
}

// regularForms gives a regular English verb's forms: base, -s, -ed, -ing.
func regularForms(v string) []string {
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	n := len(v)
	if n == 0 {
		return nil
	}
	s, ed, ing := v+"s", v+"ed", v+"ing"
	switch {
	case strings.HasSuffix(v, "s") || strings.HasSuffix(v, "x") || strings.HasSuffix(v, "z") || strings.HasSuffix(v, "ch") || strings.HasSuffix(v, "sh"):
		s = v + "es"
	case n > 1 && v[n-1] == 'y' && !vowel(v[n-2]):
		s = v[:n-1] + "ies"
	}
	switch {
	case v[n-1] == 'e':
		ed = v + "d"
	case n > 1 && v[n-1] == 'y' && !vowel(v[n-2]):
		ed = v[:n-1] + "ied"
	}
	if v[n-1] == 'e' && !strings.HasSuffix(v, "ee") {
		ing = v[:n-1] + "ing"
	}
	out := []string{v, s, ed, ing}
	if n >= 3 && !vowel(v[n-1]) && vowel(v[n-2]) && !vowel(v[n-3]) && strings.IndexByte("wxy", v[n-1]) < 0 {
		d := v + v[n-1:]
		out = append(out, d+"ed", d+"ing")
	}
	return out
}

// readTypes loads types.tsv, the vocabularies the rules of event.go name:
// sets of types or sectors, and the codings rules give.
func (t *Tables) readTypes() error {
	rules := map[string]*Coding{"obliged": &t.obligation, "stop": &t.stop, "appeal": &t.appeal}
	var demanded, blamed Coding
	rules["demanded"], rules["blamed"] = &demanded, &blamed
	seen := map[string]bool{}
	err := read("types.tsv", 4, 3, func(f []string) error {
		set, member, value := f[0], f[1], strings.TrimSpace(f[2])
		switch set {
		case "hostile", "relations", "frame", "means":
			typ, err := eventType(member)
			if err != nil {
				return err
			}
			switch set {
			case "hostile":
				t.hostile[typ] = true
			case "relations":
				t.relations[typ] = true
			case "frame":
				t.frames[typ] = true
			case "means":
				if value == "-" || value == "" {
					return fmt.Errorf("means %s: no preposition", member)
				}
				t.means[typ] = value
			}
		case "forces":
			t.forceSectors[member] = true
		case "armed":
			t.armedSectors[member] = true
		case "rule":
			c, ok := rules[member]
			if !ok {
				return fmt.Errorf("unknown rule %q", member)
			}
			typ, mode, _ := strings.Cut(value, " ")
			et, err := eventType(typ)
			if err != nil {
				return err
			}
			*c = Coding{Type: et, Mode: strings.TrimSpace(mode)}
			seen[member] = true
		default:
			return fmt.Errorf("unknown set %q", set)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for name := range rules {
		if !seen[name] {
			return fmt.Errorf("types.tsv: no coding for rule %q", name)
		}
	}
	t.demanded = &cue{words: []string{""}, code: demanded}
	t.blamed = &cue{words: []string{""}, code: blamed}
	return nil
}
