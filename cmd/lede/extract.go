package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"lede"
	"lede/article"
	"lede/decode"
	"lede/source"
)

// inputSuffixes are the file names a directory input is searched for: pages
// and scraped texts, plain or gzipped. Other files in a crawl folder (JSON
// gold, images, notes) are not inputs.
var inputSuffixes = []string{".html", ".htm", ".txt", ".html.gz", ".htm.gz", ".txt.gz"}

// job is one input to extract. err is set when the input could not even be
// listed (a directory that cannot be read), so the failure is reported in
// its place in the output.
type job struct {
	input string // as given, or a path under a directory as given
	err   error
}

// result is one input's output, rendered, so the article itself can be
// dropped as soon as it is done.
type result struct {
	input string
	out   []byte
	err   error
}

// reorderFactor sets the reorder window: how many inputs may be in flight or
// done-but-waiting per worker. Outputs are written in input order, so a slow
// input holds back the ones after it; the window bounds what waits in memory.
const reorderFactor = 4

// extractAll runs extract or analyze over every input and writes the outputs
// in input order. It returns the exit status.
func extractAll(ctx context.Context, cfg *config, stdin io.Reader, stdout, stderr io.Writer) int {
	jobs, several := listInputs(cfg.inputs, func(path string, mode fs.FileMode) {
		cfg.logger.Warn("skipped: not a regular file", "input", path, "kind", source.FileKind(mode))
	})
	if several && cfg.opts.URL != "" {
		fmt.Fprintln(stderr, "lede: --url names the address of a single input, not of a directory's files")
		return exitUsage
	}
	if len(jobs) == 0 {
		cfg.logger.Error("nothing to read: no .html, .htm or .txt files (plain or .gz) in " + strings.Join(cfg.inputs, ", "))
		return exitFailed
	}
	if cfg.format == "" {
		cfg.format = "text"
		if several {
			cfg.format = "json"
		}
	}
	progress := len(jobs) > 1 && isTerminal(stderr)

	// A failed write (a closed pipe) ends the run: nobody reads the rest.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var writeErr error

	failed := 0
	written := 0
	start := time.Now()
	// No more workers than inputs: -j 10000000 with one input must not
	// allocate ten million of anything.
	workers := min(cfg.workers, len(jobs))
	inOrder(ctx, len(jobs), workers, func(i int) result {
		return extractOne(ctx, cfg, jobs[i], stdin, several)
	}, func(r result) {
		written++
		if r.err != nil {
			failed++
			cfg.logger.Error("extract failed", "input", r.input, "err", r.err)
		} else {
			cfg.logger.Debug("extracted", "input", r.input)
		}
		if progress {
			fmt.Fprintf(stderr, "\r\033[Klede: %d/%d inputs, %d failed", written, len(jobs), failed)
		}
		if _, err := stdout.Write(r.out); err != nil && writeErr == nil {
			writeErr = err
			cancel()
		}
	})
	if progress {
		fmt.Fprint(stderr, "\r\033[K")
	}
	cfg.logger.Debug("done", "inputs", len(jobs), "failed", failed, "elapsed", time.Since(start).Round(time.Millisecond))
	if writeErr != nil {
		cfg.logger.Error("writing the output failed", "err", writeErr)
		return exitFailed
	}
	if ctx.Err() != nil {
		cfg.logger.Error(fmt.Sprintf("interrupted after %d of %d inputs", written, len(jobs)), "err", ctx.Err())
		return exitFailed
	}
	if failed > 0 {
		if several {
			cfg.logger.Warn(fmt.Sprintf("%d of %d inputs failed", failed, len(jobs)))
		}
		return exitFailed
	}
	return exitOK
}

// inOrder calls do(i) for i in [0, n) on the given number of workers and
// hands the results to emit in order of i, from the calling goroutine. At
// most reorderFactor×workers results are pending at once. When ctx is done
// no new input is started; the ones under way are still emitted.
func inOrder(ctx context.Context, n, workers int, do func(i int) result, emit func(result)) {
	type task struct {
		i    int
		done chan<- result
	}
	pending := make(chan chan result, reorderFactor*workers) // in input order
	tasks := make(chan task)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for t := range tasks {
				t.done <- do(t.i)
			}
		})
	}
	go func() {
		defer close(tasks)
		defer close(pending)
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			done := make(chan result, 1)
			select {
			case pending <- done: // waits while the window is full
			case <-ctx.Done():
				return
			}
			tasks <- task{i, done}
		}
	}()
	for done := range pending {
		emit(<-done)
	}
	wg.Wait()
}

// extractOne extracts one input and renders it in the chosen format. A
// failure becomes an error object in JSON and nothing in other formats (the
// error is logged). An article without a body is written as it is, with its
// "no body found" warning, and counts as a failure.
func extractOne(ctx context.Context, cfg *config, j job, stdin io.Reader, several bool) result {
	a, err := articleOf(ctx, cfg, j, stdin)
	o := lede.Output{Input: j.input, Article: a}
	switch {
	case err != nil:
		o.Article, o.Error = nil, err.Error()
	case len(a.Blocks) == 0:
		err = lede.ErrNoBody
	}
	out, rerr := render(o, cfg.format, several)
	if rerr != nil && err == nil {
		err = rerr
	}
	if o.Article == nil && cfg.format != "json" {
		out = nil
	}
	return result{input: j.input, out: out, err: err}
}

// articleOf extracts the article of one input: stdin, a URL or a file.
func articleOf(ctx context.Context, cfg *config, j job, stdin io.Reader) (*article.Article, error) {
	if j.err != nil {
		return nil, j.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	switch {
	case j.input == "-":
		data, err := decode.ReadAll(stdin, cfg.opts.MaxBytes)
		if err != nil {
			return nil, fmt.Errorf("stdin: %w", err)
		}
		return lede.Extract(ctx, data, cfg.opts)
	case isURL(j.input):
		return lede.ExtractURL(ctx, j.input, cfg.opts)
	default:
		return lede.ExtractFile(ctx, j.input, cfg.opts)
	}
}

// render writes one input's output in format: JSON is the flat envelope,
// the other formats the article. With several inputs, the text formats get a
// line naming the input, so the outputs can be told apart; the name is
// escaped for where it stands (an HTML comment, a terminal).
func render(o lede.Output, format string, several bool) ([]byte, error) {
	if format == "json" {
		out, err := json.Marshal(o)
		if err != nil {
			return nil, fmt.Errorf("json: %w", err)
		}
		return append(out, '\n'), nil
	}
	a := o.Article
	if a == nil {
		return nil, nil
	}
	switch format {
	case "markdown":
		return withHeader("<!-- "+commentText(o.Input)+" -->\n\n", article.RenderMarkdown(a), several), nil
	case "html":
		return withHeader("<!-- "+commentText(o.Input)+" -->\n", article.RenderHTML(a), several), nil
	default:
		return withHeader("==> "+article.StripControls(o.Input)+" <==\n", article.RenderText(a), several), nil
	}
}

// commentEscaper keeps an input name inside the HTML comment that heads its
// output: a comment ends at "-->" (or "--!>"), and "<!--" inside one is an
// error, so no "--", "<" or ">" may stand in it as they are.
var commentEscaper = strings.NewReplacer("--", "-\u200b-", "<", "&lt;", ">", "&gt;")

// commentText is s made safe to stand in an HTML comment, without control
// characters.
func commentText(s string) string {
	s = article.StripControls(s)
	for strings.Contains(s, "--") {
		s = commentEscaper.Replace(s)
	}
	return commentEscaper.Replace(s)
}

func withHeader(header, body string, several bool) []byte {
	if !several {
		return []byte(body)
	}
	return []byte(header + body + "\n")
}

// listInputs turns the inputs as given into jobs, expanding directories into
// the input files under them in sorted order. several is true when more than
// one output may come: several inputs or any directory. Files in a directory
// that are not regular files (named pipes, devices, sockets) are never
// opened, since reading one can block for ever: skipped is told about each.
// A non-regular file given by name fails in its place (lede.ErrNotRegular).
func listInputs(inputs []string, skipped func(path string, mode fs.FileMode)) (jobs []job, several bool) {
	several = len(inputs) > 1
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			jobs = append(jobs, job{input: in})
			continue
		}
		info, err := os.Stat(in)
		if err != nil || !info.IsDir() {
			jobs = append(jobs, job{input: in}) // a missing file fails in its place
			continue
		}
		several = true
		err = filepath.WalkDir(in, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				jobs = append(jobs, job{input: path, err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() || !isInputFile(d.Name()) {
				return nil
			}
			mode := d.Type()
			if mode&fs.ModeSymlink != 0 {
				if info, err := os.Stat(path); err == nil {
					mode = info.Mode().Type()
				}
			}
			if !mode.IsRegular() {
				skipped(path, mode)
				return nil
			}
			jobs = append(jobs, job{input: path})
			return nil
		})
		if err != nil {
			jobs = append(jobs, job{input: in, err: err})
		}
	}
	return jobs, several
}

// isInputFile reports whether a file found in a directory is an input.
func isInputFile(name string) bool {
	lower := strings.ToLower(name)
	for _, s := range inputSuffixes {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	return false
}

func isURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// isTerminal reports whether w is a terminal, where progress may be drawn.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}
