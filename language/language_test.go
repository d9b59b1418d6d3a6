package language

import (
	"strings"
	"testing"
)

// Sample texts: the first article of the Universal Declaration of Human
// Rights in each language (UN translations, free to reproduce), and a
// sentence written for this test in English.
const (
	english = "The minister said on Tuesday that the government would publish the report next week, after talks with the unions broke down."
	zulu    = "Bonke abantu bazalwa bekhululekile belingana ngesithunzi nangamalungelo. Banikwe ingqondo nonembeza, ngakho bafanele ukuphathana ngomoya wobunye."
	xhosa   = "Bonke abantu bazalwa bekhululekile belingana ngesidima nangokweemfanelo. Bonke abantu banesiphiwo sesazela nesizathu, kwaye bamele ukuphathana ngomoya wobuzalwana."
	chinese = "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
	german  = "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen."
	french  = "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité."
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, text, declared, want string
	}{
		{"declaration kept when the text agrees", english, "en-US", "en-US"},
		{"declaration canonicalised", english, "en_us", "en-US"},
		{"no declaration: the text's language", english, "", "en"},
		{"Zulu page declaring English", zulu, "en", "zu"},
		{"Xhosa page declaring English", xhosa, "en", "xh"},
		{"Chinese page declaring a charset", chinese, "utf-8", "zh"},
		{"German undeclared", german, "", "de"},
		{"French declared as French", french, "fr-FR", "fr-FR"},
		{"French page declaring English", french, "en", "fr"},
		{"too short to tell: the declaration stays", "OK", "fr", "fr"},
		{"nothing to read and junk declared", "1234 5678", "text/html", ""},
		{"empty", "", "", ""},
		{"private-use declaration ignored", english, "x-default", "en"},
		{"Norwegian macrolanguage agrees", "Alle mennesker er født frie og med samme menneskeverd og menneskerettigheter. De er utstyrt med fornuft og samvittighet og bør handle mot hverandre i brorskapets ånd.", "no", "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect(tt.text, tt.declared); got != tt.want {
				t.Errorf("Detect(%.30q, %q) = %q, want %q", tt.text, tt.declared, got, tt.want)
			}
		})
	}
}

// TestDetectReadsASample guards the cost bound: a long text is read
// through three slices only, so a different language past the sample does
// not change the answer and the time does not grow with the text.
func TestDetectReadsASample(t *testing.T) {
	long := strings.Repeat(english+" ", 200)
	if got := len(sample(long)); got > 3*SampleBytes+2 {
		t.Errorf("sample of %d bytes is %d bytes, want at most %d", len(long), got, 3*SampleBytes+2)
	}
	if got := Detect(long, ""); got != "en" {
		t.Errorf("Detect(long English) = %q", got)
	}
}

func TestSampleKeepsRunes(t *testing.T) {
	long := strings.Repeat("人人生而自由，", 1000)
	s := sample(long)
	if !strings.HasPrefix(s, "人") || strings.ContainsRune(s, '\uFFFD') {
		t.Errorf("sample cut a rune: %q…", s[:30])
	}
	for _, r := range s {
		if r == '\uFFFD' {
			t.Fatal("invalid UTF-8 in the sample")
		}
	}
}

func TestAnalysisSupported(t *testing.T) {
	for tag, want := range map[string]bool{"en": true, "en-GB": true, "EN_us": true, "": true, "de": false, "zu": false, "zh-Hans": false} {
		if got := AnalysisSupported(tag); got != want {
			t.Errorf("AnalysisSupported(%q) = %v, want %v", tag, got, want)
		}
	}
	if got := AnalysisLanguages(); len(got) != 1 || got[0] != "en" {
		t.Errorf("AnalysisLanguages() = %v", got)
	}
}

func TestMarkersParse(t *testing.T) {
	if p := markers()["zu"]; p == nil || p.alternative != "xh" || len(p.marks) < 10 {
		t.Fatalf("markers.tsv: %+v", p)
	}
}

func FuzzDetect(f *testing.F) {
	f.Add(english, "en")
	f.Add(chinese, "utf-8")
	f.Add("\xff\xfe", "x")
	f.Fuzz(func(t *testing.T, text, declared string) {
		_ = Detect(text, declared) // must not panic
		got := Detect(text, declared)
		if got != "" && canonical(got) == "" {
			t.Errorf("Detect returned an invalid tag %q", got)
		}
	})
}

func BenchmarkDetect(b *testing.B) {
	long := strings.Repeat(english+" ", 100)
	b.SetBytes(int64(len(long)))
	for b.Loop() {
		Detect(long, "en-US")
	}
}

func TestByStopwords(t *testing.T) {
	long := func(s string) string { return strings.Repeat(s+" ", 3) }
	tests := []struct{ text, want string }{
		{long(english), "en"},
		{long(german), "de"},
		{long(french), "fr"},
		{long(zulu), ""},                         // no list: the trigram detector decides
		{"The minister said so on Tuesday.", ""}, // under 20 words: too few to say
		{long(chinese), ""},                      // no spaces, no listed words
	}
	for _, tt := range tests {
		if got := byStopwords(tt.text); got != tt.want {
			t.Errorf("byStopwords(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// BenchmarkDetectTrigrams is the slow path: a language without a
// function-word list goes to whatlanggo.
func BenchmarkDetectTrigrams(b *testing.B) {
	long := strings.Repeat(zulu+" ", 30)
	for b.Loop() {
		Detect(long, "en")
	}
}
