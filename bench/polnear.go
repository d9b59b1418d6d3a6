package main

// PolNeAR (issue 5) scores what lede says, not what it extracts: the quotes
// lede's analysis finds in the dev split's plain texts, against the gold
// Source, Cue and Content spans. The scorer is evaluate.ScorePolNeAR; the
// bench times it, sets lede beside the quote-marks-only baseline
// (evaluate.PolNeARQuoteMarks) and adds a bootstrap margin over articles.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"lede"
	"lede/bench/pagerun"
	"lede/evaluate"
)

// isPolNeAR recognises the PolNeAR layout: dev/text and dev/attributions.
func isPolNeAR(dir string) bool {
	for _, sub := range []string{"text", "attributions"} {
		if st, err := os.Stat(filepath.Join(dir, "dev", sub)); err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// polnearMetric is what the rows' F1 means.
const polnearMetric = "span F1 per role, micro-averaged (PolNeAR dev)"

// polnearRun is one system's scores on PolNeAR dev.
type polnearRun struct {
	system, label string
	scores        evaluate.PolNeARScores
	seconds       float64
	peakMB        float64 // 0: not measured on its own (shown as —)
}

// polnearRule is one role under one matching rule: a column of the
// summary table and a line of the detail table.
type polnearRule struct {
	role  string // "Content", "Source" or "Cue"
	match string // "overlap" or "exact"
}

// polnearRules are the six figures reported per system, in table order.
var polnearRules = []polnearRule{
	{"Content", "overlap"}, {"Content", "exact"},
	{"Source", "overlap"}, {"Source", "exact"},
	{"Cue", "overlap"}, {"Cue", "exact"},
}

// pick returns the rule's figures from the three roles' scores (of an
// article or of the whole split).
func (r polnearRule) pick(content, source, cue evaluate.RoleScores) evaluate.PRF {
	rs := content
	switch r.role {
	case "Source":
		rs = source
	case "Cue":
		rs = cue
	}
	if r.match == "exact" {
		return rs.Exact
	}
	return rs.Overlap
}

// polnearMargin is the half-width of the 95% bootstrap interval of one
// rule's micro-averaged F1, resampling articles: each draw sums the drawn
// articles' counts and scores them.
func polnearMargin(s evaluate.PolNeARScores, rule polnearRule) float64 {
	return bootstrapMargin(len(s.PerArticle), func(idx []int) float64 {
		var matched, pred, gold int
		for _, i := range idx {
			a := s.PerArticle[i]
			c := rule.pick(a.Content, a.Source, a.Cue)
			matched += c.Matched
			pred += c.Pred
			gold += c.Gold
		}
		return evaluate.NewPRF(matched, pred, gold).F1
	})
}

// runPolNeAR scores lede's quote finding on PolNeAR's dev split, and the
// quote-marks-only baseline beside it. Both run in the bench process, lede
// first: it has loaded nothing else then, so the peak memory read after its
// run is the analysis's own plus the Go runtime. args are the command line,
// quoted in the Markdown.
func runPolNeAR(ctx context.Context, w io.Writer, dir string, o options, args []string) error {
	if o.systemsChosen && (len(o.systems) != 1 || o.systems[0].Name != "lede") {
		return fmt.Errorf("polnear scores quotes, which only lede finds: use --systems lede or no --systems")
	}
	started := time.Now()
	var runs []polnearRun

	start := time.Now()
	sc, err := evaluate.ScorePolNeAR(ctx, dir, lede.Analyze)
	if err != nil {
		return fmt.Errorf("polnear: %w", err)
	}
	runs = append(runs, polnearRun{system: "lede", label: "lede", scores: sc,
		seconds: time.Since(start).Seconds(), peakMB: float64(pagerun.SelfPeakKB()) / 1024})

	start = time.Now()
	sc, err = evaluate.ScorePolNeARSpans(ctx, dir, evaluate.PolNeARQuoteMarks)
	if err != nil {
		return fmt.Errorf("polnear baseline: %w", err)
	}
	runs = append(runs, polnearRun{system: "quote-marks", label: "quote marks only", scores: sc,
		seconds: time.Since(start).Seconds()})

	rows := polnearRows(runs)
	if o.jsonPath != "" {
		if err := writeJSON(o.jsonPath, rows); err != nil {
			return err
		}
	}
	if o.markdown {
		return writePolNeARMarkdown(w, runs, rows, args, started)
	}
	return writePolNeARTable(w, runs, rows)
}

// polnearRows are the JSON rows: one per system, role and matching rule.
func polnearRows(runs []polnearRun) []Row {
	var rows []Row
	for _, run := range runs {
		for _, rule := range polnearRules {
			sc := run.scores
			prf := rule.pick(sc.Content, sc.Source, sc.Cue)
			p, r, f, m := prf.P, prf.R, prf.F1, polnearMargin(run.scores, rule)
			row := Row{System: run.system, Label: fmt.Sprintf("%s: %s (%s)", run.label, rule.role, rule.match),
				Dataset: "polnear", Metric: polnearMetric,
				Precision: &p, Recall: &r, F1: &f, F1Margin: &m, Pages: run.scores.Articles, Seconds: run.seconds, PeakMB: run.peakMB,
				Extra: []Metric{{Name: "matched", Value: float64(prf.Matched)}, {Name: "predicted", Value: float64(prf.Pred)}, {Name: "gold", Value: float64(prf.Gold)}}}
			if run.seconds > 0 {
				row.PagesPerSecond = float64(run.scores.Articles) / run.seconds
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// polnearSummaryCells lay out one line per system: F1 ± margin for each
// role and rule, then the time and memory.
func polnearSummaryCells(runs []polnearRun, rows []Row) (header []string, lines [][]string) {
	header = []string{"system"}
	for _, rule := range polnearRules {
		header = append(header, fmt.Sprintf("%s %s F1", rule.role, rule.match))
	}
	header = append(header, "seconds", "peak MB")
	for i, run := range runs {
		l := []string{run.label}
		for _, row := range rows[i*len(polnearRules) : (i+1)*len(polnearRules)] {
			l = append(l, fmt.Sprintf("%.3f ± %.3f", *row.F1, *row.F1Margin))
		}
		peak := "—"
		if run.peakMB > 0 {
			peak = fmt.Sprintf("%.0f", run.peakMB)
		}
		lines = append(lines, append(l, fmt.Sprintf("%.2f", run.seconds), peak))
	}
	return header, lines
}

// polnearDetailCells lay out one line per system, role and rule, with the
// counts behind each figure.
func polnearDetailCells(rows []Row) (header []string, lines [][]string) {
	header = []string{"system: role (match)", "precision", "recall", "F1 ± 95%", "matched", "predicted", "gold"}
	for _, r := range rows {
		lines = append(lines, []string{r.Label, pct(r.Precision), pct(r.Recall), fmt.Sprintf("%.3f ± %.3f", *r.F1, *r.F1Margin),
			fmt.Sprintf("%.0f", r.Extra[0].Value), fmt.Sprintf("%.0f", r.Extra[1].Value), fmt.Sprintf("%.0f", r.Extra[2].Value)})
	}
	return header, lines
}

// polnearMethod says how the figures are made: what is predicted, the
// matching rule, the margin and the baseline.
const polnearMethod = "Each text becomes an article whose blocks are its paragraphs; lede's quotes, grouped by cue, are its attributions " +
	"(content: the quote, or the clause of a partial quote, with a \"that\" right before it; source: the speaker's span; cue: the cue span). " +
	"Spans are compared by their word tokens (runs of letters, digits and `_`), so quote marks and punctuation do not count. " +
	"Matching rule, within one article and one role: **overlap** — the shared tokens are at least 50% of the predicted span's tokens and at least 50% of the gold span's; " +
	"**exact** — the same token span; under both, spans are paired one-to-one, most shared tokens first. " +
	"P = matched / predicted, R = matched / gold, micro-averaged over articles. " +
	"± is the half-width of the 95% bootstrap interval of F1 (1000 resamples of articles, fixed seed). " +
	"\"Quote marks only\" is the baseline: every span between matching double quote marks (“…”, \"…\", «…», „…“) within a paragraph is a content span, with no source and no cue. " +
	"Seconds are analysis and scoring time over all articles; peak MB is the bench process's peak resident set after lede's run (Go runtime included)."

// writePolNeARMarkdown prints the README's PolNeAR section: where and how
// the figures were measured, then the tables.
func writePolNeARMarkdown(w io.Writer, runs []polnearRun, rows []Row, args []string, started time.Time) error {
	var b strings.Builder
	b.WriteString("### PolNeAR quotes (issue 5)\n\n")
	fmt.Fprintf(&b, "PolNeAR dev split (Political News Attribution Relations, v1.0.0), %d articles; lede's analysis (`lede.Analyze`) on each plain text, "+
		"scored by `evaluate.ScorePolNeAR` per role (Content, Source, Cue). Measured %s on %s with:\n\n",
		runs[0].scores.Articles, started.UTC().Format("2006-01-02 15:04 UTC"), machine())
	fmt.Fprintf(&b, "    cd bench && go run . %s\n\n", strings.Join(args, " "))
	b.WriteString(polnearMethod + "\n\n")
	header, lines := polnearSummaryCells(runs, rows)
	writeMarkdownTable(&b, header, lines)
	b.WriteString("\nPrecision, recall and the counts behind each F1:\n\n")
	header, lines = polnearDetailCells(rows)
	writeMarkdownTable(&b, header, lines)
	_, err := io.WriteString(w, b.String())
	return err
}

// writePolNeARTable prints the same tables as aligned plain text.
func writePolNeARTable(w io.Writer, runs []polnearRun, rows []Row) error {
	fmt.Fprintf(w, "polnear — quotes vs gold attributions, dev split, %d articles\n", runs[0].scores.Articles)
	fmt.Fprintln(w, "(overlap: shared tokens ≥ 50% of each span, one-to-one; exact: the same token span; ± 95% bootstrap over articles)")
	header, lines := polnearSummaryCells(runs, rows)
	if err := writeAligned(w, header, lines); err != nil {
		return err
	}
	fmt.Fprintln(w)
	header, lines = polnearDetailCells(rows)
	return writeAligned(w, header, lines)
}

// writeAligned prints a table as right-aligned plain-text columns.
func writeAligned(w io.Writer, header []string, lines [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\t")
	for _, l := range lines {
		fmt.Fprintln(tw, strings.Join(l, "\t")+"\t")
	}
	return tw.Flush()
}
