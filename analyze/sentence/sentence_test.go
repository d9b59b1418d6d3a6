package sentence

import (
	"reflect"
	"testing"
)

// vocab is a small stand-in for the lexicon, so these tests pin the
// splitter's rules rather than the word lists.
type vocab struct{}

func (vocab) Abbreviation(l string) bool { return l == "jan" || l == "inc" || l == "mr" || l == "dr" }
func (vocab) Honorific(l string) bool    { return l == "mr" || l == "dr" || l == "sen" }
func (vocab) SentenceStarter(l string) bool {
	return l == "the" || l == "he" || l == "but" || l == "it"
}

func sentences(text string) []string {
	seg := NewSegment(0, text, vocab{})
	var out []string
	for _, r := range seg.Sentences {
		out = append(out, seg.Slice(r.From, r.To))
	}
	return out
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "It rained. The game went on.", []string{"It rained.", "The game went on."}},
		{"honorific", "Mr. Hajiyev spoke. He left.", []string{"Mr. Hajiyev spoke.", "He left."}},
		{"initial", "George W. Bush spoke.", []string{"George W. Bush spoke."}},
		{"initialism mid-sentence", "The U.S. Senate voted.", []string{"The U.S. Senate voted."}},
		{"initialism at the end", "He flew to the U.S. The trip was long.", []string{"He flew to the U.S.", "The trip was long."}},
		{"decimal", "Growth was 3.5 percent. It fell.", []string{"Growth was 3.5 percent.", "It fell."}},
		{"abbreviation before number", "On Jan. 5 it snowed.", []string{"On Jan. 5 it snowed."}},
		{"quote closing after the period", `"We will win." He smiled.`, []string{`"We will win."`, "He smiled."}},
		{"curly quote closing after the period", "“We will win.” He smiled.", []string{"“We will win.”", "He smiled."}},
		{"attribution after a quoted question", "“Why?” he asked.", []string{"“Why?” he asked."}},
		{"line break", "First line\nSecond line", []string{"First line", "Second line"}},
		{"ellipsis then lower case", "He paused... and went on.", []string{"He paused... and went on."}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		if got := sentences(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %q\n got %q\nwant %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string // token texts
	}{
		{"Azerbaijan's president", []string{"Azerbaijan", "'s", "president"}},
		{"Clinton’s 24-hour anti-government bid", []string{"Clinton", "’s", "24-hour", "anti-government", "bid"}},
		{"U.S. troops, 6,000 of them", []string{"U.S.", "troops", ",", "6,000", "of", "them"}},
		{"don't", []string{"do", "n't"}},
		{"«Oui», dit-il", []string{"«", "Oui", "»", ",", "dit-il"}},
		{"''Yes,'' he said", []string{"''", "Yes", ",", "''", "he", "said"}},
		{"Sanders’ campaign manager", []string{"Sanders", "’", "campaign", "manager"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in) {
			got = append(got, tt.in[tok.Start:tok.End])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteSides(t *testing.T) {
	tests := []struct {
		in   string
		want []Side
	}{
		{`He said "yes" twice`, []Side{Open, Close}},
		{"“yes”", []Side{Open, Close}},
		{"«oui»", []Side{Open, Close}},
		{`"Yes," he said.`, []Side{Open, Close}},
	}
	for _, tt := range tests {
		var got []Side
		for _, tok := range Tokenize(tt.in) {
			if tok.Kind == Quote {
				got = append(got, tok.Side)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: sides %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzTokenize checks that any input tokenises and splits without panic and
// with offsets inside the text, in order.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Mr. U.S. “quoted.” 3.5", "'' `` ’s", "\n\n\x00\xff", "a.b.c."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		seg := NewSegment(0, s, vocab{})
		prev := 0
		for _, tok := range seg.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("bad token %+v in %q", tok, s)
			}
			prev = tok.End
		}
		for _, r := range seg.Sentences {
			if r.From >= r.To || r.To > len(seg.Tokens) {
				t.Fatalf("bad sentence %+v", r)
			}
		}
	})
}
