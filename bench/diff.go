package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"lede/bench/pagerun"
	"lede/evaluate"
)

// showDiff runs lede on one page and prints, line by line, what it kept
// that the gold lacks (+) and what of the gold it missed (-). A line
// counts as present when its words appear, in order, in the other text.
func showDiff(ctx context.Context, w io.Writer, d Dataset, id string) error {
	pages := d.Pages()
	i := slices.IndexFunc(pages, func(p Page) bool { return p.ID == id })
	if i < 0 {
		return fmt.Errorf("page %q not in %s", id, d.Layout())
	}
	p := pages[i]
	data, err := evaluate.ReadMaybeGzip(p.Path)
	if err != nil {
		return err
	}
	out, err := runLede(ctx, data, p.URL)
	if err != nil {
		return err
	}
	gold := d.Gold(i)
	metric, _, _ := strings.Cut(metricNames[d.Layout()], ", mean over pages")
	fmt.Fprintf(w, "%s %s (%s)\nlede on this page, %s: %.3f\n\n", d.Layout(), p.ID, p.URL, metric, d.PageF1(i, out))
	printMissing(w, "+ kept, not in gold", out.Text, gold)
	fmt.Fprintln(w)
	printMissing(w, "- in gold, missed", gold, out.Text)
	return nil
}

// printMissing prints the lines of from whose words do not appear in in.
func printMissing(w io.Writer, title, from, in string) {
	hay := " " + wordKey(in) + " "
	fmt.Fprintln(w, title+":")
	n := 0
	for _, line := range pagerun.LinesOf(from) {
		key := wordKey(line)
		if key == "" || strings.Contains(hay, " "+key+" ") {
			continue
		}
		fmt.Fprintln(w, "  "+line)
		n++
	}
	if n == 0 {
		fmt.Fprintln(w, "  (nothing)")
	}
}

// wordKey is a line as its lower-cased words, so spacing and punctuation
// do not make a difference.
func wordKey(s string) string {
	return strings.Join(evaluate.Tokens(strings.ToLower(s)), " ")
}

// peers are the systems lede is compared with in --worst.
var peers = []string{"go-trafilatura", "go-readability", "readability-js"}

// showWorst lists the pages where lede's score trails the best peer's most.
func showWorst(w io.Writer, d Dataset, runs map[string]childRun, n int) error {
	lede, ok := runs["lede"]
	if !ok {
		return fmt.Errorf("--worst needs lede among --systems")
	}
	type gap struct {
		id         string
		lede, peer float64
		peerName   string
	}
	var gaps []gap
	for i, p := range d.Pages() {
		g := gap{id: p.ID, lede: d.PageF1(i, lede.Results[i].Output), peer: -1}
		for _, name := range peers {
			r, ok := runs[name]
			if !ok {
				continue
			}
			if f := d.PageF1(i, r.Results[i].Output); f > g.peer {
				g.peer, g.peerName = f, name
			}
		}
		if g.peerName == "" {
			return fmt.Errorf("--worst needs at least one peer among --systems (%s)", strings.Join(peers, ", "))
		}
		gaps = append(gaps, g)
	}
	sort.SliceStable(gaps, func(a, b int) bool { return gaps[a].peer-gaps[a].lede > gaps[b].peer-gaps[b].lede })
	metric, _, _ := strings.Cut(metricNames[d.Layout()], ", mean over pages")
	fmt.Fprintf(w, "pages where lede trails the best peer most (%s, %s per page)\n", d.Layout(), metric)
	fmt.Fprintf(w, "%-66s %8s %8s  %s\n", "page", "lede", "peer", "best peer")
	for _, g := range gaps[:min(n, len(gaps))] {
		fmt.Fprintf(w, "%-66s %8.3f %8.3f  %s\n", g.id, g.lede, g.peer, g.peerName)
	}
	return nil
}
