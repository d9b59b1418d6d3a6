package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"lede"
	"lede/article"
	"lede/store"
	"lede/story"
)

// compareStory aligns a stored story's versions with package story, as
// `lede story` does.
func (s *Server) compareStory(ctx context.Context, id int64) (story.Comparison, error) {
	arts, err := s.cfg.Store.StoryArticles(ctx, id)
	if err != nil {
		return story.Comparison{}, err
	}
	if len(arts) == 0 {
		return story.Comparison{}, fmt.Errorf("story %d: %w", id, store.ErrNotFound)
	}
	versions := make([]story.Version, 0, len(arts))
	for _, sa := range arts {
		a := sa.Article
		if a == nil {
			a = &article.Article{}
		}
		versions = append(versions, story.Version{ID: sa.ID, URL: sa.URL, Article: a})
	}
	return story.Compare(id, versions), nil
}

// storyDetail is the body of /api/stories/{id}: the comparison `lede story
// --format json` prints.
func (s *Server) storyDetail(ctx context.Context, id int64) (any, error) {
	return s.compareStory(ctx, id)
}

// storyPage shows a story's versions side by side.
type storyPage struct {
	pageData
	ID       int64
	Title    string
	BaseWhy  string
	Base     versionView
	Sides    []sideView
	Quotes   []quoteView
	Outlets  int
	Versions int
}

// versionView is one version's header.
type versionView struct {
	ID        int64
	Title     string
	SiteName  string
	Published string
	Datetime  string
	Language  string
	Agency    string
	URL       string
	Shared    int // per cent of the base's words kept
	Summary   string
	Counts    string // sentences and paragraphs dropped, added, moved
	Swaps     []story.Substitution
	Attrib    []story.Substitution
	Altered   []story.Substitution
}

// sideView is one version beside the base, paragraph by paragraph.
type sideView struct {
	Version versionView
	Rows    []story.SideBySideRow
}

// quoteView is one traced quote of the story.
type quoteView struct {
	Text     string
	Speaker  string
	Outlets  int
	First    string // site and date of the first appearance
	FirstID  int64
	Variants []string
}

func newVersionView(v story.VersionDiff) versionView {
	out := versionView{ID: v.ID, Title: v.Title, SiteName: v.SiteName, Language: v.Language, Agency: v.Agency,
		URL: safeLink(v.URL, ""), Shared: int(100*v.Shared + 0.5), Summary: v.Summary.Text,
		Swaps: v.Summary.WordsSubstituted, Attrib: v.Summary.AttributionChanged, Altered: v.Summary.QuotesAltered}
	out.Published, out.Datetime = showDate(v.Published)
	if out.Title == "" {
		out.Title = "Untitled"
	}
	sum := v.Summary
	var counts []string
	for _, c := range []struct {
		n    int
		what string
	}{
		{sum.SentencesDropped, "sentence dropped"}, {sum.SentencesAdded, "sentence added"},
		{sum.ParagraphsDropped, "paragraph dropped"}, {sum.ParagraphsAdded, "paragraph added"},
		{sum.ParagraphsReordered, "paragraph moved"},
	} {
		if c.n > 0 {
			what := c.what
			if c.n > 1 {
				what = strings.Replace(what, " ", "s ", 1)
			}
			counts = append(counts, fmt.Sprintf("%d %s", c.n, what))
		}
	}
	out.Counts = strings.Join(counts, " · ")
	if out.SiteName == "" {
		out.SiteName = hostOf(v.URL)
	}
	return out
}

// hostOf is the host of a URL, for a version without a site name.
func hostOf(raw string) string {
	if u := safeLink(raw, ""); u != "" {
		rest := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		host, _, _ := strings.Cut(rest, "/")
		return host
	}
	return "unknown site"
}

func (s *Server) handleStoryPage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.renderError(w, http.StatusBadRequest, err.Error())
		return
	}
	cmp, err := s.compareStory(r.Context(), id)
	if err != nil {
		s.renderStoreError(w, "story", err)
		return
	}
	data := storyPage{pageData: pageData{Page: "story", Version: lede.Version}, ID: cmp.ID, BaseWhy: cmp.BaseWhy, Versions: len(cmp.Versions)}
	sites := map[string]bool{}
	for _, v := range cmp.Versions {
		sites[strings.ToLower(v.SiteName)] = true
	}
	data.Outlets = len(sites)
	if len(cmp.Versions) > 0 {
		data.Base = newVersionView(cmp.Versions[0])
		data.Title = data.Base.Title
	}
	data.PageTitle = data.Title
	for _, sb := range story.SideBySideOf(cmp) {
		data.Sides = append(data.Sides, sideView{Version: newVersionView(sb.Version), Rows: sb.Rows})
	}
	for _, q := range cmp.Quotes {
		first, _ := showDate(q.First.Published)
		site := q.First.SiteName
		if site == "" {
			site = hostOf(q.First.URL)
		}
		data.Quotes = append(data.Quotes, quoteView{Text: q.Text, Speaker: q.Speaker, Outlets: q.Outlets,
			First: strings.TrimSuffix(site+", "+first, ", "), FirstID: q.First.ArticleID, Variants: q.Variants})
	}
	s.render(w, http.StatusOK, "story", data)
}
