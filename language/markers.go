package language

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed data/markers.tsv
var markersFile string

// pair is a language the detector answers and a close one it has no
// profile for, with the words that mark each.
type pair struct {
	alternative string
	marks       map[string]string // word → the language it marks
}

// markers is markers.tsv parsed once; read-only afterwards.
var markers = sync.OnceValue(func() map[string]*pair {
	out := map[string]*pair{}
	for _, line := range strings.Split(markersFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 5 {
			panic("language: markers.tsv: want 5 fields in " + line) // a build defect, caught by the tests
		}
		p := out[f[0]]
		if p == nil {
			p = &pair{alternative: f[1], marks: map[string]string{}}
			out[f[0]] = p
		}
		p.marks[f[3]] = f[2]
	}
	return out
})

// refine returns the alternative of a close pair when the sample holds
// more of its marker words than of the detected language
// (any more), else detected.
func refine(detected, sample string) string {
	p := markers()[detected]
	if p == nil {
		return detected
	}
	n := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(sample), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if l, ok := p.marks[w]; ok {
			n[l]++
		}
	}
	if n[p.alternative] > n[detected] {
		return p.alternative
	}
	return detected
}
