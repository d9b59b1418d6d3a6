package event

import (
	"fmt"
	"strings"

	"lede/article"
)

// Describe writes an event as one readable line for the text and Markdown
// outputs:
//
//	ASSAULT (firearms) Azerbaijan [AZE] → Karabakh separatists [REB] · in Karabakh (AZE) · on Wednesday 2023-09-20 · "…text…"
//
// with "not", "possible or future" and "claimed by X" when they apply.
// (article/render.go cannot import this package; its owner can call it
// from the command or copy the format.)
func Describe(e article.Event) string {
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
	fmt.Fprintf(&b, " %s", describeActor(e.Source, "someone"))
	if e.Target != nil {
		fmt.Fprintf(&b, " → %s", describeActor(e.Target, "someone"))
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

func describeActor(a *article.Actor, none string) string {
	if a == nil {
		return none
	}
	s := a.Name // the resolved entity, else the words as written
	if s == "" {
		s = a.Mention
	}
	if s == "" {
		s = none
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
