package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"lede/article"
)

// inlineText gathers the text of one block: whitespace collapsed to single
// spaces, line breaks kept where <br> asked for them, and the inline links as
// byte offsets into the text.
type inlineText struct {
	buf   []byte
	links []article.Link
	space bool // a space is owed before the next visible character
}

// write appends s with its whitespace collapsed. Zero-width characters are
// dropped.
func (t *inlineText) write(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' {
				t.space = true
				continue
			}
			t.flushSpace()
			t.buf = append(t.buf, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			// zero-width spaces, joiners, BOM and soft hyphens: invisible
		case unicode.IsSpace(r):
			t.space = true
		default:
			t.flushSpace()
			t.buf = append(t.buf, s[i:i+size]...)
		}
		i += size
	}
}

func (t *inlineText) flushSpace() {
	if t.space && len(t.buf) > 0 && t.buf[len(t.buf)-1] != '\n' {
		t.buf = append(t.buf, ' ')
	}
	t.space = false
}

// separate ends a run of text inside the block: a space, or a line break.
func (t *inlineText) separate(newline bool) {
	if len(t.buf) == 0 {
		return
	}
	if !newline {
		t.space = true
		return
	}
	if t.buf[len(t.buf)-1] != '\n' {
		t.buf = append(t.buf, '\n')
	}
	t.space = false
}

// endsWithBreak reports whether the text ends with a line break.
func (t *inlineText) endsWithBreak() bool {
	return len(t.buf) > 0 && t.buf[len(t.buf)-1] == '\n'
}

// beginLink settles the owed space and returns where a link starts.
func (t *inlineText) beginLink() int {
	t.flushSpace()
	return len(t.buf)
}

func (t *inlineText) endLink(start int, url string) {
	if end := len(t.buf); end > start && url != "" {
		t.links = append(t.links, article.Link{Start: start, End: end, URL: url})
	}
}

func (t *inlineText) empty() bool { return len(t.buf) == 0 }

// take returns the text, trimmed, with its links, and empties t.
func (t *inlineText) take() (string, []article.Link) {
	end := len(t.buf)
	for end > 0 && (t.buf[end-1] == '\n' || t.buf[end-1] == ' ') {
		end--
	}
	text := string(t.buf[:end])
	var links []article.Link
	for _, l := range t.links {
		if l.End > end {
			l.End = end
		}
		// A link never starts or ends on a space.
		for l.Start < l.End && (text[l.Start] == ' ' || text[l.Start] == '\n') {
			l.Start++
		}
		for l.End > l.Start && (text[l.End-1] == ' ' || text[l.End-1] == '\n') {
			l.End--
		}
		if l.End > l.Start {
			links = append(links, l)
		}
	}
	t.buf, t.links, t.space = t.buf[:0], t.links[:0], false
	return text, links
}

// normalizeSpace collapses the whitespace of s, for short texts such as
// captions and titles.
func normalizeSpace(s string) string {
	var t inlineText
	t.write(s)
	text, _ := t.take()
	return text
}

// linkShare is the share of text that is link text.
func linkShare(text string, links []article.Link) float64 {
	if len(text) == 0 {
		return 0
	}
	n := 0
	for _, l := range links {
		n += l.End - l.Start
	}
	return float64(n) / float64(len(text))
}

// phraseKey lower-cases a short text and trims the punctuation, ellipses and
// arrows widgets put around their words, for lookup in a phrase table.
func phraseKey(s string) string {
	s = strings.ToLower(s)
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
	})
}
