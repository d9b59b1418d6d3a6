package metadata

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"lede/evaluate"
)

// benchPages are the AEB pages (181 news and blog pages) when the shared
// datasets are present, else one synthetic page.
func benchPages(b *testing.B) []string {
	b.Helper()
	if dir, ok := evaluate.Datasets(); ok {
		pages, err := evaluate.LoadAEB(filepath.Join(dir, "aeb"))
		if err == nil {
			var out []string
			for _, p := range pages {
				data, err := evaluate.ReadMaybeGzip(p.Path)
				if err == nil {
					out = append(out, string(data))
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	b.Log("benchmark on a synthetic page: ../shared/datasets/aeb not found")
	return []string{syntheticPage()}
}

// syntheticPage is a news page of about 60 KB with every metadata source.
func syntheticPage() string {
	var sb strings.Builder
	sb.WriteString(`<!doctype html><html lang="en-GB"><head><title>Storm hits coast | The Daily Example</title>
<meta property="og:title" content="Storm hits coast"><meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-01T10:00:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Storm hits coast","author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2024-03-01T10:00:00+01:00"}]}</script>
</head><body><nav class="menu"><ul>`)
	for i := range 40 {
		sb.WriteString(`<li><a href="/section/` + string(rune('a'+i%26)) + `">Section</a></li>`)
	}
	sb.WriteString(`</ul></nav><article><h1>Storm hits coast</h1><div class="byline">By <a rel="author" href="/author/jane-doe">Jane Doe</a> <time datetime="2024-03-01T10:00:00+01:00">1 March 2024</time></div>`)
	for range 120 {
		sb.WriteString(`<p>The storm reached the coast early on Friday, cutting power to <a href="/x">thousands of homes</a> and closing roads, officials said. Residents were told to stay indoors.</p>`)
	}
	sb.WriteString(`</article><aside class="related"><ul>`)
	for range 20 {
		sb.WriteString(`<li><a href="/story">Another story</a> <span class="byline">By Someone Else</span></li>`)
	}
	sb.WriteString(`</ul></aside></body></html>`)
	return sb.String()
}

// BenchmarkParse is the floor: html.Parse alone over the same pages.
func BenchmarkParse(b *testing.B) {
	pages := benchPages(b)
	b.ResetTimer()
	for i := range b.N {
		if _, err := html.Parse(strings.NewReader(pages[i%len(pages)])); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead is the metadata reader alone, on pages parsed beforehand.
// Compare its ns/op with BenchmarkParse: issue 2 gives the whole extraction
// (parse, metadata and content) at most twice the parse time.
func BenchmarkRead(b *testing.B) {
	pages := benchPages(b)
	docs := make([]*html.Node, len(pages))
	for i, p := range pages {
		doc, err := html.Parse(strings.NewReader(p))
		if err != nil {
			b.Fatal(err)
		}
		docs[i] = doc
	}
	b.ResetTimer()
	for i := range b.N {
		Read(docs[i%len(docs)], "https://example.com/story")
	}
}
