// Command bench scores lede against the best open extractors on the public
// benchmarks in ../shared/datasets, each with the metric its benchmark
// publishes, and times them one page at a time.
//
//	cd bench && go run . ../../shared/datasets/aeb
//	go run . --systems lede,go-trafilatura --json out.json ../../shared/datasets/wcxb-dev
//	go run . --markdown ../../shared/datasets/aeb      # the README section
//	go run . --diff PAGE ../../shared/datasets/aeb     # what lede kept and missed
//	go run . --worst 10 ../../shared/datasets/aeb      # where lede trails the best peer
//
// The layout (aeb, wcxb-dev, mozilla, fundus-eval, polnear) is recognised
// from the folder. Every system runs in a child process of its own (this binary with
// --system), so its peak memory is its own.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"slices"
	"strings"
	"time"
)

// options are the command line.
type options struct {
	systems []System
	// systemsChosen is set when --systems was given rather than defaulted.
	systemsChosen bool
	jsonPath      string
	markdown      bool
	diff          string
	worst         int
	limit         int
	child         string // --system: run one system and report lines (internal)
	jsDir         string
	readParse     bool // --read-parse: the whole-process floor
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o options
	var names string
	fs.StringVar(&names, "systems", "", "comma-separated systems to run (default all): "+systemNames())
	fs.StringVar(&o.jsonPath, "json", "", "also write the rows as a JSON list to `FILE`")
	fs.BoolVar(&o.markdown, "markdown", false, "print the README's Benchmarks section (Markdown) instead of the plain table")
	fs.StringVar(&o.diff, "diff", "", "for one `PAGE` id, show what lede kept that the gold lacks and what it missed")
	fs.IntVar(&o.worst, "worst", 0, "list the `N` pages where lede trails the best peer most")
	fs.IntVar(&o.limit, "limit", 0, "use only the first `N` pages (quick runs)")
	fs.StringVar(&o.child, "system", "", "internal: run one system in this process and print JSON lines")
	fs.StringVar(&o.jsDir, "js", "", "the folder holding readability-lines.js (default: bench/js)")
	fs.BoolVar(&o.readParse, "read-parse", false, "read, gunzip and html.Parse every page under the `DIR`s given, one at a time, and exit: the floor of a whole `lede extract` process (time it with /usr/bin/time)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: bench [flags] DATASET_DIR\n\nDATASET_DIR is one of ../shared/datasets/{aeb,wcxb-dev,mozilla,fundus-eval,polnear}.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.child != "" { // a child: page requests come on stdin
		sys, ok := systemNamed(o.child)
		if !ok {
			return fmt.Errorf("unknown system %q", o.child)
		}
		if sys.InProcess == nil && sys.Peer == "" && o.jsDir == "" {
			var err error
			if o.jsDir, err = findJSDir(); err != nil {
				return err
			}
		}
		return serveSystem(ctx, sys, o.jsDir)
	}
	if o.readParse {
		return readParse(ctx, fs.Args())
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one dataset folder, got %d arguments", fs.NArg())
	}
	dir := fs.Arg(0)
	var err error
	if o.systems, err = pickSystems(names); err != nil {
		return err
	}
	o.systemsChosen = names != ""
	if !o.systemsChosen {
		if _, err := exec.LookPath("node"); err != nil {
			fmt.Fprintln(os.Stderr, "bench: node not found, leaving Readability.js out")
			o.systems = slices.DeleteFunc(slices.Clone(o.systems), func(s System) bool { return s.Name == "readability-js" })
		}
	}
	if isPolNeAR(dir) {
		return runPolNeAR(ctx, os.Stdout, dir, o, args)
	}
	d, err := openDataset(dir)
	if err != nil {
		return err
	}
	if o.limit > 0 {
		d.Truncate(o.limit)
	}
	if o.jsDir == "" && needsNode(o) {
		if o.jsDir, err = findJSDir(); err != nil {
			return err
		}
	}
	if o.diff != "" {
		return showDiff(ctx, os.Stdout, d, o.diff)
	}

	started := time.Now()
	rows, runs, err := runSystems(ctx, d, o)
	if err != nil {
		return err
	}
	if o.jsonPath != "" {
		if err := writeJSON(o.jsonPath, rows); err != nil {
			return err
		}
	}
	if o.worst > 0 {
		return showWorst(os.Stdout, d, runs, o.worst)
	}
	if o.markdown {
		return writeMarkdown(os.Stdout, d, rows, args, started)
	}
	return writeTable(os.Stdout, d, rows)
}

// runSystems runs each chosen system over the dataset's pages in a child
// of its own, one system after another, and scores it.
func runSystems(ctx context.Context, d Dataset, o options) ([]Row, map[string]childRun, error) {
	if o.jsDir != "" {
		if err := ensureNodeModules(ctx, o.jsDir); err != nil {
			return nil, nil, err
		}
	}
	binDir, err := os.MkdirTemp("", "lede-bench-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(binDir)
	peerBins, err := buildPeers(ctx, o.systems, binDir)
	if err != nil {
		return nil, nil, err
	}
	pages := d.Pages()
	runs := map[string]childRun{}
	var rows []Row
	for _, sys := range o.systems {
		fmt.Fprintf(os.Stderr, "bench: %s on %s (%d pages)…\n", sys.Name, d.Layout(), len(pages))
		cmd, err := childCommand(ctx, sys, peerBins, o.jsDir)
		if err != nil {
			return nil, nil, err
		}
		r, err := runInChild(ctx, cmd, sys.Name, pages)
		if err != nil {
			return nil, nil, err
		}
		runs[sys.Name] = r
		rows = append(rows, makeRow(d, sys, r))
	}
	return rows, runs, nil
}

// pickSystems resolves --systems; empty means all.
func pickSystems(names string) ([]System, error) {
	if names == "" {
		return systems, nil
	}
	var out []System
	for _, name := range strings.Split(names, ",") {
		s, ok := systemNamed(strings.TrimSpace(name))
		if !ok {
			return nil, fmt.Errorf("unknown system %q (known: %s)", name, systemNames())
		}
		out = append(out, s)
	}
	return out, nil
}

func systemNames() string {
	var names []string
	for _, s := range systems {
		names = append(names, s.Name)
	}
	return strings.Join(names, ",")
}

// needsNode says whether this invocation will run Readability.js.
func needsNode(o options) bool {
	if o.diff != "" {
		return false
	}
	for _, s := range o.systems {
		if s.InProcess == nil && s.Peer == "" {
			return true
		}
	}
	return false
}

func writeJSON(path string, rows []Row) error {
	data, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	return nil
}
