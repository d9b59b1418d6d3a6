package store

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lede's query language, one parser for both engines:
//
//	iron fist            both words (AND is implied)
//	"iron fist"          the phrase
//	iron OR steel        either
//	iron AND NOT steel   iron without steel; also: iron -steel
//	sanction*            a prefix
//	(iron OR steel) fist groups
//
// AND, OR and NOT are operators only in capitals; NOT binds tightest, then
// AND, then OR. Words are cut into tokens exactly as the index cuts text
// (tokenize), so "well-known" or "U.S." become phrases of their parts, the
// same in FTS5 and in tsquery. A query is compiled from its tree, never
// pasted: tokens hold only letters and numbers, so nothing the user
// types can reach the SQL or the engines' own query syntax.

// maxQueryTerms bounds a query's size so that a hostile query cannot make
// the engines do unbounded work.
const maxQueryTerms = 64

// queryNode is a parsed query.
type queryNode interface{ isQuery() }

// termQuery is a word (one token) or a phrase (several), the last token a
// prefix when prefix is set.
type termQuery struct {
	tokens []string
	prefix bool
}

type andQuery struct{ kids []queryNode }
type orQuery struct{ kids []queryNode }
type notQuery struct{ kid queryNode }

func (termQuery) isQuery() {}
func (andQuery) isQuery()  {}
func (orQuery) isQuery()   {}
func (notQuery) isQuery()  {}

// tokenize cuts text into index tokens: maximal runs of letters and
// numbers (isTokenRune), lower-cased. Both engines index the tokens
// tokenize gives (FTS5's ascii tokenizer only splits them apart again;
// PostgreSQL gets them pre-cut as a tsvector), so a phrase means the same
// on both. Snippets find query words in text with the same cut
// (tokenSpans), so a highlighted word is always one the index matched.
func tokenize(text string) []string {
	var out []string
	eachToken(text, func(start, end int) {
		out = append(out, strings.ToLower(text[start:end]))
	})
	return out
}

// eachToken calls fn with the byte bounds of each token of text, in order:
// the one definition of a token for the index, queries and snippets.
func eachToken(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		if isTokenRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(text))
	}
}

// isTokenRune says what words are made of: letters and numbers, the word
// characters of Python's \w and of most tokenizers. Combining marks (Arabic
// harakat, Devanagari vowel signs) end a token: a word written with marks
// then becomes a phrase of its parts, in the text and in a query alike, so
// it is still found, and a query typed as separate letters finds it too.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// lexeme is one piece of the query text.
type lexeme struct {
	kind byte // 'w' word, 'p' phrase, '(' ')', 'A' AND, 'O' OR, 'N' NOT, '-' minus
	text string
}

func lexQuery(s string) ([]lexeme, error) {
	var out []lexeme
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case r == '(' || r == ')':
			out = append(out, lexeme{kind: byte(r)})
			i += n
		case r == '"' || r == '“' || r == '”' || r == '«' || r == '»':
			// A phrase runs to the next double quote of any kind; an
			// unclosed one runs to the end, as people type it.
			j := i + n
			end := strings.IndexFunc(s[j:], func(r rune) bool { return r == '"' || r == '“' || r == '”' || r == '«' || r == '»' })
			text := s[j:]
			next := len(s)
			if end >= 0 {
				text = s[j : j+end]
				_, m := utf8.DecodeRuneInString(s[j+end:])
				next = j + end + m
			}
			// A star right after the closing quote makes the last word a prefix.
			if next < len(s) && s[next] == '*' {
				text += "*"
				next++
			}
			out = append(out, lexeme{kind: 'p', text: text})
			i = next
		case r == '-' && i+1 < len(s) && !unicode.IsSpace(rune(s[i+1])):
			out = append(out, lexeme{kind: '-'})
			i += n
		default:
			j := i
			for j < len(s) {
				r, m := utf8.DecodeRuneInString(s[j:])
				if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == '“' || r == '”' || r == '«' || r == '»' {
					break
				}
				j += m
			}
			w := s[i:j]
			switch w {
			case "AND", "&&":
				out = append(out, lexeme{kind: 'A'})
			case "OR", "||", "|":
				out = append(out, lexeme{kind: 'O'})
			case "NOT":
				out = append(out, lexeme{kind: 'N'})
			default:
				out = append(out, lexeme{kind: 'w', text: w})
			}
			i = j
		}
	}
	return out, nil
}

// ParseQuery checks a query of lede's query language; the error (wrapping
// ErrQuery) says what is wrong in words a user can act on.
func ParseQuery(s string) error {
	_, err := parseQuery(s)
	return err
}

func parseQuery(s string) (queryNode, error) {
	lex, err := lexQuery(s)
	if err != nil {
		return nil, err
	}
	p := &queryParser{lex: lex}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.pos < len(p.lex) {
		return nil, fmt.Errorf("%w: unexpected %q", ErrQuery, p.lex[p.pos].show())
	}
	if n == nil {
		return nil, fmt.Errorf("%w: no words to search for", ErrQuery)
	}
	if p.terms > maxQueryTerms {
		return nil, fmt.Errorf("%w: more than %d terms", ErrQuery, maxQueryTerms)
	}
	if !positive(n) {
		return nil, fmt.Errorf("%w: NOT needs something to exclude from (write: iron NOT steel)", ErrQuery)
	}
	return n, nil
}

func (l lexeme) show() string {
	switch l.kind {
	case 'A':
		return "AND"
	case 'O':
		return "OR"
	case 'N':
		return "NOT"
	case '(', ')', '-':
		return string(l.kind)
	}
	return l.text
}

type queryParser struct {
	lex   []lexeme
	pos   int
	terms int
}

// maxDepth bounds nesting so a query of a million "(" cannot exhaust the stack.
const maxDepth = 32

func (p *queryParser) peek() byte {
	if p.pos < len(p.lex) {
		return p.lex[p.pos].kind
	}
	return 0
}

// or := and (OR and)*. A nil node is a part with no searchable words
// ("&", "--"); it is dropped.
func (p *queryParser) or(depth int) (queryNode, error) {
	var kids []queryNode
	for {
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		if n != nil {
			kids = append(kids, n)
		}
		if p.peek() != 'O' {
			break
		}
		p.pos++
		if k := p.peek(); k == 0 || k == ')' || k == 'O' {
			return nil, fmt.Errorf("%w: OR needs a term after it", ErrQuery)
		}
	}
	switch len(kids) {
	case 0:
		return nil, nil
	case 1:
		return kids[0], nil
	}
	for _, k := range kids {
		if !positive(k) {
			return nil, fmt.Errorf("%w: cannot OR a NOT term (write: a OR b NOT c)", ErrQuery)
		}
	}
	return orQuery{kids}, nil
}

// and := unary ([AND] unary)*
func (p *queryParser) and(depth int) (queryNode, error) {
	var kids []queryNode
	for {
		k := p.peek()
		if k == 0 || k == ')' || k == 'O' {
			break
		}
		if k == 'A' {
			p.pos++
			if k := p.peek(); k == 0 || k == ')' || k == 'O' || k == 'A' {
				return nil, fmt.Errorf("%w: AND needs a term after it", ErrQuery)
			}
			if len(kids) == 0 {
				return nil, fmt.Errorf("%w: AND needs a term before it", ErrQuery)
			}
			continue
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		if n != nil {
			kids = append(kids, n)
		}
	}
	switch len(kids) {
	case 0:
		return nil, nil
	case 1:
		return kids[0], nil
	}
	return andQuery{kids}, nil
}

// unary := (NOT | -) unary | primary
func (p *queryParser) unary(depth int) (queryNode, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%w: nested too deep", ErrQuery)
	}
	switch p.peek() {
	case 'N', '-':
		p.pos++
		if k := p.peek(); k == 0 || k == ')' || k == 'O' || k == 'A' {
			return nil, fmt.Errorf("%w: NOT needs a term after it", ErrQuery)
		}
		n, err := p.unary(depth + 1)
		if err != nil || n == nil {
			return nil, err
		}
		if nn, ok := n.(notQuery); ok {
			return nn.kid, nil // NOT NOT x is x
		}
		return notQuery{n}, nil
	}
	return p.primary(depth)
}

func (p *queryParser) primary(depth int) (queryNode, error) {
	l := p.lex[p.pos]
	p.pos++
	switch l.kind {
	case '(':
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.peek() != ')' {
			return nil, fmt.Errorf("%w: missing )", ErrQuery)
		}
		p.pos++
		return n, nil
	case ')':
		return nil, fmt.Errorf("%w: unexpected )", ErrQuery)
	case 'w', 'p':
		text := l.text
		prefix := strings.HasSuffix(text, "*")
		text = strings.TrimRight(text, "*")
		toks := tokenize(text)
		if len(toks) == 0 {
			return nil, nil
		}
		p.terms += len(toks)
		if p.terms > maxQueryTerms {
			return nil, fmt.Errorf("%w: more than %d terms", ErrQuery, maxQueryTerms)
		}
		return termQuery{tokens: toks, prefix: prefix}, nil
	}
	return nil, fmt.Errorf("%w: unexpected %q", ErrQuery, l.show())
}

// positive says whether a node can match on its own: a NOT alone, or an
// AND of only NOTs, would mean "every article but", which neither engine's
// index answers.
func positive(n queryNode) bool {
	switch n := n.(type) {
	case notQuery:
		return false
	case andQuery:
		for _, k := range n.kids {
			if positive(k) {
				return true
			}
		}
		return false
	case orQuery:
		for _, k := range n.kids {
			if !positive(k) {
				return false
			}
		}
	}
	return true
}

// ftsMatch compiles a query to an FTS5 MATCH expression.
func ftsMatch(n queryNode) string {
	switch n := n.(type) {
	case termQuery:
		s := `"` + strings.Join(n.tokens, " ") + `"`
		if n.prefix {
			s += "*"
		}
		return s
	case orQuery:
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			parts[i] = "(" + ftsMatch(k) + ")"
		}
		return strings.Join(parts, " OR ")
	case andQuery:
		var pos, neg []string
		for _, k := range n.kids {
			if nk, ok := k.(notQuery); ok {
				neg = append(neg, "("+ftsMatch(nk.kid)+")")
			} else {
				pos = append(pos, "("+ftsMatch(k)+")")
			}
		}
		s := strings.Join(pos, " AND ")
		if len(neg) > 0 {
			s = "(" + s + ") NOT " + strings.Join(neg, " NOT ")
		}
		return s
	case notQuery:
		// Unreachable after positive(): a NOT stands only inside an AND.
		return ftsMatch(n.kid)
	}
	return ""
}

// tsQuery compiles a query to PostgreSQL tsquery input, cast as it is
// (CAST(… AS tsquery)): its words are the index's own tokens, so no text
// search configuration touches them (see tsvectorText).
func tsQuery(n queryNode) string {
	switch n := n.(type) {
	case termQuery:
		parts := make([]string, len(n.tokens))
		for i, t := range n.tokens {
			parts[i] = quoteLexeme(t)
		}
		if n.prefix {
			parts[len(parts)-1] += ":*"
		}
		s := strings.Join(parts, " <-> ")
		if len(parts) > 1 {
			s = "(" + s + ")"
		}
		return s
	case orQuery:
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			parts[i] = tsQuery(k)
		}
		return "(" + strings.Join(parts, " | ") + ")"
	case andQuery:
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			parts[i] = tsQuery(k)
		}
		return "(" + strings.Join(parts, " & ") + ")"
	case notQuery:
		return "!" + tsQuery(n.kid)
	}
	return ""
}

// pairIndexed says whether PostgreSQL's pairs column (migration 5) holds
// the pair of adjacent tokens a b: one of them at most 3 bytes long, both
// together at most 59. lede_pairs applies the same rule in SQL.
func pairIndexed(a, b string) bool {
	return min(len(a), len(b)) <= 3 && len(a)+len(b) <= 59
}

// tsPairs compiles what a query needs of PostgreSQL's pairs column: a
// tsquery every matching article's pairs satisfy (its phrases' indexed
// pairs, ANDed and ORed as the phrases are), or "" when it needs nothing
// (no phrase, or an OR with a side that has none). It only narrows the
// candidates the GIN indexes give; tsQuery still decides the match.
func tsPairs(n queryNode) string {
	switch n := n.(type) {
	case termQuery:
		toks := n.tokens
		if n.prefix {
			toks = toks[:len(toks)-1] // a prefix's words are unknown
		}
		var parts []string
		for i := 0; i+1 < len(toks); i++ {
			if pairIndexed(toks[i], toks[i+1]) {
				parts = append(parts, quoteLexeme(toks[i]+" "+toks[i+1]))
			}
		}
		return joinTS(parts, " & ")
	case andQuery:
		var parts []string
		for _, k := range n.kids {
			if p := tsPairs(k); p != "" {
				parts = append(parts, p)
			}
		}
		return joinTS(parts, " & ")
	case orQuery:
		parts := make([]string, len(n.kids))
		for i, k := range n.kids {
			if parts[i] = tsPairs(k); parts[i] == "" {
				return ""
			}
		}
		return joinTS(parts, " | ")
	}
	// A NOT needs nothing of the pairs.
	return ""
}

// joinTS joins tsquery parts with op, in parentheses when there are
// several.
func joinTS(parts []string, op string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return "(" + strings.Join(parts, op) + ")"
}

// queryTokens lists a query's positive tokens, for highlighting snippets.
func queryTokens(n queryNode) (words []string, prefixes []string) {
	switch n := n.(type) {
	case termQuery:
		last := len(n.tokens) - 1
		for i, t := range n.tokens {
			if i == last && n.prefix {
				prefixes = append(prefixes, t)
			} else {
				words = append(words, t)
			}
		}
	case andQuery:
		for _, k := range n.kids {
			w, p := queryTokens(k)
			words, prefixes = append(words, w...), append(prefixes, p...)
		}
	case orQuery:
		for _, k := range n.kids {
			w, p := queryTokens(k)
			words, prefixes = append(words, w...), append(prefixes, p...)
		}
	}
	return words, prefixes
}
