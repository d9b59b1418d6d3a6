// Package server is lede's HTTP face: a JSON API over the corpus store
// (search, articles, stories, quotes), extraction and analysis of a page
// posted or named by URL, and a web reader rendered with html/template from
// the same models the command line prints.
//
// The reader never shows a source page's own HTML. It rebuilds every article
// from lede's blocks, keeps only http(s) and mailto links, and serves its
// pages under a Content-Security-Policy that runs no script but lede's own
// static file. Requests are bounded: bodies are capped (413 past the cap),
// reads, writes and idle connections time out, and an optional per-client
// rate limit answers 429.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"lede/decode"
	"lede/store"
)

// Defaults of Config.
const (
	// DefaultAddr serves on loopback only: the store is a researcher's
	// corpus, not a public site, unless they say otherwise.
	DefaultAddr = "127.0.0.1:8080"
	// DefaultMaxBody is the request body cap, the same as extraction's input
	// cap so that whatever lede can extract can be posted.
	DefaultMaxBody = decode.DefaultMaxBytes
	// DefaultFetchTimeout bounds the fetch of a URL given to /api/extract.
	DefaultFetchTimeout = 30 * time.Second
	// shutdownGrace is how long in-flight requests get to finish after
	// SIGTERM before their connections are closed.
	shutdownGrace = 15 * time.Second
)

// Connection timeouts. Writes get more time than reads: extracting and
// analysing a large page posted to /api/analyze, or fetching one by URL,
// happens between the read and the write.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 60 * time.Second
	writeTimeout      = 90 * time.Second
	idleTimeout       = 120 * time.Second
)

// IngestFunc ingests the sources given (as `lede ingest` takes them) into
// the store and returns what to answer: the same summary `lede ingest`
// prints as JSON.
type IngestFunc func(ctx context.Context, sources []string) (any, error)

// Config is what a Server serves and how.
type Config struct {
	// Store is the corpus the API and reader read. Required.
	Store store.Store
	// Token, when set, enables POST /api/ingest for requests that carry
	// "Authorization: Bearer <Token>". Empty: the store is read-only.
	Token string
	// Ingest does the work of POST /api/ingest; nil leaves it disabled.
	Ingest IngestFunc
	// Rate limits each client address to this many requests per second
	// (bursts of as many); 0 means no limit.
	Rate float64
	// MaxBody caps request bodies; 0 means DefaultMaxBody.
	MaxBody int64
	// FetchTimeout bounds a fetch for /api/extract; 0 means
	// DefaultFetchTimeout.
	FetchTimeout time.Duration
	// AllowPrivate lets /api/extract fetch loopback and private addresses
	// (tests, a local crawl); off, the private-address guard refuses them.
	AllowPrivate bool
	// Logger receives the access log and errors; nil discards them.
	Logger *slog.Logger
}

// Server is lede's HTTP server. Create one with New.
type Server struct {
	cfg     Config
	log     *slog.Logger
	pages   *pages
	limiter *rateLimiter
	mux     *http.ServeMux
	handler http.Handler
	count   articleCount
	slots   chan struct{} // one per request reading the store
}

// maxStoreRequests is how many requests read the store at once; the others
// wait their turn. A store has a pool of connections (PostgreSQL's holds
// 16) and one search may use two at a time, so an unbounded crowd of
// searches can take every connection and each wait for a second one. Eight
// keeps them all below the pool, and keeps the engine from thrashing
// under a crowd.
const maxStoreRequests = 8

// storeSlot runs h once a store slot is free, or answers 503 when the
// client gives up first.
func (s *Server) storeSlot(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case s.slots <- struct{}{}:
		case <-r.Context().Done():
			writeError(w, http.StatusServiceUnavailable, "the request was cancelled while waiting for the store")
			return
		}
		defer func() { <-s.slots }()
		h(w, r)
	})
}

// countFor is how long the front page's article count is reused: counting
// a large store on every visit costs more than a count a few seconds old.
const countFor = 10 * time.Second

// articleCount is the front page's cached count of stored articles.
type articleCount struct {
	mu   sync.Mutex
	n    int
	when time.Time
}

// articles returns the number of stored articles, counted at most every
// countFor.
func (s *Server) articles(ctx context.Context) (int, error) {
	s.count.mu.Lock()
	defer s.count.mu.Unlock()
	if !s.count.when.IsZero() && time.Since(s.count.when) < countFor {
		return s.count.n, nil
	}
	st, err := s.cfg.Store.Status(ctx)
	if err != nil {
		return 0, err
	}
	s.count.n, s.count.when = st.Articles, time.Now()
	return st.Articles, nil
}

// New checks cfg and builds the server's routes.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = DefaultFetchTimeout
	}
	if cfg.Rate < 0 {
		return nil, fmt.Errorf("server: rate %g: must be 0 (off) or positive", cfg.Rate)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	p, err := loadPages()
	if err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	s := &Server{cfg: cfg, log: log, pages: p, slots: make(chan struct{}, maxStoreRequests)}
	s.mux = s.routes()
	var h http.Handler = s.mux
	if cfg.Rate > 0 {
		s.limiter = newRateLimiter(cfg.Rate)
		h = s.limiter.middleware(h)
	}
	s.handler = accessLog(log, securityHeaders(h))
	return s, nil
}

// Handler is the server's whole HTTP handler, for tests and for embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// routes maps every path the server answers. The OpenAPI document lists the
// API's; a test keeps the two in step.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	// Routes that read the store take a store slot; extraction, the
	// OpenAPI document and static files do not.
	mux.Handle("GET /healthz", s.storeSlot(s.handleHealth))
	mux.HandleFunc("GET /api/openapi.json", s.handleOpenAPI)
	mux.Handle("GET /api/search", s.storeSlot(s.handleSearch))
	mux.Handle("GET /api/articles/{id}", s.storeSlot(s.handleArticle))
	mux.Handle("GET /api/stories", s.storeSlot(s.handleStories))
	mux.Handle("GET /api/stories/{id}", s.storeSlot(s.handleStory))
	mux.Handle("GET /api/quotes", s.storeSlot(s.handleQuotes))
	mux.HandleFunc("POST /api/extract", s.handleExtract(false))
	mux.HandleFunc("POST /api/analyze", s.handleExtract(true))
	mux.HandleFunc("POST /api/ingest", s.handleIngest)
	mux.HandleFunc("/api/", s.handleAPINotFound)

	mux.Handle("GET /{$}", s.storeSlot(s.handleHome))
	mux.Handle("GET /search", s.storeSlot(s.handleSearchPage))
	mux.Handle("GET /articles/{id}", s.storeSlot(s.handleArticlePage))
	mux.Handle("GET /stories/{id}", s.storeSlot(s.handleStoryPage))
	mux.HandleFunc("GET /read", s.handleReadForm)
	mux.HandleFunc("POST /read", s.handleReadPage)
	mux.Handle("GET /static/", staticHandler())
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/", s.handlePageNotFound)
	return mux
}

// Serve answers on l until ctx ends, then shuts down gracefully: it stops
// accepting, lets in-flight requests finish (up to a grace period) and
// returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if s.limiter != nil {
		sweepCtx, stop := context.WithCancel(ctx)
		defer stop()
		go s.limiter.run(sweepCtx)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	s.log.Info("shutting down: finishing in-flight requests")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
