package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		kind   kind
		format string
	}{
		{"html", "<!DOCTYPE html><html><body>hi</body></html>", kindPage, ""},
		{"html with xml prolog", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>`, kindPage, ""},
		{"text", "A scraped story.\n\nIts second paragraph.", kindPage, ""},
		{"rss", `<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel/></rss>", kindListing, "rss"},
		{"rss latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel/></rss>`, kindListing, "rss"},
		{"rss with BOM and comment", "\ufeff<?xml version=\"1.0\"?><!-- generator --><rss><channel/></rss>", kindListing, "rss"},
		{"rss 1.0", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>`, kindListing, "rss"},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>`, kindListing, "atom"},
		{"urlset", `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>`, kindListing, "sitemap"},
		{"sitemap index", `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>`, kindListing, "sitemapindex"},
		{"json feed", `{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": []}`, kindListing, "json"},
		{"json feed version later", `{"title": "x", "version": "https://jsonfeed.org/version/1"}`, kindListing, "json"},
		{"jsonl", `{"url": "https://example.org/a", "html": "<p>hi</p>"}` + "\n" + `{"url": "https://example.org/b", "text": "hi"}`, kindJSONL, ""},
		{"jsonl with a version field", `{"url": "https://example.org/a", "version": "2", "text": "hi"}`, kindJSONL, ""},
		{"warc", "WARC/1.1\r\nWARC-Type: warcinfo\r\n", kindWARC, ""},
		{"warc 1.0", "WARC/1.0\r\nWARC-Type: response\r\n", kindWARC, ""},
		{"empty", "", kindPage, ""},
		{"html root", "\n  <HTML lang=en><body>hi</body></HTML>", kindPage, ""},
		{"rss after a long comment", "<?xml version=\"1.0\"?><!-- " + strings.Repeat("generated ", 200) + "--><rss><channel/></rss>", kindListing, "rss"},
		{"atom after spaces", strings.Repeat(" ", 600) + `<feed xmlns="http://www.w3.org/2005/Atom"></feed>`, kindListing, "atom"},
		{"html-like word", "<htmlfeed/>", kindPage, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// sniffBody reads a short head first and the long one when it
			// is no HTML page: both give what sniff gives, gzipped or not.
			if k, f := sniff([]byte(tt.head)); k != tt.kind || f != tt.format {
				t.Errorf("sniff = %v %q, want %v %q", k, f, tt.kind, tt.format)
			}
			for _, body := range [][]byte{[]byte(tt.head), gzipBytes(t, []byte(tt.head))} {
				if k, f := sniffBody(body); k != tt.kind || f != tt.format {
					t.Errorf("sniffBody (gzip %v) = %v %q, want %v %q", isGzip(body), k, f, tt.kind, tt.format)
				}
			}
		})
	}
}

// writeFiles lays files out under a new temporary directory.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestDiscoverInputs(t *testing.T) {
	root := writeFiles(t, map[string][]byte{
		"feed.xml": []byte(`<?xml version="1.0"?><rss version="2.0"><channel><link>https://example.org/</link>
<item><link>https://example.org/1.html</link></item><item><link>/2.html</link></item></channel></rss>`),
		"sitemap.xml.gz": gzipBytes(t, []byte(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.org/s1.xml</loc></sitemap></sitemapindex>`)),
		"page.data":      articleHTML("no suffix needed when named"),
		"bad.html.gz":    append([]byte{0x1f, 0x8b}, []byte("not really gzip")...),
		"broken.xml":     []byte(`<?xml version="1.0"?><rss><channel><item><link>https://example.org/3.html</link></item><item>`),
	})
	in := func(name string) string { return filepath.Join(root, name) }
	tests := []struct {
		input   string
		targets []string
		pages   int
		errs    int
		mayList bool
	}{
		{input: in("feed.xml"), targets: []string{"https://example.org/1.html", "https://example.org/2.html"}},
		{input: in("sitemap.xml.gz"), targets: []string{"https://example.org/s1.xml"}, mayList: true},
		{input: in("page.data"), pages: 1},
		{input: in("bad.html.gz"), pages: 1}, // read as given; decoding reports the bad gzip
		{input: in("broken.xml"), errs: 1},
		{input: in("missing.html"), errs: 1},
		{input: "https://example.org/feed", targets: []string{"https://example.org/feed"}, mayList: true},
		{input: "ftp://example.org/feed", errs: 1},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.input), func(t *testing.T) {
			var targets []string
			pages, errs := 0, 0
			for _, f := range discoverAll(t, tt.input, testOptions()) {
				switch {
				case f.Target != nil:
					targets = append(targets, f.Target.URL)
					if f.Target.MayList != tt.mayList {
						t.Errorf("%s: MayList %v, want %v", f.Target.URL, f.Target.MayList, tt.mayList)
					}
				case f.Page.Err != nil:
					errs++
				default:
					pages++
				}
			}
			if strings.Join(targets, " ") != strings.Join(tt.targets, " ") || pages != tt.pages || errs != tt.errs {
				t.Errorf("targets %v, %d pages, %d errors; want %v, %d, %d", targets, pages, errs, tt.targets, tt.pages, tt.errs)
			}
		})
	}
}

func TestDiscoverJSONL(t *testing.T) {
	long := `{"url": "https://example.org/long", "text": "` + strings.Repeat("x", 2000) + `"}`
	lines := []string{
		"\ufeff" + `{"url": "https://example.org/a", "html": "<html><body><p>A</p></body></html>", "published": "2024-05-06", "title": "A title", "site_name": "Example", "language": "en"}`,
		``,
		`{"url": "https://example.org/b", "text": "A scraped text."}`,
		`{"url": "https://example.org/c", "html": `, // broken JSON
		long, // over the line cap of this test
		`{"url": "javascript:alert(1)", "text": "x"}`,
		`{"url": "https://example.org/d"}`,
		`{"text": "no url is fine: keyed by content"}`,
		`{"url": "https://example.org/e", "text": "the last line has no newline"}`,
	}
	data := []byte(strings.Join(lines, "\n"))
	root := writeFiles(t, map[string][]byte{"r.jsonl": data, "r.jsonl.gz": gzipBytes(t, data)})
	for _, name := range []string{"r.jsonl", "r.jsonl.gz"} {
		t.Run(name, func(t *testing.T) {
			opts := testOptions()
			opts.MaxLineBytes = 1000
			found := discoverAll(t, filepath.Join(root, name), opts)
			type result struct {
				line int
				url  string
				kind string
				err  bool
			}
			var got []result
			for _, f := range found {
				p := f.Page
				var line int
				fmt.Sscanf(p.Source[strings.LastIndex(p.Source, ":")+1:], "%d", &line)
				got = append(got, result{line, p.URL, p.Kind, p.Err != nil})
				if p.Err != nil && !errors.Is(p.Err, ErrRecord) {
					t.Errorf("line %d: %v, want ErrRecord", line, p.Err)
				}
			}
			want := []result{
				{1, "https://example.org/a", "html", false},
				{3, "https://example.org/b", "text", false},
				{4, "", "", true},
				{5, "", "", true},
				{6, "", "", true},
				{7, "https://example.org/d", "", true},
				{8, "", "text", false},
				{9, "https://example.org/e", "text", false},
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("records:\n got %v\nwant %v", got, want)
			}
			if o := found[0].Page.Override; o != (Override{Published: "2024-05-06", Title: "A title", SiteName: "Example", Language: "en"}) {
				t.Errorf("override = %+v", o)
			}
		})
	}
}

func TestDiscoverHonoursContext(t *testing.T) {
	var b bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&b, `{"url": "https://example.org/%d", "text": "t"}`+"\n", i)
	}
	root := writeFiles(t, map[string][]byte{"r.jsonl": b.Bytes()})
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	err := Discover(ctx, filepath.Join(root, "r.jsonl"), testOptions(), func(Found) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || n != 10 {
		t.Errorf("after cancel: err %v, %d records, want Canceled after 10", err, n)
	}
}

func TestDiscoverFileSizeCap(t *testing.T) {
	root := writeFiles(t, map[string][]byte{"big.html": bytes.Repeat([]byte("<p>x</p>"), 200_000)})
	opts := testOptions()
	opts.MaxBytes = 1 << 20
	found := discoverAll(t, filepath.Join(root, "big.html"), opts)
	if len(found) != 1 || found[0].Page.Err == nil || !strings.Contains(found[0].Page.Err.Error(), "too large") {
		t.Errorf("1.6 MB file with a 1 MiB cap: %+v", found)
	}
}

func TestDiscoverStdin(t *testing.T) {
	tests := []struct {
		name  string
		data  []byte
		pages int
		tgts  int
	}{
		{"page", articleHTML("A"), 1, 0},
		{"gzipped JSON Lines", gzipBytes(t, []byte(`{"url": "https://example.org/a", "text": "a"}`+"\n"+`{"url": "https://example.org/b", "text": "b"}`)), 2, 0},
		{"WARC", warcFile(t, "member", sampleRecords("1.0")...), 2, 0},
		{"feed", []byte(`<rss version="2.0"><channel><item><link>https://example.org/1</link></item></channel></rss>`), 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := testOptions()
			opts.Stdin = bytes.NewReader(tt.data)
			pages, tgts := 0, 0
			for _, f := range discoverAll(t, "-", opts) {
				switch {
				case f.Target != nil:
					tgts++
				case f.Page.Err != nil:
					t.Errorf("%s: %v", f.Page.Source, f.Page.Err)
				default:
					pages++
				}
			}
			if pages != tt.pages || tgts != tt.tgts {
				t.Errorf("stdin: %d pages %d targets, want %d %d", pages, tgts, tt.pages, tt.tgts)
			}
		})
	}
}
