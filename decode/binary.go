package decode

import "bytes"

// binaryMagic lists the file signatures of formats people feed to a page
// extractor by mistake (a saved image, a PDF, an archive, a program). They are
// refused by name, so the error says what the file is. Offset is where the
// signature starts. Each signature is long enough not to begin a real text.
var binaryMagic = []struct {
	name   string
	offset int
	magic  string
}{
	{"a PNG image", 0, "\x89PNG\r\n\x1a\n"},
	{"a JPEG image", 0, "\xff\xd8\xff"},
	{"a GIF image", 0, "GIF87a"},
	{"a GIF image", 0, "GIF89a"},
	{"a WebP image", 8, "WEBP"}, // after "RIFF" and a length
	{"a PDF document", 0, "%PDF-"},
	{"a ZIP archive (or Office document)", 0, "PK\x03\x04"},
	{"an empty ZIP archive", 0, "PK\x05\x06"},
	{"a bzip2 stream", 0, "BZh91AY&SY"},
	{"an xz stream", 0, "\xfd7zXZ\x00"},
	{"a zstd stream", 0, "\x28\xb5\x2f\xfd"},
	{"a 7-Zip archive", 0, "7z\xbc\xaf\x27\x1c"},
	{"an ELF program", 0, "\x7fELF"},
	{"a WebAssembly module", 0, "\x00asm"},
	{"an MP4 or QuickTime video", 4, "ftyp"},
	{"an Ogg stream", 0, "OggS"},
}

// sniffWindow is how much of the input the control-character count reads:
// binary formats show themselves in their first kilobytes, and a fixed window
// keeps the cost flat on large pages.
const sniffWindow = 16 << 10

// binaryFormat names the binary format data is in, or returns "" for what may
// be text. After the signatures it counts control bytes: text has almost
// none (tab, newlines and form feed aside), random or packed data has about
// one in ten. UTF-16 text is full of NULs by design, so bytes that look like
// UTF-16 are left to the charset step.
func binaryFormat(data []byte) string {
	for _, m := range binaryMagic {
		if len(data) >= m.offset+len(m.magic) && string(data[m.offset:m.offset+len(m.magic)]) == m.magic {
			if m.name == "a WebP image" && !bytes.HasPrefix(data, []byte("RIFF")) {
				continue
			}
			return m.name
		}
	}
	sample := data[:min(len(data), sniffWindow)]
	if utf16Order(sample) != "" || hasUTF16BOM(sample) {
		return "" // decodeAs checks the decoded text instead
	}
	if controlHeavy(sample) {
		return "binary data (control bytes)"
	}
	return ""
}

// controlHeavy reports whether sample has more NUL bytes or other control
// bytes than text ever does: more than 1 NUL in 100 bytes, or more than 1
// control byte in 20. ESC is not counted: ISO-2022-JP text uses it.
func controlHeavy(sample []byte) bool {
	nul, ctl := 0, 0
	for _, c := range sample {
		switch {
		case c == 0:
			nul++
			ctl++
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b, c == 0x7f:
			ctl++
		}
	}
	return nul*100 > len(sample) || ctl*20 > len(sample)
}
