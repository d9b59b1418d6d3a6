package language

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/stopwords.tsv
var stopwordsFile string

// stopwords maps a function word to the one listed language it marks
// (stopwords.tsv, words of two languages dropped); read-only once built.
var stopwords = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	shared := map[string]bool{}
	for _, line := range strings.Split(stopwordsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			panic("language: stopwords.tsv: want 3 fields in " + line) // a build defect, caught by the tests
		}
		for _, w := range strings.Fields(f[1]) {
			if l, ok := out[w]; ok && l != f[0] {
				shared[w] = true
			}
			out[w] = f[0]
		}
	}
	for w := range shared {
		delete(out, w)
	}
	return out
})

// fastWords is how many words the fast path reads at most.
const fastWords = 200

// byStopwords is the fast path: the listed language whose function words
// make up at least a quarter of the first words of s and twice the share
// of any other, or "" when none does (too few words, a language with no
// list, a mix).
func byStopwords(s string) string {
	sw := stopwords()
	counts := map[string]int{}
	words := 0
	for i := 0; i < len(s) && words < fastWords; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && r != '\'' {
				break
			}
			j += size
		}
		words++
		w := s[i:j]
		if len(w) <= 6 { // function words are short; skip lowering the rest
			if l, ok := sw[strings.ToLower(w)]; ok {
				counts[l]++
			}
		}
		i = j
	}
	if words < 20 {
		return ""
	}
	best, second := "", 0
	for l, n := range counts {
		if best == "" || n > counts[best] {
			if best != "" {
				second = max(second, counts[best])
			}
			best = l
		} else {
			second = max(second, n)
		}
	}
	if best == "" || counts[best]*4 < words || counts[best] < 2*second {
		return ""
	}
	return best
}

// supports reports whether the function words of the declared language
// (when it has a list) make up a tenth or more of the words of a sample of
// text.
func supports(declared, text string) bool {
	lang := base(declared)
	sw := stopwords()
	s := sample(text)
	words, hits := 0, 0
	// The words of FieldsFunc(s, not a letter or an apostrophe), read in
	// place: every declared page passes here, and a slice of its words
	// would be garbage at once.
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) && r != '\'' {
			i += size
			continue
		}
		j := i + size
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) && r != '\'' {
				break
			}
			j += size
		}
		words++
		if w := s[i:j]; len(w) <= 6 && sw[strings.ToLower(w)] == lang {
			hits++
		}
		i = j
	}
	return words >= 20 && hits*10 >= words
}
