package extract

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"lede/article"
	"lede/internal/golden"
)

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
			path := filepath.Join("testdata", strings.TrimSuffix(c.file, ".html")+".golden.json")
			golden.CheckJSON(t, path, goldenBody{a.Blocks, a.Images, a.Related})
		})
	}
}
