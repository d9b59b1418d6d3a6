package story

import (
	"sort"
	"strings"
	"time"

	"lede/article"
)

// QuoteTrace is one quote as carried by the versions of a story or the
// articles of a corpus: its wording variants, who said it, how many
// outlets carried it and where it appeared first.
type QuoteTrace struct {
	Key      uint64            `json:"key"`
	Speaker  string            `json:"speaker,omitempty"`
	Text     string            `json:"text"` // the first appearance's wording
	Outlets  int               `json:"outlets"`
	First    QuoteAppearance   `json:"first"`
	Variants []string          `json:"variants,omitempty"` // other wordings
	Seen     []QuoteAppearance `json:"appearances"`
}

// QuoteAppearance is one article's carrying of a quote.
type QuoteAppearance struct {
	ArticleID int64  `json:"article_id"`
	URL       string `json:"url,omitempty"`
	SiteName  string `json:"site_name,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text"`
}

// Quote identity. A quote's key is the hash of its first quoteIdentityWords
// folded content words. Two wordings are one quote when most of the shorter
// one's word pairs are in the other (a word or two changed, an ellipsis, a
// quote cut short), or when at least quoteSimilarity of its distinct content
// words are (the same statement translated twice into English: "Even with
// regard to former militaries and combatants…" and "Even for the former
// military and combatants…"). A wording joins a quote when it matches any
// of the quote's wordings.
const (
	quoteIdentityWords = 6
	quoteMinWords      = 5 // shorter quotes ("paradise") are not traced
	quoteSimilarity    = 0.5
)

// quoteWords are a quote's folded content words, punctuation, quote marks
// and ellipses gone.
func quoteWords(text string) []string {
	var out []string
	for _, w := range appendWords(nil, text, 0) {
		if isWordKey(w.key) && len(defaultVocabulary.stop[w.key]) == 0 {
			out = append(out, stem(w.key))
		}
	}
	return out
}

// QuoteKey is the identity key of a quote's wording (0 for a quote too
// short to trace); the store keeps it to group quotes across the corpus.
func QuoteKey(text string) uint64 {
	ws := quoteWords(text)
	if len(ws) < quoteMinWords {
		return 0
	}
	return hashString("quote-id:" + strings.Join(ws[:min(len(ws), quoteIdentityWords)], " "))
}

// quoteSignature is what two wordings are compared by: their distinct
// content words and word pairs.
type quoteSignature struct {
	words, pairs map[string]bool
}

func newQuoteSignature(ws []string) quoteSignature {
	s := quoteSignature{words: map[string]bool{}, pairs: map[string]bool{}}
	for i, w := range ws {
		s.words[w] = true
		if i+1 < len(ws) {
			s.pairs[w+" "+ws[i+1]] = true
		}
	}
	return s
}

// containment is the share of the smaller set found in the larger.
func containment(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	in := 0
	for s := range a {
		if b[s] {
			in++
		}
	}
	return float64(in) / float64(len(a))
}

// sameQuote reports whether two wordings are one quote.
func sameQuote(a, b quoteSignature) bool {
	if min(len(a.words), len(b.words)) < quoteMinWords {
		return false
	}
	return containment(a.pairs, b.pairs) >= quoteSimilarity || containment(a.words, b.words) >= quoteSimilarity
}

// QuoteSource is one article's quotes for tracing.
type QuoteSource struct {
	ArticleID int64
	URL       string
	Article   *article.Article
}

// TraceQuotes groups the direct and partial quotes of versions into
// quotes, earliest appearance first.
func TraceQuotes(versions []Version) []QuoteTrace {
	var src []QuoteSource
	for _, v := range versions {
		src = append(src, QuoteSource{ArticleID: v.ID, URL: v.URL, Article: v.Article})
	}
	return GroupQuotes(src)
}

// GroupQuotes recognises the same quote across articles and returns each
// quote with its appearances, the most outlets first, then by first
// appearance. An article without analysis contributes the passages in
// quotation marks of its body.
func GroupQuotes(articles []QuoteSource) []QuoteTrace {
	type found struct {
		app     QuoteAppearance
		speaker string
		sig     quoteSignature
		when    time.Time
	}
	var groups [][]found
	byWord := map[string][]int{} // content word → groups with a wording holding it
	for _, a := range articles {
		seen := map[int]bool{} // one appearance per article and quote
		for _, q := range articleQuotes(a.Article) {
			ws := quoteWords(q.text)
			if len(ws) < quoteMinWords {
				continue
			}
			f := found{
				app: QuoteAppearance{ArticleID: a.ArticleID, URL: a.URL, SiteName: a.Article.SiteName,
					Published: a.Article.Published, Text: q.text},
				speaker: q.speaker, sig: newQuoteSignature(ws), when: parsePublished(a.Article.Published),
			}
			target := -1
			tried := map[int]bool{}
		search:
			for w := range f.sig.words {
				for _, gi := range byWord[w] {
					if tried[gi] {
						continue
					}
					tried[gi] = true
					for _, m := range groups[gi] {
						if sameQuote(m.sig, f.sig) {
							target = gi
							break search
						}
					}
				}
			}
			if target < 0 {
				target = len(groups)
				groups = append(groups, nil)
			}
			if seen[target] {
				continue
			}
			seen[target] = true
			groups[target] = append(groups[target], f)
			for w := range f.sig.words {
				if l := byWord[w]; len(l) == 0 || l[len(l)-1] != target {
					byWord[w] = append(l, target)
				}
			}
		}
	}
	out := make([]QuoteTrace, 0, len(groups))
	for _, g := range groups {
		// First by time; undated appearances after dated ones, then by id.
		sort.SliceStable(g, func(i, j int) bool {
			wi, wj := g[i].when, g[j].when
			if !wi.Equal(wj) {
				if wi.IsZero() || wj.IsZero() {
					return !wi.IsZero()
				}
				return wi.Before(wj)
			}
			return g[i].app.ArticleID < g[j].app.ArticleID
		})
		t := QuoteTrace{Key: QuoteKey(g[0].app.Text), Text: g[0].app.Text, First: g[0].app}
		outlets := map[string]bool{}
		variants := map[string]bool{normQuote(g[0].app.Text): true}
		for _, f := range g {
			t.Seen = append(t.Seen, f.app)
			site := f.app.SiteName
			if site == "" {
				site = f.app.URL
			}
			outlets[site] = true
			if t.Speaker == "" {
				t.Speaker = f.speaker
			}
			if n := normQuote(f.app.Text); !variants[n] {
				variants[n] = true
				t.Variants = append(t.Variants, f.app.Text)
			}
		}
		t.Outlets = len(outlets)
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Outlets != out[j].Outlets {
			return out[i].Outlets > out[j].Outlets
		}
		return out[i].First.ArticleID < out[j].First.ArticleID
	})
	return out
}

// normQuote is a wording with spacing and quote marks evened out, so that
// only real wording differences count as variants.
func normQuote(s string) string {
	var parts []string
	for _, w := range appendWords(nil, s, 0) {
		parts = append(parts, w.key)
	}
	return strings.Join(parts, " ")
}

type quoteText struct{ text, speaker string }

// articleQuotes are an article's direct and partial quotes from analysis,
// or, without analysis, the passages its body puts in quotation marks.
func articleQuotes(a *article.Article) []quoteText {
	var out []quoteText
	for _, q := range a.Quotes {
		if q.Kind == article.Indirect {
			continue
		}
		sp := ""
		if q.Speaker != nil {
			sp = q.Speaker.Name
			if sp == "" {
				sp = q.Speaker.Mention
			}
		}
		out = append(out, quoteText{q.Text, sp})
	}
	if len(a.Quotes) > 0 {
		return out
	}
	for _, b := range a.Blocks {
		start := -1
		for i, r := range b.Text {
			if !isQuoteMark(r) {
				continue
			}
			if start < 0 {
				start = i + len(string(r))
			} else {
				out = append(out, quoteText{text: b.Text[start:i]})
				start = -1
			}
		}
	}
	return out
}
