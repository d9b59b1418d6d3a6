// Package pagerun is the child side of the bench. Every system runs in a
// process of its own, so its peak memory is its own: the bench binary
// itself for lede and the baselines, a small program under peers/ for each
// Go peer (so their libraries' start-up costs stay out of lede's process),
// and Node for Readability.js. Each child reads page requests as JSON
// lines on stdin, runs its extractor on one page at a time, writes one JSON
// line per page and, at the end of its input, one line with its totals.
package pagerun

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"lede/evaluate"
)

// Request names one page for a child.
type Request struct {
	ID   string `json:"id"`
	URL  string `json:"url,omitempty"`
	Path string `json:"path"` // the HTML, gzipped or not
}

// Output is what one system made of one page: the body text the metrics
// compare, the body cut into paragraphs (fundus-eval scores paragraphs) and
// the metadata mozilla's gold records.
type Output struct {
	Text       string   `json:"text,omitempty"`
	Paragraphs []string `json:"paragraphs,omitempty"`
	Title      string   `json:"title,omitempty"`
	Byline     string   `json:"byline,omitempty"`
	Published  string   `json:"published,omitempty"`
}

// Result is one page's line.
type Result struct {
	ID      string  `json:"id"`
	Output  Output  `json:"output"`
	Seconds float64 `json:"seconds"`
	// CPUSeconds is the CPU time the child used over the same call, all
	// its threads (garbage collection included), or 0 when not measured
	// (Node's Readability.js). Unlike Seconds it does not grow while other
	// processes hold the CPU.
	CPUSeconds float64 `json:"cpu_seconds,omitempty"`
	Error      string  `json:"error,omitempty"`
}

// Totals is a child's last line.
type Totals struct {
	Done       bool    `json:"done"`
	Seconds    float64 `json:"seconds"`               // extraction time summed over pages
	CPUSeconds float64 `json:"cpu_seconds,omitempty"` // the same calls' CPU time
	PeakKB     int64   `json:"peak_kb"`               // max resident set of the process that ran the system
}

// Runner turns one page's bytes into a Result, timing itself.
type Runner func(ctx context.Context, req Request, page []byte) Result

// Extractor is an in-process system.
type Extractor func(ctx context.Context, page []byte, pageURL string) (Output, error)

// Timed makes a Runner of an Extractor. prepare, when not nil, turns the
// page into the system's input before the clock starts (the text mode is
// handed a scrape, and the scrape is not its work).
func Timed(prepare func([]byte) []byte, extract Extractor) Runner {
	return func(ctx context.Context, req Request, page []byte) Result {
		if prepare != nil {
			page = prepare(page)
		}
		start, startCPU := time.Now(), processCPU()
		out, err := extract(ctx, page, req.URL)
		r := Result{ID: req.ID, Output: out, Seconds: time.Since(start).Seconds(), CPUSeconds: (processCPU() - startCPU).Seconds()}
		if err != nil {
			r.Error = err.Error()
		}
		return r
	}
}

// Serve answers requests from in until it ends, then writes the totals.
// finish, when not nil, is called after the last page and reports the peak
// memory of the process that did the work (Node's for Readability.js);
// otherwise the peak is this process's own.
func Serve(ctx context.Context, in io.Reader, out io.Writer, run Runner, finish func() (peakKB int64, err error)) error {
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var totals Totals
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var req Request
		if err := json.Unmarshal(sc.Bytes(), &req); err != nil {
			return fmt.Errorf("reading request: %w", err)
		}
		var r Result
		if page, err := evaluate.ReadMaybeGzip(req.Path); err != nil {
			r = Result{ID: req.ID, Error: err.Error()}
		} else {
			r = run(ctx, req, page)
		}
		totals.Seconds += r.Seconds
		totals.CPUSeconds += r.CPUSeconds
		if err := enc.Encode(r); err != nil {
			return fmt.Errorf("writing result: %w", err)
		}
		// Flush per page: the parent reads as the child goes.
		if err := w.Flush(); err != nil {
			return fmt.Errorf("writing result: %w", err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading requests: %w", err)
	}
	totals.Done = true
	if finish != nil {
		kb, err := finish()
		if err != nil {
			return err
		}
		totals.PeakKB = kb
	} else {
		totals.PeakKB = SelfPeakKB()
	}
	if err := enc.Encode(totals); err != nil {
		return fmt.Errorf("writing totals: %w", err)
	}
	return w.Flush()
}

// SelfPeakKB is this process's peak resident set in KiB.
func SelfPeakKB() int64 { return PeakKB(0) }

// PeakKB is the peak resident set of process pid (0: this one) in KiB:
// VmHWM from /proc, which belongs to the process's own address space.
// ru_maxrss is not used where /proc exists: Linux carries it across exec,
// so a child would inherit the high-water mark of the bench process that
// started it.
func PeakKB(pid int) int64 {
	name := "/proc/self/status"
	if pid != 0 {
		name = "/proc/" + strconv.Itoa(pid) + "/status"
	}
	if data, err := os.ReadFile(name); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64); err == nil {
					return kb
				}
			}
		}
	}
	if pid != 0 {
		return 0
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return int64(ru.Maxrss) // KiB on Linux
}

// LinesOf cuts plain text into its non-empty lines, the closest thing to
// paragraphs a text-only extractor gives.
func LinesOf(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// processCPU is the CPU time this process has used, user and system, all
// threads; 0 when it cannot be read.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
