package main

// Readability.js runs in one long-lived Node process (js/readability-lines.js)
// fed one page per JSON line, so Node's start-up is paid once, not per page.
// Its dependencies are pinned in js/package-lock.json and installed by
// `npm ci` into js/node_modules the first time the bench needs them.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"

	"lede/bench/pagerun"
)

// nodeScript is the worker, relative to the js folder.
const nodeScript = "readability-lines.js"

// findJSDir locates the bench's js folder: beside the working directory
// (go run . from bench/) or under bench/ (run from the repository root).
func findJSDir() (string, error) {
	for _, dir := range []string{"js", filepath.Join("bench", "js")} {
		if _, err := os.Stat(filepath.Join(dir, nodeScript)); err == nil {
			return filepath.Abs(dir)
		}
	}
	return "", errors.New("bench/js/" + nodeScript + " not found: run the bench from bench/ or the repository root, or pass --js")
}

// ensureNodeModules runs `npm ci` when js/node_modules is missing, so a
// fresh clone installs exactly the locked versions and nothing global.
func ensureNodeModules(ctx context.Context, jsDir string) error {
	if _, err := os.Stat(filepath.Join(jsDir, "node_modules", "@mozilla", "readability")); err == nil {
		return nil
	}
	fmt.Fprintln(os.Stderr, "bench: installing Readability.js and jsdom with npm ci in", jsDir)
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = jsDir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm ci in %s: %w", jsDir, err)
	}
	return nil
}

// nodeWorker is the running Node process.
type nodeWorker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Scanner
	enc    *json.Encoder
	closed bool
}

func startNode(ctx context.Context, jsDir string) (*nodeWorker, error) {
	cmd := exec.CommandContext(ctx, "node", "--max-old-space-size=4096", nodeScript)
	cmd.Dir = jsDir
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("node: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("node: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting node: %w", err)
	}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	return &nodeWorker{cmd: cmd, in: in, out: sc, enc: json.NewEncoder(in)}, nil
}

// nodeRequest and nodeReply are the two sides of one line.
type nodeRequest struct {
	ID   string `json:"id"`
	URL  string `json:"url,omitempty"`
	HTML string `json:"html"`
}

type nodeReply struct {
	ID         string   `json:"id"`
	Title      string   `json:"title"`
	Byline     string   `json:"byline"`
	Published  string   `json:"published"`
	Text       string   `json:"text"`
	Paragraphs []string `json:"paragraphs"`
	Seconds    float64  `json:"seconds"`
	Error      string   `json:"error"`
}

// run sends one page and waits for its reply. The time is Node's own
// measure of DOM parsing plus Readability, without the pipe.
func (w *nodeWorker) run(ctx context.Context, p pagerun.Request, data []byte) pagerun.Result {
	// Node reads the page as UTF-8, as the Go systems do; invalid bytes
	// become U+FFFD either way.
	page := string(data)
	if !utf8.ValidString(page) {
		page = strings.ToValidUTF8(page, "\uFFFD")
	}
	if err := w.enc.Encode(nodeRequest{ID: p.ID, URL: p.URL, HTML: page}); err != nil {
		return pagerun.Result{ID: p.ID, Error: "node: " + err.Error()}
	}
	if !w.out.Scan() {
		err := w.out.Err()
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return pagerun.Result{ID: p.ID, Error: "node: " + err.Error()}
	}
	var rep nodeReply
	if err := json.Unmarshal(w.out.Bytes(), &rep); err != nil {
		return pagerun.Result{ID: p.ID, Error: "node reply: " + err.Error()}
	}
	out := Output{Text: rep.Text, Title: rep.Title, Byline: rep.Byline, Published: rep.Published}
	out.Paragraphs = rep.Paragraphs
	return pagerun.Result{ID: p.ID, Output: out, Seconds: rep.Seconds, Error: rep.Error}
}

// Close ends the worker and returns its peak resident set in KiB, read
// while Node is still running, after the last page.
func (w *nodeWorker) Close() (int64, error) {
	if w.closed {
		return 0, nil
	}
	w.closed = true
	peak := pagerun.PeakKB(w.cmd.Process.Pid)
	w.in.Close()
	if err := w.cmd.Wait(); err != nil {
		return 0, fmt.Errorf("node: %w", err)
	}
	if peak == 0 { // no /proc: fall back to what wait4 reported
		if ru, ok := w.cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = int64(ru.Maxrss)
		}
	}
	return peak, nil
}
