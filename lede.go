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
// decode.ErrTruncated, decode.ErrCorrupt), or ErrHTTPStatus and
// ErrTooManyRedirects for a fetch.
package lede

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"lede/analyze"
	"lede/article"
	"lede/decode"
	"lede/extract"
	"lede/textclean"
)

// Version is lede's version, as `lede version` prints it and the User-Agent
// sends it.
const Version = "0.1.0"

// UserAgent is what ExtractURL says it is: an honest name with a link, so a
// site owner can find out who is fetching.
const UserAgent = "lede/0.1 (+https://github.com/lede)"

// Fetch limits for ExtractURL.
const (
	// DefaultTimeout bounds a whole fetch: connect, redirects and body.
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
	ErrHTTPStatus       = errors.New("HTTP status not OK")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrBadInputKind     = errors.New(`input kind must be "auto", "html" or "text"`)
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
	// Timeout bounds ExtractURL; 0 means DefaultTimeout.
	Timeout time.Duration
	// Client makes ExtractURL's request; nil means a client with Timeout and
	// the MaxRedirects cap. A caller's client keeps its own redirect policy.
	Client *http.Client
}

// Extract turns the bytes of a page or a scraped text into an Article.
func Extract(ctx context.Context, data []byte, opts Options) (*article.Article, error) {
	kind, err := inputKind(opts.Input)
	if err != nil {
		return nil, err
	}
	// The text is read once, here: DecodeBytes spares a copy of the page.
	doc, text, err := decode.DecodeBytes(data, decode.Options{ContentType: opts.ContentType, Kind: kind, MaxBytes: opts.MaxBytes})
	if err != nil {
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
		return nil, fmt.Errorf("extract: %w", err)
	}
	if a.URL == "" {
		a.URL = opts.URL
	}
	if opts.Analyze {
		if err := Analyze(ctx, a); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// ExtractFile reads a file (gzipped or not: the bytes tell) and extracts its
// article. The Article's Input is the path.
func ExtractFile(ctx context.Context, path string, opts Options) (*article.Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := decode.ReadAll(f, opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a, err := Extract(ctx, data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	a.Input = path
	return a, nil
}

// ExtractURL fetches an http or https URL and extracts its article. The fetch
// is bounded by Options.Timeout, MaxRedirects and Options.MaxBytes, and says
// who it is with UserAgent. Unless Options.URL is set, the address after
// redirects is the base for relative links. The Article's Input is rawURL.
func ExtractURL(ctx context.Context, rawURL string, opts Options) (*article.Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: only http and https URLs can be fetched", rawURL)
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5")
	client := opts.Client
	if client == nil {
		client = &http.Client{Timeout: timeout, CheckRedirect: capRedirects}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("fetch %s: %s: %w", rawURL, resp.Status, ErrHTTPStatus)
	}
	data, err := decode.ReadAll(resp.Body, opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	if opts.URL == "" {
		opts.URL = resp.Request.URL.String()
	}
	if opts.ContentType == "" {
		opts.ContentType = resp.Header.Get("Content-Type")
	}
	a, err := Extract(ctx, data, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	a.Input = rawURL
	return a, nil
}

// Analyze adds sentences, entities and quotes to an extracted article.
func Analyze(ctx context.Context, a *article.Article) error {
	if err := analyze.Article(ctx, a, analyze.Options{}); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	return nil
}

// capRedirects stops a fetch after MaxRedirects redirects.
func capRedirects(req *http.Request, via []*http.Request) error {
	if len(via) > MaxRedirects {
		return fmt.Errorf("after %d redirects: %w", MaxRedirects, ErrTooManyRedirects)
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
