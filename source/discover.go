package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"lede/decode"
	"lede/source/guard"
)

// pageSuffixes are the names of the files a directory is searched for.
var pageSuffixes = []string{".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz"}

// Discover turns one input as the user typed it into what it holds, calling
// yield for each: a file or "-" (stdin) is read and told apart by content —
// a WARC file gives a Page per HTML response record, a JSON Lines file a
// Page per record, a local feed or sitemap the Targets it lists, anything
// else is one Page; a directory gives the pages found in it (.html, .htm,
// .txt and their .gz, in sorted order); an http(s) URL gives one Target
// (MayList set: fetching it finds out whether it is a page, a feed or a
// sitemap). Discover does not fetch anything.
//
// A source that cannot be read (a missing file, a FIFO, bad gzip, a broken
// record) is yielded as a Page with Err, and Discover goes on. The error
// Discover returns is yield's, or ctx's when it is cancelled; nothing else.
func Discover(ctx context.Context, input string, opts Options, yield func(Found) error) error {
	d := discoverer{opts: opts.withDefaults(), yield: yield}
	return d.input(ctx, input)
}

type discoverer struct {
	opts  Options
	yield func(Found) error
}

func (d *discoverer) page(p Page) error { return d.yield(Found{Page: &p}) }

func (d *discoverer) fail(src string, err error) error {
	return d.page(Page{Source: src, Err: err})
}

func (d *discoverer) input(ctx context.Context, in string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if in == "-" {
		stdin := d.opts.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		return d.stream(ctx, "-", stdin, time.Now())
	}
	if strings.Contains(in, "://") {
		u, err := guard.CheckRawURL(in)
		if err != nil {
			return d.fail(in, err)
		}
		return d.yield(Found{Target: &Target{URL: u.String(), Source: in, MayList: true}})
	}
	info, err := os.Stat(in)
	if err != nil {
		return d.fail(in, err)
	}
	if info.IsDir() {
		return d.dir(ctx, in)
	}
	return d.file(ctx, in, info)
}

func (d *discoverer) dir(ctx context.Context, root string) error {
	return filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if cerr := ctx.Err(); cerr != nil {
			return cerr
		}
		if err != nil {
			if yerr := d.fail(path, err); yerr != nil {
				return yerr
			}
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() || !hasPageSuffix(e.Name()) {
			return nil
		}
		info, err := os.Stat(path) // follows a symbolic link
		if err != nil {
			return d.fail(path, err)
		}
		if !info.Mode().IsRegular() {
			d.opts.Logger.Warn("source: skipped, not a regular file", "path", path, "mode", info.Mode().Type().String())
			return nil
		}
		return d.file(ctx, path, info)
	})
}

func hasPageSuffix(name string) bool {
	lower := strings.ToLower(name)
	for _, s := range pageSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

func (d *discoverer) file(ctx context.Context, path string, info fs.FileInfo) error {
	if !info.Mode().IsRegular() {
		return d.fail(path, fmt.Errorf("%s (%s): skipped: %w", path, FileKind(info.Mode()), ErrNotRegular))
	}
	// O_NONBLOCK: should the path have become a FIFO since Stat, opening it
	// must not wait for a writer; the Stat of the open file then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return d.fail(path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return d.fail(path, err)
	}
	if !fi.Mode().IsRegular() {
		return d.fail(path, fmt.Errorf("%s (%s): skipped: %w", path, FileKind(fi.Mode()), ErrNotRegular))
	}
	return d.stream(ctx, path, f, fi.ModTime())
}

// stream reads one file's content (or stdin), decides what it is by its
// first bytes and hands it to the reader of that kind.
func (d *discoverer) stream(ctx context.Context, src string, r io.Reader, mod time.Time) error {
	br := bufio.NewReaderSize(r, sniffBytes)
	raw, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) {
		return d.fail(src, err)
	}
	k, format := sniffBody(raw)
	switch k {
	case kindWARC:
		return d.warc(ctx, src, br)
	case kindJSONL:
		return d.jsonl(ctx, src, br)
	case kindListing:
		body, err := decode.ReadAll(br, d.opts.MaxBytes)
		if err == nil {
			body, err = gunzip(body, d.opts.MaxBytes)
		}
		if err != nil {
			return d.fail(src, fmt.Errorf("%s: %w", src, err))
		}
		l, err := parseListing(body, format, "", src, 0, d.opts.Since)
		if err != nil {
			return d.fail(src, fmt.Errorf("%s: %w", src, err))
		}
		for i := range l.Targets {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := d.yield(Found{Target: &l.Targets[i]}); err != nil {
				return err
			}
		}
		return nil
	}
	body, err := decode.ReadAll(br, d.opts.MaxBytes)
	if err != nil {
		return d.fail(src, fmt.Errorf("%s: %w", src, err))
	}
	return d.page(Page{Source: src, FetchedAt: mod, Body: body})
}

// withDefaults fills the zero fields of o. It is idempotent: "none" stays
// negative (Delay, Retries) and is read as zero where used.
func (o Options) withDefaults() Options {
	if o.Delay == 0 {
		o.Delay = DefaultDelay
	}
	if o.PerHost <= 0 {
		o.PerHost = 1
	}
	if o.PerHost > 2 {
		o.PerHost = 2
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = decode.DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = guard.DefaultMaxRedirects
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	}
	if o.RetryWait <= 0 {
		o.RetryWait = DefaultRetryWait
	}
	if o.MaxRetryWait <= 0 {
		o.MaxRetryWait = DefaultMaxRetryWait
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = DefaultMaxCrawlDelay
	}
	if o.UserAgent == "" {
		o.UserAgent = UserAgent
	}
	if o.MaxLineBytes <= 0 {
		o.MaxLineBytes = int(2*o.MaxBytes) + 64<<10
	}
	if o.MaxListingDepth <= 0 {
		o.MaxListingDepth = DefaultMaxListingDepth
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return o
}
