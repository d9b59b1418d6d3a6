package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"lede"
	"lede/article"
	"lede/decode"
	"lede/source/guard"
)

// extractRequest is the JSON body of POST /api/extract: a page to fetch.
type extractRequest struct {
	URL string `json:"url"`
}

// errBadRequest marks the errors of a request the client must change.
var errBadRequest = errors.New("bad request")

// errUnsupportedType marks a body of a media type the endpoint does not read.
var errUnsupportedType = errors.New("unsupported media type")

// errFetch marks a failure to fetch the page a request named.
var errFetch = errors.New("fetch failed")

// handleExtract answers POST /api/extract and POST /api/analyze: the page
// in the body (or fetched from {"url"}) as Article JSON. Nothing is stored.
func (s *Server) handleExtract(analyze bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		a, err := s.extractRequest(r.Context(), w, r, analyze)
		if err != nil {
			s.writeExtractError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, a)
	}
}

// extractRequest reads the page a request gives or names and extracts it.
func (s *Server) extractRequest(ctx context.Context, w http.ResponseWriter, r *http.Request, analyze bool) (*article.Article, error) {
	in := extractInput{Analyze: analyze, BaseURL: r.URL.Query().Get("url")}
	ctype := r.Header.Get("Content-Type")
	if ctype == "" {
		return nil, fmt.Errorf("%w: no Content-Type: send text/html, text/plain or application/json", errUnsupportedType)
	}
	media, _, err := mime.ParseMediaType(ctype)
	if err != nil {
		return nil, fmt.Errorf("%w: Content-Type %q: %v", errUnsupportedType, ctype, err)
	}
	switch media {
	case "text/html", "application/xhtml+xml":
		in.Input = lede.InputHTML
	case "text/plain":
		in.Input = lede.InputText
	case "application/json":
	default:
		return nil, fmt.Errorf("%w: %s: send text/html, text/plain or application/json", errUnsupportedType, media)
	}
	body, err := readBody(w, r, s.cfg.MaxBody)
	if err != nil {
		return nil, err
	}
	if media != "application/json" {
		in.Body, in.ContentType = body, ctype
		return s.extract(ctx, in)
	}
	var req extractRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("%w: JSON body: %v (expected {\"url\": \"https://…\"})", errBadRequest, err)
	}
	if strings.TrimSpace(req.URL) == "" {
		return nil, fmt.Errorf("%w: JSON body has no \"url\"", errBadRequest)
	}
	in.FetchURL = req.URL
	return s.extract(ctx, in)
}

// extractForm extracts what the reader's paste form gives: pasted HTML or
// text (the address, if any, as its base), else the address to fetch.
func (s *Server) extractForm(ctx context.Context, address, pasted string) (*article.Article, error) {
	switch {
	case strings.TrimSpace(pasted) != "":
		return s.extract(ctx, extractInput{Body: []byte(pasted), BaseURL: address, Analyze: true})
	case address != "":
		return s.extract(ctx, extractInput{FetchURL: address, Analyze: true})
	}
	return nil, fmt.Errorf("%w: give an address or paste a page", errBadRequest)
}

// extractInput is one page to extract: bytes given, or a URL to fetch.
type extractInput struct {
	Body        []byte
	ContentType string
	Input       string // lede.InputHTML, lede.InputText or "" to detect
	BaseURL     string // resolves relative links of Body
	FetchURL    string // fetched through the guard when Body is nil
	Analyze     bool
}

// extract runs lede on one page. A URL, to fetch or as a base, must pass
// the scheme allow-list; a fetch goes through the private-address guard.
func (s *Server) extract(ctx context.Context, in extractInput) (*article.Article, error) {
	opts := lede.Options{Analyze: in.Analyze, MaxBytes: s.cfg.MaxBody, Input: in.Input, ContentType: in.ContentType}
	if in.BaseURL != "" {
		if _, err := guard.CheckRawURL(in.BaseURL); err != nil {
			return nil, fmt.Errorf("%w: base URL %q: %v", errBadRequest, in.BaseURL, err)
		}
		opts.URL = in.BaseURL
	}
	if in.FetchURL == "" {
		return lede.Extract(ctx, in.Body, opts)
	}
	if _, err := guard.CheckRawURL(in.FetchURL); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadRequest, err)
	}
	opts.Client = guard.Client(s.cfg.AllowPrivate, s.cfg.FetchTimeout, lede.MaxRedirects)
	opts.Timeout = s.cfg.FetchTimeout
	a, err := lede.ExtractURL(ctx, in.FetchURL, opts)
	if err == nil {
		return a, nil
	}
	if errors.Is(err, guard.ErrPrivateAddress) || errors.Is(err, guard.ErrScheme) {
		return nil, fmt.Errorf("%w: %v", errBadRequest, err)
	}
	for _, e := range []error{decode.ErrEmpty, decode.ErrBinary, decode.ErrTooLarge, decode.ErrTruncated, decode.ErrCorrupt} {
		if errors.Is(err, e) {
			return nil, err
		}
	}
	return nil, fmt.Errorf("%w: %v", errFetch, err)
}

// writeExtractError answers an extraction failure with the status that
// says whose fault it is.
func (s *Server) writeExtractError(w http.ResponseWriter, err error) {
	status := http.StatusInternalServerError
	switch {
	case errors.Is(err, errBodyTooLarge), errors.Is(err, decode.ErrTooLarge):
		status = http.StatusRequestEntityTooLarge
		w.Header().Set("Connection", "close")
	case errors.Is(err, errUnsupportedType):
		status = http.StatusUnsupportedMediaType
	case errors.Is(err, errBadRequest), errors.Is(err, decode.ErrEmpty), errors.Is(err, decode.ErrBinary),
		errors.Is(err, decode.ErrTruncated), errors.Is(err, decode.ErrCorrupt), errors.Is(err, lede.ErrBadInputKind):
		status = http.StatusBadRequest
	case errors.Is(err, errFetch):
		status = http.StatusBadGateway
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		status = http.StatusServiceUnavailable
	}
	if status == http.StatusInternalServerError {
		s.log.Error("extract", "error", err)
		writeError(w, status, "internal error")
		return
	}
	writeError(w, status, "%v", err)
}
