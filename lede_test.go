package lede

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"lede/decode"
	"lede/source/guard"
)

const smallPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Test</title></head>
<body><article><h1>Test</h1><p>A paragraph of the story, long enough to be one.</p></article></body></html>`

// newSite serves the pages the fetch tests need and records the User-Agent
// of the last request.
func newSite(t *testing.T) (*httptest.Server, *string) {
	t.Helper()
	var userAgent string
	mux := http.NewServeMux()
	mux.HandleFunc("/page", func(w http.ResponseWriter, r *http.Request) {
		userAgent = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, smallPage)
	})
	mux.HandleFunc("/gzipped", func(w http.ResponseWriter, r *http.Request) {
		// A page stored gzipped and served without Content-Encoding, as
		// some misconfigured servers do: decode undoes it by its magic.
		w.Header().Set("Content-Type", "text/html")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, smallPage)
		zw.Close()
	})
	// /hop/N redirects N more times, then lands on /page.
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n <= 0 {
			http.Redirect(w, r, "/page", http.StatusFound)
			return
		}
		http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>filler</p>\n"), 4096)
		for range 50 << 20 / len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up at the cap
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &userAgent
}

func TestExtractURL(t *testing.T) {
	srv, userAgent := newSite(t)
	tests := []struct {
		name    string
		path    string
		opts    Options
		wantURL string // the base URL the article records
		wantErr error
		guarded bool // fetch without AllowPrivate
	}{
		{name: "loopback refused by the guard", path: "/page", guarded: true, wantErr: guard.ErrPrivateAddress},
		{name: "page", path: "/page", wantURL: "/page"},
		{name: "gzipped body", path: "/gzipped", wantURL: "/gzipped"},
		{name: "five redirects are followed", path: "/hop/4", wantURL: "/page"},
		{name: "six are not", path: "/hop/5", wantErr: ErrTooManyRedirects},
		{name: "given URL wins", path: "/hop/0", opts: Options{URL: "https://example.com/story"}, wantURL: "https://example.com/story"},
		{name: "404", path: "/missing", wantErr: ErrHTTPStatus},
		{name: "image", path: "/image", wantErr: decode.ErrBinary},
		{name: "50 MB body", path: "/huge", wantErr: decode.ErrTooLarge},
		{name: "small cap", path: "/page", opts: Options{MaxBytes: 100}, wantErr: decode.ErrTooLarge},
		{name: "timeout", path: "/slow", opts: Options{Timeout: 200 * time.Millisecond}, wantErr: ErrTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.AllowPrivate = !tt.guarded // the test site is on 127.0.0.1
			start := time.Now()
			a, err := ExtractURL(t.Context(), srv.URL+tt.path, tt.opts)
			if elapsed := time.Since(start); elapsed > 10*time.Second {
				t.Errorf("fetch took %v", elapsed)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := tt.wantURL
			if strings.HasPrefix(want, "/") {
				want = srv.URL + want
			}
			if a.URL != want {
				t.Errorf("URL = %q, want %q", a.URL, want)
			}
		})
	}
	if *userAgent != UserAgent {
		t.Errorf("User-Agent = %q, want %q", *userAgent, UserAgent)
	}
}

func TestExtractURLRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.com/x", "not a url\x7f"} {
		if _, err := ExtractURL(t.Context(), u, Options{}); err == nil {
			t.Errorf("ExtractURL(%q) succeeded", u)
		}
	}
}

func TestExtractFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(smallPage))
	zw.Close()

	tests := []struct {
		name    string
		path    string
		opts    Options
		wantErr error
	}{
		{name: "html", path: write("page.html", []byte(smallPage))},
		{name: "gzipped", path: write("page.html.gz", gz.Bytes())},
		{name: "text forced", path: write("page.txt", []byte("Title\n\nBody.\n")), opts: Options{Input: InputText}},
		{name: "empty", path: write("empty.html", nil), wantErr: decode.ErrEmpty},
		{name: "PNG", path: write("photo.html", []byte("\x89PNG\r\n\x1a\n\x00\x00")), wantErr: decode.ErrBinary},
		{name: "truncated gzip", path: write("cut.html.gz", gz.Bytes()[:gz.Len()/2]), wantErr: decode.ErrTruncated},
		{name: "over the cap", path: write("big.html", []byte(smallPage)), opts: Options{MaxBytes: 64}, wantErr: decode.ErrTooLarge},
		{name: "missing", path: filepath.Join(dir, "nope.html"), wantErr: fs.ErrNotExist},
		{name: "bad input kind", path: write("x.html", []byte(smallPage)), opts: Options{Input: "pdf"}, wantErr: ErrBadInputKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ExtractFile(t.Context(), tt.path, tt.opts)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.path) {
					t.Errorf("error does not name the file: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(a.Blocks) == 0 {
				t.Errorf("no body from %s", tt.path)
			}
		})
	}
}

func TestExtractKeepsGivenURL(t *testing.T) {
	a, err := Extract(t.Context(), []byte(smallPage), Options{URL: "https://example.com/a", Analyze: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.URL != "https://example.com/a" {
		t.Errorf("URL = %q", a.URL)
	}
}

// TestExtractFileRefusesNonRegular guards against a path naming a FIFO, which
// used to block the open for ever: it fails at once with ErrNotRegular.
func TestExtractFileRefusesNonRegular(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("SKIP: no FIFO here: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ExtractFile(t.Context(), fifo, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) {
			t.Errorf("err = %v, want ErrNotRegular", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ExtractFile blocked on a FIFO")
	}
	for _, dev := range []string{"/dev/null", "/dev/zero"} {
		if _, err := ExtractFile(t.Context(), dev, Options{}); !errors.Is(err, ErrNotRegular) {
			t.Errorf("%s: err = %v, want ErrNotRegular", dev, err)
		}
	}
}

// manyImages is a page whose extraction takes a while: a story and 64,000
// distinct pictures.
func manyImages() []byte {
	var b strings.Builder
	b.WriteString("<html><body><article><h1>T</h1><p>" + strings.Repeat("prose ", 80) + "</p>")
	for i := range 64000 {
		fmt.Fprintf(&b, `<img src="/i%d.jpg">`, i)
	}
	b.WriteString("</article></body></html>")
	return []byte(b.String())
}

// TestDeadlineCoversTheWholeWork guards the deadline of one input: it used
// to bound only a fetch, and a page ran 38 s past a 5 s limit. Options.Timeout
// and the caller's context now stop decoding, extraction and analysis too,
// with an error that says which.
func TestDeadlineCoversTheWholeWork(t *testing.T) {
	page := manyImages()
	path := filepath.Join(t.TempDir(), "images.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	expired, cancel := context.WithTimeout(t.Context(), time.Millisecond)
	defer cancel()
	cancelled, cancel2 := context.WithCancel(t.Context())
	cancel2()
	cases := []struct {
		name    string
		ctx     context.Context
		run     func(ctx context.Context) error
		wantErr error
	}{
		{"Extract, Options.Timeout", t.Context(), func(ctx context.Context) error {
			_, err := Extract(ctx, page, Options{Timeout: time.Millisecond, Analyze: true})
			return err
		}, ErrTimeout},
		{"ExtractFile, Options.Timeout", t.Context(), func(ctx context.Context) error {
			_, err := ExtractFile(ctx, path, Options{Timeout: time.Millisecond, Analyze: true})
			return err
		}, ErrTimeout},
		{"Extract, the caller's deadline", expired, func(ctx context.Context) error {
			_, err := Extract(ctx, page, Options{Analyze: true})
			return err
		}, context.DeadlineExceeded},
		{"Extract, cancelled", cancelled, func(ctx context.Context) error {
			_, err := Extract(ctx, page, Options{})
			return err
		}, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			err := c.run(c.ctx)
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if !strings.Contains(err.Error(), "decode:") && !strings.Contains(err.Error(), "extract:") && !strings.Contains(err.Error(), "analyze:") {
				t.Errorf("error %q does not name the stage", err)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("stopped after %v", elapsed)
			}
		})
	}
}
