package article

import (
	"fmt"
	"strings"
)

// Line is the event as one readable line, for the text, Markdown and HTML
// outputs:
//
//	ASSAULT (firearms) Azerbaijan [AZE] → Karabakh separatists [REB] · in Karabakh (AZE) · on Wednesday 2023-09-20 · "…text…"
//
// with "not", "possible or future" and "claimed by X" when they apply.
func (e Event) Line() string {
	var b strings.Builder
	b.WriteString(string(e.Type))
	if e.Mode != "" {
		fmt.Fprintf(&b, " (%s)", e.Mode)
	}
	if e.Negated {
		b.WriteString(" — not")
	}
	if e.Hypothetical {
		b.WriteString(" — possible or future")
	}
	fmt.Fprintf(&b, " %s", actorLabel(e.Source))
	if e.Target != nil {
		fmt.Fprintf(&b, " → %s", actorLabel(e.Target))
	}
	if e.Where != nil {
		fmt.Fprintf(&b, " · in %s", e.Where.Name)
		if e.Where.Country != "" {
			fmt.Fprintf(&b, " (%s)", e.Where.Country)
		}
	}
	if e.When != nil {
		fmt.Fprintf(&b, " · %s", e.When.Text)
		switch {
		case e.When.Date != "":
			fmt.Fprintf(&b, " %s", e.When.Date)
		case e.When.Start != "":
			fmt.Fprintf(&b, " %s–%s", e.When.Start, e.When.End)
		}
	}
	if e.ClaimedBy != "" {
		fmt.Fprintf(&b, " · claimed by %s", e.ClaimedBy)
	}
	fmt.Fprintf(&b, " · %q", e.Text)
	return b.String()
}

// actorLabel is the resolved entity's name, else the words as written, with
// the dictionaries' country and sector codes.
func actorLabel(a *Actor) string {
	if a == nil {
		return "someone"
	}
	s := a.Name
	if s == "" {
		s = a.Mention
	}
	if s == "" {
		s = "someone"
	}
	var codes []string
	for _, c := range []string{a.Country, a.Sector} {
		if c != "" {
			codes = append(codes, c)
		}
	}
	if len(codes) > 0 {
		s += " [" + strings.Join(codes, " ") + "]"
	}
	return s
}

// writeEvents lists the events under an "Events" heading; heading is the
// Markdown heading mark ("## "), or "" for plain text.
func writeEvents(b *strings.Builder, a *Article, heading string) {
	if len(a.Events) == 0 {
		return
	}
	b.WriteString(heading + "Events\n\n")
	for _, e := range a.Events {
		line := e.Line()
		if heading != "" {
			line = mdEscape(line)
		}
		fmt.Fprintf(b, "- %s\n", line)
	}
	b.WriteString("\n")
}
