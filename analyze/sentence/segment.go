package sentence

// Segment is one piece of an article's text (the title, the dek or a body
// block) cut into tokens and sentences.
type Segment struct {
	Block     int // article.Span block index: -2 title, -1 dek, 0… body
	Text      string
	Tokens    []Token
	Sentences []Range
	sentOf    []int32 // token index → sentence index
}

// NewSegment tokenises and splits text.
func NewSegment(block int, text string, vocab Vocabulary) *Segment {
	s := &Segment{Block: block, Text: text, Tokens: Tokenize(text)}
	s.Sentences = Split(text, s.Tokens, vocab)
	s.sentOf = make([]int32, len(s.Tokens))
	for i := range s.sentOf {
		s.sentOf[i] = -1
	}
	for si, r := range s.Sentences {
		for t := r.From; t < r.To; t++ {
			s.sentOf[t] = int32(si)
		}
	}
	return s
}

// SentenceOf returns the sentence holding token i, or a zero Range for a
// token outside every sentence (a line break).
func (s *Segment) SentenceOf(i int) Range {
	if i < 0 || i >= len(s.sentOf) || s.sentOf[i] < 0 {
		return Range{}
	}
	return s.Sentences[s.sentOf[i]]
}

// Bytes returns the byte span of tokens [from, to).
func (s *Segment) Bytes(from, to int) (start, end int) {
	if from >= to || from < 0 || to > len(s.Tokens) {
		return 0, 0
	}
	return s.Tokens[from].Start, s.Tokens[to-1].End
}

// Slice returns the text of tokens [from, to).
func (s *Segment) Slice(from, to int) string {
	a, b := s.Bytes(from, to)
	return s.Text[a:b]
}
