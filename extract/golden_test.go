package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lede/article"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenBody is the part of the article this package owns. Metadata comes
// from the metadata sub-package and is tested there, so a change in it does
// not break these files.
type goldenBody struct {
	Blocks  []article.Block   `json:"blocks"`
	Images  []article.Image   `json:"images,omitempty"`
	Related []article.Related `json:"related,omitempty"`
}

func TestGolden(t *testing.T) {
	cases := []struct {
		file, url string
	}{
		{"aeb-small.html", "https://www.thespacereview.com/article/3834/1"},
		{"aeb-large.html", "https://theantijunecleaver.com/2014/09/make-arrowhead-water-a-part-of-your-mountain-hike-survival-kit/"},
		{"wcxb-substack.html", "https://fdaudens.substack.com/p/i-dont-check-my-inbox-anymore-and"},
		{"mozilla-tables.html", "http://fakehost/test/"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			a, err := FromHTML(context.Background(), string(src), Options{URL: c.url})
			if err != nil {
				t.Fatal(err)
			}
			// The bytes entry point reads the same page the same way.
			if ab, err := FromHTMLBytes(context.Background(), src, Options{URL: c.url}); err != nil || !reflect.DeepEqual(ab, a) {
				t.Errorf("FromHTMLBytes differs from FromHTML (err %v)", err)
			}
			got, err := json.MarshalIndent(goldenBody{a.Blocks, a.Images, a.Related}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", strings.TrimSuffix(c.file, ".html")+".golden.json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; run with -update and review the diff", path)
			}
		})
	}
}
