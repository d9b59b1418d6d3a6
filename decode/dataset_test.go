package decode

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"lede/evaluate"
)

// TestDatasets decodes every page of the shared evaluation datasets as the
// CLI reads them (gzipped or not) and checks that each one is taken for HTML,
// that plain UTF-8 pages come through byte for byte, and logs which encodings
// were found and why. It skips on a fresh clone without ../shared/datasets.
func TestDatasets(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the dataset decode test")
	}
	dir, ok := evaluate.Datasets()
	if !ok {
		t.Skip("../shared/datasets not found: skipping the dataset decode test")
	}
	var paths []string
	if pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb")); err == nil {
		for _, p := range pages {
			paths = append(paths, p.Path)
		}
	}
	if pages, err := evaluate.LoadWCXB(filepath.Join(dir, "wcxb-dev")); err == nil {
		for _, p := range pages {
			paths = append(paths, p.Path)
		}
	}
	if pages, err := evaluate.LoadMozilla(filepath.Join(dir, "mozilla")); err == nil {
		for _, p := range pages {
			paths = append(paths, p.Path)
		}
	}
	if len(paths) == 0 {
		t.Skip("no dataset pages found under " + dir)
	}
	// Pages are decoded on every core; each writes only its own slot of
	// found, which is tallied afterwards in page order.
	found := make([]string, len(paths))
	evaluate.ForEach(len(paths), func(i int) {
		found[i] = checkDecode(t, paths[i])
	})
	seen := map[string]int{}
	for _, key := range found {
		if key != "" {
			seen[key]++
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%5d pages: %s", seen[k], k)
	}
}

// checkDecode decodes one dataset page, reports what is wrong with it, and
// returns how its encoding was found ("" when it did not decode).
func checkDecode(t *testing.T, path string) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return ""
	}
	doc, err := Decode(raw, Options{})
	if err != nil {
		t.Errorf("%s: %v", path, err)
		return ""
	}
	if doc.Kind != HTML {
		t.Errorf("%s: kind %s, want html", path, doc.Kind)
	}
	// Unzipping a second time would double the test's cost, so the
	// byte-for-byte check covers the pages stored plain (mozilla).
	if doc.Charset == "utf-8" && doc.Repaired == 0 && !doc.Gzipped {
		if doc.Text != strings.TrimPrefix(string(raw), "\ufeff") {
			t.Errorf("%s: UTF-8 page changed in decoding", path)
		}
	}
	key := fmt.Sprintf("%s from %s", doc.Charset, doc.CharsetSource)
	if doc.Declared != "" && doc.Declared != doc.Charset {
		key += " (declared " + doc.Declared + ")"
	}
	if doc.Repaired > 0 {
		key += ", repaired"
	}
	return key
}
