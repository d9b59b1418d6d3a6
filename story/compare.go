package story

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"lede/article"
)

// Version is one stored article of a story, as Compare reads it.
type Version struct {
	ID      int64
	URL     string // as ingested
	Article *article.Article
}

// Comparison is a story's versions aligned to the one they derive from.
type Comparison struct {
	ID       int64         `json:"id"`
	Base     int64         `json:"base"`
	BaseWhy  string        `json:"base_reason"` // "wire original" or "shares the most text"
	Versions []VersionDiff `json:"versions"`
	Quotes   []QuoteTrace  `json:"quotes,omitempty"`
}

// VersionDiff is one version against the base: every change, where it
// stands in both, and a summary of what kind of rewrite it is.
type VersionDiff struct {
	ID        int64    `json:"id"`
	URL       string   `json:"url"`
	SiteName  string   `json:"site_name,omitempty"`
	Published string   `json:"published,omitempty"`
	Title     string   `json:"title,omitempty"`
	Language  string   `json:"language,omitempty"`
	Agency    string   `json:"agency,omitempty"`
	IsBase    bool     `json:"is_base,omitempty"`
	Shared    float64  `json:"shared"` // share of the base's words kept in order
	Changes   []Change `json:"changes"`
	Summary   Summary  `json:"summary"`
	// paragraphs of the version, and for each the base paragraph it was
	// aligned with (-1 for none), for renderers.
	paragraphs []string
	from       []int
}

// Change kinds.
const (
	Replace = "replace"
	Delete  = "delete"
	Insert  = "insert"
	Move    = "move"
)

// Change is one local edit: the words of the base (From) and of the version
// (To), with where they stand. Paragraph indexes count the title as -2 (as
// article.TitleBlock) and the text blocks of the body (paragraphs,
// headings, quotes and lists that hold text) from 0; offsets are bytes into
// that paragraph's text.
type Change struct {
	Kind          string `json:"kind"`
	From          string `json:"from,omitempty"`
	To            string `json:"to,omitempty"`
	BaseParagraph int    `json:"base_paragraph"` // -1 for an insert with nothing in the base
	BaseStart     int    `json:"base_start"`
	BaseEnd       int    `json:"base_end"`
	Paragraph     int    `json:"paragraph"` // -1 for a delete with nothing in the version
	Start         int    `json:"start"`
	End           int    `json:"end"`
	// wholeParagraph marks a dropped or added piece that is all of its
	// paragraph, for the summary.
	wholeParagraph bool
}

// Summary says what kind of rewrite a version is.
type Summary struct {
	Text                string         `json:"text"`
	WordsSubstituted    []Substitution `json:"words_substituted,omitempty"`
	AttributionChanged  []Substitution `json:"attribution_changed,omitempty"`
	QuotesAltered       []Substitution `json:"quotes_altered,omitempty"`
	SentencesDropped    int            `json:"sentences_dropped"`
	SentencesAdded      int            `json:"sentences_added"`
	ParagraphsDropped   int            `json:"paragraphs_dropped"`
	ParagraphsAdded     int            `json:"paragraphs_added"`
	ParagraphsReordered int            `json:"paragraphs_reordered"`
}

// Substitution is a few words of the base replaced by a few others.
type Substitution struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Limits of what a change holds.
const (
	// localWords is the most words a replace may hold on either side; a
	// longer edited stretch is listed as the sentences dropped and added.
	localWords = 40
	// substitutionWords is the most words on a side for a replace to count
	// as words substituted ("fighters" → "separatists").
	substitutionWords = 4
	// moveSimilarity is how alike a dropped and an added passage must be
	// (word overlap) to be one passage moved.
	moveSimilarity = 0.8
	// alignEqualMin is the shortest run of equal words kept as an anchor
	// between two edits; shorter runs ("the", "of") are folded into the
	// edit so a rewritten phrase reads as one change.
	alignEqualMin = 3
)

// Compare aligns a story's versions to its base: the wire original when
// the story has one (an article on the site of the agency most of its
// versions credit), else the version sharing the most text with the
// others, the earliest on a tie. versions are in any order; the result
// lists them by publication, the base first.
func Compare(storyID int64, versions []Version) Comparison {
	cmp := Comparison{ID: storyID, Versions: []VersionDiff{}}
	if len(versions) == 0 {
		return cmp
	}
	vs := slices.Clone(versions)
	sort.SliceStable(vs, func(i, j int) bool {
		pi, pj := parsePublished(vs[i].Article.Published), parsePublished(vs[j].Article.Published)
		if !pi.Equal(pj) {
			if pi.IsZero() || pj.IsZero() {
				return !pi.IsZero()
			}
			return pi.Before(pj)
		}
		return vs[i].ID < vs[j].ID
	})
	texts := make([]docText, len(vs))
	for i, v := range vs {
		texts[i] = newDocText(v.Article)
	}
	base, why := chooseBase(vs, texts)
	cmp.Base, cmp.BaseWhy = vs[base].ID, why
	order := append([]int{base}, slices.DeleteFunc(seq(len(vs)), func(i int) bool { return i == base })...)
	for _, i := range order {
		v := vs[i]
		d := VersionDiff{
			ID: v.ID, URL: v.URL, SiteName: v.Article.SiteName, Published: v.Article.Published,
			Title: v.Article.Title, Language: v.Article.Language, Agency: v.Article.Agency,
			IsBase: i == base, Changes: []Change{}, paragraphs: texts[i].paragraphs,
		}
		if i == base {
			d.Shared = 1
			d.Summary.Text = "the base: the others are compared with it"
		} else {
			d.Changes, d.Shared, d.from = alignTexts(texts[base], texts[i])
			d.Summary = summarise(d.Changes, texts[base], texts[i])
		}
		cmp.Versions = append(cmp.Versions, d)
	}
	cmp.Quotes = TraceQuotes(vs)
	return cmp
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// wireSites are the news agencies' own sites: a version found there is the
// wire original its rewrites derive from.
var wireSites = map[string]string{
	"reuters.com": "Reuters", "apnews.com": "AP", "ap.org": "AP", "afp.com": "AFP",
	"dpa.com": "dpa", "efe.com": "EFE", "ansa.it": "ANSA", "tass.com": "TASS", "tass.ru": "TASS",
	"xinhuanet.com": "Xinhua", "news.cn": "Xinhua", "aa.com.tr": "Anadolu", "upi.com": "UPI",
	"pap.pl": "PAP", "kyodonews.net": "Kyodo", "yna.co.kr": "Yonhap", "bloomberg.com": "Bloomberg",
}

// agencyOfSite returns the agency whose site a URL or site name is on.
func agencyOfSite(rawURL, siteName string) string {
	host := strings.ToLower(siteName)
	if u, err := url.Parse(rawURL); err == nil && u.Hostname() != "" {
		host = strings.ToLower(u.Hostname())
	}
	for site, agency := range wireSites {
		if host == site || strings.HasSuffix(host, "."+site) {
			return agency
		}
	}
	return ""
}

// chooseBase picks the version the others are compared with.
func chooseBase(vs []Version, texts []docText) (int, string) {
	credits := map[string]int{}
	for _, v := range vs {
		for _, a := range strings.Split(v.Article.Agency, ",") {
			if a = strings.TrimSpace(a); a != "" {
				credits[strings.ToLower(a)]++
			}
		}
	}
	best, bestCredits := -1, 0
	for i, v := range vs {
		if ag := agencyOfSite(v.URL, v.Article.SiteName); ag != "" && credits[strings.ToLower(ag)] > bestCredits {
			best, bestCredits = i, credits[strings.ToLower(ag)]
		}
	}
	if best >= 0 && bestCredits*2 >= len(vs) {
		return best, "wire original"
	}
	shingles := make([]map[uint64]bool, len(vs))
	for i, t := range texts {
		shingles[i] = t.shingles()
	}
	best, bestShared := 0, -1
	for i := range vs {
		shared := 0
		for j := range vs {
			if i == j {
				continue
			}
			for h := range shingles[i] {
				if shingles[j][h] {
					shared++
				}
			}
		}
		// The earliest wins a tie (vs is by publication). Versions published
		// at the same time are told apart by length, since rewrites cut
		// more than they add, and not by the order they were stored in,
		// which parallel ingest does not fix.
		if shared > bestShared || shared == bestShared && sameTime(vs[i], vs[best]) && len(texts[i].words) > len(texts[best].words) {
			best, bestShared = i, shared
		}
	}
	return best, "shares the most text with the others"
}

// sameTime reports whether two versions carry the same published time.
func sameTime(a, b Version) bool {
	return parsePublished(a.Article.Published).Equal(parsePublished(b.Article.Published))
}

// word is one token of a version's text with where it stands.
type word struct {
	text      string // as written
	key       string // what is compared: folded, quote marks and dashes unified
	paragraph int    // -2 title, then body paragraphs from 0
	start     int
	end       int
	breakTok  bool // a paragraph break
}

// docText is a version's text split for alignment.
type docText struct {
	title      string
	paragraphs []string
	words      []word
}

func newDocText(a *article.Article) docText {
	d := docText{title: a.Title}
	for _, b := range a.Blocks {
		switch b.Kind {
		case article.Paragraph, article.Heading, article.Blockquote, article.List:
			if strings.TrimSpace(b.Text) != "" {
				d.paragraphs = append(d.paragraphs, b.Text)
			}
		}
	}
	if d.title != "" {
		d.words = appendWords(d.words, d.title, article.TitleBlock)
		d.words = append(d.words, word{key: "\n", breakTok: true, paragraph: article.TitleBlock})
	}
	for i, p := range d.paragraphs {
		d.words = appendWords(d.words, p, i)
		d.words = append(d.words, word{key: "\n", breakTok: true, paragraph: i})
	}
	return d
}

// appendWords splits text into words and punctuation marks.
func appendWords(out []word, text string, paragraph int) []word {
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(c) || unicode.IsDigit(c) || unicode.Is(unicode.Mn, c) {
					j += n
					continue
				}
				// an apostrophe or hyphen inside a word stays in it
				if (c == '\'' || c == '’' || c == '-') && j+n < len(text) {
					if c2, _ := utf8.DecodeRuneInString(text[j+n:]); unicode.IsLetter(c2) {
						j += n
						continue
					}
				}
				break
			}
			w := text[i:j]
			out = append(out, word{text: w, key: strings.ReplaceAll(fold(w), "’", "'"), paragraph: paragraph, start: i, end: j})
			i = j
		default:
			key := string(r)
			switch {
			case isQuoteMark(r) || r == '‘' || r == '’':
				key = `"`
			case r == '–' || r == '—':
				key = "-"
			}
			out = append(out, word{text: string(r), key: key, paragraph: paragraph, start: i, end: i + size})
			i += size
		}
	}
	return out
}

// shingles are the hashes of the text's five-word runs.
func (d docText) shingles() map[uint64]bool {
	out := map[uint64]bool{}
	var ws []string
	for _, w := range d.words {
		if w.breakTok || !isWordKey(w.key) {
			continue
		}
		ws = append(ws, w.key)
	}
	for i := 0; i+5 <= len(ws); i++ {
		out[hashString(strings.Join(ws[i:i+5], " "))] = true
	}
	return out
}

func isWordKey(k string) bool {
	r, _ := utf8.DecodeRuneInString(k)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
