package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lede/source/guard"
)

// site is a local news site on 127.0.0.1 that records every request.
type site struct {
	t      *testing.T
	srv    *httptest.Server
	mu     sync.Mutex
	log    []string             // "GET /path"
	times  map[string]time.Time // last request time by path
	routes map[string]http.HandlerFunc
}

func newSite(t *testing.T) *site {
	s := &site{t: t, routes: make(map[string]http.HandlerFunc), times: make(map[string]time.Time)}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.log = append(s.log, r.Method+" "+r.URL.RequestURI())
		s.times[r.URL.Path] = time.Now()
		h := s.routes[r.URL.Path]
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) URL(path string) string { return s.srv.URL + path }

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.routes[path] = h
}

// serve answers path with body and content type.
func (s *site) serve(path, contentType string, body []byte) {
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

func (s *site) requests(prefix string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, l := range s.log {
		if strings.HasPrefix(l, "GET "+prefix) {
			out = append(out, l)
		}
	}
	return out
}

// testOptions are fast options for a local site.
func testOptions() Options {
	return Options{
		AllowPrivate: true,
		Delay:        -1,
		RetryWait:    10 * time.Millisecond,
		Timeout:      5 * time.Second,
		Logger:       slog.New(slog.DiscardHandler),
	}
}

func articleHTML(title string) []byte {
	return []byte("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><article><h1>" + title +
		"</h1><p>" + strings.Repeat("Words of the story told at length. ", 20) + "</p></article></body></html>")
}

func gzipBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFetchGuardRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	s := newSite(t)
	s.serve("/a.html", "text/html", articleHTML("A"))
	opts := testOptions()
	opts.AllowPrivate = false
	f := NewFetcher(opts)
	defer f.Close()
	p := f.Fetch(context.Background(), Target{URL: s.URL("/a.html")})
	if !errors.Is(p.Err, guard.ErrPrivateAddress) || errors.Is(p.Err, ErrRobots) {
		t.Fatalf("Fetch of %s without AllowPrivate: Err = %v, want ErrPrivateAddress (not a robots.txt refusal)", s.URL("/a.html"), p.Err)
	}
	t.Logf("refusal: %v", p.Err)
	if got := s.requests("/"); len(got) != 0 {
		t.Errorf("server saw %v, want no request at all (robots.txt included)", got)
	}
}

func TestFetchSchemeAllowList(t *testing.T) {
	f := NewFetcher(testOptions())
	defer f.Close()
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "/relative/path"} {
		if p := f.Fetch(context.Background(), Target{URL: u}); !errors.Is(p.Err, guard.ErrScheme) {
			t.Errorf("Fetch(%q): Err = %v, want guard.ErrScheme", u, p.Err)
		}
	}
}

func TestFetchRobotsDisallowAndCrawlDelay(t *testing.T) {
	s := newSite(t)
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /c/\nCrawl-delay: 0.2\n\nUser-agent: otherbot\nDisallow: /\n"))
	for _, p := range []string{"/a/1.html", "/a/2.html", "/a/3.html", "/c/1.html"} {
		s.serve(p, "text/html", articleHTML(p))
	}
	opts := testOptions()
	opts.Delay = 10 * time.Millisecond // the Crawl-delay of 200 ms is larger and wins
	f := NewFetcher(opts)
	defer f.Close()
	ctx := context.Background()

	if p := f.Fetch(ctx, Target{URL: s.URL("/c/1.html")}); !errors.Is(p.Err, ErrRobots) {
		t.Errorf("Fetch /c/1.html: Err = %v, want ErrRobots", p.Err)
	}
	if got := s.requests("/c/"); len(got) != 0 {
		t.Errorf("disallowed path requested: %v", got)
	}
	start := time.Now()
	for _, path := range []string{"/a/1.html", "/a/2.html", "/a/3.html"} {
		if p := f.Fetch(ctx, Target{URL: s.URL(path)}); p.Err != nil {
			t.Fatalf("Fetch %s: %v", path, p.Err)
		}
	}
	// robots.txt, then three pages: three gaps of at least the Crawl-delay
	if el := time.Since(start); el < 550*time.Millisecond {
		t.Errorf("three pages after robots.txt took %s, want ≥ 3 × 200 ms Crawl-delay", el)
	}
	if n := len(s.requests("/robots.txt")); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once (cached per host)", n)
	}
}

func TestFetchRobotsServerErrorRefusesAll(t *testing.T) {
	s := newSite(t)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", http.StatusServiceUnavailable) })
	s.serve("/a.html", "text/html", articleHTML("A"))
	f := NewFetcher(testOptions())
	defer f.Close()
	if p := f.Fetch(context.Background(), Target{URL: s.URL("/a.html")}); !errors.Is(p.Err, ErrRobots) {
		t.Errorf("Fetch with robots.txt 503: Err = %v, want ErrRobots", p.Err)
	}
	if got := s.requests("/a.html"); len(got) != 0 {
		t.Errorf("page requested although robots.txt was unavailable: %v", got)
	}
}

func TestFetchConditionalGET(t *testing.T) {
	s := newSite(t)
	const etag = `"v1"`
	s.handle("/a.html", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", "Mon, 06 May 2024 10:00:00 GMT")
		w.Header().Set("Content-Type", "text/html")
		w.Write(articleHTML("A"))
	})
	opts := testOptions()
	vals := &MemoryValidators{}
	opts.Validators = vals
	f := NewFetcher(opts)
	defer f.Close()
	ctx := context.Background()

	p := f.Fetch(ctx, Target{URL: s.URL("/a.html")})
	if p.Err != nil || p.NotModified || len(p.Body) == 0 {
		t.Fatalf("first fetch: Err=%v NotModified=%v body=%d bytes", p.Err, p.NotModified, len(p.Body))
	}
	if p.Validator.ETag != etag || p.Validator.LastModified == "" {
		t.Fatalf("first fetch: Validator = %+v", p.Validator)
	}
	// Fetch does not keep the validator itself: the caller does once stored.
	if again := f.Fetch(ctx, Target{URL: s.URL("/a.html")}); again.NotModified {
		t.Fatal("second fetch before SetValidator answered 304: Fetch kept the validator on its own")
	}
	vals.SetValidator(ctx, p.URL, p.Validator)
	again := f.Fetch(ctx, Target{URL: s.URL("/a.html")})
	if again.Err != nil || !again.NotModified || len(again.Body) != 0 {
		t.Errorf("conditional fetch: Err=%v NotModified=%v body=%d bytes, want a 304", again.Err, again.NotModified, len(again.Body))
	}
}

func TestFetchRetries(t *testing.T) {
	tests := []struct {
		name     string
		fail     int // answers that fail before a 200
		code     int
		header   string // Retry-After
		retries  int
		wantErr  bool
		wantHits int
		minWait  time.Duration
	}{
		{name: "503 then ok", fail: 2, code: 503, retries: 3, wantHits: 3},
		{name: "429 with Retry-After", fail: 1, code: 429, header: "1", retries: 3, wantHits: 2, minWait: 900 * time.Millisecond},
		{name: "503 beyond retries", fail: 10, code: 503, retries: 2, wantErr: true, wantHits: 3},
		{name: "404 is not retried", fail: 10, code: 404, retries: 3, wantErr: true, wantHits: 1},
		{name: "Retry-After over the cap ends", fail: 10, code: 503, header: "3600", retries: 3, wantErr: true, wantHits: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			var mu sync.Mutex
			hits := 0
			s.handle("/a.html", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				hits++
				n := hits
				mu.Unlock()
				if n <= tt.fail {
					if tt.header != "" {
						w.Header().Set("Retry-After", tt.header)
					}
					http.Error(w, "busy", tt.code)
					return
				}
				w.Header().Set("Content-Type", "text/html")
				w.Write(articleHTML("A"))
			})
			opts := testOptions()
			opts.Retries = tt.retries
			opts.MaxRetryWait = 5 * time.Second
			f := NewFetcher(opts)
			defer f.Close()
			start := time.Now()
			p := f.Fetch(context.Background(), Target{URL: s.URL("/a.html")})
			if (p.Err != nil) != tt.wantErr {
				t.Fatalf("Err = %v, want error %v", p.Err, tt.wantErr)
			}
			if tt.wantErr {
				var se *StatusError
				if !errors.As(p.Err, &se) || se.Code != tt.code || !errors.Is(p.Err, ErrHTTPStatus) {
					t.Errorf("Err = %v, want a StatusError %d", p.Err, tt.code)
				}
			}
			if hits != tt.wantHits {
				t.Errorf("server hit %d times, want %d", hits, tt.wantHits)
			}
			if el := time.Since(start); el < tt.minWait {
				t.Errorf("took %s, want ≥ %s (Retry-After honoured)", el, tt.minWait)
			}
		})
	}
}

func TestFetchSizeCap(t *testing.T) {
	s := newSite(t)
	s.serve("/big.html", "text/html", bytes.Repeat([]byte("x"), 2<<20))
	opts := testOptions()
	opts.MaxBytes = 1 << 20
	f := NewFetcher(opts)
	defer f.Close()
	p := f.Fetch(context.Background(), Target{URL: s.URL("/big.html")})
	if p.Err == nil || !strings.Contains(p.Err.Error(), "too large") {
		t.Errorf("Fetch of 2 MiB with a 1 MiB cap: Err = %v, want too large", p.Err)
	}
}

func TestFetchTimeout(t *testing.T) {
	s := newSite(t)
	release := make(chan struct{})
	defer close(release)
	s.handle("/slow.html", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	opts := testOptions()
	opts.Timeout = 200 * time.Millisecond
	opts.Retries = -1
	f := NewFetcher(opts)
	defer f.Close()
	start := time.Now()
	p := f.Fetch(context.Background(), Target{URL: s.URL("/slow.html")})
	if p.Err == nil {
		t.Fatal("Fetch of a server that never answers: no error")
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("timeout of 200 ms took %s", el)
	}
}

func TestFetchUserAgent(t *testing.T) {
	s := newSite(t)
	var got []string
	var mu sync.Mutex
	s.handle("/a.html", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.UserAgent())
		mu.Unlock()
		w.Write(articleHTML("A"))
	})
	f := NewFetcher(testOptions())
	defer f.Close()
	f.Fetch(context.Background(), Target{URL: s.URL("/a.html")})
	if !slices.Equal(got, []string{UserAgent}) {
		t.Errorf("User-Agent = %q, want %q", got, UserAgent)
	}
}

func TestFetchListings(t *testing.T) {
	s := newSite(t)
	page := func(i int) string { return s.URL(fmt.Sprintf("/p/%d.html", i)) }
	rss := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>News</title><link>` + s.URL("/") + `</link>
<item><title>One</title><link>` + page(1) + `</link><pubDate>Mon, 06 May 2024 10:01:00 GMT</pubDate></item>
<item><title>Two</title><link>/p/2.html</link><pubDate>Mon, 06 May 2024 10:02:00 GMT</pubDate></item></channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Three</title><link href="` + page(3) + `"/><id>urn:3</id><updated>2024-05-06T10:03:00Z</updated></entry></feed>`
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "News", "items": [{"id": "4", "url": "` + page(4) + `", "title": "Four", "date_published": "2024-05-06T10:04:00Z"}]}`
	urlset := `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>` + page(5) + `</loc><news:news><news:publication><news:name>The Daily</news:name><news:language>en</news:language></news:publication><news:publication_date>2024-05-06T10:05:00Z</news:publication_date><news:title>Five</news:title></news:news></url>
<url><loc>` + page(6) + `</loc><lastmod>2024-05-06</lastmod></url></urlset>`
	index := `<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>` + s.URL("/sitemap-1.xml.gz") + `</loc></sitemap></sitemapindex>`
	s.serve("/feed.xml", "application/rss+xml", []byte(rss))
	s.serve("/atom", "application/atom+xml", []byte(atom))
	s.serve("/feed.json", "application/feed+json", []byte(jsonFeed))
	s.serve("/sitemap-1.xml.gz", "application/gzip", gzipBytes(t, []byte(urlset)))
	s.serve("/sitemap.xml", "text/xml", []byte(index))
	s.serve("/broken.xml", "text/xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><item><link>`+page(9)+`</link></item><item><link>`))
	s.serve("/story.html", "text/html", articleHTML("Story"))

	tests := []struct {
		path       string
		format     string
		urls       []string
		mayList    bool
		firstTitle string
		firstDate  string
	}{
		{"/feed.xml", "rss", []string{page(1), page(2)}, false, "One", "2024-05-06T10:01:00Z"},
		{"/atom", "atom", []string{page(3)}, false, "Three", "2024-05-06T10:03:00Z"},
		{"/feed.json", "json", []string{page(4)}, false, "Four", "2024-05-06T10:04:00Z"},
		{"/sitemap-1.xml.gz", "sitemap", []string{page(5), page(6)}, false, "Five", "2024-05-06T10:05:00Z"},
		{"/sitemap.xml", "sitemapindex", []string{s.URL("/sitemap-1.xml.gz")}, true, "", ""},
	}
	f := NewFetcher(testOptions())
	defer f.Close()
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			p := f.Fetch(ctx, Target{URL: s.URL(tt.path), MayList: true})
			if p.Err != nil {
				t.Fatal(p.Err)
			}
			if p.Listing == nil {
				t.Fatalf("%s: no Listing", tt.path)
			}
			if p.Listing.Format != tt.format {
				t.Errorf("Format = %q, want %q", p.Listing.Format, tt.format)
			}
			var urls []string
			for _, lt := range p.Listing.Targets {
				urls = append(urls, lt.URL)
				if lt.MayList != tt.mayList || lt.Depth != 1 || lt.Source != s.URL(tt.path) {
					t.Errorf("target %+v: want MayList %v, Depth 1, Source the listing", lt, tt.mayList)
				}
			}
			if !slices.Equal(urls, tt.urls) {
				t.Errorf("URLs = %v, want %v", urls, tt.urls)
			}
			if first := p.Listing.Targets[0].Listed; first.Title != tt.firstTitle || first.Published != tt.firstDate {
				t.Errorf("first entry listed as %+v, want title %q published %q", first, tt.firstTitle, tt.firstDate)
			}
		})
	}
	t.Run("news publication", func(t *testing.T) {
		p := f.Fetch(ctx, Target{URL: s.URL("/sitemap-1.xml.gz"), MayList: true})
		if l := p.Listing.Targets[0].Listed; l.SiteName != "The Daily" || l.Language != "en" {
			t.Errorf("news:publication read as %+v", l)
		}
	})
	t.Run("invalid feed XML", func(t *testing.T) {
		p := f.Fetch(ctx, Target{URL: s.URL("/broken.xml"), MayList: true})
		if !errors.Is(p.Err, ErrListing) {
			t.Errorf("broken feed: Err = %v, Listing = %+v, want ErrListing", p.Err, p.Listing)
		}
	})
	t.Run("a page is not a listing", func(t *testing.T) {
		p := f.Fetch(ctx, Target{URL: s.URL("/story.html"), MayList: true})
		if p.Err != nil || p.Listing != nil || len(p.Body) == 0 {
			t.Errorf("page: Err=%v Listing=%v body %d bytes", p.Err, p.Listing, len(p.Body))
		}
	})
	t.Run("feed items are not expanded", func(t *testing.T) {
		p := f.Fetch(ctx, Target{URL: s.URL("/feed.xml")})
		if p.Listing != nil {
			t.Error("a Target without MayList was expanded")
		}
	})
	t.Run("depth cap", func(t *testing.T) {
		p := f.Fetch(ctx, Target{URL: s.URL("/sitemap.xml"), MayList: true, Depth: DefaultMaxListingDepth})
		if p.Listing != nil {
			t.Error("a listing at the depth cap was expanded")
		}
	})
	t.Run("since", func(t *testing.T) {
		opts := testOptions()
		opts.Since = time.Date(2024, 5, 6, 10, 2, 0, 0, time.UTC)
		g := NewFetcher(opts)
		defer g.Close()
		p := g.Fetch(ctx, Target{URL: s.URL("/feed.xml"), MayList: true})
		if p.Listing == nil || len(p.Listing.Targets) != 1 || p.Listing.Targets[0].URL != page(2) {
			t.Errorf("feed since 10:02: %+v, want only %s", p.Listing, page(2))
		}
	})
}

// The acceptance check's site, small: a feed of 3 pages, a sitemap index
// pointing to a gzipped sitemap of 4 pages of which 2 are under a robots.txt
// Disallow. Pages yields exactly the 5 allowed pages, never requests /c/,
// and records the 2 refusals as errors.
func TestPagesCrawlsFeedAndSitemapIndex(t *testing.T) {
	s := newSite(t)
	var rss, sm strings.Builder
	rss.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`)
	sm.WriteString(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := 1; i <= 7; i++ {
		sub := map[bool]string{true: "a", false: "b"}[i <= 3]
		if i > 5 {
			sub = "c"
		}
		path := fmt.Sprintf("/%s/%d.html", sub, i)
		s.serve(path, "text/html", articleHTML(path))
		if sub == "a" {
			fmt.Fprintf(&rss, `<item><title>S%d</title><link>%s</link></item>`, i, s.URL(path))
		} else {
			fmt.Fprintf(&sm, `<url><loc>%s</loc></url>`, s.URL(path))
		}
	}
	// the same page listed twice (feed and sitemap, an AMP variant) is fetched once
	fmt.Fprintf(&sm, `<url><loc>%s</loc></url>`, s.URL("/a/1.html?utm_source=x"))
	rss.WriteString(`</channel></rss>`)
	sm.WriteString(`</urlset>`)
	s.serve("/feed.xml", "text/xml", []byte(rss.String()))
	s.serve("/sitemap-b.xml.gz", "application/gzip", gzipBytes(t, []byte(sm.String())))
	s.serve("/sitemap.xml", "text/xml", []byte(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>`+s.URL("/sitemap-b.xml.gz")+`</loc></sitemap></sitemapindex>`))
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /c/\n"))

	var ok, robots []string
	err := Pages(context.Background(), []string{s.URL("/feed.xml"), s.URL("/sitemap.xml")}, testOptions(), 2, func(p Page) error {
		switch {
		case p.Err == nil:
			// whichever of /a/1.html and its tracked twin came first
			path, _, _ := strings.Cut(strings.TrimPrefix(p.URL, s.srv.URL), "?")
			ok = append(ok, path)
		case errors.Is(p.Err, ErrRobots):
			robots = append(robots, p.URL)
		default:
			t.Errorf("page %s: %v", p.URL, p.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ok)
	if want := []string{"/a/1.html", "/a/2.html", "/a/3.html", "/b/4.html", "/b/5.html"}; !slices.Equal(ok, want) {
		t.Errorf("pages = %v, want %v", ok, want)
	}
	if len(robots) != 2 {
		t.Errorf("robots refusals = %v, want 2", robots)
	}
	if got := s.requests("/c/"); len(got) != 0 {
		t.Errorf("requests to the disallowed /c/: %v", got)
	}
	if n := len(s.requests("/a/1.html")); n != 1 { // with or without ?utm_source
		t.Errorf("/a/1.html fetched %d times, want once", n)
	}
}

func TestPagesStopsWhenYieldFails(t *testing.T) {
	s := newSite(t)
	var rss strings.Builder
	rss.WriteString(`<rss version="2.0"><channel>`)
	for i := range 20 {
		path := fmt.Sprintf("/a/%d.html", i)
		s.serve(path, "text/html", articleHTML(path))
		fmt.Fprintf(&rss, `<item><link>%s</link></item>`, s.URL(path))
	}
	rss.WriteString(`</channel></rss>`)
	s.serve("/feed.xml", "text/xml", []byte(rss.String()))
	stop := errors.New("stop")
	n := 0
	done := make(chan error, 1)
	go func() {
		done <- Pages(context.Background(), []string{s.URL("/feed.xml")}, testOptions(), 3, func(p Page) error {
			n++
			if n == 2 {
				return stop
			}
			return nil
		})
	}()
	select {
	case err := <-done:
		if !errors.Is(err, stop) {
			t.Errorf("Pages = %v, want yield's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Pages did not return after yield failed")
	}
	if n != 2 {
		t.Errorf("yield called %d times after failing, want it not called again", n)
	}
}

func TestPagesHonoursContext(t *testing.T) {
	s := newSite(t)
	s.handle("/slow.html", func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- Pages(ctx, []string{s.URL("/slow.html")}, testOptions(), 1, func(Page) error { return nil })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Pages = %v, want the context's error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Pages ignored its context")
	}
}

func TestFetchRedirects(t *testing.T) {
	s := newSite(t)
	s.serve("/robots.txt", "text/plain", []byte("User-agent: *\nDisallow: /private/\n"))
	s.serve("/new.html", "text/html", articleHTML("New"))
	s.handle("/old.html", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new.html", http.StatusMovedPermanently)
	})
	s.handle("/to-private", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/private/x.html", http.StatusFound) })
	s.handle("/to-file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	s.handle("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop?"+r.URL.RawQuery+"x", http.StatusFound)
	})
	f := NewFetcher(testOptions())
	defer f.Close()
	ctx := context.Background()

	if p := f.Fetch(ctx, Target{URL: s.URL("/old.html")}); p.Err != nil || p.URL != s.URL("/new.html") || len(p.Body) == 0 {
		t.Errorf("redirect: URL %q Err %v, want the page at /new.html", p.URL, p.Err)
	}
	if p := f.Fetch(ctx, Target{URL: s.URL("/to-private")}); !errors.Is(p.Err, ErrRobots) {
		t.Errorf("redirect into a Disallow: Err %v, want ErrRobots", p.Err)
	}
	if got := s.requests("/private/"); len(got) != 0 {
		t.Errorf("disallowed redirect target requested: %v", got)
	}
	if p := f.Fetch(ctx, Target{URL: s.URL("/to-file")}); !errors.Is(p.Err, guard.ErrScheme) {
		t.Errorf("redirect to file: Err %v, want guard.ErrScheme", p.Err)
	}
	if p := f.Fetch(ctx, Target{URL: s.URL("/loop")}); !errors.Is(p.Err, guard.ErrTooManyRedirects) {
		t.Errorf("redirect loop: Err %v, want ErrTooManyRedirects", p.Err)
	}
	if n := len(s.requests("/loop")); n != guard.DefaultMaxRedirects+1 {
		t.Errorf("redirect loop: %d requests, want %d", n, guard.DefaultMaxRedirects+1)
	}
}

func TestFetchRobotsVariants(t *testing.T) {
	tests := []struct {
		name    string
		robots  http.HandlerFunc
		allowed bool
	}{
		{"no robots.txt", nil, true},
		{"empty robots.txt", func(w http.ResponseWriter, r *http.Request) {}, true},
		{"403 robots.txt", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusForbidden) }, true},
		{"disallow all", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "User-agent: *\nDisallow: /\n") }, false},
		{"group for lede", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "User-agent: *\nAllow: /\n\nUser-agent: lede\nDisallow: /a/\n")
		}, false},
		{"group for another bot", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "User-agent: otherbot\nDisallow: /\n")
		}, true},
		{"redirected robots.txt", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/real-robots.txt", http.StatusMovedPermanently)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSite(t)
			if tt.robots != nil {
				s.handle("/robots.txt", tt.robots)
			}
			s.handle("/real-robots.txt", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "User-agent: *\nDisallow: /a/\n") })
			s.serve("/a/1.html", "text/html", articleHTML("A"))
			f := NewFetcher(testOptions())
			defer f.Close()
			p := f.Fetch(context.Background(), Target{URL: s.URL("/a/1.html")})
			if tt.allowed && p.Err != nil || !tt.allowed && !errors.Is(p.Err, ErrRobots) {
				t.Errorf("Err = %v, want allowed %v", p.Err, tt.allowed)
			}
		})
	}
}

// At most PerHost requests are in flight to one host, however many
// goroutines share the Fetcher.
func TestFetchPerHostLimit(t *testing.T) {
	for _, perHost := range []int{1, 2} {
		t.Run(fmt.Sprint(perHost), func(t *testing.T) {
			s := newSite(t)
			var mu sync.Mutex
			inFlight, most := 0, 0
			s.handle("/p", func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				inFlight++
				most = max(most, inFlight)
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
				mu.Lock()
				inFlight--
				mu.Unlock()
				w.Write(articleHTML("P"))
			})
			opts := testOptions()
			opts.PerHost = perHost
			f := NewFetcher(opts)
			defer f.Close()
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					f.Fetch(context.Background(), Target{URL: s.URL(fmt.Sprintf("/p?i=%d", i))})
				}()
			}
			wg.Wait()
			if most != perHost {
				t.Errorf("at most %d requests in flight, want %d", most, perHost)
			}
		})
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 6, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"120", 2 * time.Minute, true},
		{"0", 0, true},
		{"Mon, 06 May 2024 10:00:30 GMT", 30 * time.Second, true},
		{"Mon, 06 May 2024 09:00:00 GMT", 0, true},
		{"-5", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := retryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("retryAfter(%q) = %v %v, want %v %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// The validator is kept under the page's final URL and asked for there: a
// redirected page is fetched conditionally too.
func TestFetchConditionalGETAfterRedirect(t *testing.T) {
	s := newSite(t)
	s.handle("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/new", http.StatusMovedPermanently) })
	s.handle("/new", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"n"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"n"`)
		w.Write(articleHTML("New"))
	})
	opts := testOptions()
	vals := &MemoryValidators{}
	opts.Validators = vals
	f := NewFetcher(opts)
	defer f.Close()
	ctx := context.Background()
	p := f.Fetch(ctx, Target{URL: s.URL("/old")})
	if p.Err != nil || p.URL != s.URL("/new") {
		t.Fatalf("first fetch: %v %s", p.Err, p.URL)
	}
	vals.SetValidator(ctx, p.URL, p.Validator)
	if again := f.Fetch(ctx, Target{URL: s.URL("/old")}); !again.NotModified {
		t.Errorf("second fetch through the redirect: NotModified = false, Err %v", again.Err)
	}
}
