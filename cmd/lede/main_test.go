package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"lede"
)

// examplePage is the bundled example, a real news page.
const examplePage = "../../testdata/example/panarmenian-iran-protests.html"

const exampleText = "../../testdata/example/trtworld-karabakh-amnesty.txt"

// runCLI runs the command in-process and returns its exit status and streams.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), args, strings.NewReader(stdin), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// fixtures writes a small tree of inputs and returns its root:
//
//	a.html, b/c.html.gz, b/d.txt, b/e/f.htm, b/notes.json, photo.png.html
func fixtures(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(exampleText)
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(page)
	zw.Close()
	files := map[string][]byte{
		"a.html":         page,
		"b/c.html.gz":    gz.Bytes(),
		"b/d.txt":        text,
		"b/e/f.htm":      page,
		"b/notes.json":   []byte(`{"not": "an input"}`),
		"photo.png.html": []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
	}
	for name, data := range files {
		path := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// jsonLines parses JSON Lines output into outputs, in order.
func jsonLines(t *testing.T, out string) []lede.Output {
	t.Helper()
	var arts []lede.Output
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var a lede.Output
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("line is not JSON: %v\n%s", err, sc.Text())
		}
		arts = append(arts, a)
	}
	return arts
}

// expected renders what the Go API makes of a file, for comparison.
func expected(t *testing.T, path, format string, opts lede.Options) string {
	t.Helper()
	a, err := lede.ExtractFile(context.Background(), path, opts)
	if err != nil {
		t.Fatal(err)
	}
	out, err := render(lede.Output{Input: path, Article: a}, format, false)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestSingleInputFormats(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		path   string // the input, to extract through the Go API
		format string
		opts   lede.Options
	}{
		{name: "default is text", args: []string{"extract", examplePage}, path: examplePage, format: "text"},
		{name: "markdown", args: []string{"extract", "--format", "markdown", examplePage}, path: examplePage, format: "markdown"},
		{name: "html", args: []string{"extract", "--format=html", examplePage}, path: examplePage, format: "html"},
		{name: "json", args: []string{"extract", "--format", "json", examplePage}, path: examplePage, format: "json"},
		{name: "flags after the input", args: []string{"extract", examplePage, "--format", "json", "--no-tables"}, path: examplePage, format: "json", opts: lede.Options{DropTables: true}},
		{name: "base URL", args: []string{"extract", "--url", "https://www.panarmenian.net/eng/news/275221/", "--format", "json", examplePage}, path: examplePage, format: "json",
			opts: lede.Options{URL: "https://www.panarmenian.net/eng/news/275221/"}},
		{name: "text input", args: []string{"extract", "--input", "text", exampleText}, path: exampleText, format: "text", opts: lede.Options{Input: lede.InputText}},
		{name: "analyze", args: []string{"analyze", "--format", "json", exampleText}, path: exampleText, format: "json", opts: lede.Options{Analyze: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != exitOK {
				t.Fatalf("exit %d, stderr:\n%s", code, stderr)
			}
			if want := expected(t, tt.path, tt.format, tt.opts); stdout != want {
				t.Errorf("output differs from the Go API's rendering\n got: %.300q\nwant: %.300q", stdout, want)
			}
			if tt.format == "json" && strings.Count(stdout, "\n") != 1 {
				t.Errorf("single JSON output is not one line")
			}
		})
	}
}

func TestSeveralInputs(t *testing.T) {
	root := fixtures(t)
	a, c, d, f := filepath.Join(root, "a.html"), filepath.Join(root, "b/c.html.gz"), filepath.Join(root, "b/d.txt"), filepath.Join(root, "b/e/f.htm")
	png, missing := filepath.Join(root, "photo.png.html"), filepath.Join(root, "missing.html")
	tests := []struct {
		name      string
		args      []string
		stdin     string
		want      []string // inputs in output order
		wantError []bool   // which of them are error objects
		wantCode  int
	}{
		{name: "files in given order", args: []string{"extract", d, a, c}, want: []string{d, a, c}, wantError: []bool{false, false, false}},
		{name: "directory, sorted and filtered", args: []string{"extract", "-j", "3", root},
			want: []string{a, c, d, f, png}, wantError: []bool{false, false, false, false, true}, wantCode: exitFailed},
		{name: "a failure does not stop the others", args: []string{"extract", a, missing, png, c},
			want: []string{a, missing, png, c}, wantError: []bool{false, true, true, false}, wantCode: exitFailed},
		{name: "stdin among files", args: []string{"extract", a, "-", c}, stdin: "Headline\n\nA first paragraph of text.\n",
			want: []string{a, "-", c}, wantError: []bool{false, false, false}},
		{name: "empty stdin", args: []string{"extract", "-", a}, want: []string{"-", a}, wantError: []bool{true, false}, wantCode: exitFailed},
		{name: "after --", args: []string{"extract", "--", a, c}, want: []string{a, c}, wantError: []bool{false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr)
			}
			arts := jsonLines(t, stdout)
			if len(arts) != len(tt.want) {
				t.Fatalf("%d outputs, want %d:\n%s", len(arts), len(tt.want), stdout)
			}
			for i, a := range arts {
				if a.Input != tt.want[i] {
					t.Errorf("output %d is for %q, want %q", i, a.Input, tt.want[i])
				}
				if (a.Error != "") != tt.wantError[i] {
					t.Errorf("output %d (%s): error %q, want an error: %v", i, a.Input, a.Error, tt.wantError[i])
				}
				if a.Error != "" && !strings.Contains(stderr, a.Input) {
					t.Errorf("failure of %s not logged on stderr", a.Input)
				}
			}
		})
	}
}

func TestSeveralInputsAsText(t *testing.T) {
	root := fixtures(t)
	a, c := filepath.Join(root, "a.html"), filepath.Join(root, "b/c.html.gz")
	code, stdout, stderr := runCLI(t, "", "extract", "--format", "text", a, c)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ia, ic := strings.Index(stdout, "==> "+a+" <=="), strings.Index(stdout, "==> "+c+" <==")
	if ia != 0 || ic <= ia {
		t.Errorf("text outputs lack their headers in order:\n%.400s", stdout)
	}
}

func TestURLInput(t *testing.T) {
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/news" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	code, stdout, stderr := runCLI(t, "", "extract", "--allow-private", srv.URL+"/news", srv.URL+"/gone")
	if code != exitFailed {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr)
	}
	arts := jsonLines(t, stdout)
	if len(arts) != 2 || arts[0].Input != srv.URL+"/news" || arts[0].Error != "" || !strings.Contains(arts[1].Error, "404") {
		t.Errorf("unexpected outputs:\n%s", stdout)
	}
}

func TestCommandLine(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{name: "no command", args: nil, wantCode: exitUsage, wantStderr: "Usage:"},
		{name: "unknown command", args: []string{"extrakt", "x"}, wantCode: exitUsage, wantStderr: "unknown command"},
		{name: "no input", args: []string{"extract"}, wantCode: exitUsage, wantStderr: "no INPUT"},
		{name: "bad format", args: []string{"extract", "--format", "pdf", "x"}, wantCode: exitUsage, wantStderr: "unknown --format"},
		{name: "bad input kind", args: []string{"extract", "--input", "xml", "x"}, wantCode: exitUsage, wantStderr: "unknown --input"},
		{name: "bad -j", args: []string{"extract", "-j", "0", "x"}, wantCode: exitUsage, wantStderr: "-j must be"},
		{name: "--url with several inputs", args: []string{"extract", "--url", "https://a.example/", "x", "y"}, wantCode: exitUsage, wantStderr: "single input"},
		{name: "--url with a directory", args: []string{"extract", "--url", "https://a.example/", "."}, wantCode: exitUsage, wantStderr: "single input"},
		{name: "unknown flag", args: []string{"extract", "--colour", "x"}, wantCode: exitUsage, wantStderr: "flag provided but not defined"},
		{name: "version", args: []string{"version"}, wantCode: exitOK, wantStdout: "lede " + lede.Version},
		{name: "help", args: []string{"help"}, wantCode: exitOK, wantStdout: "lede extract [flags] INPUT..."},
		{name: "extract -h", args: []string{"extract", "-h"}, wantCode: exitOK, wantStderr: "-keep-comments"},
		{name: "missing file alone", args: []string{"extract", "no/such/file.html"}, wantCode: exitFailed, wantStderr: "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(stdout, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, stdout)
			}
			if !strings.Contains(stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, stderr)
			}
		})
	}
}

// TestInOrder checks that results come out in input order however the work
// finishes, and that no more than the reorder window is ever pending.
func TestInOrder(t *testing.T) {
	const n, workers = 60, 3
	var mu sync.Mutex
	started, emitted, maxPending := 0, 0, 0
	var got []string
	inOrder(t.Context(), n, workers, func(i int) result {
		mu.Lock()
		started++
		maxPending = max(maxPending, started-emitted)
		mu.Unlock()
		time.Sleep(time.Duration((n-i)%7) * time.Millisecond) // later inputs finish first
		return result{input: fmt.Sprint(i)}
	}, func(r result) {
		mu.Lock()
		emitted++
		mu.Unlock()
		got = append(got, r.input)
	})
	if len(got) != n {
		t.Fatalf("%d results, want %d", len(got), n)
	}
	for i, in := range got {
		if in != fmt.Sprint(i) {
			t.Fatalf("result %d is input %s", i, in)
		}
	}
	if window := reorderFactor*workers + 1; maxPending > window {
		t.Errorf("%d results pending at once, window is %d", maxPending, window)
	}
}

// TestInOrderStopsWhenCancelled checks that an interrupt stops new work but
// still emits, in order, what was started.
func TestInOrderStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	var got []int
	inOrder(ctx, 1000, 2, func(i int) result {
		if i == 10 {
			cancel()
		}
		return result{input: fmt.Sprint(i)}
	}, func(r result) {
		got = append(got, len(got))
		if r.input != fmt.Sprint(len(got)-1) {
			t.Fatalf("result %d is input %s", len(got)-1, r.input)
		}
	})
	if len(got) < 11 || len(got) > 11+reorderFactor*2+2 {
		t.Errorf("%d results after cancelling at input 10", len(got))
	}
}

func TestInterruptedRunFails(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"extract", examplePage, examplePage}, strings.NewReader(""), &stdout, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("exit %d, stderr %q; want a failure saying it was interrupted", code, stderr.String())
	}
}

// brokenPipe accepts one write, then fails like a closed pipe.
type brokenPipe struct{ writes int }

func (b *brokenPipe) Write(p []byte) (int, error) {
	b.writes++
	if b.writes > 1 {
		return 0, errors.New("broken pipe")
	}
	return len(p), nil
}

func TestClosedOutputStopsTheRun(t *testing.T) {
	args := []string{"extract"}
	for range 50 {
		args = append(args, examplePage)
	}
	var stderr bytes.Buffer
	out := &brokenPipe{}
	code := run(t.Context(), args, strings.NewReader(""), out, &stderr)
	if code != exitFailed || !strings.Contains(stderr.String(), "writing the output failed") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	if out.writes >= 50 {
		t.Errorf("%d writes after the output closed; want the run to stop", out.writes)
	}
}

// TestLoopbackRefusedWithoutAllowPrivate guards the private-address guard on
// URL inputs: without --allow-private no request reaches a loopback server.
func TestLoopbackRefusedWithoutAllowPrivate(t *testing.T) {
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	code, _, stderr := runCLI(t, "", "extract", srv.URL+"/news")
	if code != exitFailed || requests.Load() != 0 || !strings.Contains(stderr, "private address refused") {
		t.Errorf("without --allow-private: exit %d, %d requests, stderr %q; want a refusal and no request", code, requests.Load(), stderr)
	}
	code, stdout, stderr := runCLI(t, "", "extract", "--allow-private", srv.URL+"/news")
	if code != exitOK || requests.Load() != 1 || !strings.Contains(stdout, "Iran") {
		t.Errorf("with --allow-private: exit %d, %d requests, stderr %q", code, requests.Load(), stderr)
	}
}

// TestNonRegularFilesSkipped guards against a FIFO named *.html in an input
// directory, which used to hang the run for ever: it is skipped with a
// message, and a FIFO given by name fails at once.
func TestNonRegularFilesSkipped(t *testing.T) {
	root := t.TempDir()
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.html", "c.html"} {
		if err := os.WriteFile(filepath.Join(root, name), page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fifo := filepath.Join(root, "b.html")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("SKIP: no FIFO here: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	code := run(ctx, []string{"extract", root}, strings.NewReader(""), &stdout, &stderr)
	if ctx.Err() != nil {
		t.Fatal("the run hung on the FIFO")
	}
	outs := jsonLines(t, stdout.String())
	if code != exitOK || len(outs) != 2 || !strings.Contains(stderr.String(), "not a regular file") || !strings.Contains(stderr.String(), "b.html") {
		t.Errorf("directory with a FIFO: exit %d, %d outputs, stderr %q; want both files out and the FIFO named as skipped", code, len(outs), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	code = run(ctx, []string{"extract", fifo}, strings.NewReader(""), &stdout, &stderr)
	if ctx.Err() != nil {
		t.Fatal("the run hung on the FIFO given by name")
	}
	if code != exitFailed || !strings.Contains(stderr.String(), "not a regular file") {
		t.Errorf("FIFO by name: exit %d, stderr %q", code, stderr.String())
	}
}

// TestEmptyDirectory guards the message for a directory with nothing to read.
func TestEmptyDirectory(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "extract", t.TempDir())
	if code != exitFailed || stdout != "" || !strings.Contains(stderr, "nothing to read") {
		t.Errorf("empty directory: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestWorkersCappedByInputs guards -j against allocating for workers that
// have no input: -j 10000000 with one input used to take gigabytes.
func TestWorkersCappedByInputs(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	code, _, stderr := runCLI(t, "", "extract", "-j", "10000000", "--format", "json", examplePage)
	runtime.ReadMemStats(&after)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if grown := after.TotalAlloc - before.TotalAlloc; grown > 100<<20 {
		t.Errorf("one input at -j 10000000 allocated %d MB", grown>>20)
	}
}

// TestTimeoutCoversExtraction guards the deadline: --timeout bounds the
// whole of one input's work, not only a fetch. A page of 64,000 pictures
// takes far longer than a millisecond to extract.
func TestTimeoutCoversExtraction(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><article><h1>T</h1><p>" + strings.Repeat("prose ", 80) + "</p>")
	for i := range 64000 {
		fmt.Fprintf(&b, `<img src="/i%d.jpg">`, i)
	}
	b.WriteString("</article></body></html>")
	path := filepath.Join(t.TempDir(), "images.html")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "extract", "--format", "json", "--timeout", "1ms", path, examplePage)
	outs := jsonLines(t, stdout)
	if code != exitFailed || len(outs) != 2 || !strings.Contains(outs[0].Error, "time limit passed") {
		t.Errorf("exit %d, outputs %+v, stderr %q; want the page to fail with the time limit", code, outs, stderr)
	}
}

// TestNoBodyFails guards the status of an input without an article body: it
// fails, and its JSON carries the warning.
func TestNoBodyFails(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.html")
	if err := os.WriteFile(path, []byte("<html><head><title>Nothing here</title></head><body><nav><a href='/'>Home</a></nav></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "", "extract", "--format", "json", path)
	outs := jsonLines(t, stdout)
	if code != exitFailed || len(outs) != 1 || outs[0].Article == nil || !slices.Contains(outs[0].Article.Warnings, "no body found") || !strings.Contains(stderr, "no body found") {
		t.Errorf("exit %d, stdout %s, stderr %q; want a failure with the warning", code, stdout, stderr)
	}
}

// TestInputNamesEscapedInHeaders guards the headers naming each input: a
// name holding "-->" must not end the HTML comment it stands in, and one
// holding escape sequences must not reach the terminal.
func TestInputNamesEscapedInHeaders(t *testing.T) {
	dir := t.TempDir()
	page, err := os.ReadFile(examplePage)
	if err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(dir, "x--><script>alert(1)<\x1b[2J.html")
	if err := os.WriteFile(evil, page, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"html", "markdown", "text"} {
		code, stdout, stderr := runCLI(t, "", "extract", "--format", format, evil, examplePage)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		header, _, _ := strings.Cut(stdout, "\n")
		if (format != "text" && strings.Contains(stdout, "<script>")) || strings.Contains(stdout, "\x1b") {
			t.Errorf("%s: the input name broke out: %q", format, header)
		}
		if format != "text" && (strings.Count(header, "-->") != 1 || !strings.HasSuffix(header, "-->")) {
			t.Errorf("%s: header %q does not end the comment exactly once, at its end", format, header)
		}
	}
}

// TestOutputEnvelopeIsFlat keeps the JSON as it was when the input and the
// error lived in the Article: "input" first, beside the article's fields.
func TestOutputEnvelopeIsFlat(t *testing.T) {
	code, stdout, _ := runCLI(t, "", "extract", "--format", "json", examplePage)
	if code != exitOK || !strings.HasPrefix(stdout, `{"input":"`+examplePage+`","url":`) && !strings.HasPrefix(stdout, `{"input":"`+examplePage+`","title":`) {
		t.Errorf("JSON does not start with the input beside the article fields: %.120s", stdout)
	}
	_, stdout, _ = runCLI(t, "", "extract", "--format", "json", "no/such.html", examplePage)
	if first, _, _ := strings.Cut(stdout, "\n"); !strings.HasPrefix(first, `{"input":"no/such.html","error":"`) || strings.Contains(first, `"blocks"`) {
		t.Errorf("failed input is not {input, error} alone: %s", first)
	}
}

// TestInterruptible guards the Ctrl-C handling: the first SIGINT cancels the
// run's context, the second quits at once.
func TestInterruptible(t *testing.T) {
	quit := make(chan struct{})
	var stderr bytes.Buffer
	ctx, stop := interruptible(t.Context(), &stderr, func() { close(quit) })
	defer stop()
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Skipf("SKIP: cannot signal the test process: %v", err)
	}
	select {
	case <-ctx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the first SIGINT did not cancel the run")
	}
	if !errors.Is(context.Cause(ctx), errInterrupted) {
		t.Errorf("cause %v, want errInterrupted", context.Cause(ctx))
	}
	select {
	case <-quit:
		t.Fatal("the first SIGINT quit")
	case <-time.After(50 * time.Millisecond):
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case <-quit:
	case <-time.After(5 * time.Second):
		t.Fatal("the second SIGINT did not quit")
	}
}
