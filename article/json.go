package article

import "encoding/json"

// Text is the body as plain text: blocks separated by one blank line, without
// the title. It is what evaluation tools compare against gold text.
func (a *Article) Text() string {
	n := 0
	for _, b := range a.Blocks {
		n += len(b.Text) + 2
	}
	buf := make([]byte, 0, n)
	for i, b := range a.Blocks {
		if i > 0 {
			buf = append(buf, '\n', '\n')
		}
		buf = append(buf, b.Text...)
	}
	return string(buf)
}

// jsonArticle is the Article with the derived text field that JSON readers
// rely on. The alias type keeps json.Marshal from recursing into MarshalJSON.
type jsonArticle struct {
	*alias
	Text string `json:"text"`
}

type alias Article

// MarshalJSON writes the Article with its body also as plain text in "text".
func (a *Article) MarshalJSON() ([]byte, error) {
	if a.Error != "" {
		return json.Marshal(struct {
			Input string `json:"input,omitempty"`
			Error string `json:"error"`
		}{a.Input, a.Error})
	}
	return json.Marshal(jsonArticle{alias: (*alias)(a), Text: a.Text()})
}

// UnmarshalJSON reads the form MarshalJSON writes; "text" is derived, so it is ignored.
func (a *Article) UnmarshalJSON(data []byte) error {
	return json.Unmarshal(data, (*alias)(a))
}
