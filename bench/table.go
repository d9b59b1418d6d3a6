package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Row is one system on one dataset: the table line and the JSON object.
// Quality figures are null for rows that only time (the parse floor).
type Row struct {
	System         string   `json:"system"`
	Label          string   `json:"label"`
	Dataset        string   `json:"dataset"`
	Metric         string   `json:"metric"`
	Precision      *float64 `json:"precision"`
	Recall         *float64 `json:"recall"`
	F1             *float64 `json:"f1"`
	F1Margin       *float64 `json:"f1_margin95"`
	Pages          int      `json:"pages"`
	Errors         int      `json:"errors"`
	Seconds        float64  `json:"seconds"`
	CPUSeconds     float64  `json:"cpu_seconds,omitempty"`
	PagesPerSecond float64  `json:"pages_per_second"`
	PeakMB         float64  `json:"peak_mb"`
	Extra          []Metric `json:"extra,omitempty"`
	Groups         []Group  `json:"by_page_type,omitempty"`
}

// metricNames says what F1 means on each dataset.
var metricNames = map[string]string{
	"aeb":         "shingle F1 (AEB)",
	"wcxb":        "word F1, mean over pages (WCXB)",
	"mozilla":     "word F1 vs expected.html text, mean over pages",
	"fundus-eval": "ROUGE-LSum, mean over pages (fundus-eval)",
}

// makeRow scores one child's results.
func makeRow(d Dataset, sys System, r childRun) Row {
	row := Row{System: sys.Name, Label: sys.Label, Dataset: d.Layout(), Metric: metricNames[d.Layout()],
		Pages: len(r.Results), Seconds: r.Totals.Seconds, CPUSeconds: r.Totals.CPUSeconds, PeakMB: float64(r.Totals.PeakKB) / 1024}
	outs := make([]Output, len(r.Results))
	for i, res := range r.Results {
		if res.Error != "" {
			row.Errors++
			continue
		}
		outs[i] = res.Output
	}
	if row.Seconds > 0 {
		row.PagesPerSecond = float64(row.Pages) / row.Seconds
	}
	if !sys.Scored {
		return row
	}
	s := d.Score(outs)
	row.Precision, row.Recall, row.F1, row.F1Margin = &s.Precision, &s.Recall, &s.F1, &s.F1Margin
	row.Extra, row.Groups = s.Extra, s.Groups
	return row
}

// writeTable prints the rows as an aligned plain-text table.
func writeTable(w io.Writer, d Dataset, rows []Row) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	header, lines := tableCells(rows)
	fmt.Fprintf(w, "%s — %s, %d pages\n", d.Layout(), metricNames[d.Layout()], rowsPages(rows))
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
	for _, l := range lines {
		fmt.Fprintln(tw, strings.Join(l, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if gh, gl := groupCells(rows); gh != nil {
		fmt.Fprintln(w, "\nF1 by page type")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
		fmt.Fprintln(tw, strings.Join(gh, "\t")+"\t")
		for _, l := range gl {
			fmt.Fprintln(tw, strings.Join(l, "\t")+"\t")
		}
		return tw.Flush()
	}
	return nil
}

func rowsPages(rows []Row) int {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].Pages
}

// tableCells lays out the main table: one line per system, the
// benchmark's extra figures as extra columns.
func tableCells(rows []Row) (header []string, lines [][]string) {
	header = []string{"system", "precision", "recall", "F1 ± 95%", "pages/s", "seconds", "CPU seconds", "peak MB"}
	var extra []string
	for _, r := range rows {
		if len(r.Extra) > 0 {
			for _, m := range r.Extra {
				extra = append(extra, m.Name)
			}
			break
		}
	}
	header = append(header, extra...)
	for _, r := range rows {
		cpu := "—"
		if r.CPUSeconds > 0 {
			cpu = fmt.Sprintf("%.2f", r.CPUSeconds)
		}
		l := []string{r.Label, pct(r.Precision), pct(r.Recall), "—", fmt.Sprintf("%.1f", r.PagesPerSecond), fmt.Sprintf("%.2f", r.Seconds), cpu, fmt.Sprintf("%.0f", r.PeakMB)}
		if r.F1 != nil {
			l[3] = fmt.Sprintf("%.3f ± %.3f", *r.F1, *r.F1Margin)
		}
		if r.Errors > 0 {
			l[0] += fmt.Sprintf(" (%d errors)", r.Errors)
		}
		for k := range extra {
			if k < len(r.Extra) {
				l = append(l, fmt.Sprintf("%.3f", r.Extra[k].Value))
			} else {
				l = append(l, "—")
			}
		}
		lines = append(lines, l)
	}
	return header, lines
}

// groupCells lays out the per-page-type table, or nothing when the dataset
// has no types.
func groupCells(rows []Row) (header []string, lines [][]string) {
	var groups []Group
	for _, r := range rows {
		if len(r.Groups) > 0 {
			groups = r.Groups
			break
		}
	}
	if groups == nil {
		return nil, nil
	}
	header = []string{"system"}
	for _, g := range groups {
		header = append(header, fmt.Sprintf("%s (%d)", g.Name, g.Pages))
	}
	for _, r := range rows {
		if len(r.Groups) == 0 {
			continue
		}
		l := []string{r.Label}
		for _, g := range r.Groups {
			l = append(l, fmt.Sprintf("%.3f", g.F1))
		}
		lines = append(lines, l)
	}
	return header, lines
}

func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.3f", *v)
}

// writeMarkdown prints the README's Benchmarks section: where and how the
// figures were measured, then the tables.
func writeMarkdown(w io.Writer, d Dataset, rows []Row, args []string, started time.Time) error {
	var b strings.Builder
	b.WriteString("## Benchmarks\n\n")
	fmt.Fprintf(&b, "%s, %d pages; F1 is the %s. Measured %s on %s with:\n\n",
		datasetTitles[d.Layout()], rowsPages(rows), metricNames[d.Layout()], started.UTC().Format("2006-01-02 15:04 UTC"), machine())
	fmt.Fprintf(&b, "    cd bench && go run . %s\n\n", strings.Join(args, " "))
	b.WriteString("Every system sees the same decompressed page bytes, one page at a time, in a process of its own. " +
		"± is the half-width of the 95% bootstrap interval of F1 (1000 resamples of pages, fixed seed). " +
		"Seconds are extraction time summed over pages (parsing included; Readability.js is timed inside Node, without start-up or the pipe). " +
		"CPU seconds are the CPU time of the process over the same calls, all its threads (garbage collection included): unlike seconds, they do not grow while other processes hold the CPU. " +
		"Peak MB is the peak resident set of the process that ran the system (Node's own for Readability.js), so it includes the Go runtime; the `html.Parse` row shows that floor. " +
		"The machine may be shared: the load average says how far to trust the timings. " +
		"\"Naive text\" is every visible line of the page, as a scraper without extraction stores it; \"lede text mode\" is lede cleaning that scrape.\n\n")
	header, lines := tableCells(rows)
	writeMarkdownTable(&b, header, lines)
	if gh, gl := groupCells(rows); gh != nil {
		b.WriteString("\nF1 by page type:\n\n")
		writeMarkdownTable(&b, gh, gl)
	}
	if ref := publishedNotes[d.Layout()]; ref != "" {
		b.WriteString("\n" + ref + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// datasetTitles name the benchmarks for the README.
var datasetTitles = map[string]string{
	"aeb":         "Article Extraction Benchmark (scrapinghub/article-extraction-benchmark)",
	"wcxb":        "WCXB development set (Murrough-Foley/web-content-extraction-benchmark)",
	"mozilla":     "Readability.js test pages (mozilla/readability)",
	"fundus-eval": "fundus-eval (dobbersc/fundus-evaluation)",
}

// publishedNotes recall the figures each benchmark publishes, so a reader
// can check the bench's scorer against them.
var publishedNotes = map[string]string{
	"aeb":         "AEB's README publishes F1 0.958 for trafilatura, 0.960 for go_trafilatura, 0.947 for readability_js and 0.970 for rs_trafilatura; the bench's scorer reproduces those from the published outputs (`go test` in bench/).",
	"fundus-eval": "fundus-eval publishes ROUGE-LSum F1 97.69 (Fundus), 93.62 (Trafilatura), 93.39 (news-please) on a 0–100 scale; the bench's scorer reproduces its table from the published extractions within 0.05 (`go test` in bench/).",
	"wcxb":        "WCXB publishes dev-set F1 0.859 (rs-trafilatura), 0.791 (Trafilatura), 0.675 (Readability).",
}

func writeMarkdownTable(b *strings.Builder, header []string, lines [][]string) {
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for k := range header {
		if k == 0 {
			b.WriteString("---|")
		} else {
			b.WriteString("---:|")
		}
	}
	b.WriteString("\n")
	for _, l := range lines {
		b.WriteString("| " + strings.Join(l, " | ") + " |\n")
	}
}

// machine describes where the figures were measured.
func machine() string {
	cpu := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	desc := fmt.Sprintf("%s, %d cores, %s/%s, %s", cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
	if out, err := exec.Command("node", "--version").Output(); err == nil {
		desc += ", Node " + strings.TrimSpace(string(out))
	}
	// The machine may be shared: the load when the run ended says how far
	// to trust the timings.
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(data)); len(f) >= 3 {
			desc += fmt.Sprintf("; load average %s %s %s at the end of the run", f[0], f[1], f[2])
		}
	}
	return desc
}
