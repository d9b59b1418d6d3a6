package server

import (
	"context"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lede/store"
	"lede/story"
)

// openAPI is the API's OpenAPI 3 document, served as it is.
//
//go:embed openapi.json
var openAPI []byte

// Search paging bounds.
const (
	defaultLimit = 10
	maxLimit     = 100
	maxOffset    = 10000 // deeper pages cost the engine more than anyone reads
)

// healthTimeout bounds the store's answer to /healthz.
const healthTimeout = 5 * time.Second

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	st, err := s.cfg.Store.Status(ctx)
	if err != nil {
		s.log.Error("health", "error", err)
		writeError(w, http.StatusServiceUnavailable, "store does not answer")
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "engine": s.cfg.Store.Engine(), "articles": st.Articles})
}

func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
}

// searchAnswer is the body of /api/search.
type searchAnswer struct {
	Results []store.HitJSON `json:"results"` // as `lede search --format json`
	Total   int             `json:"total"`
}

func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r.URL.Query())
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), q)
	if err != nil {
		s.writeStoreError(w, "search", err)
		return
	}
	ans := searchAnswer{Results: make([]store.HitJSON, 0, len(hits)), Total: total}
	for _, h := range hits {
		ans.Results = append(ans.Results, h.JSON())
	}
	writeJSON(w, http.StatusOK, ans)
}

// searchQuery reads a search's parameters, shared by the API and the page.
func searchQuery(v url.Values) (store.Query, error) {
	q := store.Query{
		Text:    strings.TrimSpace(v.Get("q")),
		Site:    strings.TrimSpace(v.Get("site")),
		Lang:    strings.TrimSpace(v.Get("lang")),
		Author:  strings.TrimSpace(v.Get("author")),
		Entity:  strings.TrimSpace(v.Get("entity")),
		Speaker: strings.TrimSpace(v.Get("speaker")),
		Event:   strings.TrimSpace(v.Get("event")),
		Actor:   strings.TrimSpace(v.Get("actor")),
	}
	var err error
	if q.Since, err = dateParam(v, "since", false); err != nil {
		return q, err
	}
	if q.Until, err = dateParam(v, "until", true); err != nil {
		return q, err
	}
	if q.Limit, err = intParam(v, "limit", defaultLimit, 1, maxLimit); err != nil {
		return q, err
	}
	if q.Offset, err = intParam(v, "offset", 0, 0, maxOffset); err != nil {
		return q, err
	}
	return q, nil
}

// dateParam reads a date (2006-01-02) or a date-time (RFC 3339). A date as
// the end of a range means the whole of that day.
func dateParam(v url.Values, name string, endOfDay bool) (time.Time, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s=%q: want a date (2006-01-02) or a date-time (RFC 3339)", name, s)
	}
	if endOfDay {
		t = t.Add(24*time.Hour - time.Nanosecond)
	}
	return t, nil
}

// intParam reads an integer parameter within [lo, hi].
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%s=%q: want an integer from %d to %d", name, s, lo, hi)
	}
	return n, nil
}

// idParam reads the {id} of a path.
func idParam(r *http.Request) (int64, error) {
	s := r.PathValue("id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id < 1 {
		return 0, fmt.Errorf("id %q: want a positive integer", s)
	}
	return id, nil
}

// articleEnvelope is what /api/articles/{id} adds around the article's own
// JSON: where it is stored and which story it is in.
type articleEnvelope struct {
	ID          int64  `json:"id"`
	StoryID     int64  `json:"story_id,omitempty"`
	Source      string `json:"source,omitempty"`
	FetchedAt   string `json:"fetched_at,omitempty"`
	ContentType string `json:"content_type,omitempty"`
	Versions    int    `json:"versions"`
}

func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	sa, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		s.writeStoreError(w, "article", err)
		return
	}
	body, err := storedArticleJSON(sa)
	if err != nil {
		s.writeStoreError(w, "article", err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(body)
}

// storedArticleJSON is the article's JSON, flat as the command line prints
// it, with the envelope's fields first.
func storedArticleJSON(sa store.StoredArticle) ([]byte, error) {
	env, err := json.Marshal(articleEnvelope{
		ID: sa.ID, StoryID: sa.StoryID, Source: sa.Source, FetchedAt: store.RFC3339(sa.FetchedAt),
		ContentType: sa.ContentType, Versions: sa.Versions,
	})
	if err != nil {
		return nil, err
	}
	if sa.Article == nil {
		return append(env, '\n'), nil
	}
	art, err := json.Marshal(sa.Article)
	if err != nil {
		return nil, fmt.Errorf("article %d: %w", sa.ID, err)
	}
	if len(art) < 2 || art[0] != '{' {
		return nil, fmt.Errorf("article %d: JSON is not an object", sa.ID)
	}
	out := append(env[:len(env)-1:len(env)-1], ',')
	if string(art) == "{}" {
		out = append(out[:len(out)-1], '}')
	} else {
		out = append(out, art[1:]...)
	}
	return append(out, '\n'), nil
}

func (s *Server) handleStories(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	since, err := dateParam(v, "since", false)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	limit, err := intParam(v, "limit", 100, 1, 1000)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	all := v.Get("all") == "1" || v.Get("all") == "true"
	stories, err := s.cfg.Store.Stories(r.Context(), store.StoryQuery{Since: since, All: all, Limit: limit})
	if err != nil {
		s.writeStoreError(w, "stories", err)
		return
	}
	out := struct {
		Stories []store.StoryJSON `json:"stories"`
	}{Stories: []store.StoryJSON{}}
	for _, st := range stories {
		if !all && len(st.Articles) < 2 {
			continue
		}
		out.Stories = append(out.Stories, st.JSON())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleStory(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	body, err := s.storyDetail(r.Context(), id)
	if err != nil {
		s.writeStoreError(w, "story", err)
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// Quote tracing over the corpus reads the quotes the store finds for a
// request (at most quoteWindow of them, from at most quoteArticles
// articles) and groups them as `lede quotes` does.
const (
	quoteWindow   = 500
	quoteArticles = 200
)

func (s *Server) handleQuotes(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	text, speaker := strings.TrimSpace(v.Get("q")), strings.TrimSpace(v.Get("speaker"))
	q := store.QuoteQuery{Text: text, Speaker: speaker, Limit: quoteWindow}
	var limit, offset int
	var err error
	if q.Since, err = dateParam(v, "since", false); err == nil {
		if q.Until, err = dateParam(v, "until", true); err == nil {
			if limit, err = intParam(v, "limit", 20, 1, maxLimit); err == nil {
				offset, err = intParam(v, "offset", 0, 0, maxOffset)
			}
		}
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	traces, err := s.traceQuotes(r.Context(), q)
	if err != nil {
		s.writeStoreError(w, "quotes", err)
		return
	}
	words := strings.Fields(strings.ToLower(text))
	out := struct {
		Quotes []story.QuoteTrace `json:"quotes"`
	}{Quotes: []story.QuoteTrace{}}
	skipped := 0
	for _, t := range traces {
		if len(out.Quotes) >= limit {
			break
		}
		if speaker != "" && !strings.Contains(strings.ToLower(t.Speaker), strings.ToLower(speaker)) {
			continue
		}
		if !quoteHasWords(t, words) {
			continue
		}
		if skipped < offset {
			skipped++
			continue
		}
		out.Quotes = append(out.Quotes, t)
	}
	writeJSON(w, http.StatusOK, out)
}

// traceQuotes groups the quotes of the articles whose quotes match q.
func (s *Server) traceQuotes(ctx context.Context, q store.QuoteQuery) ([]story.QuoteTrace, error) {
	hits, _, err := s.cfg.Store.SearchQuotes(ctx, q)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var src []story.QuoteSource
	for _, h := range hits {
		if seen[h.ArticleID] || len(src) >= quoteArticles {
			continue
		}
		seen[h.ArticleID] = true
		sa, err := s.cfg.Store.Article(ctx, h.ArticleID)
		if err != nil {
			return nil, err
		}
		if sa.Article == nil {
			continue
		}
		a := *sa.Article
		a.Blocks = nil // quotes carry their own words
		src = append(src, story.QuoteSource{ArticleID: sa.ID, URL: sa.URL, Article: &a})
	}
	return story.GroupQuotes(src), nil
}

// quoteHasWords reports whether a quote's wordings hold every one of words.
func quoteHasWords(t story.QuoteTrace, words []string) bool {
	text := strings.ToLower(t.Text + " " + strings.Join(t.Variants, " "))
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// ingestRequest is the body of POST /api/ingest: sources as `lede ingest`
// takes them.
type ingestRequest struct {
	Sources []string `json:"sources"`
}

// maxIngestSources bounds one request's sources.
const maxIngestSources = 1000

func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Token == "" || s.cfg.Ingest == nil {
		writeError(w, http.StatusForbidden, "ingest is disabled: the server was started without --token")
		return
	}
	if !s.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="lede"`)
		writeError(w, http.StatusUnauthorized, "ingest needs Authorization: Bearer <token>")
		return
	}
	if media := r.Header.Get("Content-Type"); !strings.HasPrefix(media, "application/json") {
		writeError(w, http.StatusUnsupportedMediaType, "send application/json: {\"sources\": [\"https://…\", …]}")
		return
	}
	body, err := readBody(w, r, s.cfg.MaxBody)
	if errors.Is(err, errBodyTooLarge) {
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusRequestEntityTooLarge, "request body over %d bytes", s.cfg.MaxBody)
		return
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "%v", err)
		return
	}
	var req ingestRequest
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "JSON body: %v (expected {\"sources\": [...]})", err)
		return
	}
	if len(req.Sources) == 0 || len(req.Sources) > maxIngestSources {
		writeError(w, http.StatusBadRequest, "give from 1 to %d sources", maxIngestSources)
		return
	}
	for _, src := range req.Sources {
		// Over HTTP a source is a URL: the server's files are not the
		// client's to name.
		if _, err := url.Parse(src); err != nil || !(strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://")) {
			writeError(w, http.StatusBadRequest, "source %q: over HTTP only http(s) URLs can be ingested", src)
			return
		}
	}
	summary, err := s.cfg.Ingest(r.Context(), req.Sources)
	if err != nil {
		s.log.Error("ingest", "error", err)
		writeError(w, http.StatusInternalServerError, "ingest failed: %v", err)
		return
	}
	writeJSON(w, http.StatusOK, summary)
}

// authorized reports whether a request carries the ingest token, compared
// in constant time.
func (s *Server) authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	tok, ok := strings.CutPrefix(auth, "Bearer ")
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), []byte(s.cfg.Token)) == 1
}

// handleAPINotFound answers a path no API route has (404), or a method the
// path does not take (405, with the methods it does).
func (s *Server) handleAPINotFound(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.mux.Handler(probe); pattern != "/api/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, http.StatusMethodNotAllowed, "%s %s: use %s", r.Method, r.URL.Path, strings.Join(allow, " or "))
		return
	}
	writeError(w, http.StatusNotFound, "no such endpoint: %s %s (see /api/openapi.json)", r.Method, r.URL.Path)
}

// writeStoreError answers a store failure: 404 for an id that names
// nothing, 400 for a bad query, 500 (logged, not shown) otherwise.
func (s *Server) writeStoreError(w http.ResponseWriter, what string, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "%s not found", what)
	case errors.Is(err, store.ErrQuery):
		writeError(w, http.StatusBadRequest, "%v", err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "%s: the request was cancelled or timed out", what)
	default:
		s.log.Error(what, "error", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}
