package evaluate

import "testing"

// TestMentionScore guards the wikigold metric: multisets per document, a
// mention right only with its normalised text and its type.
func TestMentionScore(t *testing.T) {
	s := NewMentionScore()
	gold := []Mention{NewMention("Paris", "LOC"), NewMention("Paris", "LOC"), NewMention("ACME Corp.", "ORG")}
	pred := []Mention{NewMention(" paris ", "LOC"), NewMention("acme corp", "PER"), NewMention("(ACME Corp)", "ORG")}
	missed, wrong := s.Add(gold, pred)
	if len(missed) != 1 || len(wrong) != 1 {
		t.Errorf("missed %v, wrong %v: want one each (the second Paris, ACME as PER)", missed, wrong)
	}
	if p, r, f1 := s.PRF("PER", "ORG", "LOC"); p != 2.0/3 || r != 2.0/3 || f1 < 0.666 || f1 > 0.667 {
		t.Errorf("P/R/F1 = %.3f/%.3f/%.3f, want 0.667 each", p, r, f1)
	}
	if p, r, _ := s.PRF("MISC"); p != 0 || r != 0 {
		t.Errorf("MISC P/R = %v/%v, want 0 with nothing counted", p, r)
	}
}
