package story

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"lede/article"
)

//go:embed data/stopwords.txt
var stopwordsFile string

// vocabulary is the loaded stopword file: each folded function word with the
// languages it belongs to.
type vocabulary struct {
	stop  map[string][]string // word → languages
	langs []string
}

// loadVocabulary reads data/stopwords.txt; see its header for the format.
func loadVocabulary(text string) (*vocabulary, error) {
	v := &vocabulary{stop: map[string][]string{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lang, words, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(lang) == "" {
			return nil, fmt.Errorf("stopwords line %d: want \"code: word word ...\"", n+1)
		}
		lang = strings.TrimSpace(lang)
		v.langs = append(v.langs, lang)
		for _, w := range strings.Fields(words) {
			if !slices.Contains(v.stop[w], lang) {
				v.stop[w] = append(v.stop[w], lang)
			}
		}
	}
	return v, nil
}

// defaultVocabulary is loaded once; it is read-only after that.
var defaultVocabulary = func() *vocabulary {
	v, err := loadVocabulary(stopwordsFile)
	if err != nil {
		panic(err) // the embedded file is part of the build: a bad one is a programming error
	}
	return v
}()

// token is one word or number of a text, folded.
type token struct {
	text    string // folded: lower case, accents removed, number separators normalised
	name    bool   // written with a capital inside a sentence, or all in capitals
	number  bool
	quoted  bool // inside quotation marks
	stop    bool
	inTitle bool
}

// fold lower-cases s and removes accents, so that "Hajıyev", "Hajiyev" and
// "HAJIYEV" or "Élysée" and "Elysee" are one term across outlets and
// languages.
func fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii { // most words of most news: no accents to remove
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if t, ok := foldSpecial[r]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldSpecial are letters NFKD does not decompose into a base letter, with
// the Latin spelling outlets use for them; Cyrillic is transliterated the
// way English-language wires spell Russian and Ukrainian names.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'ð': "d",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g",
}

// isQuoteMark reports whether r opens or closes a quotation in any of the
// conventions outlets use.
func isQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '«', '»', '„', '‟', '‹', '›', '「', '」':
		return true
	}
	return false
}

// tokenize splits text into folded tokens. Digit groups separated by ",",
// "." or a space before exactly three digits are one number ("1,600",
// "1.600" and "1 600" are all 1600); a decimal comma becomes a point.
func tokenize(text string, v *vocabulary, inTitle bool, out []token) []token {
	sentenceStart := true
	quoted := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsDigit(r):
			j := i
			var num strings.Builder
			for j < len(text) {
				c := text[j]
				if c >= '0' && c <= '9' {
					num.WriteByte(c)
					j++
					continue
				}
				if (c == ',' || c == '.' || c == ' ') && j+1 < len(text) && isDigit(text[j+1]) {
					k := j + 1
					for k < len(text) && isDigit(text[k]) {
						k++
					}
					if k-(j+1) == 3 && c != ' ' || k-(j+1) == 3 && c == ' ' && num.Len() <= 3 {
						j++ // thousands separator
						continue
					}
					if c != ' ' && k-(j+1) <= 2 {
						num.WriteByte('.')
						j++
						continue
					}
				}
				break
			}
			if j == i { // a non-ASCII digit: keep it as it is
				j = i + size
				num.WriteRune(r)
			}
			out = append(out, token{text: num.String(), number: true, quoted: quoted, inTitle: inTitle})
			sentenceStart = false
			i = j
		case unicode.IsLetter(r):
			j := i
			upper, allUpper, letters := unicode.IsUpper(r), true, 0
			for j < len(text) {
				c, n := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) {
					break
				}
				if unicode.IsLetter(c) {
					letters++
					if !unicode.IsUpper(c) {
						allUpper = false
					}
				}
				j += n
			}
			word := fold(text[i:j])
			t := token{text: word, quoted: quoted, inTitle: inTitle}
			if langs := v.stop[word]; len(langs) > 0 {
				t.stop = true
			} else {
				t.name = upper && (!sentenceStart || allUpper && letters > 1)
			}
			out = append(out, t)
			sentenceStart = false
			i = j
		default:
			if isQuoteMark(r) {
				quoted = !quoted
			}
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '•' || r == '|' {
				sentenceStart = true
			}
			if r == '\n' {
				quoted = false // a quotation does not run over a paragraph break unseen
			}
			i += size
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// articleText is the text grouping reads: the headline, the dek and the
// body, without captions or related links (they describe other things).
func articleTokens(a *article.Article, v *vocabulary) []token {
	var toks []token
	toks = tokenize(a.Title, v, true, toks)
	toks = tokenize(a.Dek, v, false, toks)
	for _, b := range a.Blocks {
		switch b.Kind {
		case article.Paragraph, article.Heading, article.Blockquote, article.List:
			toks = tokenize(b.Text, v, false, toks)
			toks = append(toks, token{}) // a block break: no shingle runs across it
		}
	}
	return toks
}

// stem drops a plural or possessive "s" of a long word, so "fighters" and
// "fighter" are one term; a deliberately small rule that does no harm in
// the Latin-script languages the stopword file knows.
func stem(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") {
		return w[:len(w)-1]
	}
	return w
}

// Term flags, kept with each term of the encoded features.
const (
	flagName   = 1 << 0 // written as a name at least once
	flagNumber = 1 << 1
	flagQuoted = 1 << 2 // stood inside a quotation at least once
)

// term is one distinct term of an article with how often it occurs.
type term struct {
	hash  uint64
	count int
	flags uint8
}

// hashString is 64-bit FNV-1a: stable across runs and machines, so keys and
// features stored by one process are understood by the next.
func hashString(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// profile is what grouping derives from one article before weighing it
// against the corpus.
type profile struct {
	lang     string
	terms    []term   // by hash
	sketch   []uint64 // MinHash signature of the word trigrams
	quotes   []uint64 // hashes of the quoted passages' first words
	tokens   int      // content tokens
	hasTitle bool
}

// Sketch sizes: sketchHashes MinHash functions in bands of bandRows.
const (
	sketchHashes = 16
	bandRows     = 2
	shingleWords = 3
	// quoteKeyWords is how many leading words of a quoted passage make its
	// key; quotes shorter than that are too common to be evidence.
	quoteKeyWords = 4
	// leadTokens is how many content words of the body make its lead.
	leadTokens = 40
	// maxTerms is the most terms an article is weighed by.
	maxTerms = 150
)

// buildProfile turns an article into its profile.
func buildProfile(a *article.Article, v *vocabulary) profile {
	toks := articleTokens(a, v)
	p := profile{hasTitle: a.Title != ""}
	counts := map[string]*term{}
	langVotes := map[string]int{}
	for _, t := range toks {
		if t.text == "" {
			continue
		}
		if t.stop {
			for _, l := range v.stop[t.text] {
				langVotes[l]++
			}
			continue
		}
		if !t.number && utf8.RuneCountInString(t.text) < 3 {
			continue
		}
		w := t.text
		if !t.number {
			w = stem(w)
		}
		e := counts[w]
		if e == nil {
			e = &term{hash: hashString(w)}
			counts[w] = e
		}
		e.count++
		if t.inTitle || p.tokens < leadTokens {
			// The headline and the lead say what happened (news is written
			// as an inverted pyramid); background paragraphs, which
			// reports of other events share, come later. Their words
			// count twice.
			e.count++
		}
		if t.name {
			e.flags |= flagName
		}
		if t.number {
			e.flags |= flagNumber
		}
		if t.quoted {
			e.flags |= flagQuoted
		}
		p.tokens++
	}
	best := 0
	for _, l := range v.langs {
		if langVotes[l] > best {
			best, p.lang = langVotes[l], l
		}
	}
	for _, e := range counts {
		p.terms = append(p.terms, *e)
	}
	if len(p.terms) > maxTerms {
		// The most repeated terms (headline and lead count double) say what
		// the article is about; the tail of words said once deep in the
		// body changes a cosine little and would cost a count each.
		slices.SortFunc(p.terms, func(a, b term) int {
			if a.count != b.count {
				return b.count - a.count
			}
			return cmpUint64(a.hash, b.hash)
		})
		p.terms = p.terms[:maxTerms]
	}
	slices.SortFunc(p.terms, func(a, b term) int { return cmpUint64(a.hash, b.hash) })
	p.sketch = minhash(toks)
	p.quotes = quoteKeys(toks)
	return p
}

func cmpUint64(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// minhash is the MinHash signature of the article's word trigrams (all
// words, function words too: near copies share their phrasing). Shingles
// do not run across block breaks.
func minhash(toks []token) []uint64 {
	sig := make([]uint64, sketchHashes)
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	any := false
	for i := 0; i+shingleWords <= len(toks); i++ {
		h := uint64(14695981039346656037)
		ok := true
		for _, t := range toks[i : i+shingleWords] {
			if t.text == "" {
				ok = false
				break
			}
			for k := 0; k < len(t.text); k++ {
				h ^= uint64(t.text[k])
				h *= 1099511628211
			}
			h ^= ' '
			h *= 1099511628211
		}
		if !ok {
			continue
		}
		any = true
		for j := range sig {
			if x := mix(h, uint64(j)); x < sig[j] {
				sig[j] = x
			}
		}
	}
	if !any {
		return nil
	}
	return sig
}

// mix derives the j-th hash function's value from a shingle hash
// (splitmix64 over the pair).
func mix(h, j uint64) uint64 {
	z := h + (j+1)*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// quoteKeys hashes the first quoteKeyWords content words of each quoted
// passage: a quote carried by two articles is strong evidence that they
// report the same statement, in any language the quote is left in.
func quoteKeys(toks []token) []uint64 {
	var keys []uint64
	var words []string
	flush := func() {
		if len(words) >= quoteKeyWords {
			keys = append(keys, hashString("quote:"+strings.Join(words[:quoteKeyWords], " ")))
		}
		words = words[:0]
	}
	for _, t := range toks {
		if !t.quoted || t.text == "" {
			flush()
			continue
		}
		if !t.stop {
			words = append(words, stem(t.text))
		}
	}
	flush()
	return keys
}

// Encoded features: a version byte, the language, the vector norm, the
// title flag, then each term as its hash, flags and weight.
const featuresVersion = 1

// stored is what an article's encoded features say: its terms with the
// weights they had when it was placed, and the vector's norm.
type stored struct {
	lang    string
	terms   []storedTerm // by hash
	norm    float64
	anchors float64 // norm of the name and number part
}

type storedTerm struct {
	hash   uint64
	flags  uint8
	weight float32
}

func encodeFeatures(s stored) []byte {
	b := make([]byte, 0, 32+len(s.terms)*13)
	b = append(b, featuresVersion, byte(len(s.lang)))
	b = append(b, s.lang...)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.norm))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(s.anchors))
	b = binary.AppendUvarint(b, uint64(len(s.terms)))
	for _, t := range s.terms {
		b = binary.LittleEndian.AppendUint64(b, t.hash)
		b = append(b, t.flags)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(t.weight))
	}
	return b
}

var errBadFeatures = errors.New("story features: not in a known encoding")

func decodeFeatures(b []byte) (stored, error) {
	var s stored
	if len(b) < 2 || b[0] != featuresVersion {
		return s, errBadFeatures
	}
	n := int(b[1])
	b = b[2:]
	if len(b) < n+16 {
		return s, errBadFeatures
	}
	s.lang = string(b[:n])
	b = b[n:]
	s.norm = math.Float64frombits(binary.LittleEndian.Uint64(b))
	s.anchors = math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))
	b = b[16:]
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b))/13 {
		return s, errBadFeatures
	}
	b = b[k:]
	s.terms = make([]storedTerm, count)
	for i := range s.terms {
		if len(b) < 13 {
			return s, errBadFeatures
		}
		s.terms[i] = storedTerm{
			hash:   binary.LittleEndian.Uint64(b),
			flags:  b[8],
			weight: math.Float32frombits(binary.LittleEndian.Uint32(b[9:])),
		}
		b = b[13:]
	}
	return s, nil
}

// similarityTo is similarity(a, decodeFeatures(b)) read straight from the
// encoded bytes: a placement scores up to Options.Candidates stored
// articles, and decoding each into a slice first would allocate as much as
// the features weigh. It fails exactly when decodeFeatures fails.
func similarityTo(a stored, b []byte) (float64, error) {
	if len(b) < 2 || b[0] != featuresVersion {
		return 0, errBadFeatures
	}
	n := int(b[1])
	b = b[2:]
	if len(b) < n+16 {
		return 0, errBadFeatures
	}
	lang := b[:n]
	b = b[n:]
	normB := math.Float64frombits(binary.LittleEndian.Uint64(b))
	anchorsB := math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))
	b = b[16:]
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b))/13 {
		return 0, errBadFeatures
	}
	b = b[k:]
	if uint64(len(b)) < 13*count {
		return 0, errBadFeatures
	}
	cross := a.lang != "" && n > 0 && a.lang != string(lang)
	dot := 0.0
	i := 0
	for j := uint64(0); j < count && i < len(a.terms); {
		e := b[13*j:]
		h := binary.LittleEndian.Uint64(e)
		switch x := a.terms[i]; {
		case x.hash < h:
			i++
		case x.hash > h:
			j++
		default:
			if !cross || crossTerm(x.flags|e[8]) {
				dot += float64(x.weight) * float64(math.Float32frombits(binary.LittleEndian.Uint32(e[9:])))
			}
			i++
			j++
		}
	}
	na, nb := a.norm, normB
	if cross {
		na, nb = a.anchors, anchorsB
	}
	if na == 0 || nb == 0 {
		return 0, nil
	}
	return dot / (na * nb), nil
}
