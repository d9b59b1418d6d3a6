package quote

import "lede/analyze/sentence"

// quoted is a stretch of text between quotation marks: tokens [from, to)
// of one segment, without the marks. open and close index the marks;
// close is -1 when the paragraph ends before the quotation does (the
// convention for a quotation that runs on into the next paragraph).
type quoted struct {
	seg         int
	open, close int
	from, to    int
}

// findQuoted pairs the quotation marks of a segment. Double marks (curly,
// straight, guillemets) are paired first; single marks are used only in a
// segment with no double marks, since elsewhere they are apostrophes or
// quotations inside quotations.
func findQuoted(seg int, s *sentence.Segment) []quoted {
	var out []quoted
	hasDouble := false
	for _, t := range s.Tokens {
		if t.Kind == sentence.Quote && !t.Single {
			hasDouble = true
			break
		}
	}
	// balance[i] is the number of closing marks minus opening marks from
	// token i on: a second opening mark inside a quotation nests when
	// enough closing marks follow to close both.
	balance := make([]int, len(s.Tokens)+1)
	for i := len(s.Tokens) - 1; i >= 0; i-- {
		balance[i] = balance[i+1]
		if t := s.Tokens[i]; t.Kind == sentence.Quote && t.Single != hasDouble {
			switch t.Side {
			case sentence.Close:
				balance[i]++
			case sentence.Open:
				balance[i]--
			}
		}
	}
	open, depth := -1, 0
	for i, t := range s.Tokens {
		if t.Kind != sentence.Quote || t.Single == hasDouble {
			continue
		}
		switch {
		case open < 0 && t.Side != sentence.Close:
			open = i
		case open >= 0 && t.Side != sentence.Open && depth > 0:
			depth-- // the inner quotation of “… “Citizens Only Voting” amendment …”
		case open >= 0 && t.Side != sentence.Open:
			if i > open+1 {
				out = append(out, quoted{seg: seg, open: open, close: i, from: open + 1, to: i})
			}
			open = -1
		case open >= 0 && t.Side == sentence.Open && !t.Single && balance[i+1] >= depth+2:
			depth++
		case open >= 0 && t.Side == sentence.Open && !t.Single:
			open, depth = i, 0 // an opening mark with the last one never closed: start again
		}
	}
	if open >= 0 && open+1 < len(s.Tokens) && hasDouble {
		out = append(out, quoted{seg: seg, open: open, close: -1, from: open + 1, to: len(s.Tokens)})
	}
	return out
}
