package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// errBodyTooLarge is returned by readBody when a request body passes the
// cap.
var errBodyTooLarge = errors.New("request body too large")

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the client may be gone; nothing more to do then
}

// apiError is the body of every API error answer.
type apiError struct {
	Error string `json:"error"`
}

// writeError answers with {"error": ...}.
func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, apiError{Error: fmt.Sprintf(format, args...)})
}

// readBody reads a request body up to limit bytes. A longer body is read up
// to the cap and no further, and errBodyTooLarge is returned: the caller
// answers 413 and the connection is closed after the answer, so the client
// reads a status rather than a reset.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, limit)
	data, err := io.ReadAll(body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, errBodyTooLarge
		}
		return nil, fmt.Errorf("reading the request body: %w", err)
	}
	return data, nil
}
