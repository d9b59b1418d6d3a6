package textclean

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

// The rule files: every word list the classifier consults, each file opening
// with the reason it exists. Editing a list never needs a code change.
//
//go:embed rules/*.txt
var ruleFiles embed.FS

// vocabulary holds the word lists, parsed once at start-up and only read
// afterwards.
type vocabulary struct {
	relatedCues    map[string]bool   // interface lines that introduce teasers
	uiWords        map[string]bool   // other interface lines (controls, ads, menus)
	endCues        map[string]bool   // interface lines after which a story is over (comments)
	uiContains     []string          // words that make a short label an interface line
	commentVerbs   []string          // verbs of comment headers ("says")
	stampedVerbs   []string          // past-tense verbs of comment headers that hold a timestamp ("said")
	creditPrefix   map[string]bool   // "photo", "credit", "quelle"… before ":" or "by"
	creditByPrefix []string          // the prefixes that end in an [agent] word ("photo by"): no colon follows
	creditMarker   []string          // picture-source names ("getty images")
	agencies       map[string]string // lower-cased spelling → canonical agency name
	months         map[string]bool
	weekdays       map[string]bool
	stamps         []string // words opening a timestamp line
	relative       []string // words of relative timestamps ("ago")
	contributors   []string // phrases of reporting credits ("contributed to this report")
	bylines        []string // words opening a byline
}

// vocab is the package's single read-only copy of the rule files.
var vocab = mustLoadVocabulary()

func mustLoadVocabulary() *vocabulary {
	v, err := loadVocabulary()
	if err != nil {
		panic(err) // the files are embedded: a failure is a build defect, caught by every test
	}
	return v
}

func loadVocabulary() (*vocabulary, error) {
	v := &vocabulary{
		creditPrefix: map[string]bool{},
		agencies:     map[string]string{},
	}
	iface, err := readSections("rules/interface.txt")
	if err != nil {
		return nil, err
	}
	v.relatedCues = wordSet(iface["related"])
	v.uiWords = wordSet(iface["ui"])
	v.endCues = wordSet(iface["end"])
	v.uiContains = iface["contains"]
	v.commentVerbs = iface["comment"]
	v.stampedVerbs = iface["stamped"]
	credits, err := readSections("rules/credits.txt")
	if err != nil {
		return nil, err
	}
	agent := wordSet(credits["agent"])
	for _, w := range credits["prefix"] {
		v.creditPrefix[w] = true
		if words := strings.Fields(w); len(words) > 1 && agent[words[len(words)-1]] {
			v.creditByPrefix = append(v.creditByPrefix, w)
		}
	}
	v.creditMarker = credits["marker"]
	dates, err := readSections("rules/datelines.txt")
	if err != nil {
		return nil, err
	}
	v.months = wordSet(dates["month"])
	v.weekdays = wordSet(dates["weekday"])
	v.stamps = dates["stamp"]
	v.relative = dates["relative"]
	v.contributors = dates["contributor"]
	v.bylines = dates["byline"]
	agencies, err := readSections("rules/agencies.txt")
	if err != nil {
		return nil, err
	}
	for _, row := range agencies[""] {
		// readSections keeps this file's case: the first spelling of a row
		// is the canonical name, every spelling is looked up lower-cased.
		names := strings.Split(row, "|")
		canonical := strings.TrimSpace(names[0])
		for _, n := range names {
			v.agencies[strings.ToLower(strings.TrimSpace(n))] = canonical
		}
	}
	return v, nil
}

// wordSet is the set of words, for lookups by whole line or phrase.
func wordSet(words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// readSections reads a rule file: "#" comments, "[name]" section headers and
// one entry a line. Entries before any header go to section "". Entries are
// lower-cased except in the agencies file, whose case carries the canonical name.
func readSections(name string) (map[string][]string, error) {
	f, err := ruleFiles.Open(name)
	if err != nil {
		return nil, fmt.Errorf("textclean rules: %w", err)
	}
	defer f.Close()
	keepCase := strings.HasSuffix(name, "agencies.txt")
	sections := map[string][]string{}
	section := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		row := strings.TrimSpace(sc.Text())
		switch {
		case row == "" || strings.HasPrefix(row, "#"):
			continue
		case strings.HasPrefix(row, "[") && strings.HasSuffix(row, "]"):
			section = strings.Trim(row, "[]")
			continue
		}
		if !keepCase {
			row = strings.ToLower(row)
		}
		sections[section] = append(sections[section], row)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("textclean rules %s: %w", name, err)
	}
	return sections, nil
}
