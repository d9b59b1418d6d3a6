package story

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

// TestStoriesDevSimilarities logs, with LEDE_STORY_DIAG=1, how the pair
// similarities of stories-dev spread: every gold pair below the join
// threshold and every other pair above half of it, so a change to the
// scoring is judged on the pairs it moves.
func TestStoriesDevSimilarities(t *testing.T) {
	if os.Getenv("LEDE_STORY_DIAG") == "" {
		t.Skip("diagnostic: set LEDE_STORY_DIAG=1 to log stories-dev pair similarities")
	}
	docs := loadDevSet(t)
	v := defaultVocabulary
	c := NewMemoryCorpus()
	ctx := context.Background()
	profiles := make([]profile, len(docs))
	for i, d := range docs {
		profiles[i] = buildProfile(d.article, v)
		var h []uint64
		for _, t := range profiles[i].terms {
			h = append(h, t.hash)
		}
		c.AddTermCounts(ctx, h, 1)
	}
	vecs := make([]stored, len(docs))
	for i, p := range profiles {
		var h []uint64
		for _, t := range p.terms {
			h = append(h, t.hash)
		}
		df, n, _ := c.TermCounts(ctx, h)
		vecs[i] = weigh(p, df, n)
	}
	type pair struct {
		a, b int
		sim  float64
	}
	var pos, neg []pair
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			p := pair{i, j, similarity(vecs[i], vecs[j])}
			if docs[i].Story == docs[j].Story {
				pos = append(pos, p)
			} else {
				neg = append(neg, p)
			}
		}
	}
	sort.Slice(pos, func(i, j int) bool { return pos[i].sim < pos[j].sim })
	sort.Slice(neg, func(i, j int) bool { return neg[i].sim > neg[j].sim })
	name := func(i int) string {
		return fmt.Sprintf("%s[%s]", strings.TrimSuffix(docs[i].File, ".txt"), vecs[i].lang)
	}
	// Each doc's best same-story and best other-story similarity.
	for i := range docs {
		bestIn, bestOut, in, out := 0.0, 0.0, -1, -1
		for j := range docs {
			if i == j {
				continue
			}
			s := similarity(vecs[i], vecs[j])
			if docs[i].Story == docs[j].Story && s > bestIn {
				bestIn, in = s, j
			}
			if docs[i].Story != docs[j].Story && s > bestOut {
				bestOut, out = s, j
			}
		}
		mark := ""
		if bestOut >= bestIn {
			mark = "  <-- closer to another story"
		}
		inName, outName := "-", "-"
		if in >= 0 {
			inName = name(in)
		}
		if out >= 0 {
			outName = name(out)
		}
		t.Logf("%-50s in %.3f %-45s out %.3f %s%s", name(i), bestIn, inName, bestOut, outName, mark)
	}
	matrix := make([][]float64, len(docs))
	for i := range docs {
		matrix[i] = make([]float64, len(docs))
		for j := range docs {
			matrix[i][j] = similarity(vecs[i], vecs[j])
			a, b := parsePublished(docs[i].article.Published), parsePublished(docs[j].article.Published)
			if !b.IsZero() && !inWindow(a, b.Add(-DefaultWindow), b.Add(DefaultWindow)) {
				matrix[i][j] = 0
			}
		}
	}
	sweepLinkage(t, docs, matrix)
	for _, p := range neg[:20] {
		t.Logf("neg %.3f %s ~ %s", p.sim, name(p.a), name(p.b))
	}
}

// sweepLinkage clusters docs greedily in order from a full similarity
// matrix under several linkages and thresholds, and logs the F1s: a
// linkage whose figures hold over a range of thresholds is preferred to
// one with a sharp peak.
func sweepLinkage(t *testing.T, docs []*devDoc, sim [][]float64) {
	type linkage struct {
		name string
		fn   func(members []int, i int) float64
	}
	mean := func(members []int, i int) float64 {
		s := 0.0
		for _, m := range members {
			s += sim[i][m]
		}
		return s / float64(len(members))
	}
	maxl := func(members []int, i int) float64 {
		s := 0.0
		for _, m := range members {
			s = max(s, sim[i][m])
		}
		return s
	}
	links := []linkage{
		{"max", maxl},
		{"mean", mean},
		{"max*mean^.5", func(m []int, i int) float64 { return math.Sqrt(maxl(m, i) * mean(m, i)) }},
		{"top2", func(m []int, i int) float64 {
			a, b := 0.0, 0.0
			for _, x := range m {
				s := sim[i][x]
				if s > a {
					a, b = s, a
				} else if s > b {
					b = s
				}
			}
			if len(m) == 1 {
				return a
			}
			return (a + b) / 2
		}},
	}
	for _, l := range links {
		var line []string
		for th := 0.09; th <= 0.30; th += 0.02 {
			var clusters [][]int
			pred := map[int]int64{}
			for i := range docs {
				best, bi := -1.0, -1
				for ci, c := range clusters {
					if s := l.fn(c, i); s > best {
						best, bi = s, ci
					}
				}
				if bi >= 0 && best >= th {
					clusters[bi] = append(clusters[bi], i)
					pred[i] = int64(bi)
				} else {
					clusters = append(clusters, []int{i})
					pred[i] = int64(len(clusters) - 1)
				}
			}
			a := score(docs, pred, func(*devDoc) bool { return true })
			e := score(docs, pred, func(d *devDoc) bool { return d.Language == "en" })
			line = append(line, fmt.Sprintf("%.2f:%.2f/%.2f/%.2f", th, a.pairF, a.bF, e.pairF))
		}
		t.Logf("%-12s %s", l.name, strings.Join(line, " "))
	}
}
