package main

// PolNeAR (issue 5) scores what lede says, not what it extracts: the quotes
// lede's analysis finds in the dev split's plain texts, against the gold
// Source, Cue and Content spans. The scorer is evaluate.ScorePolNeAR; the
// bench only times it and prints its figures in the same row format.

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// runPolNeAR scores lede's quote finding on PolNeAR's dev split. It runs in
// the bench process, which has loaded nothing else, so the peak memory is
// the analysis's own plus the Go runtime.
func runPolNeAR(ctx context.Context, w io.Writer, dir string, o options) error {
	if o.systemsChosen && (len(o.systems) != 1 || o.systems[0].Name != "lede") {
		return fmt.Errorf("polnear scores quotes, which only lede finds: use --systems lede or no --systems")
	}
	start := time.Now()
	sc, err := evaluate.ScorePolNeAR(ctx, dir, lede.Analyze)
	if err != nil {
		return fmt.Errorf("polnear: %w", err)
	}
	seconds := time.Since(start).Seconds()
	peakMB := float64(pagerun.SelfPeakKB()) / 1024
	var rows []Row
	roles := []struct {
		name string
		r    evaluate.RoleScores
	}{{"Content", sc.Content}, {"Source", sc.Source}, {"Cue", sc.Cue}}
	for _, role := range roles {
		for _, rule := range []struct {
			name string
			prf  evaluate.PRF
		}{{"overlap", role.r.Overlap}, {"exact", role.r.Exact}} {
			p, r, f := rule.prf.P, rule.prf.R, rule.prf.F1
			row := Row{System: "lede", Label: fmt.Sprintf("lede quotes: %s (%s)", role.name, rule.name),
				Dataset: "polnear", Metric: "span F1 per role, micro-averaged (PolNeAR dev)",
				Precision: &p, Recall: &r, F1: &f, Pages: sc.Articles, Seconds: seconds, PeakMB: peakMB,
				Extra: []Metric{{Name: "matched", Value: float64(rule.prf.Matched)}, {Name: "predicted", Value: float64(rule.prf.Pred)}, {Name: "gold", Value: float64(rule.prf.Gold)}}}
			if seconds > 0 {
				row.PagesPerSecond = float64(sc.Articles) / seconds
			}
			rows = append(rows, row)
		}
	}
	if o.jsonPath != "" {
		if err := writeJSON(o.jsonPath, rows); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "polnear — quotes found by lede's analysis vs gold attributions, dev split, %d articles, %.2f s, peak %.0f MB\n", sc.Articles, seconds, peakMB)
	fmt.Fprintln(w, "(overlap: shared words are at least half of each span; exact: the same words)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "role (match)\tprecision\trecall\tF1\tmatched\tpredicted\tgold\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%.0f\t%.0f\t%.0f\t\n", r.Label, *r.Precision, *r.Recall, *r.F1, r.Extra[0].Value, r.Extra[1].Value, r.Extra[2].Value)
	}
	return tw.Flush()
}
