package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"lede/decode"
	"lede/source/guard"
)

// robotsMaxBytes is how much of a robots.txt is read; RFC 9309 asks
// crawlers to parse at least 500 KiB.
const robotsMaxBytes = 512 << 10

// How long a robots.txt answer is kept: a day for a file (RFC 9309 section
// 2.4), a few minutes for a failure so a server back up is read again.
const (
	robotsTTL        = 24 * time.Hour
	robotsFailureTTL = 5 * time.Minute
)

// Fetcher fetches Targets politely and safely: robots.txt read once per
// host and honoured (its Crawl-delay too), at most Options.PerHost requests
// at a time per host with Options.Delay between their starts, conditional
// GET through Options.Validators, retries with backoff on 429 and 5xx, the
// size and time caps, and the private-address guard on every connection.
// One Fetcher is safe for concurrent use and should be shared by all the
// workers of a run, so that its per-host limits hold across them.
type Fetcher struct {
	opts   Options
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*host
}

// host is what the Fetcher knows of one scheme://host:port.
type host struct {
	slots chan struct{} // one token per request in flight

	mu    sync.Mutex
	last  time.Time // start of the latest request (maybe in the future: booked)
	count int       // requests booked so far

	robotsMu      sync.Mutex // held while robots.txt is fetched
	robots        *robotstxt.RobotsData
	robotsErr     error // why robots.txt could not be read (then all is refused)
	robotsExpires time.Time
	crawlDelay    time.Duration // guarded by mu, read by acquire
}

func (h *host) setCrawlDelay(d time.Duration) {
	h.mu.Lock()
	h.crawlDelay = d
	h.mu.Unlock()
}

// NewFetcher returns a Fetcher with opts (zero fields take their defaults).
func NewFetcher(opts Options) *Fetcher {
	opts = opts.withDefaults()
	return &Fetcher{
		opts: opts,
		client: &http.Client{
			Transport: guard.Transport(opts.AllowPrivate),
			// Fetch follows redirects itself, hop by hop
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		hosts: make(map[string]*host),
	}
}

// Close releases the Fetcher's idle connections.
func (f *Fetcher) Close() { f.client.CloseIdleConnections() }

func (f *Fetcher) host(u *url.URL) *host {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hosts[key]
	if h == nil {
		h = &host{slots: make(chan struct{}, f.opts.PerHost)}
		f.hosts[key] = h
	}
	return h
}

// Fetch fetches t and returns its Page: Body and ContentType as served,
// URL after redirects, FetchedAt, the Validator for a later conditional
// GET, t's Listed hints; Listing when t.MayList and the body is a feed or
// sitemap; NotModified on a 304. A failure is a Page with Err: a URL the
// guard refuses, a robots.txt refusal (ErrRobots, no request made), an
// error status (*StatusError) after the retries, a network error, a body
// over the size cap, a listing that does not parse (ErrListing).
func (f *Fetcher) Fetch(ctx context.Context, t Target) Page {
	p := Page{URL: t.URL, Source: t.URL, Listed: t.Listed}
	u, err := guard.CheckRawURL(t.URL)
	if err != nil {
		p.Err = err
		return p
	}
	// Redirects are followed here, not by the HTTP client, so that every
	// hop passes the scheme allow-list, robots.txt of its host and that
	// host's politeness limits (the guard checks each hop's address as it
	// dials).
	var resp *http.Response
	var body []byte
	var v Validator
	for hop := 0; ; hop++ {
		h := f.host(u)
		if err := f.checkRobots(ctx, h, u); err != nil {
			p.Err = err
			return p
		}
		v = f.validator(ctx, u.String())
		resp, body, err = f.get(ctx, h, u, v)
		if err != nil {
			p.Err = err
			return p
		}
		loc := resp.Header.Get("Location")
		if !isRedirect(resp.StatusCode) || loc == "" {
			break
		}
		if hop >= f.opts.MaxRedirects {
			p.Err = fmt.Errorf("GET %s: stopped after %d redirects: %w", t.URL, hop, guard.ErrTooManyRedirects)
			return p
		}
		next, err := u.Parse(loc)
		if err == nil {
			err = guard.CheckURL(next)
		}
		if err != nil {
			p.Err = fmt.Errorf("GET %s: redirect to %q: %w", u.Redacted(), loc, err)
			return p
		}
		u = next
	}
	if resp.StatusCode >= 300 && resp.StatusCode != http.StatusNotModified {
		p.Err = fmt.Errorf("GET %s: %w", u.Redacted(), &StatusError{Code: resp.StatusCode, Status: statusText(resp)})
		return p
	}
	p.URL = u.String()
	p.FetchedAt = time.Now().UTC()
	p.ContentType = resp.Header.Get("Content-Type")
	p.Validator = Validator{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		p.NotModified = true
		p.Validator = v
		return p
	}
	p.Body = body
	if t.MayList && t.Depth < f.opts.MaxListingDepth {
		p.Listing, p.Err = f.listing(p, t)
	}
	return p
}

// validator returns what Options.Validators kept for url: the validators
// of the URL a page was stored under, the final one after redirects.
func (f *Fetcher) validator(ctx context.Context, url string) Validator {
	if f.opts.Validators == nil {
		return Validator{}
	}
	v, err := f.opts.Validators.Validator(ctx, url)
	if err != nil {
		f.opts.Logger.Warn("source: validators unreadable, fetching in full", "url", url, "err", err)
		return Validator{}
	}
	return v
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// listing returns the Listing of a fetched body that is a feed or sitemap,
// nil for a page.
func (f *Fetcher) listing(p Page, t Target) (*Listing, error) {
	k, format := sniffBody(p.Body)
	if k != kindListing {
		return nil, nil
	}
	body, err := gunzip(p.Body, f.opts.MaxBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	l, err := parseListing(body, format, p.URL, p.URL, t.Depth, f.opts.Since)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p.URL, err)
	}
	return l, nil
}

// get sends GET u (conditional on v) and reads the body, retrying on 429,
// 5xx and network failures.
func (f *Fetcher) get(ctx context.Context, h *host, u *url.URL, v Validator) (*http.Response, []byte, error) {
	for attempt := 0; ; attempt++ {
		resp, body, err := f.once(ctx, h, u, v)
		if err == nil && resp.StatusCode < 400 {
			return resp, body, nil
		}
		if err == nil {
			err = fmt.Errorf("GET %s: %w", u.Redacted(), &StatusError{Code: resp.StatusCode, Status: statusText(resp)})
		}
		if attempt >= f.opts.Retries || !retryable(ctx, resp, err) {
			return nil, nil, err
		}
		wait := f.opts.RetryWait << attempt
		wait += time.Duration(rand.Int64N(int64(wait)/5 + 1)) // jitter, so workers do not retry in step
		if resp != nil {
			if ra, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok && ra > wait {
				wait = ra
			}
		}
		if wait > f.opts.MaxRetryWait {
			return nil, nil, fmt.Errorf("%w (retry wait %s over the %s cap)", err, wait.Round(time.Second), f.opts.MaxRetryWait)
		}
		f.opts.Logger.Debug("source: retrying", "url", u.Redacted(), "err", err, "wait", wait, "attempt", attempt+1)
		if err := sleep(ctx, wait); err != nil {
			return nil, nil, err
		}
	}
}

// once sends one request inside the host's politeness limits.
func (f *Fetcher) once(ctx context.Context, h *host, u *url.URL, v Validator) (*http.Response, []byte, error) {
	release, err := f.acquire(ctx, h)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	req.Header.Set("User-Agent", f.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml;q=0.9,application/atom+xml;q=0.9,application/feed+json;q=0.9,*/*;q=0.8")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		// an error, or a 304: its body is not wanted; drain a little so the
		// connection can be reused
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return resp, nil, nil
	}
	body, err := decode.ReadAll(resp.Body, f.opts.MaxBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("GET %s: %w", u.Redacted(), err)
	}
	return resp, body, nil
}

// acquire waits for a free request slot on h and for h's delay since the
// last request started; release gives the slot back.
func (f *Fetcher) acquire(ctx context.Context, h *host) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	h.mu.Lock()
	now := time.Now()
	start := now
	if h.count > 0 {
		// the delay is taken now, not when the last request was booked, so
		// a Crawl-delay read from robots.txt counts from the first page
		if next := h.last.Add(max(f.opts.Delay, h.crawlDelay, 0)); next.After(start) {
			start = next
		}
	}
	h.last = start
	h.count++
	h.mu.Unlock()
	if err := sleep(ctx, start.Sub(now)); err != nil {
		<-h.slots
		return nil, err
	}
	return func() { <-h.slots }, nil
}

// checkRobots returns nil when h's robots.txt lets lede fetch u, an error
// wrapping ErrRobots otherwise.
func (f *Fetcher) checkRobots(ctx context.Context, h *host, u *url.URL) error {
	h.robotsMu.Lock()
	defer h.robotsMu.Unlock()
	if h.robotsExpires.Before(time.Now()) {
		f.readRobots(ctx, h, u)
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if h.robotsErr != nil {
		if errors.Is(h.robotsErr, guard.ErrPrivateAddress) {
			// the guard refused the host itself: say so, not "robots.txt"
			return fmt.Errorf("GET %s: %w", u.Redacted(), errors.Unwrap(h.robotsErr))
		}
		return fmt.Errorf("GET %s: %w: %w", u.Redacted(), ErrRobots, h.robotsErr)
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !h.robots.TestAgent(path, RobotsAgent) {
		return fmt.Errorf("GET %s: %w it", u.Redacted(), ErrRobots)
	}
	return nil
}

// readRobots fetches and parses robots.txt for u's host into h. Per
// RFC 9309: a 4xx answer means no rules; a 5xx or an unreachable server
// means nothing may be fetched for now.
func (f *Fetcher) readRobots(ctx context.Context, h *host, u *url.URL) {
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	h.robots, h.robotsErr = nil, nil
	h.setCrawlDelay(0)
	h.robotsExpires = time.Now().Add(robotsFailureTTL)
	resp, err := f.robotsOnce(ctx, h, ru)
	if err != nil {
		h.robotsErr = fmt.Errorf("robots.txt unreachable: %w", err)
		return
	}
	data, err := robotstxt.FromStatusAndBytes(resp.code, resp.body)
	if err != nil {
		// unparseable rules (or an odd status) are no rules, as search
		// engines read them
		f.opts.Logger.Warn("source: robots.txt unreadable, no rules applied", "url", ru.String(), "err", err)
		data, _ = robotstxt.FromStatusAndBytes(404, nil)
	}
	if resp.code >= 500 {
		h.robotsErr = fmt.Errorf("robots.txt answered %d", resp.code)
		return
	}
	h.robots = data
	h.robotsExpires = time.Now().Add(robotsTTL)
	if g := data.FindGroup(RobotsAgent); g != nil && g.CrawlDelay > 0 {
		h.setCrawlDelay(min(g.CrawlDelay, f.opts.MaxCrawlDelay))
		if g.CrawlDelay > f.opts.MaxCrawlDelay {
			f.opts.Logger.Warn("source: robots.txt Crawl-delay capped", "host", u.Host, "crawl_delay", g.CrawlDelay, "cap", f.opts.MaxCrawlDelay)
		}
	}
}

type robotsAnswer struct {
	code int
	body []byte
}

// robotsOnce fetches robots.txt with retries on network errors and 5xx.
func (f *Fetcher) robotsOnce(ctx context.Context, h *host, ru *url.URL) (robotsAnswer, error) {
	var last error
	for attempt := 0; attempt <= min(max(f.opts.Retries, 0), 2); attempt++ {
		if attempt > 0 {
			if err := sleep(ctx, f.opts.RetryWait<<(attempt-1)); err != nil {
				return robotsAnswer{}, err
			}
		}
		a, err := f.robotsRequest(ctx, h, ru)
		if err == nil && a.code < 500 {
			return a, nil
		}
		if err == nil {
			return a, nil // a 5xx: the caller refuses, and asks again later
		}
		last = err
		if !retryable(ctx, nil, err) {
			break
		}
	}
	return robotsAnswer{}, last
}

// robotsRequest fetches robots.txt, following up to MaxRedirects redirects
// (RFC 9309 section 2.3.1.2: the rules found apply to the host asked for).
// Only the first request waits for the host's politeness slot; the hops
// after it go to wherever the site sends them, once.
func (f *Fetcher) robotsRequest(ctx context.Context, h *host, ru *url.URL) (robotsAnswer, error) {
	release, err := f.acquire(ctx, h)
	if err != nil {
		return robotsAnswer{}, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, f.opts.Timeout)
	defer cancel()
	for hop := 0; ; hop++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, ru.String(), nil)
		if err != nil {
			return robotsAnswer{}, err
		}
		req.Header.Set("User-Agent", f.opts.UserAgent)
		resp, err := f.client.Do(req)
		if err != nil {
			return robotsAnswer{}, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
		resp.Body.Close()
		if err != nil {
			return robotsAnswer{}, err
		}
		loc := resp.Header.Get("Location")
		if !isRedirect(resp.StatusCode) || loc == "" {
			return robotsAnswer{code: resp.StatusCode, body: body}, nil
		}
		next, err := ru.Parse(loc)
		if err == nil {
			err = guard.CheckURL(next)
		}
		if err != nil || hop >= f.opts.MaxRedirects {
			// an unfollowable redirect: no robots.txt, as for a 404
			return robotsAnswer{code: http.StatusNotFound}, nil
		}
		ru = next
	}
}

// retryable says whether a failed request is worth another try: 429, 5xx
// answers and network failures are; a refusal by the guard, a bad URL, a
// body over the cap and a cancelled run are not.
func retryable(ctx context.Context, resp *http.Response, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if resp != nil {
		return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusRequestTimeout ||
			(resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented && resp.StatusCode != http.StatusHTTPVersionNotSupported)
	}
	if err == nil {
		return false
	}
	for _, final := range []error{guard.ErrPrivateAddress, guard.ErrScheme, guard.ErrTooManyRedirects, decode.ErrTooLarge, context.Canceled} {
		if errors.Is(err, final) {
			return false
		}
	}
	var se *StatusError
	if errors.As(err, &se) {
		return false // decided above from the response
	}
	return true
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		if s > int64(24*time.Hour/time.Second) {
			s = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func statusText(resp *http.Response) string {
	if resp.Status != "" {
		return resp.Status
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
