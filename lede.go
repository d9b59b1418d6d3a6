// Package lede turns news pages into clean, structured articles.
//
// Give it the bytes of a web page or of a scraped text file, a path, or a URL;
// it decodes them (gzip, character encoding, HTML or plain text), extracts the
// article (title, byline, dates, body blocks, images, related links) and, when
// asked, analyses what the article says (sentences, entities, quotes):
//
//	a, err := lede.ExtractFile(ctx, "page.html.gz", lede.Options{Analyze: true})
//	if err != nil {
//		return err
//	}
//	fmt.Println(a.Title)
//	fmt.Print(article.RenderMarkdown(a))
//
// Bad input fails with an error that wraps one of the decode package's
// sentinels (decode.ErrEmpty, decode.ErrBinary, decode.ErrTooLarge,
// decode.ErrTruncated, decode.ErrCorrupt), ErrNotRegular for a path that is
// a pipe or a device, ErrTimeout when Options.Timeout passes, or ErrHTTPStatus,
// ErrTooManyRedirects and guard.ErrPrivateAddress for a fetch.
//
// One call's work (fetch, decoding, extraction, analysis) is bounded by ctx
// and by Options.Timeout, checked between the stages and inside their long
// loops, so a hostile page cannot hold a worker past its deadline.
package lede

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"time"

	"lede/analyze"
	"lede/article"
	"lede/decode"
	"lede/extract"
	"lede/language"
	"lede/source/guard"
	"lede/textclean"
)

// Version is lede's version, as `lede version` prints it and the User-Agent
// sends it.
const Version = "0.1.0"

// UserAgent is what ExtractURL says it is: an honest name with a link, so a
// site owner can find out who is fetching.
const UserAgent = "lede/0.1 (+https://github.com/lede)"

// Limits of one call.
const (
	// DefaultTimeout bounds the whole of an ExtractURL call (connect,
	// redirects, body, then decoding, extraction and analysis) when
	// Options.Timeout is 0.
	DefaultTimeout = 30 * time.Second
	// MaxRedirects is how many redirects a fetch follows; news sites chain
	// two or three (http→https, www, a tracking hop), more is a loop.
	MaxRedirects = 5
)

// Input kinds for Options.Input.
const (
	InputAuto = "auto"
	InputHTML = "html"
	InputText = "text"
)

// Errors of this package; test for them with errors.Is.
var (
	ErrHTTPStatus = errors.New("HTTP status not OK")
	// ErrTooManyRedirects is the guard's: one sentinel for every fetch.
	ErrTooManyRedirects = guard.ErrTooManyRedirects
	ErrBadInputKind     = errors.New(`input kind must be "auto", "html" or "text"`)
	// ErrTimeout is wrapped when Options.Timeout passes before the work of
	// one input is done; the error names the stage it stopped in.
	ErrTimeout = errors.New("time limit passed")
	// ErrNotRegular is wrapped when a path names a pipe, a device or a
	// socket: reading one could block for ever.
	ErrNotRegular = errors.New("not a regular file")
	// ErrNoBody is the warning an Article without a body carries; the
	// command fails such an input with it.
	ErrNoBody = errors.New("no body found")
)

// Options tune extraction. The zero value detects the input kind, keeps
// tables, leaves out reader comments and does not analyse.
type Options struct {
	URL          string // the page's address, to resolve relative links; ExtractURL sets it
	Input        string // InputAuto (or ""), InputHTML or InputText
	KeepComments bool   // keep reader comments below the article
	DropTables   bool   // leave data tables out of the body (kept by default)
	Analyze      bool   // also find sentences, entities and quotes
	// MaxBytes caps the input, before and after gzip; 0 means
	// decode.DefaultMaxBytes (16 MiB).
	MaxBytes int64
	// ContentType is the HTTP Content-Type the bytes came with, if any; its
	// charset is trusted after a byte order mark. ExtractURL sets it.
	ContentType string
	// Timeout bounds the whole of one call's work: the fetch, decoding,
	// extraction and analysis. 0 means DefaultTimeout for ExtractURL, and
	// no limit but ctx's for Extract and ExtractFile.
	Timeout time.Duration
	// AllowPrivate lets ExtractURL reach loopback, private, link-local and
	// other non-public addresses, which the guard (package source/guard)
	// refuses by default, after DNS and on every redirect.
	AllowPrivate bool
	// Client makes ExtractURL's request; nil means guard.Client: the
	// private-address guard (unless AllowPrivate), Timeout and the
	// MaxRedirects cap. A caller's client keeps its own dialer and redirect
	// policy: guarding it is the caller's part.
	Client *http.Client
}

// withTimeout bounds ctx by timeout (none when it is 0 or less); when the
// time passes, context.Cause is an error wrapping ErrTimeout.
func withTimeout(ctx context.Context, timeout time.Duration) (context.Context, context.CancelFunc) {
	if timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeoutCause(ctx, timeout, fmt.Errorf("%w: %v for one input", ErrTimeout, timeout))
}

// stopped reports, once ctx is done, why, naming the stage the work stopped
// in: "extract: time limit passed: 5s for one input".
func stopped(ctx context.Context, stage string) error {
	if ctx.Err() == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", stage, context.Cause(ctx))
}

// Extract turns the bytes of a page or a scraped text into an Article. A page
// without an article body gives an Article with the warning "no body found"
// (ErrNoBody's text), not an error.
func Extract(ctx context.Context, data []byte, opts Options) (*article.Article, error) {
	ctx, cancel := withTimeout(ctx, opts.Timeout)
	defer cancel()
	return extractBytes(ctx, data, opts)
}

// extractBytes is Extract under a deadline already set.
func extractBytes(ctx context.Context, data []byte, opts Options) (*article.Article, error) {
	kind, err := inputKind(opts.Input)
	if err != nil {
		return nil, err
	}
	if err := stopped(ctx, "decode"); err != nil {
		return nil, err
	}
	// The text is read once, here: DecodeBytes spares a copy of the page.
	doc, text, err := decode.DecodeBytes(data, decode.Options{ContentType: opts.ContentType, Kind: kind, MaxBytes: opts.MaxBytes})
	if err != nil {
		return nil, err
	}
	if err := stopped(ctx, "extract"); err != nil {
		return nil, err
	}
	var a *article.Article
	switch doc.Kind {
	case decode.HTML:
		a, err = extract.FromHTMLBytes(ctx, text, extract.Options{URL: opts.URL, KeepComments: opts.KeepComments, DropTables: opts.DropTables})
	default:
		// The text mode keeps pieces of its input in the Article: it gets a
		// string of its own.
		a, err = textclean.FromText(ctx, string(text), textclean.Options{})
	}
	if err != nil {
		if serr := stopped(ctx, "extract"); serr != nil {
			return nil, serr
		}
		return nil, fmt.Errorf("extract: %w", err)
	}
	if a.URL == "" {
		a.URL = article.SafePage(opts.URL)
	}
	// Pages mis-declare their language (templates say "en" on every page):
	// the text decides, and the declaration stands where the text agrees.
	a.Language = language.Detect(a.Title+"\n"+a.Text(), a.Language)
	noteBody(a)
	if opts.Analyze {
		if err := stopped(ctx, "analyze"); err != nil {
			return nil, err
		}
		if err := Analyze(ctx, a); err != nil {
			if serr := stopped(ctx, "analyze"); serr != nil {
				return nil, serr
			}
			return nil, err
		}
	}
	return a, nil
}

// noteBody adds the warning ErrNoBody says when the article has no body:
// the command fails such an input, a pipeline can read why.
func noteBody(a *article.Article) {
	if len(a.Blocks) == 0 && !slices.Contains(a.Warnings, ErrNoBody.Error()) {
		a.Warnings = append(a.Warnings, ErrNoBody.Error())
	}
}

// ExtractFile reads a file (gzipped or not: the bytes tell) and extracts its
// article. A path that names a pipe, a device or a socket fails with
// ErrNotRegular without waiting on it.
func ExtractFile(ctx context.Context, path string, opts Options) (*article.Article, error) {
	ctx, cancel := withTimeout(ctx, opts.Timeout)
	defer cancel()
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := decode.ReadAll(f, opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a, err := extractBytes(ctx, data, opts)
	if err != nil {
		return a, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

// ExtractURL fetches an http or https URL and extracts its article. The fetch
// goes through the private-address guard unless Options.AllowPrivate, is
// bounded by MaxRedirects and Options.MaxBytes, and says who it is with
// UserAgent; Options.Timeout (DefaultTimeout when 0) bounds the whole call.
// Unless Options.URL is set, the address after redirects is the base for
// relative links.
func ExtractURL(ctx context.Context, rawURL string, opts Options) (*article.Article, error) {
	u, err := guard.CheckRawURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := withTimeout(ctx, timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	client := opts.Client
	if client == nil {
		client = guard.Client(opts.AllowPrivate, timeout, MaxRedirects)
	}
	resp, err := client.Do(req)
	if err != nil {
		if serr := stopped(ctx, "fetch"); serr != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, serr)
		}
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %s: %w", rawURL, resp.Status, ErrHTTPStatus)
	}
	data, err := decode.ReadAll(resp.Body, opts.MaxBytes)
	if err != nil {
		if serr := stopped(ctx, "fetch"); serr != nil {
			return nil, fmt.Errorf("fetch %s: %w", rawURL, serr)
		}
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if opts.URL == "" {
		opts.URL = resp.Request.URL.String()
	}
	if opts.ContentType == "" {
		opts.ContentType = resp.Header.Get("Content-Type")
	}
	a, err := extractBytes(ctx, data, opts)
	if err != nil {
		return a, fmt.Errorf("%s: %w", rawURL, err)
	}
	return a, nil
}

// Analyze adds sentences, entities and quotes to an extracted article.
func Analyze(ctx context.Context, a *article.Article) error {
	if err := analyze.Article(ctx, a, analyze.Options{}); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// inputKind maps Options.Input to the kind decode should force, if any.
func inputKind(input string) (decode.Kind, error) {
	switch input {
	case "", InputAuto:
		return "", nil
	case InputHTML:
		return decode.HTML, nil
	case InputText:
		return decode.Text, nil
	}
	return "", fmt.Errorf("%q: %w", input, ErrBadInputKind)
}

// fileKind names what a non-regular file is, for the error that refuses it.
// (source.FileKind says the same for ingest; the Go API keeps its own so
// that extraction does not depend on the input package.)
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a file"
}
