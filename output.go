package lede

import (
	"bytes"
	"encoding/json"
	"fmt"

	"lede/article"
)

// Output is one input's outcome, as the command prints it: the input as
// given, and its Article or the error that stopped it. It is the envelope
// around the Article, which holds only what the page says.
//
// Its JSON is one flat object: "input" first, then either the Article's
// fields or "error" alone, {"input": "a.html", "title": …} or
// {"input": "b.html", "error": "…"}.
type Output struct {
	Input   string           // the input as given: a path, a URL or "-"
	Article *article.Article // nil when the input failed
	Error   string           // why the input failed, or ""
}

// MarshalJSON writes the flat object.
func (o Output) MarshalJSON() ([]byte, error) {
	head, err := json.Marshal(struct {
		Input string `json:"input,omitempty"`
		Error string `json:"error,omitempty"`
	}{o.Input, o.Error})
	if err != nil {
		return nil, err
	}
	if o.Error != "" || o.Article == nil {
		return head, nil
	}
	a := o.Article
	if a.Input != "" || a.Error != "" {
		// The envelope says these; an Article that still carries them
		// (set by an older caller) must not say them twice.
		c := *a
		c.Input, c.Error = "", ""
		a = &c
	}
	body, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("article: %w", err)
	}
	// Splice the Article's fields in after "input": {"input":"x", "url":…}.
	if len(head) <= 2 {
		return body, nil // no input: the Article alone
	}
	if len(body) <= 2 {
		return head, nil
	}
	out := make([]byte, 0, len(head)+len(body))
	out = append(out, head[:len(head)-1]...)
	out = append(out, ',')
	return append(out, body[1:]...), nil
}

// UnmarshalJSON reads the flat object MarshalJSON writes.
func (o *Output) UnmarshalJSON(data []byte) error {
	var head struct {
		Input string `json:"input"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	o.Input, o.Error, o.Article = head.Input, head.Error, nil
	if head.Error != "" || bytes.Equal(bytes.TrimSpace(data), []byte("{}")) {
		return nil
	}
	var a article.Article
	if err := json.Unmarshal(data, &a); err != nil {
		return err
	}
	o.Article = &a
	return nil
}
