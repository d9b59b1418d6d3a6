// Command lede extracts clean, structured articles from news pages and
// scraped text files, and analyses what they say.
//
//	lede extract [flags] INPUT...
//	lede analyze [flags] INPUT...
//	lede version
//	lede help
//
// This file holds flags and wiring only; the work is in package lede.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"time"

	"lede"
	"lede/decode"
)

const usage = `lede turns news pages into clean, structured articles.

Usage:
  lede extract [flags] INPUT...   extract the article of each input
  lede analyze [flags] INPUT...   extract, then find sentences, entities and quotes
  lede version                    print the version
  lede help                       print this help

INPUT is a file (.gz is read transparently), a directory (searched for .html,
.htm, .txt and their .gz, in sorted order), an http(s) URL, or - for stdin.
Flags may come before or after the inputs.

With several inputs the default format is json: JSON Lines, one object per
input in input order, each with "input" set to the input as given. A failing
input yields {"input": ..., "error": ...}, the others go on, and the exit
status is 1 at the end; so does an input with no article body (its JSON
says "warnings": ["no body found"]). Named pipes and devices in a directory
are skipped with a message. URL inputs may not reach private addresses
unless --allow-private. The first Ctrl-C finishes the inputs under way and
starts no more; the second quits at once.

Flags:
`

// Exit statuses.
const (
	exitOK     = 0
	exitFailed = 1 // at least one input failed
	exitUsage  = 2 // bad command line
)

func main() {
	ctx, stop := interruptible(context.Background(), os.Stderr, func() { os.Exit(exitInterrupted) })
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// exitInterrupted is the status of a run stopped by a second Ctrl-C: 128 +
// SIGINT, as a shell reports a process killed by it.
const exitInterrupted = 130

// interruptible returns a context cancelled by the first Ctrl-C (SIGINT):
// no new input starts, the ones under way see the cancellation at their next
// check and stop. The second Ctrl-C calls quit, which exits at once. stop
// ends the watch.
func interruptible(parent context.Context, stderr io.Writer, quit func()) (ctx context.Context, stop func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		fmt.Fprintln(stderr, "\nlede: interrupted: finishing the inputs under way; Ctrl-C again to quit now")
		cancel(errInterrupted)
		select {
		case <-sigs:
			quit()
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// errInterrupted is the cause of the context a Ctrl-C cancels.
var errInterrupted = errors.New("interrupted (Ctrl-C)")

// run is the whole command, with its streams passed in so tests can drive it.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		printUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "extract", "analyze":
		if args[0] == "analyze" && hasFlag(args[1:], "lines") {
			return runAnalyzeLines(ctx, args[1:], stdin, stdout, stderr)
		}
		cfg, err := parseFlags(args[0], args[1:], stderr)
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		if err != nil {
			fmt.Fprintf(stderr, "lede %s: %v\n", args[0], err)
			return exitUsage
		}
		cfg.opts.Analyze = args[0] == "analyze"
		return extractAll(ctx, cfg, stdin, stdout, stderr)
	case "ingest", "reindex", "search", "status", "stories", "story", "restory", "quotes", "serve":
		return corpusCommands[args[0]](ctx, args[1:], stdin, stdout, stderr)
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "lede %s (%s)\n", lede.Version, runtime.Version())
		return exitOK
	case "help", "-h", "-help", "--help":
		printUsage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "lede: unknown command %q; run 'lede help'\n", args[0])
	return exitUsage
}

// command is one subcommand: its arguments after the name, the streams, and
// the exit status it returns.
type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

// corpusCommands are the subcommands over a corpus store, each in a file of
// its own (ingest.go, search.go, stories.go, serve.go).
var corpusCommands = map[string]command{
	"ingest":  runIngest,
	"reindex": runReindex,
	"search":  runSearch,
	"status":  runStatus,
	"stories": runStories,
	"story":   runStory,
	"restory": runRestory,
	"quotes":  runQuotes,
	"serve":   runServe,
}

// config is what the command line asks for.
type config struct {
	inputs  []string
	format  string // "" until chosen from the number of inputs
	workers int
	opts    lede.Options
	logger  *slog.Logger
}

// flagValues are the flags' destinations, checked and turned into a config
// by parseFlags.
type flagValues struct {
	format, input, url     string
	keepComments, noTables bool
	workers                int
	maxBytes               int64
	timeout                time.Duration
	allowPrivate           bool
	verbose                bool
}

// printUsage writes the help text with the flags.
func printUsage(w io.Writer) {
	fs, _ := declareFlags("lede", w)
	fs.Usage()
}

// declareFlags declares the flags of extract and analyze.
func declareFlags(name string, out io.Writer) (*flag.FlagSet, *flagValues) {
	v := &flagValues{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprint(out, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&v.format, "format", "", "output `format`: text, markdown, html or json (default text for one input, json for several)")
	fs.StringVar(&v.input, "input", lede.InputAuto, "input `kind`: auto, html or text")
	fs.StringVar(&v.url, "url", "", "base `URL` of a single file input, to resolve its relative links")
	fs.BoolVar(&v.keepComments, "keep-comments", false, "keep reader comments below the article")
	fs.BoolVar(&v.noTables, "no-tables", false, "leave data tables out of the body")
	fs.IntVar(&v.workers, "j", runtime.NumCPU(), "number of inputs to extract in parallel")
	fs.Int64Var(&v.maxBytes, "max-bytes", decode.DefaultMaxBytes, "largest input accepted, before and after gzip, in bytes")
	fs.DurationVar(&v.timeout, "timeout", lede.DefaultTimeout, "time limit for the whole of one input's work: fetch, decoding, extraction and analysis")
	fs.BoolVar(&v.allowPrivate, "allow-private", false, "let URL inputs reach loopback, private and link-local addresses (refused by default)")
	fs.BoolVar(&v.verbose, "v", false, "log each input as it is done")
	return fs, v
}

// parseFlags reads the flags and inputs of extract or analyze. Flags may
// come after inputs; everything after "--" is an input.
func parseFlags(cmd string, args []string, stderr io.Writer) (*config, error) {
	fs, v := declareFlags("lede "+cmd, stderr)
	var inputs []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		after := fs.Args()
		if consumed := len(rest) - len(after); consumed > 0 && rest[consumed-1] == "--" {
			inputs = append(inputs, after...)
			break
		}
		if len(after) == 0 {
			break
		}
		inputs = append(inputs, after[0])
		rest = after[1:]
	}
	if len(inputs) == 0 {
		return nil, errors.New("no INPUT given (a file, a directory, a URL or - for stdin)")
	}
	switch v.format {
	case "", "text", "markdown", "html", "json":
	default:
		return nil, fmt.Errorf("unknown --format %q: use text, markdown, html or json", v.format)
	}
	switch v.input {
	case lede.InputAuto, lede.InputHTML, lede.InputText:
	default:
		return nil, fmt.Errorf("unknown --input %q: use auto, html or text", v.input)
	}
	if v.workers < 1 {
		return nil, fmt.Errorf("-j must be at least 1, not %d", v.workers)
	}
	if v.maxBytes < 1 {
		return nil, fmt.Errorf("--max-bytes must be positive, not %d", v.maxBytes)
	}
	if v.timeout <= 0 {
		return nil, fmt.Errorf("--timeout must be positive, not %v", v.timeout)
	}
	if v.url != "" && len(inputs) > 1 {
		return nil, errors.New("--url names the address of a single input; give one INPUT")
	}
	level := slog.LevelWarn
	if v.verbose {
		level = slog.LevelDebug
	}
	return &config{
		inputs:  inputs,
		format:  v.format,
		workers: v.workers,
		opts: lede.Options{
			URL:          v.url,
			Input:        v.input,
			KeepComments: v.keepComments,
			DropTables:   v.noTables,
			MaxBytes:     v.maxBytes,
			Timeout:      v.timeout,
			AllowPrivate: v.allowPrivate,
		},
		logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level, ReplaceAttr: dropTime})),
	}, nil
}

// dropTime leaves the time out of log lines: a person reads them as they
// come, and the time only makes them longer.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

// hasFlag reports whether args hold the boolean flag -name or --name before
// any "--".
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "-"+name || a == "--"+name || a == "-"+name+"=true" || a == "--"+name+"=true" {
			return true
		}
	}
	return false
}
