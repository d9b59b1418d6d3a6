package quote_test

import (
	"bufio"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lede"
	"lede/article"
	"lede/evaluate"
)

// listJudged logs every quote of the hand-checked pages with its judgement,
// to read what is wrong (go test -run TestHandChecked -v -list-judged).
var listJudged = flag.Bool("list-judged", false, "log every hand-checked quote with its judgement")

// judgement is one hand-checked quote of testdata/handchecked.tsv.
type judgement struct {
	content, speaker bool
}

// TestHandChecked analyses the fundus-eval pages of
// testdata/handchecked.tsv and scores lede's quotes against the judgements
// made by reading those pages: the share of quotes whose content is right
// and, of those, the share with the right speaker. A quote no judgement
// covers (the output changed) is listed so it can be judged and added.
// It guards the figures with floors a little under the measured ones.
func TestHandChecked(t *testing.T) {
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("no ../shared/datasets beside the module: hand-checked quotes not scored")
	}
	f, err := os.Open("testdata/handchecked.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	judged := map[string]judgement{}
	var pages []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("handchecked.tsv:%d: %d columns, want 6", n, len(c))
		}
		judged[strings.Join(c[:4], "\t")] = judgement{content: c[4] == "y", speaker: c[5] == "y"}
		if !seen[c[0]] {
			seen[c[0]] = true
			pages = append(pages, c[0])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	var quotes, right, speaker, unjudged int
	for _, p := range pages {
		data, err := evaluate.ReadMaybeGzip(filepath.Join(dir, "fundus-eval", "html", p+".html.gz"))
		if err != nil {
			t.Skipf("fundus-eval page %s: %v", p, err)
		}
		a, err := lede.Extract(context.Background(), data, lede.Options{Analyze: true})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		for _, q := range a.Quotes {
			name := ""
			if q.Speaker != nil {
				name = q.Speaker.Name
			}
			text := strings.NewReplacer("\t", " ", "\n", " ").Replace(q.Text)
			j, ok := judged[strings.Join([]string{p, string(q.Kind), name, text}, "\t")]
			if !ok {
				unjudged++
				t.Logf("not judged yet: %s\t%s\t%s\t%s", p, q.Kind, name, text)
				continue
			}
			quotes++
			if *listJudged {
				mark := func(b bool) string {
					if b {
						return "y"
					}
					return "n"
				}
				t.Logf("judged %s/%s: %s\t%s\t%s\t%s\t(cue %q, mention %q)", mark(j.content), mark(j.speaker), p, q.Kind, name, text, q.Cue, speakerMention(q))
			}
			if j.content {
				right++
				if j.speaker {
					speaker++
				}
			}
		}
	}
	if quotes == 0 {
		t.Fatal("no judged quote found: the pages or the judgements are missing")
	}
	precision := float64(right) / float64(quotes)
	accuracy := float64(speaker) / float64(max(right, 1))
	t.Logf("hand-checked quotes on %d pages: %d judged (%d not judged), %.1f%% right, %.1f%% of those with the right speaker",
		len(pages), quotes, unjudged, 100*precision, 100*accuracy)
	if precision < 0.84 || accuracy < 0.89 {
		t.Errorf("hand-checked quotes: %.1f%% right, %.1f%% right speakers; floors 84%% and 89%%", 100*precision, 100*accuracy)
	}
}

// speakerMention is the words naming a quote's speaker, or "".
func speakerMention(q article.Quote) string {
	if q.Speaker == nil {
		return ""
	}
	return q.Speaker.Mention
}
