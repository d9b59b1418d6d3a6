package decode

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// Sample sentences in the scripts the legacy encodings exist for.
const (
	french       = "Le café de la rue Saint-Honoré ouvre à 7 h, même le dimanche."
	russian      = "Президент заявил, что переговоры продолжатся в пятницу."
	japaneseText = "東京都は金曜日、新しい防災計画を発表した。"
)

// encode writes s in enc, failing the test on a rune enc cannot hold.
func encode(t testing.TB, enc encoding.Encoding, s string) []byte {
	t.Helper()
	out, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return out
}

// page builds a small HTML page around body; head goes inside <head>.
func page(htmlAttrs, head, body string) string {
	return "<!DOCTYPE html>\n<html" + htmlAttrs + "><head>" + head + "<title>t</title></head>\n<body><article><p>" +
		body + "</p></article></body></html>\n"
}

// encodedPage is page with its body in enc and the rest in ASCII.
func encodedPage(t testing.TB, enc encoding.Encoding, htmlAttrs, head, body string) []byte {
	return encode(t, enc, page(htmlAttrs, head, body))
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDecode(t *testing.T) {
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	plainPage := []byte(page(` lang="en"`, `<meta charset="utf-8">`, "Hello, world."))
	frenchUTF8 := []byte(page("", `<meta charset="utf-8">`, french))

	tests := []struct {
		name        string
		data        []byte
		opts        Options
		want        string // a piece of the text
		wantCharset string
		wantSource  CharsetSource
		wantKind    Kind
		wantGzip    bool
		wantErr     error
	}{
		// Refused input.
		{name: "empty", data: nil, wantErr: ErrEmpty},
		{name: "white space only", data: []byte(" \n\t\r\n "), wantErr: ErrEmpty},
		{name: "BOM only", data: []byte("\xef\xbb\xbf"), wantErr: ErrEmpty},
		{name: "gzip of nothing", data: gzipBytes(t, nil), wantErr: ErrEmpty},
		{name: "PNG", data: append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...), wantErr: ErrBinary},
		{name: "PDF", data: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), wantErr: ErrBinary},
		{name: "ZIP", data: []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"), wantErr: ErrBinary},
		{name: "JPEG", data: []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), wantErr: ErrBinary},
		{name: "GIF", data: []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), wantErr: ErrBinary},
		{name: "gzipped PNG", data: gzipBytes(t, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), wantErr: ErrBinary},
		{name: "NUL bytes", data: []byte("abc\x00\x00\x00def\x00\x01\x02ghi\x00jkl"), wantErr: ErrBinary},
		{name: "random bytes", data: randomBytes(4096), wantErr: ErrBinary},
		{name: "NUL bytes after a UTF-8 BOM", data: []byte("\xef\xbb\xbfabc\x00\x00\x00def\x00\x01\x02ghi"), wantErr: ErrBinary},
		{name: "NUL bytes after a UTF-16 BOM", data: []byte("\xff\xfe\x01\x00\x02\x00\x03\x00\x00\x00\x04\x00\x05\x00"), wantErr: ErrBinary},
		{name: "truncated gzip", data: gzipBytes(t, frenchUTF8)[:40], wantErr: ErrTruncated},
		{name: "gzip header only", data: []byte{0x1f, 0x8b, 8}, wantErr: ErrTruncated},
		{name: "corrupt gzip", data: corrupt(gzipBytes(t, bytes.Repeat(frenchUTF8, 20))), wantErr: ErrCorrupt},
		{name: "over a small cap", data: plainPage, opts: Options{MaxBytes: 64}, wantErr: ErrTooLarge},
		{name: "over a small cap after gunzip", data: gzipBytes(t, bytes.Repeat(plainPage, 50)), opts: Options{MaxBytes: 1024}, wantErr: ErrTooLarge},

		// gzip, undone.
		{name: "gzip", data: gzipBytes(t, frenchUTF8), want: french, wantCharset: "utf-8", wantSource: FromMeta, wantKind: HTML, wantGzip: true},
		{name: "gzip twice", data: gzipBytes(t, gzipBytes(t, frenchUTF8)), want: french, wantCharset: "utf-8", wantSource: FromMeta, wantKind: HTML, wantGzip: true},

		// Declarations.
		{name: "ISO-8859-1 by meta", data: encodedPage(t, charmap.ISO8859_1, "", `<meta charset="ISO-8859-1">`, french),
			want: french, wantCharset: "windows-1252", wantSource: FromMeta, wantKind: HTML},
		{name: "Windows-1251 by http-equiv", data: encodedPage(t, charmap.Windows1251, "", `<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">`, russian),
			want: russian, wantCharset: "windows-1251", wantSource: FromMeta, wantKind: HTML},
		{name: "Windows-1251 by Content-Type", data: encodedPage(t, charmap.Windows1251, "", "", russian), opts: Options{ContentType: "text/html; charset=CP1251"},
			want: russian, wantCharset: "windows-1251", wantSource: FromContentType, wantKind: HTML},
		{name: "Content-Type over meta", data: encodedPage(t, charmap.Windows1251, "", `<meta charset="koi8-r">`, russian), opts: Options{ContentType: "text/html;charset=windows-1251;"},
			want: russian, wantCharset: "windows-1251", wantSource: FromContentType, wantKind: HTML},
		{name: "Shift_JIS by meta", data: encodedPage(t, japanese.ShiftJIS, "", `<meta charset="Shift_JIS">`, japaneseText),
			want: japaneseText, wantCharset: "shift_jis", wantSource: FromMeta, wantKind: HTML},
		{name: "meta after a long script", data: encodedPage(t, charmap.Windows1251, "", "<script>"+strings.Repeat("var a = 1;\n", 200)+`</script><meta charset="windows-1251">`, russian),
			want: russian, wantCharset: "windows-1251", wantSource: FromMeta, wantKind: HTML},
		{name: "meta inside a script is not a declaration", data: encodedPage(t, charmap.Windows1252, "", `<script>var s = '<meta charset="windows-1251">';</script>`, french),
			want: french, wantCharset: "windows-1252", wantSource: FromDefault, wantKind: HTML},

		// Byte order marks win.
		{name: "UTF-8 BOM over a contradicting meta", data: append([]byte("\xef\xbb\xbf"), page("", `<meta charset="windows-1251">`, russian)...),
			want: russian, wantCharset: "utf-8", wantSource: FromBOM, wantKind: HTML},
		{name: "UTF-16LE BOM over a contradicting meta", data: append([]byte("\xff\xfe"), encodedPage(t, utf16le, "", `<meta charset="iso-8859-1">`, japaneseText)...),
			want: japaneseText, wantCharset: "utf-16le", wantSource: FromBOM, wantKind: HTML},
		{name: "UTF-16BE BOM", data: append([]byte("\xfe\xff"), encodedPage(t, utf16be, "", "", russian)...),
			want: russian, wantCharset: "utf-16be", wantSource: FromBOM, wantKind: HTML},
		{name: "UTF-16LE without BOM", data: encodedPage(t, utf16le, "", "", french),
			want: french, wantCharset: "utf-16le", wantSource: FromContent, wantKind: HTML},

		// The bytes decide.
		{name: "valid UTF-8 overrules a legacy meta", data: []byte(page("", `<meta charset="iso-8859-1">`, french)),
			want: french, wantCharset: "utf-8", wantSource: FromContent, wantKind: HTML},
		{name: "ASCII page keeps its declaration", data: []byte(page("", `<meta charset="windows-1251">`, "plain")),
			want: "plain", wantCharset: "windows-1251", wantSource: FromMeta, wantKind: HTML},
		{name: "undeclared UTF-8", data: []byte(page("", "", japaneseText)),
			want: japaneseText, wantCharset: "utf-8", wantSource: FromContent, wantKind: HTML},
		{name: "UTF-8 with a stray Latin-1 byte", data: []byte(page("", "", "naïve "+russian+" caf\xe9")),
			want: "naïve " + russian + " café", wantCharset: "utf-8", wantSource: FromContent, wantKind: HTML},
		{name: "UTF-8 declared, Latin-1 bytes", data: encodedPage(t, charmap.Windows1252, "", `<meta charset="utf-8">`, french),
			want: french, wantCharset: "utf-8", wantSource: FromMeta, wantKind: HTML},
		{name: "undeclared Windows-1251, lang ru", data: encodedPage(t, charmap.Windows1251, ` lang="ru"`, "", russian),
			want: russian, wantCharset: "windows-1251", wantSource: FromLanguage, wantKind: HTML},
		{name: "undeclared Shift_JIS, lang ja", data: encodedPage(t, japanese.ShiftJIS, ` lang="ja-JP"`, "", japaneseText+japaneseText),
			want: japaneseText, wantCharset: "shift_jis", wantSource: FromLanguage, wantKind: HTML},
		{name: "undeclared EUC-JP, lang ja", data: encodedPage(t, japanese.EUCJP, ` lang="ja"`, "", japaneseText+japaneseText),
			want: japaneseText, wantCharset: "euc-jp", wantSource: FromLanguage, wantKind: HTML},
		{name: "undeclared Latin-1, no language", data: encodedPage(t, charmap.ISO8859_1, "", "", french),
			want: french, wantCharset: "windows-1252", wantSource: FromDefault, wantKind: HTML},

		// HTML or plain text.
		{name: "plain text", data: []byte("Headline\n\nFirst paragraph of the story.\n"), want: "First paragraph", wantCharset: "utf-8", wantSource: FromContent, wantKind: Text},
		{name: "plain text starting with <", data: []byte("<Reuters> Markets fell on Monday.\n"), want: "Markets", wantCharset: "utf-8", wantSource: FromContent, wantKind: Text},
		{name: "HTML fragment", data: []byte("<p>One.</p><p>Two.</p>"), want: "One.", wantCharset: "utf-8", wantSource: FromContent, wantKind: HTML},
		{name: "HTML after a text banner", data: []byte("Saved page\n<div><p>Body <a href=\"/x\">link</a></p></div>"), want: "Body", wantCharset: "utf-8", wantSource: FromContent, wantKind: HTML},
		{name: "forced text", data: plainPage, opts: Options{Kind: Text}, want: "Hello", wantCharset: "utf-8", wantSource: FromMeta, wantKind: Text},
		{name: "raised cap", data: plainPage, opts: Options{MaxBytes: int64(len(plainPage))}, want: "Hello", wantCharset: "utf-8", wantSource: FromMeta, wantKind: HTML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode(tt.data, tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !strings.Contains(doc.Text, tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, doc.Text)
			}
			if !utf8.ValidString(doc.Text) {
				t.Errorf("text is not valid UTF-8")
			}
			if strings.HasPrefix(doc.Text, "\ufeff") {
				t.Errorf("text keeps the byte order mark")
			}
			if doc.Charset != tt.wantCharset || doc.CharsetSource != tt.wantSource {
				t.Errorf("charset = %s from %s, want %s from %s", doc.Charset, doc.CharsetSource, tt.wantCharset, tt.wantSource)
			}
			if doc.Kind != tt.wantKind {
				t.Errorf("kind = %s, want %s", doc.Kind, tt.wantKind)
			}
			if doc.Gzipped != tt.wantGzip {
				t.Errorf("gzipped = %v, want %v", doc.Gzipped, tt.wantGzip)
			}
			// DecodeBytes finds the same, with the text as bytes.
			bdoc, text, err := DecodeBytes(tt.data, tt.opts)
			if err != nil {
				t.Fatalf("DecodeBytes: unexpected error: %v", err)
			}
			if string(text) != doc.Text {
				t.Errorf("DecodeBytes text differs from Decode's")
			}
			bdoc.Text = doc.Text
			if *bdoc != *doc {
				t.Errorf("DecodeBytes document = %+v, want %+v", *bdoc, *doc)
			}
		})
	}
}

// TestDeclaredAndRepaired checks the fields that say what the page declared
// and what had to be mended.
func TestDeclaredAndRepaired(t *testing.T) {
	doc, err := Decode([]byte(page("", `<meta charset="latin1">`, french)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Declared != "windows-1252" || doc.Charset != "utf-8" {
		t.Errorf("declared %q, read as %q; want windows-1252 declared, read as utf-8", doc.Declared, doc.Charset)
	}
	doc, err = Decode([]byte(page("", "", "ça ne fait rien, ça va — \x93quoted\x94")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Repaired != 2 || !strings.Contains(doc.Text, "“quoted”") {
		t.Errorf("repaired %d bytes into %q; want 2 into curly quotes", doc.Repaired, doc.Text)
	}
}

// TestTooLargeIsBounded feeds a 50 MB page three ways and checks that each
// stops at the cap without holding the page in memory again. Under -race it
// checks the refusals and the bytes read, not the allocations (raceDetector).
func TestTooLargeIsBounded(t *testing.T) {
	const size = 50 << 20
	t.Run("in memory", func(t *testing.T) {
		big := bytes.Repeat([]byte("<p>lorem ipsum</p>\n"), size/19)
		alloc := allocatedBy(func() {
			_, err := Decode(big, Options{})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), "16 MiB cap") {
				t.Errorf("error does not name the cap: %v", err)
			}
		})
		if raceDetector {
			t.Logf("allocation bound not checked under -race (%d bytes allocated)", alloc)
		} else if alloc > 1<<20 {
			t.Errorf("refusing the page allocated %d bytes", alloc)
		}
	})
	t.Run("streamed", func(t *testing.T) {
		src := &countingReader{r: io.LimitReader(repeatReader('x'), size)}
		_, err := ReadAll(src, 0)
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
		if src.n > DefaultMaxBytes+64<<10 {
			t.Errorf("read %d bytes of the stream, cap is %d", src.n, DefaultMaxBytes)
		}
	})
	t.Run("gzip bomb", func(t *testing.T) {
		bomb := gzipBytes(t, bytes.Repeat([]byte("<p>aaaaaaaaaaaaaaaa</p>\n"), size/24))
		alloc := allocatedBy(func() {
			_, err := Decode(bomb, Options{})
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("err = %v, want ErrTooLarge", err)
			}
		})
		// The race detector's instrumentation allocates beside the code
		// (91 MiB here under -race): the bound holds for a normal build.
		if raceDetector {
			t.Logf("allocation bound not checked under -race (%d MiB allocated)", alloc>>20)
		} else if alloc > 3*DefaultMaxBytes {
			t.Errorf("unpacking the bomb allocated %d MiB", alloc>>20)
		}
	})
}

// TestDecodeBytesDoesNotCopy checks that DecodeBytes hands back a UTF-8 page
// as it came, without a copy, and after its byte order mark.
func TestDecodeBytesDoesNotCopy(t *testing.T) {
	body := []byte(strings.Repeat(page(` lang="ru"`, `<meta charset="utf-8">`, russian), 4000))
	for _, tc := range []struct {
		name string
		data []byte
		skip int // bytes before the text
	}{
		{"no BOM", body, 0},
		{"BOM", append([]byte("\xef\xbb\xbf"), body...), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var text []byte
			alloc := allocatedBy(func() {
				var err error
				if _, text, err = DecodeBytes(tc.data, Options{}); err != nil {
					t.Fatal(err)
				}
			})
			if alloc > 64<<10 {
				t.Errorf("decoding %d bytes allocated %d bytes", len(tc.data), alloc)
			}
			if len(text) != len(tc.data)-tc.skip || &text[0] != &tc.data[tc.skip] {
				t.Errorf("text is not the input after %d bytes", tc.skip)
			}
		})
	}
}

// TestUTF8IsCopiedOnce checks the fast path: a UTF-8 page costs one copy
// (the string) plus small fixed work, whatever its size.
func TestUTF8IsCopiedOnce(t *testing.T) {
	data := []byte(strings.Repeat(page(` lang="ru"`, `<meta charset="utf-8">`, russian), 4000))
	alloc := allocatedBy(func() {
		if _, err := Decode(data, Options{}); err != nil {
			t.Fatal(err)
		}
	})
	if extra := alloc - int64(len(data)); extra > 64<<10 {
		t.Errorf("decoding %d bytes allocated %d bytes beyond the copy", len(data), extra)
	}
}

func TestReadAll(t *testing.T) {
	got, err := ReadAll(strings.NewReader("exactly ten"), 11)
	if err != nil || string(got) != "exactly ten" {
		t.Fatalf("ReadAll at the cap = %q, %v", got, err)
	}
	if _, err := ReadAll(strings.NewReader("exactly ten!"), 11); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ReadAll over the cap: err = %v, want ErrTooLarge", err)
	}
}

// allocatedBy returns the bytes f allocated on the heap.
func allocatedBy(f func()) int64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// randomBytes returns n bytes from a fixed seed, standing in for compressed
// or encrypted data without a known signature.
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// corrupt flips bytes in the middle of a gzip stream, keeping header and length.
func corrupt(gz []byte) []byte {
	out := bytes.Clone(gz)
	for i := len(out) / 3; i < len(out)/3+8; i++ {
		out[i] ^= 0xa5
	}
	return out
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func BenchmarkDecodeUTF8(b *testing.B) {
	data := []byte(strings.Repeat(page(` lang="en"`, `<meta charset="utf-8">`, french+" "+russian), 2000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeWindows1251(b *testing.B) {
	data := encode(b, charmap.Windows1251, strings.Repeat(page("", `<meta charset="windows-1251">`, russian), 2000))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Decode(data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
