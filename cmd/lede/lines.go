package main

// lede analyze --lines: each line of a file is a text of its own (a
// sentence or a paragraph), analysed without extraction. This is how
// evaluation sets of sentences and other pipelines use the analysis.

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"lede/analyze"
	"lede/article"
	"lede/language"
)

// maxLineBytes bounds one input line: a longer line is reported as an
// error and skipped, so a file without line breaks cannot fill memory.
const maxLineBytes = 1 << 20

// detectBytes is how much of the input the language is detected on, once
// for the whole file.
const detectBytes = 64 << 10

// lineResult is one output line of analyze --lines.
type lineResult struct {
	Line     int              `json:"line"`
	Entities []article.Entity `json:"entities"`
	Quotes   []article.Quote  `json:"quotes"`
	Events   []article.Event  `json:"events"`
	Warnings []string         `json:"warnings,omitempty"`
	Error    string           `json:"error,omitempty"`
}

// runAnalyzeLines is `lede analyze --lines [--date YYYY-MM-DD] [--lang L]
// [--format json] FILE`.
func runAnalyzeLines(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("lede analyze --lines", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("lines", true, "analyse each line of FILE as a text of its own")
	date := fs.String("date", "", "published `date` (YYYY-MM-DD) that relative dates resolve against")
	lang := fs.String("lang", "", "`language` of the texts (default: detected once over the file)")
	format := fs.String("format", "json", "output `format`: json (JSON Lines, one object a line)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: lede analyze --lines [--date YYYY-MM-DD] [--lang L] [--format json] FILE\n")
		fs.PrintDefaults()
	}
	var inputs []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return exitOK
			}
			return exitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		inputs = append(inputs, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *format != "json" {
		fmt.Fprintf(stderr, "lede analyze --lines: --format %q: only json (JSON Lines) is written\n", *format)
		return exitUsage
	}
	if len(inputs) != 1 {
		fmt.Fprintf(stderr, "lede analyze --lines: want one FILE (or - for stdin), have %d\n", len(inputs))
		return exitUsage
	}
	published := ""
	if *date != "" {
		if _, err := time.Parse("2006-01-02", *date); err != nil {
			fmt.Fprintf(stderr, "lede analyze --lines: --date %q: want YYYY-MM-DD\n", *date)
			return exitUsage
		}
		published = *date
	}
	in := stdin
	if inputs[0] != "-" {
		f, err := os.Open(inputs[0])
		if err != nil {
			fmt.Fprintf(stderr, "lede analyze --lines: %v\n", err)
			return exitFailed
		}
		defer f.Close()
		in = f
	}
	br := bufio.NewReaderSize(in, detectBytes)
	if *lang == "" {
		// Detected once, over the start of the file: every line is then
		// read as that language, so one short line in another language
		// does not switch analysis off.
		sample, _ := br.Peek(detectBytes)
		*lang = language.Detect(string(sample), "")
	}
	if err := analyzeLines(ctx, br, stdout, published, *lang); err != nil {
		fmt.Fprintf(stderr, "lede analyze --lines: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// analyzeLines streams the lines of r through analysis, one JSON object a
// line on w. Memory is bounded by the longest line kept (maxLineBytes).
func analyzeLines(ctx context.Context, r *bufio.Reader, w io.Writer, published, lang string) error {
	out := bufio.NewWriter(w)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	var failed error
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		line, tooLong, err := readLine(r)
		if err == io.EOF && line == "" && !tooLong {
			break
		}
		if err != nil && err != io.EOF {
			return fmt.Errorf("line %d: %w", n, err)
		}
		res := lineResult{Line: n, Entities: []article.Entity{}, Quotes: []article.Quote{}, Events: []article.Event{}}
		if tooLong {
			res.Error = fmt.Sprintf("line longer than %d bytes: skipped", maxLineBytes)
			failed = errors.New("some lines were too long")
		} else if text := strings.TrimSpace(line); text != "" {
			a := &article.Article{Published: published, Language: lang,
				Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
			if err := analyze.Article(ctx, a, analyze.Options{}); err != nil {
				return fmt.Errorf("line %d: %w", n, err)
			}
			if a.Entities != nil {
				res.Entities = a.Entities
			}
			if a.Quotes != nil {
				res.Quotes = a.Quotes
			}
			if a.Events != nil {
				res.Events = a.Events
			}
			res.Warnings = a.Warnings
		}
		if err := enc.Encode(res); err != nil {
			return err
		}
		if err == io.EOF {
			break
		}
	}
	return failed
}

// readLine reads one line without its end; a line longer than maxLineBytes
// is read to its end and dropped (tooLong).
func readLine(r *bufio.Reader) (line string, tooLong bool, err error) {
	var b strings.Builder
	for {
		chunk, isPrefix, err := r.ReadLine()
		if !tooLong {
			if b.Len()+len(chunk) > maxLineBytes {
				tooLong = true
				b.Reset()
			} else {
				b.Write(chunk)
			}
		}
		if err != nil {
			return b.String(), tooLong, err
		}
		if !isPrefix {
			return b.String(), tooLong, nil
		}
	}
}
