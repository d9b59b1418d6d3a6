package story

import (
	"testing"

	"lede/article"
)

// DevDoc is a stories-dev text for the tests of package story_test.
type DevDoc = devDoc

// Article is the doc's extracted article.
func (d *devDoc) Article() *article.Article { return d.article }

// LoadDevSet is loadDevSet for package story_test.
func LoadDevSet(t testing.TB) []*DevDoc { return loadDevSet(t) }

// Score is score for package story_test.
func Score(docs []*DevDoc, pred map[int]int64, sel func(*DevDoc) bool) string {
	return score(docs, pred, sel).String()
}

// Holds reports whether predictions meet issue 9's targets.
func Holds(docs []*DevDoc, pred map[int]int64) bool {
	all := score(docs, pred, func(*devDoc) bool { return true })
	en := score(docs, pred, func(d *devDoc) bool { return d.Language == "en" })
	return all.pairF >= 0.90 && all.bF >= 0.92 && en.pairF >= 0.92
}
