package story

import (
	"bytes"
	"math"
	"testing"
	"unicode/utf8"

	"lede/article"
)

// FuzzDecodeFeatures guards the features decoder against stored bytes of
// any shape: an error, never a panic, and what it accepts encodes back to
// the same bytes.
func FuzzDecodeFeatures(f *testing.F) {
	f.Add(encodeFeatures(stored{lang: "en", norm: 1.5, anchors: 0.5, terms: []storedTerm{{hash: 7, flags: flagName, weight: 0.25}}}))
	f.Add([]byte{featuresVersion})
	f.Add([]byte{featuresVersion, 200, 'e'})
	f.Add([]byte{})
	probe := stored{lang: "en", norm: 2, anchors: 1, terms: []storedTerm{{hash: 7, flags: flagName, weight: 0.5}, {hash: 1 << 40, weight: 1}}}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := decodeFeatures(b)
		sim, errTo := similarityTo(probe, b)
		if (err == nil) != (errTo == nil) {
			t.Fatalf("decodeFeatures error %v, similarityTo error %v", err, errTo)
		}
		if err != nil {
			return
		}
		if want := similarity(probe, s); sim != want && !(math.IsNaN(sim) && math.IsNaN(want)) {
			t.Errorf("similarityTo %v, similarity of the decoded features %v", sim, want)
		}
		if again := encodeFeatures(s); !bytes.Equal(again[:min(len(again), len(b))], b[:min(len(again), len(b))]) {
			t.Errorf("decoded features do not encode back to their bytes")
		}
	})
}

// FuzzProfile runs grouping's text analysis and the version diff over any
// text: no panic, and offsets that stay inside their paragraph.
func FuzzProfile(f *testing.F) {
	f.Add("Azerbaijan's \"iron fist\" — 1,600 dead; 7,7 magnitude. «Citation» „Zitat“", "Other text 1.600 and 3 000.")
	f.Add("", "\n\n\"")
	f.Add("ÀÉÎ ß Łódź Хаджиев 12.5.2024", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if !utf8.ValidString(a) || !utf8.ValidString(b) {
			return
		}
		va := &article.Article{Title: a, Blocks: []article.Block{{Kind: article.Paragraph, Text: a}, {Kind: article.Paragraph, Text: b}}}
		vb := &article.Article{Blocks: []article.Block{{Kind: article.Paragraph, Text: b}}}
		buildProfile(va, defaultVocabulary)
		da, db := newDocText(va), newDocText(vb)
		changes, _ := diffTexts(da, db)
		for _, c := range changes {
			check := func(d docText, p, start, end int) {
				if p == none {
					return
				}
				text := d.paragraphText(p)
				if start < 0 || end < start || end > len(text) {
					t.Fatalf("change %+v points outside its paragraph", c)
				}
			}
			if c.From != "" {
				check(da, c.BaseParagraph, c.BaseStart, c.BaseEnd)
			}
			if c.To != "" {
				check(db, c.Paragraph, c.Start, c.End)
			}
		}
	})
}
