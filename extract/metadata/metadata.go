// Package metadata reads an article's metadata from a parsed HTML page.
package metadata

import (
	"golang.org/x/net/html"

	"lede/article"
)

// Result is what the page says about its article.
type Result struct {
	Title, Dek, Published, Modified, SiteName, Language, Section, LeadImage, URL, CanonicalURL string
	Authors, Tags                                                                             []string
	// Nodes of the visible byline and dateline, so content extraction can drop them from the body.
	BylineNodes []*html.Node
}

// Read reads the metadata of doc; pageURL resolves relative links.
func Read(doc *html.Node, pageURL string) *Result {
	return &Result{URL: pageURL} // SCAFFOLD: replaced by the metadata reader
}

// Apply copies the metadata into a.
func (r *Result) Apply(a *article.Article) {
	a.Title, a.Dek, a.Published, a.Modified = r.Title, r.Dek, r.Published, r.Modified
	a.SiteName, a.Language, a.Section, a.LeadImage = r.SiteName, r.Language, r.Section, r.LeadImage
	a.URL, a.CanonicalURL, a.Authors, a.Tags = r.URL, r.CanonicalURL, r.Authors, r.Tags
}
