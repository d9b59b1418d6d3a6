package server

import (
	"context"
	"net/http"

	"lede"
	"lede/article"
)

// storyDetail is the body of /api/stories/{id}.
func (s *Server) storyDetail(ctx context.Context, id int64) (any, error) {
	st, err := s.cfg.Store.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	return newStoryJSON(st), nil
}

// storyPage shows a story's versions side by side.
type storyPage struct {
	pageData
	ID        int64
	Title     string
	First     string
	Versions  []versionView
	Outlets   int
	Languages []string
}

// versionView is one version of a story in its column.
type versionView struct {
	ID        int64
	Title     string
	SiteName  string
	Published string
	Datetime  string
	Language  string
	Agency    string
	URL       string
	Base      bool
	Summary   []string
	Body      []bodyItem
}

func (s *Server) handleStoryPage(w http.ResponseWriter, r *http.Request) {
	id, err := idParam(r)
	if err != nil {
		s.renderError(w, http.StatusBadRequest, err.Error())
		return
	}
	st, err := s.cfg.Store.Story(r.Context(), id)
	if err != nil {
		s.renderStoreError(w, "story", err)
		return
	}
	arts, err := s.cfg.Store.StoryArticles(r.Context(), id)
	if err != nil {
		s.renderStoreError(w, "story", err)
		return
	}
	first, _ := showDate(isoTime(st.FirstPublished))
	data := storyPage{
		pageData: pageData{Page: "story", PageTitle: st.Title, Version: lede.Version},
		ID:       st.ID, Title: st.Title, First: first,
	}
	sites, langs := map[string]bool{}, map[string]bool{}
	for i, sa := range arts {
		a := sa.Article
		if a == nil {
			a = &article.Article{}
		}
		v := versionView{ID: sa.ID, Title: a.Title, SiteName: a.SiteName, Language: a.Language, Agency: a.Agency,
			URL: safeLink(sa.URL, ""), Base: i == 0}
		v.Published, v.Datetime = showDate(a.Published)
		if v.Title == "" {
			v.Title = "Untitled"
		}
		v.Body = newReaderView(sa.ID, st.ID, a).Body
		data.Versions = append(data.Versions, v)
		sites[a.SiteName] = true
		if a.Language != "" && !langs[a.Language] {
			langs[a.Language] = true
			data.Languages = append(data.Languages, a.Language)
		}
	}
	data.Outlets = len(sites)
	s.render(w, http.StatusOK, "story", data)
}
