package decode

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// metaScanBytes is how far into the page <meta charset> is looked for. The
// HTML standard stops at 1024 bytes because browsers decode while the page
// streams in; we hold the whole page, and real pages put long comments and
// inline scripts before their meta tag, so we look four times as far.
const metaScanBytes = 4096

// boms are the byte order marks, longest first, with the encoding each names.
var boms = []struct {
	mark     string
	encoding string
}{
	{"\xef\xbb\xbf", "utf-8"},
	{"\xfe\xff", "utf-16be"},
	{"\xff\xfe", "utf-16le"},
}

// languageEncodings is the legacy encoding a page in a language most likely
// uses when it declares none: the HTML standard's table of suggested defaults
// by locale, keyed by the primary language subtag of <html lang>. Where one
// language has several common encodings the candidates are tried in order
// and the one that decodes with the fewest errors wins. Languages not listed
// default to windows-1252.
var languageEncodings = map[string][]string{
	"ar":  {"windows-1256"},
	"az":  {"windows-1254"},
	"ba":  {"windows-1251"},
	"be":  {"windows-1251"},
	"bg":  {"windows-1251"},
	"cs":  {"windows-1250"},
	"el":  {"iso-8859-7"},
	"et":  {"windows-1257"},
	"fa":  {"windows-1256"},
	"he":  {"windows-1255"},
	"hr":  {"windows-1250"},
	"hu":  {"iso-8859-2"},
	"ja":  {"shift_jis", "euc-jp", "iso-2022-jp"},
	"kk":  {"windows-1251"},
	"ko":  {"euc-kr"},
	"ku":  {"windows-1254"},
	"ky":  {"windows-1251"},
	"lt":  {"windows-1257"},
	"lv":  {"windows-1257"},
	"mk":  {"windows-1251"},
	"pl":  {"iso-8859-2"},
	"ru":  {"windows-1251", "koi8-r"},
	"sah": {"windows-1251"},
	"sk":  {"windows-1250"},
	"sl":  {"iso-8859-2"},
	"sr":  {"windows-1251"},
	"tg":  {"windows-1251"},
	"th":  {"windows-874"},
	"tr":  {"windows-1254"},
	"tt":  {"windows-1251"},
	"uk":  {"windows-1251", "koi8-u"},
	"vi":  {"windows-1258"},
	"zh":  {"gb18030", "big5"},
	// Traditional Chinese (Taiwan, Hong Kong) is the one case where the region
	// changes the answer.
	"zh-tw":   {"big5", "gb18030"},
	"zh-hk":   {"big5", "gb18030"},
	"zh-hant": {"big5", "gb18030"},
}

// decodeText chooses the encoding of data, decodes it and records the choice
// in doc. The text it returns is data itself (or the part after a byte order
// mark) when data is already valid UTF-8.
func decodeText(data []byte, opts Options, doc *Document) ([]byte, error) {
	for _, b := range boms {
		if bytes.HasPrefix(data, []byte(b.mark)) {
			doc.CharsetSource = FromBOM
			return decodeAs(b.encoding, data[len(b.mark):], doc)
		}
	}
	if order := utf16Order(data[:min(len(data), sniffWindow)]); order != "" {
		doc.CharsetSource = FromContent
		return decodeAs(order, data, doc)
	}

	declared, source := declaredEncoding(extractCharset(opts.ContentType)), FromContentType
	meta, lang := scanHead(data[:min(len(data), metaScanBytes)])
	if declared == "" {
		declared, source = meta, FromMeta
	}
	doc.Declared = declared

	valid := utf8.Valid(data)
	switch {
	case declared == "utf-8":
		doc.CharsetSource = source
		return decodeUTF8(data, valid, doc), nil
	case declared != "" && (!valid || isASCII(data)):
		doc.CharsetSource = source
		return decodeAs(declared, data, doc)
	case valid || mostlyUTF8(data):
		// Valid UTF-8 with non-ASCII in it overrules a legacy declaration.
		doc.CharsetSource = FromContent
		return decodeUTF8(data, valid, doc), nil
	}
	if candidates := languageCandidates(lang); len(candidates) > 0 {
		doc.CharsetSource = FromLanguage
		return decodeAs(fewestErrors(candidates, data), data, doc)
	}
	doc.CharsetSource = FromDefault
	return decodeAs("windows-1252", data, doc)
}

// decodeUTF8 returns UTF-8 data as valid UTF-8: data itself when valid says
// utf8.Valid(data) holds (so a large page is validated once and not copied),
// else a repaired copy.
func decodeUTF8(data []byte, valid bool, doc *Document) []byte {
	doc.Charset = "utf-8"
	if valid {
		return data
	}
	text, repaired := repairUTF8(data)
	doc.Repaired = repaired
	return text
}

// decodeAs decodes data from the named encoding.
func decodeAs(name string, data []byte, doc *Document) ([]byte, error) {
	if name == "utf-8" {
		return decodeUTF8(data, utf8.Valid(data), doc), nil
	}
	doc.Charset = name
	enc, err := htmlindex.Get(name)
	if err != nil {
		return nil, fmt.Errorf("decode: encoding %q: %w", name, err)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("decode: reading %s: %w", name, err)
	}
	if strings.HasPrefix(name, "utf-16") && controlHeavy(out[:min(len(out), sniffWindow)]) {
		// The NUL pattern looked like UTF-16, but what it decodes to is not text.
		return nil, fmt.Errorf("decode: input is binary data (control characters in UTF-16): %w", ErrBinary)
	}
	return out, nil
}

// repairUTF8 decodes mostly-UTF-8 data, reading each byte that is not part of
// a valid UTF-8 sequence as windows-1252: the usual cause is Latin-1 text
// pasted into a UTF-8 page. It returns the text and how many bytes it read so.
func repairUTF8(data []byte) ([]byte, int) {
	b := make([]byte, 0, len(data)+len(data)/8)
	repaired := 0
	for i := 0; i < len(data); {
		if c := data[i]; c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, charmap.Windows1252.DecodeByte(data[i]))
			repaired++
		} else {
			b = append(b, data[i:i+size]...)
		}
		i += size
	}
	return b, repaired
}

// mostlyUTF8 reports whether data, which is not valid UTF-8, still has more
// valid multi-byte sequences than invalid bytes: UTF-8 with a few stray bytes
// rather than a legacy encoding.
func mostlyUTF8(data []byte) bool {
	multi, invalid := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			multi++
		}
		i += size
	}
	return multi > invalid
}

// isASCII reports whether data has no byte above 0x7F, in which case every
// ASCII-compatible encoding reads it the same and a declaration can be trusted.
func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fewestErrors decodes a sample of data with each candidate encoding and
// returns the one that produced the fewest replacement characters (the first
// on a tie).
func fewestErrors(candidates []string, data []byte) string {
	if len(candidates) == 1 {
		return candidates[0]
	}
	sample := data[:min(len(data), sniffWindow)]
	best, bestErrors := candidates[0], -1
	for _, name := range candidates {
		enc, err := htmlindex.Get(name)
		if err != nil {
			continue
		}
		out, err := enc.NewDecoder().Bytes(sample)
		if err != nil {
			continue
		}
		n := bytes.Count(out, []byte("\uFFFD"))
		if bestErrors < 0 || n < bestErrors {
			best, bestErrors = name, n
		}
	}
	return best
}

// languageCandidates returns the legacy encodings to try for a BCP 47 tag.
func languageCandidates(lang string) []string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	lang = strings.ReplaceAll(lang, "_", "-")
	if lang == "" {
		return nil
	}
	parts := strings.Split(lang, "-")
	if len(parts) > 1 {
		if c, ok := languageEncodings[parts[0]+"-"+parts[1]]; ok {
			return c
		}
	}
	return languageEncodings[parts[0]]
}

// utf16Order recognises UTF-16 without a byte order mark by its NULs: the
// markup and spaces of a page are ASCII, and ASCII in UTF-16 has a NUL in
// every other byte. It returns "utf-16le", "utf-16be" or "".
func utf16Order(sample []byte) string {
	pairs := len(sample) / 2
	if pairs < 2 {
		return ""
	}
	// Either verdict needs NULs in at least 40% of the pairs; most pages
	// have none at all, and counting them is one fast pass.
	if bytes.Count(sample, []byte{0})*10 < pairs*4 {
		return ""
	}
	evenNUL, oddNUL := 0, 0
	for i := 0; i+1 < len(sample); i += 2 {
		if sample[i] == 0 {
			evenNUL++
		}
		if sample[i+1] == 0 {
			oddNUL++
		}
	}
	// At least 40% of the pairs carry ASCII, and the other half of the
	// pairs almost never holds a NUL.
	switch {
	case oddNUL*10 >= pairs*4 && evenNUL*20 <= pairs:
		return "utf-16le"
	case evenNUL*10 >= pairs*4 && oddNUL*20 <= pairs:
		return "utf-16be"
	}
	return ""
}

// hasUTF16BOM reports whether data starts with a UTF-16 byte order mark.
func hasUTF16BOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte("\xfe\xff")) || bytes.HasPrefix(data, []byte("\xff\xfe"))
}

// declaredEncoding turns a charset label from a header or a meta tag into the
// WHATWG name of the encoding to use, or "" when the label is unknown or not
// usable. A page that can declare UTF-16 in ASCII is not UTF-16, so the
// standard reads such a declaration as UTF-8; x-user-defined is windows-1252
// for text; "replacement" (ISO-2022-KR and kin) would turn the whole page
// into one U+FFFD, so it is ignored and the bytes decide.
func declaredEncoding(label string) string {
	if label == "" {
		return ""
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return ""
	}
	switch name {
	case "utf-16be", "utf-16le":
		return "utf-8"
	case "x-user-defined":
		return "windows-1252"
	case "replacement":
		return ""
	}
	return name
}

// scanHead looks through the top of a page for the charset it declares (a
// WHATWG name, "" if none) and the language it says it is in.
func scanHead(head []byte) (charset, lang string) {
	if bytes.IndexByte(head, '<') < 0 {
		return "", "" // plain text: nothing to tokenize
	}
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return "", lang
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "html":
				for hasAttr {
					var key, val []byte
					key, val, hasAttr = z.TagAttr()
					if string(key) == "lang" && lang == "" {
						lang = string(val)
					}
				}
			case "meta":
				cs, ml := metaCharset(z, hasAttr)
				if cs != "" {
					return cs, lang
				}
				if lang == "" {
					lang = ml
				}
			}
		}
	}
}

// metaCharset reads the attributes of a meta tag: the charset it declares,
// either as charset="…" or as http-equiv="Content-Type" content="…;charset=…",
// and the language of http-equiv="Content-Language".
func metaCharset(z *html.Tokenizer, hasAttr bool) (charset, lang string) {
	var httpEquiv, content, direct string
	for hasAttr {
		var key, val []byte
		key, val, hasAttr = z.TagAttr()
		switch string(key) {
		case "charset":
			if direct == "" {
				direct = string(val)
			}
		case "http-equiv":
			httpEquiv = strings.ToLower(strings.TrimSpace(string(val)))
		case "content":
			content = string(val)
		}
	}
	if cs := declaredEncoding(direct); cs != "" {
		return cs, ""
	}
	switch httpEquiv {
	case "content-type":
		return declaredEncoding(extractCharset(content)), ""
	case "content-language":
		lang, _, _ = strings.Cut(content, ",")
		return "", strings.TrimSpace(lang)
	}
	return "", ""
}

// extractCharset finds the charset parameter in a Content-Type value, the way
// the HTML standard reads one from a meta element: leniently, so that
// "text/html;charset=UTF-8;" and "charset = 'utf-8'" both work.
func extractCharset(s string) string {
	lower := strings.ToLower(s)
	for {
		i := strings.Index(lower, "charset")
		if i < 0 {
			return ""
		}
		lower = strings.TrimLeft(lower[i+len("charset"):], " \t\n\f\r")
		if !strings.HasPrefix(lower, "=") {
			continue
		}
		lower = strings.TrimLeft(lower[1:], " \t\n\f\r")
		if lower == "" {
			return ""
		}
		if q := lower[0]; q == '"' || q == '\'' {
			end := strings.IndexByte(lower[1:], q)
			if end < 0 {
				return ""
			}
			return lower[1 : 1+end]
		}
		if end := strings.IndexAny(lower, "; \t\n\f\r"); end >= 0 {
			return lower[:end]
		}
		return lower
	}
}
