package decode

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
)

// maxGzipLayers is how many gzip layers are undone. Some servers and
// scrapers compress a page twice; more than that is not a page.
const maxGzipLayers = 2

// isGzip reports whether data starts with the gzip magic number and the
// deflate method byte.
func isGzip(data []byte) bool {
	return len(data) >= 3 && data[0] == 0x1f && data[1] == 0x8b && data[2] == 8
}

// gunzip undoes up to maxGzipLayers layers of gzip, reading at most limit bytes
// of output from each, so a gzip bomb stops at the cap.
func gunzip(data []byte, limit int64) ([]byte, error) {
	for layer := 0; layer < maxGzipLayers && isGzip(data); layer++ {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, gzipError(err)
		}
		// Most pages compress 4–10×; start there so the buffer rarely grows.
		guess := min(int64(len(data))*6, limit) + bytes.MinRead
		out := bytes.NewBuffer(make([]byte, 0, guess))
		n, err := out.ReadFrom(io.LimitReader(zr, limit+1))
		if err != nil {
			return nil, gzipError(err)
		}
		if n > limit {
			return nil, tooLarge(-1, limit, "after gunzip")
		}
		data = out.Bytes()
	}
	return data, nil
}

// gzipError names what went wrong with a gzip stream in the package's terms.
func gzipError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("decode: gzip stream ends early (file cut short?): %w", ErrTruncated)
	default:
		return fmt.Errorf("decode: %v: %w", err, ErrCorrupt)
	}
}

// ReadAll reads r to the end, or fails with ErrTooLarge as soon as more than
// limit bytes have come (0 or less means DefaultMaxBytes). It is the way to read
// a file, a response body or stdin for Decode without trusting its size.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	var buf bytes.Buffer
	// A file knows its size: read it into one buffer of the right size
	// instead of doubling a small one up to it.
	if f, ok := r.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
			buf.Grow(int(min(info.Size(), limit)) + bytes.MinRead)
		}
	}
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("decode: read: %w", err)
	}
	if n > limit {
		return nil, tooLarge(-1, limit, "")
	}
	return buf.Bytes(), nil
}
