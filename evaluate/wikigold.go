package evaluate

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WikigoldDoc is one text of wikigold-dev (wikigold-dev.jsonl): a Wikipedia
// opening and its PER / ORG / LOC / MISC entity mentions.
type WikigoldDoc struct {
	ID       int    `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Text string `json:"text"`
		Type string `json:"type"`
	} `json:"entities"`
}

// LoadWikigold reads the texts of wikigold-dev under the datasets folder.
func LoadWikigold(datasets string) ([]WikigoldDoc, error) {
	f, err := os.Open(filepath.Join(datasets, "wikigold-dev", "wikigold-dev.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []WikigoldDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var d WikigoldDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("wikigold-dev line %d: %w", line, err)
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// Mention is the unit wikigold's metric counts: a mention's normalised
// text and its CoNLL type (PER, ORG, LOC, MISC).
type Mention struct{ Text, Type string }

// NewMention normalises a mention's text as the acceptance scorer
// (score_wikigold.py) does: folded space, lower case, outer punctuation off.
func NewMention(text, typ string) Mention {
	return Mention{strings.ToLower(strings.Trim(strings.Join(strings.Fields(text), " "), ".,;:'\"()")), typ}
}

// MentionScore counts true positives, false positives and misses per type,
// over documents scored one at a time as multisets of mentions.
type MentionScore struct {
	TP, FP, FN map[string]int
}

// NewMentionScore is an empty score.
func NewMentionScore() *MentionScore {
	return &MentionScore{TP: map[string]int{}, FP: map[string]int{}, FN: map[string]int{}}
}

// Add scores one document: its gold and predicted mentions. It returns the
// mentions missed and the ones predicted wrongly, for a person to read.
func (s *MentionScore) Add(gold, pred []Mention) (missed, wrong []Mention) {
	g, p := map[Mention]int{}, map[Mention]int{}
	for _, m := range gold {
		g[m]++
	}
	for _, m := range pred {
		p[m]++
	}
	for k, n := range g {
		s.TP[k.Type] += min(n, p[k])
		if n > p[k] {
			s.FN[k.Type] += n - p[k]
			missed = append(missed, k)
		}
	}
	for k, m := range p {
		if m > g[k] {
			s.FP[k.Type] += m - g[k]
			wrong = append(wrong, k)
		}
	}
	return missed, wrong
}

// PRF is micro precision, recall and F1 over the given types together.
func (s *MentionScore) PRF(types ...string) (p, r, f1 float64) {
	var tp, fp, fn int
	for _, ty := range types {
		tp, fp, fn = tp+s.TP[ty], fp+s.FP[ty], fn+s.FN[ty]
	}
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}
