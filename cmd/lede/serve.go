package main

// lede serve: flags, the store, the listener and the signals. The server
// itself is package server.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"lede"
	"lede/ingest"
	"lede/server"
	"lede/source"
)

const serveUsage = `Usage: lede serve [flags]

Serves the corpus store over HTTP: a JSON API (described at /api/openapi.json)
and a web reader — search, read an article with its quotes and speakers
marked, compare a story's versions, paste a page to read it extracted.

The store is read-only unless --token is given: then POST /api/ingest, with
"Authorization: Bearer TOKEN", ingests the URLs it is sent. Extract and
analyze store nothing and need no token. SIGTERM or Ctrl-C stops the server
after the requests in flight finish.

With --demo, the bundled example pages (testdata/example) are ingested into a
fresh store in a temporary folder, which is removed at the end.

Flags:
`

// demoPages is where --demo finds the bundled example pages: the
// repository's testdata, so `go run ./cmd/lede serve --demo` from the
// repository's root shows the whole product.
const demoPages = "testdata/example"

// demoStory is two outlets' versions of one story (the server's test
// fixtures, the project's own text), ingested with the examples so that the
// demo has a story to compare side by side.
var demoStory = []string{"server/testdata/harbour-wire.html", "server/testdata/harbour-rewrite.html"}

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede serve", serveUsage, stderr)
	cf := declareCorpusFlags(fs)
	addr := fs.String("addr", server.DefaultAddr, "`host:port` to listen on (port 0 picks a free one)")
	token := fs.String("token", "", "enable POST /api/ingest for requests with \"Authorization: Bearer `TOKEN`\"")
	rate := fs.Float64("rate", 0, "requests per second allowed to each client address (0: no limit)")
	maxBytes := fs.Int64("max-bytes", server.DefaultMaxBody, "largest request body, in bytes (413 beyond)")
	allowPrivate := fs.Bool("allow-private", false, "let /api/extract and ingest fetch loopback and private addresses")
	demo := fs.Bool("demo", false, "serve the bundled example pages from a fresh temporary store")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("serve", err, stderr)
	}
	if len(rest) > 0 {
		return usageError("serve", fmt.Errorf("unexpected argument %q: serve takes flags only", rest[0]), stderr)
	}
	if *rate < 0 || *maxBytes < 1 {
		return usageError("serve", errors.New("--rate must not be negative and --max-bytes must be positive"), stderr)
	}
	// The access log is the server's normal output: one line a request.
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	// SIGTERM (a service manager, docker stop) ends the server as Ctrl-C
	// does: in-flight requests finish first.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()

	dsn := cf.db
	if *demo {
		dir, err := os.MkdirTemp("", "lede-demo-")
		if err != nil {
			fmt.Fprintf(stderr, "lede serve: %v\n", err)
			return exitFailed
		}
		defer os.RemoveAll(dir)
		dsn = filepath.Join(dir, "demo.db")
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		fmt.Fprintf(stderr, "lede serve: %v\n", err)
		return exitFailed
	}
	defer st.Close()

	ingestOpts := ingest.Options{
		Workers: 2,
		Source:  source.Options{AllowPrivate: *allowPrivate},
		Extract: lede.Options{MaxBytes: *maxBytes},
		Logger:  log,
	}
	// Each ingest run (the demo's, POST /api/ingest's) writes the story
	// grouping's buffered term counts when it ends.
	ingestOpts.Group, ingestOpts.GroupDone = storyPlacement(st, log)
	if *demo {
		if _, err := os.Stat(demoPages); err != nil {
			fmt.Fprintf(stderr, "lede serve --demo: the example pages are in %s of lede's repository: run it from the repository's root (%v)\n", demoPages, err)
			return exitFailed
		}
		inputs := []string{demoPages}
		for _, f := range demoStory {
			if _, err := os.Stat(f); err == nil {
				inputs = append(inputs, f)
			}
		}
		sum, err := ingest.Run(ctx, st, inputs, ingestOpts)
		if err != nil {
			fmt.Fprintf(stderr, "lede serve --demo: ingesting %s: %v\n", demoPages, err)
			return exitFailed
		}
		fmt.Fprintf(stderr, "lede serve --demo: %s into %s\n", sum, dsn)
	}

	cfg := server.Config{
		Store:        st,
		Token:        *token,
		Rate:         *rate,
		MaxBody:      *maxBytes,
		AllowPrivate: *allowPrivate,
		Logger:       log,
	}
	if *token != "" {
		cfg.Ingest = func(ctx context.Context, sources []string) (any, error) {
			sum, err := ingest.Run(ctx, st, sources, ingestOpts)
			if err != nil {
				return nil, err
			}
			return ingestSummaryJSON(sum), nil
		}
	}
	srv, err := server.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "lede serve: %v\n", err)
		return exitFailed
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "lede serve: %v\n", err)
		return exitFailed
	}
	mode := "read-only"
	if *token != "" {
		mode = "ingest enabled with the token"
	}
	fmt.Fprintf(stdout, "lede serve: open http://%s/ (store %s, %s, %s)\n", l.Addr(), redactDSN(dsn), st.Engine(), mode)
	if err := srv.Serve(ctx, l); err != nil {
		fmt.Fprintf(stderr, "lede serve: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// ingestSummaryJSON is an ingest's summary as POST /api/ingest answers it.
func ingestSummaryJSON(s ingest.Summary) map[string]any {
	return map[string]any{
		"pages":        s.Pages,
		"created":      s.Created,
		"updated":      s.Updated,
		"unchanged":    s.Unchanged,
		"not_modified": s.NotModified,
		"skipped":      s.Skipped,
		"no_body":      s.NoBody,
		"failed":       s.Failed,
		"seconds":      s.Elapsed.Seconds(),
	}
}
