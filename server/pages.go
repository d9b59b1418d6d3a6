package server

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"lede"
	"lede/store"
)

// web holds the reader's templates and static files; they are built into
// the binary, so the reader needs no CDN and no build step.
//
//go:embed web/templates/*.html web/static/*
var web embed.FS

// pageNames are the templates that make a whole page with the layout.
var pageNames = []string{"home", "search", "article", "story", "read", "error"}

// pages holds one parsed template set per page.
type pages struct {
	sets map[string]*template.Template
}

func loadPages() (*pages, error) {
	p := &pages{sets: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).ParseFS(web, "web/templates/layout.html", "web/templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.sets[name] = t
	}
	return p, nil
}

// pageData is what the layout shows around every page.
type pageData struct {
	Page      string // the template's name, a class on <body>
	PageTitle string
	Query     string // the search box's words
	Version   string
}

// render writes a page. The page is rendered into a buffer first, so a
// template error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, data any) {
	var buf bytes.Buffer
	if err := s.pages.sets[name].ExecuteTemplate(&buf, "layout", data); err != nil {
		s.log.Error("render", "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the page of a failed request.
type errorPage struct {
	pageData
	Status string
	Error  string
}

// renderError shows an error page; a 500's cause is logged, not shown.
func (s *Server) renderError(w http.ResponseWriter, status int, msg string) {
	s.render(w, status, "error", errorPage{
		pageData: pageData{Page: "error", PageTitle: http.StatusText(status), Version: lede.Version},
		Status:   fmt.Sprintf("%d %s", status, http.StatusText(status)),
		Error:    msg,
	})
}

// renderStoreError shows a store failure as a page.
func (s *Server) renderStoreError(w http.ResponseWriter, what string, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.renderError(w, http.StatusNotFound, "No "+what+" has that number.")
	case errors.Is(err, store.ErrQuery):
		s.renderError(w, http.StatusBadRequest, err.Error())
	default:
		s.log.Error(what, "error", err)
		s.renderError(w, http.StatusInternalServerError, "The store could not answer. Try again in a moment.")
	}
}

func (s *Server) handlePageNotFound(w http.ResponseWriter, r *http.Request) {
	s.renderError(w, http.StatusNotFound, "There is no page at this address.")
}

// staticHandler serves the embedded stylesheet and script. They change only
// with the binary, so browsers may keep them for an hour.
func staticHandler() http.Handler {
	sub, err := fs.Sub(web, "web")
	if err != nil {
		panic(err) // the embedded tree always has web/
	}
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// homePage is the front page: the search box, the paste form, recent
// stories.
type homePage struct {
	pageData
	Articles int
	Stories  []storyLine
}

// storyLine is a story in a list.
type storyLine struct {
	ID       int64
	Title    string
	When     string
	Articles []store.StoryArticle
}

// homeStories is how many recent stories the front page lists.
const homeStories = 12

func (s *Server) handleHome(w http.ResponseWriter, r *http.Request) {
	data := homePage{pageData: pageData{Page: "home", Version: lede.Version}}
	if n, err := s.articles(r.Context()); err == nil {
		data.Articles = n
	} else {
		s.log.Warn("home: status", "error", err)
	}
	stories, err := s.cfg.Store.Stories(r.Context(), store.StoryQuery{Limit: homeStories})
	if err != nil {
		s.log.Warn("home: stories", "error", err)
	}
	for _, st := range stories {
		when, _ := showDate(store.RFC3339(st.FirstPublished))
		data.Stories = append(data.Stories, storyLine{ID: st.ID, Title: st.Title, When: when, Articles: st.Articles})
	}
	s.render(w, http.StatusOK, "home", data)
}

// searchPage is the results page.
type searchPage struct {
	pageData
	Total   int
	First   int
	Hits    []hitView
	Filters []filterView
	Facets  []facetView
	Window  int
	Error   string
	Prev    string
	Next    string
}

// hitView is one result as the page shows it.
type hitView struct {
	ID                  int64
	Title               string
	SiteName            string
	Language            string
	Published, Datetime string
	Snippet             []snippetRun
}

// snippetRun is a run of a snippet, marked when it matched.
type snippetRun struct {
	Text string
	Mark bool
}

// filterView is an active filter, with the link that removes it.
type filterView struct {
	Label, Href string
}

// facetView is one facet (site, language, date, people) with its values.
type facetView struct {
	Title  string
	Values []facetValue
}

// facetValue is one value of a facet: the link that narrows to it and how
// many of the window's results have it.
type facetValue struct {
	Label, Href string
	Count       int
}

// Facets are counted over the first facetWindow results, and people over
// the first peopleWindow articles (their entities are read from the store).
const (
	facetWindow  = 100
	peopleWindow = 10
	facetValues  = 8
)

func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	data := searchPage{pageData: pageData{Page: "search", PageTitle: "Search", Query: strings.TrimSpace(v.Get("q")), Version: lede.Version}}
	q, err := searchQuery(v)
	if err != nil {
		data.Error = err.Error()
		s.render(w, http.StatusBadRequest, "search", data)
		return
	}
	if data.Query != "" {
		data.PageTitle = data.Query
	}
	data.Filters = activeFilters(v)
	data.First = q.Offset + 1

	// One query serves the page and the facets: the window of results
	// from the first, cut to the page asked for. A page deeper than the
	// window is asked for alone, without facets.
	wide, facets := q, false
	if q.Offset+q.Limit <= facetWindow {
		wide.Offset, wide.Limit, facets = 0, facetWindow, true
	}
	hits, total, err := s.cfg.Store.Search(r.Context(), wide)
	if err != nil {
		if errors.Is(err, store.ErrQuery) {
			data.Error = err.Error()
			s.render(w, http.StatusBadRequest, "search", data)
			return
		}
		s.renderStoreError(w, "search", err)
		return
	}
	data.Total = total
	page := hits
	if facets {
		lo := min(q.Offset, len(hits))
		page = hits[lo:min(lo+q.Limit, len(hits))]
	}
	for _, h := range page {
		pub, dt := showDate(store.RFC3339(h.Published))
		title := h.Title
		if title == "" {
			title = "Untitled (" + h.URL + ")"
		}
		data.Hits = append(data.Hits, hitView{ID: h.ID, Title: title, SiteName: h.SiteName, Language: h.Language,
			Published: pub, Datetime: dt, Snippet: snippetRuns(h.Snippet, h.Highlights)})
	}
	if q.Offset > 0 {
		data.Prev = withParam(v, "offset", strconv.Itoa(max(0, q.Offset-q.Limit)))
	}
	if q.Offset+q.Limit < total {
		data.Next = withParam(v, "offset", strconv.Itoa(q.Offset+q.Limit))
	}
	if facets && len(hits) > 1 {
		data.Window = len(hits)
		data.Facets = s.facets(r.Context(), v, hits)
	}
	s.render(w, http.StatusOK, "search", data)
}

// activeFilters lists the search's filters with links that drop each.
func activeFilters(v url.Values) []filterView {
	labels := []struct{ param, label string }{
		{"site", "site"}, {"lang", "language"}, {"since", "since"}, {"until", "until"},
		{"author", "author"}, {"entity", "names"}, {"speaker", "quotes"}, {"event", "event"}, {"actor", "actor"},
	}
	var out []filterView
	for _, l := range labels {
		if val := strings.TrimSpace(v.Get(l.param)); val != "" {
			out = append(out, filterView{Label: l.label + ": " + val, Href: withParam(v, l.param, "")})
		}
	}
	return out
}

// withParam is the search page's address with one parameter set (or
// removed when val is empty), back to the first page.
func withParam(v url.Values, name, val string) string {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	if name != "offset" {
		c.Del("offset")
	}
	if val == "" {
		c.Del(name)
	} else {
		c.Set(name, val)
	}
	return "/search?" + c.Encode()
}

// facets counts sites, languages, days and people over the window's hits.
func (s *Server) facets(ctx context.Context, v url.Values, hits []store.Hit) []facetView {
	sites, langs, days := map[string]int{}, map[string]int{}, map[string]int{}
	for _, h := range hits {
		if h.SiteName != "" {
			sites[h.SiteName]++
		}
		if h.Language != "" {
			langs[h.Language]++
		}
		if !h.Published.IsZero() {
			days[h.Published.UTC().Format("2006-01-02")]++
		}
	}
	var out []facetView
	if v.Get("site") == "" {
		out = appendFacet(out, "Site", sites, func(k string) string { return withParam(v, "site", k) }, nil)
	}
	if v.Get("lang") == "" {
		out = appendFacet(out, "Language", langs, func(k string) string { return withParam(v, "lang", k) }, nil)
	}
	if v.Get("since") == "" && v.Get("until") == "" {
		out = appendFacet(out, "Date", days, func(k string) string {
			c := withParam(v, "since", k)
			u, _ := url.Parse(c)
			return withParam(u.Query(), "until", k)
		}, func(k string) string {
			t, _ := time.Parse("2006-01-02", k)
			return t.Format("2 Jan 2006")
		})
	}
	if v.Get("entity") == "" {
		people := map[string]int{}
		for i, h := range hits {
			if i >= peopleWindow {
				break
			}
			sa, err := s.cfg.Store.Article(ctx, h.ID)
			if err != nil || sa.Article == nil {
				continue
			}
			for _, e := range sa.Article.Entities {
				if e.Type == "person" && e.Name != "" {
					people[e.Name]++
				}
			}
		}
		out = appendFacet(out, "People", people, func(k string) string { return withParam(v, "entity", k) }, nil)
	}
	return out
}

// appendFacet adds a facet of the most frequent values, if it has two or
// more (one value narrows nothing).
func appendFacet(out []facetView, title string, counts map[string]int, href func(string) string, label func(string) string) []facetView {
	if len(counts) < 2 {
		return out
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if counts[keys[i]] != counts[keys[j]] {
			return counts[keys[i]] > counts[keys[j]]
		}
		return keys[i] < keys[j]
	})
	f := facetView{Title: title}
	for _, k := range keys[:min(len(keys), facetValues)] {
		l := k
		if label != nil {
			l = label(k)
		}
		f.Values = append(f.Values, facetValue{Label: l, Href: href(k), Count: counts[k]})
	}
	return append(out, f)
}

// snippetRuns cuts a snippet at its highlights; ranges that do not fit the
// text are ignored.
func snippetRuns(text string, marks []store.Range) []snippetRun {
	sorted := append([]store.Range(nil), marks...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	var out []snippetRun
	at := 0
	for _, m := range sorted {
		if m.Start < at || m.End > len(text) || m.Start >= m.End || !boundary(text, m.Start) || !boundary(text, m.End) {
			continue
		}
		if m.Start > at {
			out = append(out, snippetRun{Text: text[at:m.Start]})
		}
		out = append(out, snippetRun{Text: text[m.Start:m.End], Mark: true})
		at = m.End
	}
	if at < len(text) {
		out = append(out, snippetRun{Text: text[at:]})
	}
	return out
}

// articlePage is the reader.
type articlePage struct {
	pageData
	Article readerView
	// Transient is set for a page read from the paste form: it is not
	// stored, so it has no id, no story and no JSON of its own.
	Transient bool
}

func (s *Server) handleArticlePage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.renderError(w, http.StatusBadRequest, err.Error())
		return
	}
	sa, err := s.cfg.Store.Article(r.Context(), id)
	if err != nil {
		s.renderStoreError(w, "article", err)
		return
	}
	if sa.Article == nil {
		s.renderError(w, http.StatusNotFound, "This article has no text stored.")
		return
	}
	// The story link is worth showing only when the story has other
	// versions to compare with.
	storyID := sa.StoryID
	if storyID != 0 {
		if st, err := s.cfg.Store.Story(r.Context(), storyID); err != nil || len(st.Articles) < 2 {
			storyID = 0
		}
	}
	view := newReaderView(sa.ID, storyID, sa.Article)
	if view.URL == "" {
		view.URL = safeLink(sa.URL, "")
	}
	s.render(w, http.StatusOK, "article", articlePage{
		pageData: pageData{Page: "article", PageTitle: view.Title, Version: lede.Version},
		Article:  view,
	})
}

// readPage is the paste form, filled again after an error.
type readPage struct {
	pageData
	URL, HTML string
	Error     string
}

func (s *Server) handleReadForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "read", readPage{pageData: pageData{Page: "read", PageTitle: "Read a page", Version: lede.Version}})
}

// handleReadPage extracts and analyses the page the form gives (an
// address, or pasted HTML or text) and shows it in the reader.
func (s *Server) handleReadPage(w http.ResponseWriter, r *http.Request) {
	data := readPage{pageData: pageData{Page: "read", PageTitle: "Read a page", Version: lede.Version}}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			status = http.StatusRequestEntityTooLarge
			w.Header().Set("Connection", "close")
		}
		data.Error = "The form could not be read: " + err.Error()
		s.render(w, status, "read", data)
		return
	}
	data.URL = strings.TrimSpace(r.PostForm.Get("url"))
	data.HTML = r.PostForm.Get("html")
	a, err := s.extractForm(r.Context(), data.URL, data.HTML)
	if err != nil {
		data.Error = err.Error()
		s.render(w, http.StatusBadRequest, "read", data)
		return
	}
	view := newReaderView(0, 0, a)
	s.render(w, http.StatusOK, "article", articlePage{
		pageData:  pageData{Page: "article", PageTitle: view.Title, Version: lede.Version},
		Article:   view,
		Transient: true,
	})
}
