package language

import "sort"

// analysed is every language analysis reads, with the reason it can: the
// lexicon (closed-class words, cue verbs, titles, given names) and the
// quotation rules are written for it.
var analysed = map[string]string{
	"en": "analyze/lexicon's word lists and the attribution patterns of analyze/quote are English",
}

// AnalysisSupported reports whether lede's analysis (sentences, entities,
// quotes, events) can read text in the language of tag. An empty tag — a
// language nobody could tell — is read: it is no evidence of another
// language, and refusing it would refuse every short text.
func AnalysisSupported(tag string) bool {
	if tag == "" {
		return true
	}
	_, ok := analysed[base(tag)]
	return ok
}

// AnalysisLanguages lists the base tags analysis supports, sorted.
func AnalysisLanguages() []string {
	out := make([]string, 0, len(analysed))
	for l := range analysed {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// base is the language subtag of a BCP 47 tag, lower case: "en-US" → "en".
func base(tag string) string {
	if c := canonical(tag); c != "" {
		tag = c
	}
	for i := 0; i < len(tag); i++ {
		if tag[i] == '-' {
			tag = tag[:i]
			break
		}
	}
	b := []byte(tag)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
