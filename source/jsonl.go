package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"lede/source/guard"
)

// jsonlRecord is one line of a JSON Lines input: how other pipelines hand
// pages to lede.
type jsonlRecord struct {
	URL       string  `json:"url"`
	HTML      *string `json:"html"`
	Text      *string `json:"text"`
	Published string  `json:"published"`
	Title     string  `json:"title"`
	SiteName  string  `json:"site_name"`
	Language  string  `json:"language"`
}

// jsonl reads JSON Lines records from r (gzipped or not), one Page each. A
// bad line is a Page with Err and the next line goes on; a line longer
// than Options.MaxLineBytes is skipped without being held in memory.
func (d *discoverer) jsonl(ctx context.Context, src string, r *bufio.Reader) error {
	var in io.Reader = r
	if magic, _ := r.Peek(2); isGzip(magic) {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return d.fail(src, fmt.Errorf("%s: bad gzip: %w", src, err))
		}
		defer zr.Close()
		in = zr
	}
	lines := newLineReader(in, d.opts.MaxLineBytes)
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := lines.next()
		where := fmt.Sprintf("%s:%d", src, n)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if errors.Is(err, errLineTooLong) {
			if yerr := d.fail(where, fmt.Errorf("%s: %w: %w", where, ErrRecord, err)); yerr != nil {
				return yerr
			}
			continue
		}
		if err != nil {
			// a read error (bad gzip, truncated file) ends this source
			return d.fail(where, fmt.Errorf("%s: %w", where, readError(err)))
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a UTF-8 BOM written by some editors
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if err := d.page(jsonlPage(line, where, d.opts)); err != nil {
			return err
		}
	}
}

// jsonlPage turns one record into its Page (Err set when it is unusable).
func jsonlPage(line []byte, where string, opts Options) Page {
	p := Page{Source: where}
	var rec jsonlRecord
	if err := json.Unmarshal(line, &rec); err != nil {
		p.Err = fmt.Errorf("%s: %w: %w", where, ErrRecord, err)
		return p
	}
	if u := strings.TrimSpace(rec.URL); u != "" {
		parsed, err := guard.CheckRawURL(u)
		if err != nil {
			p.Err = fmt.Errorf("%s: %w: url: %w", where, ErrRecord, err)
			return p
		}
		p.URL = parsed.String()
	}
	switch {
	case rec.HTML != nil && strings.TrimSpace(*rec.HTML) != "":
		p.Body, p.Kind, p.ContentType = []byte(*rec.HTML), "html", "text/html; charset=utf-8"
	case rec.Text != nil && strings.TrimSpace(*rec.Text) != "":
		p.Body, p.Kind, p.ContentType = []byte(*rec.Text), "text", "text/plain; charset=utf-8"
	default:
		p.Err = fmt.Errorf("%s: %w: neither \"html\" nor \"text\" has content", where, ErrRecord)
		return p
	}
	if int64(len(p.Body)) > opts.MaxBytes {
		p.Err = fmt.Errorf("%s: %w: page of %d bytes over the %d-byte cap", where, ErrRecord, len(p.Body), opts.MaxBytes)
		p.Body = nil
		return p
	}
	p.Override = Override{
		Published: strings.TrimSpace(rec.Published),
		Title:     strings.TrimSpace(rec.Title),
		SiteName:  strings.TrimSpace(rec.SiteName),
		Language:  strings.TrimSpace(rec.Language),
	}
	return p
}

var errLineTooLong = errors.New("line too long")

// lineReader reads lines of at most max bytes; a longer line is drained
// and reported with errLineTooLong, so memory stays bounded by max.
type lineReader struct {
	r   *bufio.Reader
	max int
	buf []byte
}

func newLineReader(r io.Reader, max int) *lineReader {
	return &lineReader{r: bufio.NewReaderSize(r, 64<<10), max: max}
}

func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > l.max {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		switch {
		case err == nil:
			if tooLong {
				return nil, fmt.Errorf("%w (over %d bytes)", errLineTooLong, l.max)
			}
			return l.buf, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if tooLong {
				return nil, fmt.Errorf("%w (over %d bytes)", errLineTooLong, l.max)
			}
			if len(l.buf) > 0 {
				return l.buf, nil
			}
			return nil, io.EOF
		default:
			return nil, err
		}
	}
}

// readError names a failure of the underlying stream for a person.
func readError(err error) error {
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("bad gzip or truncated file: %w", err)
	}
	return err
}
