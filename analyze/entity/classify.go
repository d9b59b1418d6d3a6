package entity

import (
	"strings"
	"unicode/utf8"

	"lede/analyze/lexicon"
	"lede/analyze/sentence"
	"lede/article"
)

// classify turns the capitalised run toks[from:to] into a typed name: it
// strips honorifics, titles and demonyms off the front (keeping them as
// roles), drops a sentence's first word when nothing says it is a name, and
// types what is left.
func classify(si int, s *sentence.Segment, from, to int, sentenceStart bool, lx *lexicon.Lexicon, midCaps map[string]bool) (candidate, bool) {
	toks := s.Tokens
	c := candidate{seg: si, npFrom: from}
	a := from
	if sentenceStart && !knownName(s, from, lx) && !midCaps[toks[from].Lower] && sentenceWord(s, from, to, lx) {
		a++
		c.npFrom = a
	}
	var title []string
	country := ""
	for a < to {
		t := toks[a]
		if g, ok := lx.Honorifics[t.Lower]; ok {
			if g != '-' {
				c.gender = g
			}
			c.typ = article.Person
			a++
			if a < to && toks[a].Lower == "." {
				a++
			}
			continue
		}
		if n := titleAt(s, a, to, lx); n > 0 {
			title = append(title, s.Slice(a, a+n))
			c.typ = article.Person
			a += n
			continue
		}
		// A capitalised role word before a given name is a title too:
		// "Coroner William McLaughlin", "Tower man George Hauser".
		if a+2 < to && lx.Role(t.Lower) && lx.GivenNames[toks[a+1].Lower] != 0 && lx.Descriptors[t.Lower] == "" && !lx.OrgHeads[t.Lower] {
			title = append(title, s.Slice(a, a+1))
			c.typ = article.Person
			a++
			continue
		}
		// A demonym before a title is the country of the office
		// ("Azerbaijani President Ilham Aliyev"); before an organisation's
		// words it is part of the name ("American Medical Association").
		if p, ok := lx.Places[s.Text[t.Start:t.End]]; ok && p.Kind == "demonym" && a+1 < to && !hasOrgHead(toks[a+1:to], lx) && lx.OtherHeads[lexicon.Singular(toks[to-1].Lower)] == "" {
			country = p.Country
			a++
			continue
		}
		break
	}
	// A title after modifiers: "Ontario Premier Dalton McGuinty",
	// "Finance Minister Jim Flaherty", "Senate Majority Leader Mitch
	// McConnell". The modifiers and the title are the role ("Premier of
	// Ontario" when the modifier is a place), the words after it the name.
	if k, n := titleInside(s, a, to, lx); n > 0 {
		mod := s.Slice(a, k)
		role := s.Slice(a, k+n)
		if p := lx.Place(mod); p.Kind != "" && p.Kind != "demonym" {
			role = s.Slice(k, k+n) + " of " + mod
		} else if p.Kind == "demonym" && p.Country != "" {
			role = s.Slice(k, k+n) + " of " + p.Country
		}
		title = append(title, role)
		c.typ = article.Person
		a = k + n
	}
	for a < to && toks[a].Kind == sentence.Word && connectors[toks[a].Lower] {
		a++
	}
	if a >= to {
		return c, false
	}
	c.from, c.to = a, to
	name := s.Slice(a, to)
	last := toks[to-1].Lower
	// A title before a country or an organisation is an office, not a
	// person's name: "Governor General of Canada", "President of Iran".
	if c.typ == article.Person && len(title) > 0 && c.gender == 0 && (lx.Place(name).Kind != "" || lx.OrgNames[name]) {
		c.typ = ""
		title = nil
	}
	switch {
	case c.typ == article.Person:
	case lx.OrgNames[name]:
		c.typ = article.Organization
	case lx.Places[name].Kind == "demonym":
		return c, false // an adjective: "Azerbaijani", "Armenian"
	case lx.Place(name).Kind != "":
		c.typ = article.Place
		c.key = "place:" + lx.Place(name).Country
		if lx.Place(name).Kind != "country" {
			c.key = "place:" + name
		}
	case to-a == 1 && lx.OrgHeads[last], to-a == 1 && lx.Role(last):
		return c, false // "Police", "Party" alone are common nouns
	case hasOrgHead(toks[a:to], lx):
		c.typ = article.Organization
	case lx.OtherHeads[lexicon.Singular(last)] == "place" && to-a > 1:
		c.typ = article.Place
	case hasKey(lx.OtherHeads, last) || hasKey(lx.OtherHeads, lexicon.Singular(last)):
		return c, false // "Second Karabakh War", "Stanley Cups"
	case to-a > 2 && lx.OtherHeads[toks[a].Lower] == "" && hasKey(lx.OtherHeads, toks[a].Lower) && connectors[toks[a+1].Lower]:
		return c, false // "Battle of Vilcapugio", "War of 1812"
	case lx.GivenNames[toks[a].Lower] != 0 && to-a > 1 && lx.Places[s.Text[toks[a].Start:toks[a].End]].Kind != "country":
		c.typ = article.Person
		c.gender = lx.Gender(toks[a].Lower)
	case to-a > 1 && teamName(s, a, to, lx):
		c.typ = article.Organization
	case to-a == 1 && isAcronym(name) && len(name) >= 3 && !lx.Common[last] && !romanNumeral(name):
		// An acronym no list knows is most often an organisation's
		// ("AHAC", "ACLU"); two letters ("CD", "PM") and words ("AIDS",
		// "ERA") are too often something else.
		c.typ = article.Organization
	case to-a > 1 && personShape(s, a, to, lx):
		c.typ = article.Person
	}
	// Nothing in the name says what it is: the words around it may
	// ("the band Killing Joke", "the town of Grantham", "Linkin Park,
	// who", "Smith said"). A name nothing types is dropped later.
	if c.typ == "" {
		c.typ = typeFromContext(s, from, a, to, lx)
	}
	if c.typ == article.Person && len(title) > 0 {
		role := strings.Join(title, " ")
		if country != "" {
			role += " of " + country
		}
		c.roles = append(c.roles, role)
	}
	if c.key == "" {
		c.key = name
	}
	c.npFrom = min(c.npFrom, a)
	if c.typ == article.Person {
		if r, at := descriptionBefore(s, c.npFrom, lx); r != "" {
			c.roles = append(c.roles, r)
			c.npFrom = at
			c.typ = article.Person
		}
		c.npTo = parentheticalEnd(s, to)
		if r, end := appositiveAfter(s, c.npTo, lx); r != "" {
			c.roles = append(c.roles, r)
			c.npTo = end
			c.typ = article.Person
		}
	} else {
		c.npTo = to
	}
	if c.typ == article.Person && c.gender == 0 {
		c.gender = lx.Gender(toks[a].Lower)
	}
	return c, true
}

func hasKey(m map[string]string, k string) bool { _, ok := m[k]; return ok }

// knownName: the word at i is a name whatever its position: a given name,
// an honorific, a title, a place or an organisation.
func knownName(s *sentence.Segment, i int, lx *lexicon.Lexicon) bool {
	t := s.Tokens[i]
	w := s.Text[t.Start:t.End]
	return lx.GivenNames[t.Lower] != 0 || lx.Honorifics[t.Lower] != 0 || lx.Titles[t.Lower] ||
		lx.Place(w).Kind != "" || lx.OrgNames[w] || isAcronym(w) ||
		i+1 < len(s.Tokens) && lx.Titles[t.Lower+" "+s.Tokens[i+1].Lower]
}

// titleAt returns the length in tokens of the longest title starting at
// token i and ending before to, or 0.
func titleAt(s *sentence.Segment, i, to int, lx *lexicon.Lexicon) int {
	best := 0
	phrase := ""
	for n := 1; n <= lx.MaxTitleWords() && i+n <= to; n++ {
		t := s.Tokens[i+n-1]
		if t.Kind != sentence.Word {
			break
		}
		if n == 1 {
			phrase = t.Lower
		} else {
			phrase += " " + t.Lower
		}
		if lx.Titles[phrase] || n == 1 && lx.Titles[strings.TrimSuffix(phrase, ".")] {
			best = n
		}
	}
	return best
}

func hasOrgHead(toks []sentence.Token, lx *lexicon.Lexicon) bool {
	for _, t := range toks {
		if lx.OrgHeads[t.Lower] {
			return true
		}
	}
	return false
}

// isAcronym: two or more letters, all upper case ("FBI", "GOP").
func isAcronym(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return false
	}
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			if r != '.' {
				return false
			}
		}
	}
	return true
}

// descriptionBefore finds a role written in lower case right before a name,
// "opposition politician" in "detained opposition politician Andranik
// Tevanyan": the word before the name must be a role word, and up to two
// modifiers before it join it. It returns the role and its first token.
func descriptionBefore(s *sentence.Segment, from int, lx *lexicon.Lexicon) (string, int) {
	i := from - 1
	if i < 0 || s.Tokens[i].Kind != sentence.Word || !lx.Role(s.Tokens[i].Lower) {
		return "", from
	}
	start := i
	for k := 0; k < 2 && start-1 >= 0; k++ {
		t := s.Tokens[start-1]
		if t.Kind != sentence.Word || lx.Class(t.Lower) != "" || lx.Cue(t.Lower) || strings.HasSuffix(t.Lower, "ed") || t.Lower == "'s" {
			break
		}
		start--
	}
	return s.Slice(start, i+1), start
}

// appositiveAfter finds "NAME, a role phrase," after a name: the phrase
// runs to the next comma or the sentence end, is at most twelve tokens, does
// not start with a relative pronoun or a verb, and holds a role word. It
// returns the role (without a leading article) and the end of the phrase.
func appositiveAfter(s *sentence.Segment, to int, lx *lexicon.Lexicon) (string, int) {
	toks := s.Tokens
	if to >= len(toks) || toks[to].Lower != "," {
		return "", to
	}
	sent := s.SentenceOf(to)
	a := to + 1
	if a >= sent.To || toks[a].Kind != sentence.Word && toks[a].Kind != sentence.Number {
		return "", to
	}
	first := toks[a].Lower
	if cls := lx.Class(first); cls != "" && cls != "det" || lx.Cue(first) {
		return "", to
	}
	possessive := a+1 < sent.To && (toks[a+1].Lower == "'s" || toks[a+1].Kind == sentence.Quote && toks[a+1].Single && !toks[a+1].Space)
	if toks[a].Cap && lx.Places[s.Text[toks[a].Start:toks[a].End]].Kind != "demonym" && !lx.Titles[first] && !possessive && lx.Honorifics[first] == 0 {
		return "", to // "Pashinyan, Aliyev and ...": a list of names
	}
	hasRole := false
	b := a
	for ; b < sent.To && b-a < 12; b++ {
		t := toks[b]
		honorificDot := t.Lower == "." && b > a && lx.Honorifics[toks[b-1].Lower] != 0
		if t.Kind == sentence.Punct && t.Lower != "-" && !honorificDot || t.Kind == sentence.Quote && !(t.Single && !t.Space && b > a) {
			break // a possessive mark ("Sanders’ campaign") and an honorific's dot stay
		}
		if t.Kind == sentence.Word && (lx.Role(t.Lower) || lx.Titles[t.Lower]) {
			hasRole = true
		}
		if t.Kind == sentence.Word && (lx.Cue(t.Lower) && !lx.Role(t.Lower) || lx.Class(t.Lower) == "aux") {
			return "", to
		}
	}
	if !hasRole || b >= sent.To || b-a >= 12 {
		return "", to
	}
	if l := toks[b].Lower; l != "," && l != "." {
		return "", to
	}
	start := a
	if first == "a" || first == "an" || first == "the" {
		start++
	}
	if start >= b {
		return "", to
	}
	return s.Slice(start, b), b
}

// parentheticalEnd steps over a short bracketed note right after a name,
// "Elizabeth Warren (D-MA)", returning the token after ")" (or to).
func parentheticalEnd(s *sentence.Segment, to int) int {
	if to >= len(s.Tokens) || s.Tokens[to].Lower != "(" {
		return to
	}
	for j := to + 1; j < len(s.Tokens) && j < to+8; j++ {
		switch s.Tokens[j].Lower {
		case ")":
			return j + 1
		case "(", "\n":
			return to
		}
	}
	return to
}

// personShape: the name is shaped like a person's: a middle initial
// ("Thomas L. Hayes") or a generational suffix ("Andrew J. Evans Jr").
func personShape(s *sentence.Segment, a, to int, lx *lexicon.Lexicon) bool {
	toks := s.Tokens
	switch toks[to-1].Lower {
	case "jr", "sr", "jr.", "sr.":
		return true
	}
	for i := a + 1; i < to-1; i++ {
		w := s.Text[toks[i].Start:toks[i].End]
		if len(w) == 1 && toks[i].Cap && (toks[i+1].Lower == "." || i+1 < to && toks[i+1].Kind == sentence.Word) {
			return true
		}
		if len(w) == 2 && w[1] == '.' && toks[i].Cap {
			return true
		}
	}
	return false
}

// personAfter are words after a name that only people take: "Smith, who",
// "Smith, 45,", "Smith was born".
func personAfter(s *sentence.Segment, to int, lx *lexicon.Lexicon) bool {
	toks := s.Tokens
	if to >= len(toks) {
		return false
	}
	t := toks[to]
	if t.Lower == "," && to+1 < len(toks) {
		n := toks[to+1]
		if n.Lower == "who" || n.Lower == "whose" {
			return true
		}
		if n.Kind == sentence.Number && to+2 < len(toks) && toks[to+2].Lower == "," && len(n.Lower) <= 3 {
			return true // an age
		}
		return false
	}
	if t.Kind != sentence.Word || t.Cap {
		return false
	}
	w := t.Lower
	if (w == "was" || w == "is" || w == "has" || w == "had") && to+1 < len(toks) {
		w = toks[to+1].Lower
	}
	switch w {
	case "born", "died", "married", "resigned", "retired", "graduated", "starred", "himself", "herself":
		return true
	}
	return lx.Reporting[t.Lower] || t.Lower == "said" || t.Lower == "says" || t.Lower == "told"
}

// typeFromContext types a name nothing in it types, from the words around
// it: a descriptor noun right before ("the band X", "the town of X"), or
// words after it that only people take. It returns "" when they say
// nothing.
func typeFromContext(s *sentence.Segment, from, a, to int, lx *lexicon.Lexicon) article.EntityType {
	toks := s.Tokens
	// “…” ― Pamela Padilla: a signature under a quotation.
	if a >= 2 && toks[a-2].Kind == sentence.Quote && toks[a-2].Side != sentence.Open && toks[a-1].Kind == sentence.Punct &&
		(toks[a-1].Lower == "—" || toks[a-1].Lower == "―" || toks[a-1].Lower == "–" || toks[a-1].Lower == "-") && to-a >= 2 {
		end := to
		for end < len(toks) && toks[end].Kind == sentence.Punct && toks[end].Lower == "." {
			end++
		}
		// The signature ends the paragraph or a line of it (a list of
		// readers' quotations, one a line).
		if end == len(toks) || toks[end].Kind == sentence.Break {
			return article.Person
		}
	}
	if a > 0 {
		prev := toks[a-1]
		k := a - 1
		if prev.Lower == "of" && k > 0 {
			if d := lx.Descriptors[toks[k-1].Lower]; d == "place" {
				return article.Place // "the town of Grantham"
			}
		}
		if prev.Kind == sentence.Word && !prev.Cap {
			switch lx.Descriptors[lexicon.Singular(prev.Lower)] {
			case "organization":
				return article.Organization
			case "place":
				return article.Place
			}
			// "legislator César Luena", "actress Monica Dolan": a role
			// word before the name; "said Noor Yafai": an inverted cue.
			modifier := to < len(toks) && toks[to].Kind == sentence.Word && !toks[to].Cap && lx.Role(toks[to].Lower) // "said EPP leader …"
			if lx.Role(prev.Lower) && lx.Class(prev.Lower) == "" || !modifier && (prev.Lower == "said" || prev.Lower == "says" || prev.Lower == "added" || prev.Lower == "wrote") {
				return article.Person
			}
		}
	}
	if to < len(toks) && toks[to].Kind == sentence.Word && !toks[to].Cap {
		switch lx.Descriptors[toks[to].Lower] {
		case "organization":
			return article.Organization // "the Ottawa club"
		}
	}
	// "Armenians in Karabakh said": the object of a preposition is not
	// the subject the verb after it takes.
	if personAfter(s, to, lx) && !(a > 0 && lx.Class(toks[a-1].Lower) == "prep") {
		return article.Person
	}
	return ""
}

// sentenceWord: the first word of a capitalised run that opens a sentence
// is most likely an ordinary word written with a capital, not part of the
// name, when it is a common English word and the rest of the run is no
// organisation's or place's name ("Founding member", "Apparently Smith";
// but "Virgin Records", "Eighth Air Force", "Reading Railroad").
func sentenceWord(s *sentence.Segment, from, to int, lx *lexicon.Lexicon) bool {
	t := s.Tokens[from]
	if !lx.Common[t.Lower] {
		return false
	}
	if to-from > 1 && (hasOrgHead(s.Tokens[from+1:to], lx) || lx.OtherHeads[lexicon.Singular(s.Tokens[to-1].Lower)] == "place") {
		return false
	}
	if to-from > 2 && titleAt(s, from+1, to, lx) > 0 {
		return false // the title's modifier: "Senate Majority Leader Mitch McConnell"
	}
	return true
}

// romanNumeral: a name made of the letters of Roman numerals ("III", "XIV").
func romanNumeral(w string) bool {
	for _, r := range w {
		if !strings.ContainsRune("IVXLCDM", r) {
			return false
		}
	}
	return true
}

// titleInside finds a title that stands after up to three capitalised
// modifiers and before a person's name inside toks[a:to]: it returns the
// title's first token and length, or 0 for none. The name after it must
// start with a given name or have two words, and the run must be no
// organisation's or place's name ("Bank of America", "Capitol Hill").
func titleInside(s *sentence.Segment, a, to int, lx *lexicon.Lexicon) (int, int) {
	toks := s.Tokens
	if hasOrgHead(toks[to-1:to], lx) || hasKey(lx.OtherHeads, toks[to-1].Lower) {
		return 0, 0
	}
	for k := a + 1; k < to-1 && k <= a+3; k++ {
		if toks[k].Kind != sentence.Word || connectors[toks[k].Lower] {
			return 0, 0
		}
		n := titleAt(s, k, to, lx)
		if n == 0 || k+n >= to {
			continue
		}
		rest := k + n
		if lx.GivenNames[toks[rest].Lower] != 0 || to-rest >= 2 {
			return k, n
		}
	}
	return 0, 0
}

// teamName: a place followed by a capitalised plural is a team or a
// party's members, an organisation: "Boston Bruins", "Toronto Blue Jays",
// "Kansas City Chiefs", "Montreal Victorias".
func teamName(s *sentence.Segment, a, to int, lx *lexicon.Lexicon) bool {
	toks := s.Tokens
	last := toks[to-1]
	if last.Kind != sentence.Word || !strings.HasSuffix(last.Lower, "s") || strings.HasSuffix(last.Lower, "ss") || lx.Place(s.Text[last.Start:last.End]).Kind != "" {
		return false
	}
	for n := 1; n <= 3 && a+n < to; n++ {
		if p := lx.Place(s.Slice(a, a+n)); p.Kind != "" && p.Kind != "demonym" {
			return true
		}
	}
	return false
}
