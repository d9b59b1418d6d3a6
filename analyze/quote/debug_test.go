package quote

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"lede/analyze/entity"
	"lede/analyze/lexicon"
	"lede/analyze/sentence"
)

func TestDebugQuotes(t *testing.T) {
	b, err := os.ReadFile("/tmp/qdbg/in.txt")
	if err != nil {
		t.Skip()
	}
	lx := lexicon.Default()
	var segs []*sentence.Segment
	for i, p := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		segs = append(segs, sentence.NewSegment(i, p, lx))
	}
	x := entity.Find(segs, lx)
	for _, q := range Find(segs, lx, x) {
		sp := ""
		if q.Speaker != nil {
			sp = q.Speaker.Mention + "=>" + q.Speaker.Name
		}
		fmt.Printf("%s | %s | %s | %.100s\n", q.Kind, sp, q.Cue, q.Text)
	}
}
