// Package decode turns the bytes of a page or a scraped text file into UTF-8
// text, and says what it found on the way: whether the bytes were gzipped,
// which character encoding they were in and why it was chosen, and whether the
// text is HTML or plain text.
//
// The order of the checks follows the HTML standard's encoding sniffing:
//
//  1. gzip is undone when the bytes start with its magic number;
//  2. empty and binary input (images, PDF, archives, NUL-ridden bytes) is refused;
//  3. a byte order mark (UTF-8, UTF-16) wins over everything else;
//  4. then the charset of the HTTP Content-Type (Options.ContentType);
//  5. then <meta charset> or <meta http-equiv="Content-Type"> near the top;
//  6. then the bytes themselves: valid UTF-8 is UTF-8, otherwise the usual
//     legacy encoding for the page's language (<html lang>), else windows-1252.
//
// One deliberate departure from browsers: when a page declares a legacy
// encoding (step 4 or 5) but its bytes are valid UTF-8 with non-ASCII in
// them, the declaration is wrong far more often than the bytes, so UTF-8 wins.
// Bytes that are invalid in UTF-8 inside otherwise UTF-8 text (a Latin-1
// paragraph pasted into a UTF-8 template) are read as windows-1252 one by one,
// so the result is always valid UTF-8.
//
// Every read is capped (DefaultMaxBytes, Options.MaxBytes): a 50 MB page or a
// gzip bomb costs at most the cap in time and memory and ends in ErrTooLarge.
package decode

import (
	"errors"
	"fmt"
)

// DefaultMaxBytes caps both the input as given and the input after gzip is
// undone. News pages are well under 2 MiB; 16 MiB leaves room for pages that
// inline their images and scripts while keeping a gzip bomb or a mistaken
// video download from filling memory. Options.MaxBytes raises or lowers it.
const DefaultMaxBytes = 16 << 20

// Errors that Decode and ReadAll wrap; test for them with errors.Is.
var (
	ErrEmpty     = errors.New("empty input")
	ErrBinary    = errors.New("binary input, not a web page or text")
	ErrTooLarge  = errors.New("input too large")
	ErrTruncated = errors.New("truncated gzip stream")
	ErrCorrupt   = errors.New("corrupt gzip stream")
)

// Kind says whether a document is HTML or plain text.
type Kind string

// The kinds of document.
const (
	HTML Kind = "html"
	Text Kind = "text"
)

// CharsetSource says why Document.Charset was chosen.
type CharsetSource string

// The reasons an encoding can be chosen, in the order they are tried.
const (
	FromBOM         CharsetSource = "bom"          // a byte order mark
	FromContentType CharsetSource = "content-type" // Options.ContentType
	FromMeta        CharsetSource = "meta"         // <meta charset> or http-equiv
	FromContent     CharsetSource = "content"      // the bytes: valid UTF-8, or UTF-16 by its NUL pattern
	FromLanguage    CharsetSource = "language"     // the usual legacy encoding for <html lang>
	FromDefault     CharsetSource = "default"      // nothing said otherwise: windows-1252
)

// Options tune Decode. The zero value is ready to use.
type Options struct {
	// ContentType is the HTTP Content-Type header, if the bytes came over
	// HTTP; only its charset parameter is used.
	ContentType string
	// Kind forces HTML or Text; empty means detect.
	Kind Kind
	// MaxBytes caps the input and the decompressed input; 0 or less means
	// DefaultMaxBytes.
	MaxBytes int64
}

// maxBytes is the cap in force.
func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Document is decoded input.
type Document struct {
	Text    string // valid UTF-8, without a byte order mark
	Kind    Kind
	Charset string // WHATWG name of the encoding the bytes were read as, e.g. "utf-8", "windows-1251"
	// CharsetSource says why Charset was chosen.
	CharsetSource CharsetSource
	// Declared is the charset the header or the page declared, in its WHATWG
	// name, even when the bytes overruled it; empty when none was declared.
	Declared string
	Gzipped  bool // the input was gzip-compressed
	// Repaired counts bytes that were invalid in UTF-8 and were read as
	// windows-1252 instead.
	Repaired int
}

// Decode turns data into UTF-8 text. It refuses empty and binary input, undoes
// gzip, and enforces the size cap. Errors wrap ErrEmpty, ErrBinary,
// ErrTooLarge, ErrTruncated or ErrCorrupt.
func Decode(data []byte, opts Options) (*Document, error) {
	doc, text, err := DecodeBytes(data, opts)
	if err != nil {
		return nil, err
	}
	doc.Text = string(text)
	return doc, nil
}

// DecodeBytes is Decode for a caller that reads the text once, at once: it
// returns the text as bytes and leaves Document.Text empty. When data is
// already valid UTF-8 (most pages) the text is data itself, or the part after
// its byte order mark, so a large page is not copied; the caller must not
// change data while it uses the text, nor keep the text past that.
func DecodeBytes(data []byte, opts Options) (*Document, []byte, error) {
	if opts.Kind != "" && opts.Kind != HTML && opts.Kind != Text {
		return nil, nil, fmt.Errorf("decode: unknown kind %q: want %q or %q", opts.Kind, HTML, Text)
	}
	limit := opts.maxBytes()
	if int64(len(data)) > limit {
		return nil, nil, tooLarge(int64(len(data)), limit, "")
	}
	doc := &Document{}
	if isGzip(data) {
		var err error
		if data, err = gunzip(data, limit); err != nil {
			return nil, nil, err
		}
		doc.Gzipped = true
	}
	if len(data) == 0 {
		return nil, nil, fmt.Errorf("decode: %w", ErrEmpty)
	}
	if name := binaryFormat(data); name != "" {
		return nil, nil, fmt.Errorf("decode: input is %s: %w", name, ErrBinary)
	}
	text, err := decodeText(data, opts, doc)
	if err != nil {
		return nil, nil, err
	}
	if isBlank(text) {
		return nil, nil, fmt.Errorf("decode: only white space: %w", ErrEmpty)
	}
	doc.Kind = opts.Kind
	if doc.Kind == "" {
		doc.Kind = detectKind(text)
	}
	return doc, text, nil
}

// tooLarge builds the error for input over the cap, naming the cap and how to
// raise it. size is the input's size, or -1 when reading stopped at the cap;
// what says which bytes were too many ("" or "after gunzip").
func tooLarge(size, limit int64, what string) error {
	if what != "" {
		what = " " + what
	}
	sz := "more than the cap"
	if size >= 0 {
		sz = formatBytes(size)
	}
	return fmt.Errorf("decode: input%s is %s, over the %s cap (raise it with Options.MaxBytes or --max-bytes): %w",
		what, sz, formatBytes(limit), ErrTooLarge)
}

// formatBytes writes n in the largest binary unit that keeps it readable.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	default:
		return fmt.Sprintf("%d bytes", n)
	}
}

// isBlank reports whether s holds nothing but white space. It stops at the
// first other byte, so it costs nothing on real pages.
func isBlank(s []byte) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r', '\f', '\v':
		default:
			return false
		}
	}
	return true
}
