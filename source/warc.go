package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"regexp"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"lede/decode"
	"lede/source/guard"
)

// warcMemBytes is how much of one record gowarc holds in memory; a larger
// record spills to a temporary file.
const warcMemBytes = 4 << 20

// warc reads a WARC file, plain or gzipped, and yields a Page for every
// response record with an HTML body. Both gzip layouts are read: one member
// per record (as crawlers write) and one member for the whole file. A broken
// record or gzip member is yielded as a Page with Err and reading goes on
// at the next record or member.
//
// A record's Source is "file#offset": for a gzipped file the offset of its
// gzip member, "+n" added when it is not the member's first record (n bytes
// into the member's decompressed data); for a plain file the record's own
// offset.
func (d *discoverer) warc(ctx context.Context, src string, br *bufio.Reader) error {
	magic, _ := br.Peek(2)
	if !isGzip(magic) {
		return d.warcStream(ctx, src, br, func(off int64) string { return fmt.Sprintf("%s#%d", src, off) })
	}
	cr := &countingReader{r: br}
	zbr := bufio.NewReaderSize(cr, 64<<10)
	pos := func() int64 { return cr.n - int64(zbr.Buffered()) }
	var zr *gzip.Reader
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		start := pos()
		head, err := zbr.Peek(2)
		if len(head) == 0 && errors.Is(err, io.EOF) {
			return nil
		}
		if !isGzip(head) {
			skipped, err := skipToGzip(zbr)
			werr := fmt.Errorf("%s#%d: %w: %d bytes that are not a gzip member skipped", src, start, ErrRecord, skipped)
			if yerr := d.fail(fmt.Sprintf("%s#%d", src, start), werr); yerr != nil {
				return yerr
			}
			if err != nil {
				return nil // end of file
			}
			continue
		}
		if zr == nil {
			zr, err = gzip.NewReader(zbr)
		} else {
			err = zr.Reset(zbr)
		}
		if err != nil {
			if yerr := d.fail(fmt.Sprintf("%s#%d", src, start), fmt.Errorf("%s#%d: bad gzip: %w", src, start, err)); yerr != nil {
				return yerr
			}
			if _, err := zbr.Discard(1); err != nil {
				return nil
			}
			continue
		}
		zr.Multistream(false)
		name := func(off int64) string {
			if off == 0 {
				return fmt.Sprintf("%s#%d", src, start)
			}
			return fmt.Sprintf("%s#%d+%d", src, start, off)
		}
		if err := d.warcStream(ctx, src, zr, name); err != nil {
			return err
		}
		// Drain what the records left (the gzip trailer, or the rest after a
		// broken record); a corrupt member ends here and the scan goes on
		// at the next member.
		if _, err := io.Copy(io.Discard, zr); err != nil {
			if yerr := d.fail(name(0), fmt.Errorf("%s: bad gzip: %w", name(0), err)); yerr != nil {
				return yerr
			}
			if pos() == start {
				if _, err := zbr.Discard(1); err != nil {
					return nil
				}
			}
		}
	}
}

// skipToGzip discards bytes up to the next gzip magic; it returns how many.
func skipToGzip(r *bufio.Reader) (int64, error) {
	var n int64
	for {
		b, err := r.Peek(2)
		if len(b) < 2 {
			if len(b) == 1 {
				r.Discard(1)
				n++
			}
			if err == nil {
				err = io.EOF
			}
			return n, err
		}
		if isGzip(b) {
			return n, nil
		}
		r.Discard(1)
		n++
	}
}

// warcStream reads the records of one uncompressed WARC stream.
func (d *discoverer) warcStream(ctx context.Context, src string, r io.Reader, name func(int64) string) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0, gowarc.WithBufferMaxMemBytes(warcMemBytes))
	if err != nil {
		return d.fail(name(0), fmt.Errorf("%s: %w", name(0), err))
	}
	defer wr.Close()
	lastEnd := int64(-1)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			return nil
		}
		if err != nil {
			rec.Close()
			end := rec.Offset + rec.Size
			if yerr := d.fail(name(rec.Offset), fmt.Errorf("%s: %w: %w", name(rec.Offset), ErrRecord, readError(err))); yerr != nil {
				return yerr
			}
			if end <= lastEnd || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gowarc.ErrNoRecord) || isGzipError(err) {
				return nil // no progress: the stream is spent
			}
			lastEnd = end
			continue
		}
		lastEnd = rec.Offset + rec.Size
		p, ok := warcPage(rec, name(rec.Offset), d.opts.MaxBytes)
		_, isHTTP := rec.WarcRecord.Block().(gowarc.HttpResponseBlock)
		// a response (or a record of no known type) the parser found faults
		// in and that could not be read as an HTTP response: report it; a
		// readable response that is not an HTML page is skipped, faults or not
		broken := !ok && !isHTTP && len(rec.Validation) > 0 && mayBeResponse(rec.WarcRecord.Type())
		rec.Close()
		if broken {
			p = Page{Source: name(rec.Offset), Err: fmt.Errorf("%s: %w: %w", name(rec.Offset), ErrRecord, joinFindings(rec.Validation))}
		} else if !ok {
			continue
		}
		if err := d.page(p); err != nil {
			return err
		}
	}
}

// bracketedTargetURIFinding is how gowarc reports a WARC-Target-URI it
// could not parse, which it then drops from the header.
var bracketedTargetURIFinding = regexp.MustCompile(`Url: '<([^'<>\s]+)>' at header WARC-Target-URI`)

// bracketedTargetURI recovers a WARC-Target-URI written in angle brackets,
// as the WARC 1.0 grammar had it and GNU wget wrote it: gowarc refuses the
// form and leaves the field empty, saying what it saw in its findings.
func bracketedTargetURI(findings []error) string {
	for _, f := range findings {
		if m := bracketedTargetURIFinding.FindStringSubmatch(f.Error()); m != nil {
			return m[1]
		}
	}
	return ""
}

// joinFindings puts a record's validation findings on one line.
func joinFindings(errs []error) error {
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		msgs = append(msgs, strings.TrimPrefix(e.Error(), "gowarc: "))
	}
	return errors.New(strings.Join(msgs, "; "))
}

// mayBeResponse reports whether a record type may be a response: Response
// itself, or no known type (a garbled WARC-Type).
func mayBeResponse(t gowarc.RecordType) bool {
	switch t {
	case gowarc.Warcinfo, gowarc.Request, gowarc.Metadata, gowarc.Revisit, gowarc.Resource, gowarc.Conversion, gowarc.Continuation:
		return false
	}
	return true
}

func isGzipError(err error) bool {
	return errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader)
}

// warcPage makes the Page of a response record with an HTML body; ok is
// false for every other record (requests, metadata, images, redirects).
func warcPage(rec gowarc.Record, where string, maxBytes int64) (Page, bool) {
	wrec := rec.WarcRecord
	if wrec.Type() != gowarc.Response {
		return Page{}, false
	}
	block, ok := wrec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return Page{}, false // a response that is not HTTP (dns:, a bare resource)
	}
	if code := block.HttpStatusCode(); code < 200 || code > 299 {
		return Page{}, false
	}
	p := Page{
		URL:    strings.Trim(strings.TrimSpace(wrec.WarcHeader().Get(gowarc.WarcTargetURI)), "<>"),
		Source: where,
	}
	if p.URL == "" {
		p.URL = bracketedTargetURI(rec.Validation)
	}
	if date, err := wrec.Date(); err == nil {
		p.FetchedAt = date
	}
	var header http.Header
	if h := block.HttpHeader(); h != nil {
		header = *h
	}
	p.ContentType = header.Get("Content-Type")
	payload, err := block.PayloadBytes()
	if err != nil {
		p.Err = fmt.Errorf("%s: %w: %w", where, ErrRecord, err)
		return p, true
	}
	if strings.EqualFold(strings.TrimSpace(header.Get("Transfer-Encoding")), "chunked") {
		payload = httputil.NewChunkedReader(payload)
	}
	body, err := decode.ReadAll(payload, maxBytes)
	if err != nil {
		p.Err = fmt.Errorf("%s: %w", where, err)
		return p, true
	}
	if !isHTML(p.ContentType, body) {
		return Page{}, false
	}
	if p.URL != "" {
		if _, err := guard.CheckRawURL(p.URL); err != nil {
			p.Err = fmt.Errorf("%s: %w: WARC-Target-URI: %w", where, ErrRecord, err)
			return p, true
		}
	}
	p.Body = body
	return p, true
}

// isHTML tells an HTML body by its declared type, or by sniffing when none
// is declared.
func isHTML(contentType string, body []byte) bool {
	if contentType == "" {
		contentType = http.DetectContentType(gunzipHead(body, 512))
		if !strings.HasPrefix(contentType, "text/html") && bytes.Contains(bytes.ToLower(gunzipHead(body, 1024)), []byte("<html")) {
			return true
		}
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
