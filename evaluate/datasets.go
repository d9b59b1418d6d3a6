package evaluate

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// AEBPage is one page of the Article Extraction Benchmark.
type AEBPage struct {
	ID, URL string
	Path    string // the page's .html.gz
	Gold    string // the gold article body
}

// LoadAEB reads dir (datasets/aeb): ground-truth.json and the html folder.
func LoadAEB(dir string) ([]AEBPage, error) {
	data, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("aeb: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(data, &gt); err != nil {
		return nil, fmt.Errorf("aeb: ground-truth.json: %w", err)
	}
	pages := make([]AEBPage, 0, len(gt))
	for id, g := range gt {
		pages = append(pages, AEBPage{ID: id, URL: g.URL, Gold: g.ArticleBody,
			Path: filepath.Join(dir, "html", id+".html.gz")})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

// WCXBPage is one page of the WCXB development set.
type WCXBPage struct {
	ID, URL, Path string
	Type          string // article, forum, product, collection, listing, documentation, service
	Title, Author string
	Date          string
	Main          string   // gold main content
	With          []string // snippets the output must contain
	Without       []string // snippets it must not
}

// LoadWCXB reads dir (datasets/wcxb-dev): ground-truth/ID.json and html/ID.html.gz.
func LoadWCXB(dir string) ([]WCXBPage, error) {
	files, err := filepath.Glob(filepath.Join(dir, "ground-truth", "*.json"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("wcxb: no ground truth under %s", dir)
	}
	sort.Strings(files)
	pages := make([]WCXBPage, 0, len(files))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("wcxb: %w", err)
		}
		var g struct {
			URL      string `json:"url"`
			FileID   string `json:"file_id"`
			Internal struct {
				PageType struct {
					Primary string `json:"primary"`
				} `json:"page_type"`
			} `json:"_internal"`
			GT struct {
				Title       string   `json:"title"`
				Author      any      `json:"author"`
				PublishDate any      `json:"publish_date"`
				Main        string   `json:"main_content"`
				With        []string `json:"with"`
				Without     []string `json:"without"`
			} `json:"ground_truth"`
		}
		if err := json.Unmarshal(data, &g); err != nil {
			return nil, fmt.Errorf("wcxb: %s: %w", f, err)
		}
		id := strings.TrimSuffix(filepath.Base(f), ".json")
		pages = append(pages, WCXBPage{
			ID: id, URL: g.URL, Path: filepath.Join(dir, "html", id+".html.gz"),
			Type: g.Internal.PageType.Primary, Title: g.GT.Title,
			Author: looseString(g.GT.Author), Date: looseString(g.GT.PublishDate),
			Main: g.GT.Main, With: g.GT.With, Without: g.GT.Without,
		})
	}
	return pages, nil
}

// looseString reads a gold field that is a string, a list of strings or null.
func looseString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		var parts []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	return ""
}

// MozillaPage is one of Readability.js's test pages.
type MozillaPage struct {
	Name         string
	Path         string // source.html
	ExpectedPath string // expected.html: Readability.js's output, the body gold
	Title        string
	Byline       string
	Excerpt      string
	SiteName     string
	Published    string
	Readerable   bool
}

// LoadMozilla reads dir (datasets/mozilla): test-pages/NAME/{source.html,
// expected.html, expected-metadata.json}.
func LoadMozilla(dir string) ([]MozillaPage, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "test-pages"))
	if err != nil {
		return nil, fmt.Errorf("mozilla: %w", err)
	}
	var pages []MozillaPage
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		base := filepath.Join(dir, "test-pages", e.Name())
		data, err := os.ReadFile(filepath.Join(base, "expected-metadata.json"))
		if err != nil {
			return nil, fmt.Errorf("mozilla: %w", err)
		}
		var m struct {
			Title         *string `json:"title"`
			Byline        *string `json:"byline"`
			Excerpt       *string `json:"excerpt"`
			SiteName      *string `json:"siteName"`
			PublishedTime *string `json:"publishedTime"`
			Readerable    bool    `json:"readerable"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("mozilla: %s: %w", e.Name(), err)
		}
		deref := func(s *string) string {
			if s == nil {
				return ""
			}
			return *s
		}
		pages = append(pages, MozillaPage{
			Name: e.Name(), Path: filepath.Join(base, "source.html"),
			ExpectedPath: filepath.Join(base, "expected.html"),
			Title:        deref(m.Title), Byline: deref(m.Byline), Excerpt: deref(m.Excerpt),
			SiteName: deref(m.SiteName), Published: deref(m.PublishedTime), Readerable: m.Readerable,
		})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Name < pages[j].Name })
	return pages, nil
}

// LoadAEBOutput reads one system's published AEB output (aeb/output/NAME.json)
// as page ID → article body. The files come in two shapes: a bare map, and
// the same map under an "output" key.
func LoadAEBOutput(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("aeb output: %w", err)
	}
	type body struct {
		ArticleBody string `json:"articleBody"`
	}
	var wrapped struct {
		Output map[string]body `json:"output"`
	}
	if err := json.Unmarshal(data, &wrapped); err != nil {
		return nil, fmt.Errorf("aeb output %s: %w", path, err)
	}
	m := wrapped.Output
	if m == nil {
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("aeb output %s: %w", path, err)
		}
	}
	out := make(map[string]string, len(m))
	for id, b := range m {
		out[id] = b.ArticleBody
	}
	return out, nil
}
