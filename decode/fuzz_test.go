package decode

import (
	"errors"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// FuzzDecode checks that any bytes either decode to valid UTF-8 of a known
// kind or fail with one of the package's errors, without panicking.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(""), "")
	f.Add([]byte(page(` lang="ru"`, `<meta charset="utf-8">`, russian)), "")
	f.Add(encodedPage(f, charmap.Windows1251, "", "", russian), "text/html; charset=windows-1251")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "")
	f.Add([]byte("<meta http-equiv=content-type content='text/html;charset=shift_jis'>\x82\xa0"), "")
	f.Add([]byte("plain \x93text\x94 with caf\xe9"), "text/plain; charset=")
	sentinels := []error{ErrEmpty, ErrBinary, ErrTooLarge, ErrTruncated, ErrCorrupt}
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		doc, err := Decode(data, Options{ContentType: contentType, MaxBytes: 1 << 20})
		if err != nil {
			for _, s := range sentinels {
				if errors.Is(err, s) {
					return
				}
			}
			t.Fatalf("error wraps no sentinel: %v", err)
		}
		if !utf8.ValidString(doc.Text) {
			t.Fatalf("text is not valid UTF-8: %q", doc.Text)
		}
		if doc.Kind != HTML && doc.Kind != Text {
			t.Fatalf("kind = %q", doc.Kind)
		}
		if doc.Charset == "" || doc.CharsetSource == "" {
			t.Fatalf("charset %q from %q", doc.Charset, doc.CharsetSource)
		}
	})
}
