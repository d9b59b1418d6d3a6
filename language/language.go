// Package language tells which language an article is written in, from its
// text, and says which languages lede's analysis supports.
//
// Most pages are in a language with a short list of function words
// (data/stopwords.tsv): when those words dominate the sample, that is the
// answer, at the cost of a map look-up a word. Other text goes to the
// trigram detector.
//
// Pages declare a language (<html lang>, Content-Language, og:locale) and
// the declaration is often wrong: Zulu and Xhosa sites that declare "en",
// a Chinese page that declares "utf-8", templates that say "en-US" for
// every page. Detect reads a sample of the text itself with whatlanggo (a
// trigram detector whose profiles are small and need no loading time) and
// keeps the declaration only where the text agrees with it, so the answer
// is a valid BCP 47 tag the text bears out, or empty.
//
// lingua-go was weighed as the alternative: it is more accurate on short
// texts, but its module carries 124 MB of language models that go:embed
// puts into any binary importing it, and it decompresses a language's
// models on first use, which the extraction budget (≤ 1.5× html.Parse,
// ≤ 100 MB peak at -j 2) cannot pay. The bench uses it as the second
// opinion when the detections are checked (bench/language_test.go).
package language

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
)

// SampleBytes is how much text Detect reads: three slices of this size
// at most (the start, the middle and the end of the text), so detection
// costs the same on a long page as on a short one.
const SampleBytes = 1024

// minLetters is the fewest letters a sample needs before its detection is
// trusted on its own: below it, trigram statistics are noise and the
// declaration (when valid) is kept.
const minLetters = 40

// Detect returns the BCP 47 tag of the language text is written in.
// declared is what the page says (any case, "en_US" or "en-US"; junk such
// as "utf-8" is ignored). The result is:
//   - the declared tag, canonicalised, when the text agrees with its
//     language ("en-US" stays "en-US" for English text);
//   - the detected language (ISO 639-1 where it has one, else 639-3) when
//     the detection is reliable and disagrees, or when nothing is declared;
//   - the declared tag when the text is too short or too mixed to say;
//   - "" when neither gives a valid tag.
func Detect(text, declared string) string {
	decl := canonical(declared)
	// The trigram detector misreads menus, listings and short mixed pages
	// ("da" for an NFL schedule): a declaration whose function words make a
	// tenth of the text stands whatever it says. Asking that first, with a
	// map look-up a word, spares most declared pages the detector, which
	// costs as much as a fifth of the whole extraction.
	if decl != "" && supports(decl, text) {
		return decl
	}
	// The detector's cost grows with what it reads: a declaration the
	// start of the text bears out stands without reading the rest.
	if decl != "" && len(text) > SampleBytes {
		if got, _ := detect(cut(text, 0)); got != "" && sameLanguage(decl, got) {
			return decl
		}
	}
	got, sure := detect(text)
	switch {
	case got == "":
		return decl
	case decl != "" && sameLanguage(decl, got):
		return decl
	case sure:
		return got
	case decl != "":
		return decl
	}
	return got
}

// detect is the language of a sample of text, and whether the detector is
// confident about it.
func detect(text string) (string, bool) {
	s := sample(text)
	if l := byStopwords(s); l != "" {
		return l, true
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters == 0 {
		return "", false
	}
	info := whatlanggo.Detect(s)
	if info.Lang < 0 {
		return "", false
	}
	code := info.Lang.Iso6391()
	if code == "" {
		code = info.Lang.Iso6393()
	}
	if code == "" {
		return "", false
	}
	code = refine(code, s)
	// Languages told by their script alone (Han, Hangul, Greek…) come
	// with confidence 1 whatever the length; a few letters still say it.
	sure := info.IsReliable() && (letters >= minLetters || info.Confidence == 1 && info.Script != unicode.Latin && info.Script != unicode.Cyrillic && info.Script != unicode.Arabic)
	return code, sure
}

// sample takes up to three SampleBytes slices of text (start, middle,
// end), cut at rune boundaries and joined by spaces.
func sample(text string) string {
	if len(text) <= 3*SampleBytes {
		return text
	}
	var b strings.Builder
	b.Grow(3*SampleBytes + 2)
	b.WriteString(cut(text, 0))
	b.WriteByte(' ')
	b.WriteString(cut(text, len(text)/2-SampleBytes/2))
	b.WriteByte(' ')
	b.WriteString(cut(text, len(text)-SampleBytes))
	return b.String()
}

// cut is the slice of text of at most SampleBytes from from, cut at rune
// boundaries.
func cut(text string, from int) string {
	for from > 0 && from < len(text) && !utf8.RuneStart(text[from]) {
		from++
	}
	to := min(from+SampleBytes, len(text))
	for to < len(text) && to > from && !utf8.RuneStart(text[to]) {
		to--
	}
	return text[from:to]
}

// canonical turns a declaration into a canonical BCP 47 tag, or "" when it
// is not one ("utf-8", "text/html", "x-default", "und").
func canonical(declared string) string {
	d := strings.TrimSpace(strings.ReplaceAll(declared, "_", "-"))
	if d == "" || len(d) > 35 {
		return ""
	}
	tag, err := language.Parse(d)
	if err != nil {
		return ""
	}
	base, conf := tag.Base()
	if conf == language.No || base.String() == "und" {
		return ""
	}
	// Private-use and grandfathered oddities ("x-default", "i-klingon")
	// say nothing about the text.
	if strings.HasPrefix(strings.ToLower(d), "x-") || strings.HasPrefix(strings.ToLower(d), "i-") {
		return ""
	}
	return tag.String()
}

// sameLanguage reports whether a declared tag and a detected code name the
// same language, macrolanguages included: "nb" and "no", "zh-TW" and
// "zh", "ms" and "id" are not the same, "cmn" and "zh" are.
func sameLanguage(declared, detected string) bool {
	a, err1 := language.Parse(declared)
	b, err2 := language.Parse(detected)
	if err1 != nil || err2 != nil {
		return false
	}
	ab, _ := a.Base()
	bb, _ := b.Base()
	if ab == bb {
		return true
	}
	// Norwegian: the detector tells Bokmål from Nynorsk, pages say "no".
	n := map[string]bool{"no": true, "nb": true, "nn": true}
	return n[ab.String()] && n[bb.String()]
}
