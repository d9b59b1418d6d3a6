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
	"strings"
	"sync"
	"testing"
	"time"

	"lede"
	"lede/article"
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

// jsonLines parses JSON Lines output into articles, in order.
func jsonLines(t *testing.T, out string) []article.Article {
	t.Helper()
	var arts []article.Article
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var a article.Article
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
	out, err := render(a, format, false)
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
	code, stdout, stderr := runCLI(t, "", "extract", srv.URL+"/news", srv.URL+"/gone")
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
