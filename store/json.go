package store

import "time"

// HitJSON is a search hit as lede's outputs show it — `lede search --format
// json` and /api/search alike: flat, the time in RFC 3339.
type HitJSON struct {
	ID        int64   `json:"id"`
	URL       string  `json:"url"`
	Source    string  `json:"source"`
	Title     string  `json:"title"`
	SiteName  string  `json:"site_name"`
	Language  string  `json:"language,omitempty"`
	Published string  `json:"published,omitempty"`
	Snippet   string  `json:"snippet"`
	Score     float64 `json:"score"`
}

// JSON is the hit in its output form.
func (h Hit) JSON() HitJSON {
	return HitJSON{
		ID: h.ID, URL: h.URL, Source: h.Source, Title: h.Title, SiteName: h.SiteName,
		Language: h.Language, Published: RFC3339(h.Published), Snippet: h.Snippet, Score: h.Score,
	}
}

// QuoteHitJSON is a quote hit as `lede search --quotes --format json` shows it.
type QuoteHitJSON struct {
	Text      string `json:"text"`
	Kind      string `json:"kind,omitempty"`
	Speaker   string `json:"speaker,omitempty"`
	ID        int64  `json:"id"` // the article's
	URL       string `json:"url"`
	SiteName  string `json:"site_name,omitempty"`
	Published string `json:"published,omitempty"`
}

// JSON is the quote hit in its output form.
func (q QuoteHit) JSON() QuoteHitJSON {
	return QuoteHitJSON{Text: q.Text, Kind: q.Kind, Speaker: q.Speaker, ID: q.ArticleID, URL: q.URL, SiteName: q.SiteName, Published: RFC3339(q.Published)}
}

// RFC3339 is t as the outputs write times, in UTC, or "" for the zero time.
func RFC3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// StoryJSON is a story as `lede stories --format json` and /api/stories show
// it: a representative headline (the earliest titled version's when the
// story has none of its own) and its articles.
type StoryJSON struct {
	ID             int64              `json:"id"`
	Title          string             `json:"title"`
	FirstPublished string             `json:"first_published,omitempty"`
	Articles       []StoryArticleJSON `json:"articles"`
}

// StoryArticleJSON is one article of a story, with the URL as ingested.
type StoryArticleJSON struct {
	ID        int64  `json:"id"`
	URL       string `json:"url"`
	SiteName  string `json:"site_name,omitempty"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
	Language  string `json:"language,omitempty"`
	Agency    string `json:"agency,omitempty"`
}

// JSON is the story in its output form.
func (s Story) JSON() StoryJSON {
	j := StoryJSON{ID: s.ID, Title: s.Title, FirstPublished: RFC3339(s.FirstPublished), Articles: []StoryArticleJSON{}}
	for _, a := range s.Articles {
		j.Articles = append(j.Articles, StoryArticleJSON{
			ID: a.ID, URL: a.URL, SiteName: a.SiteName, Published: RFC3339(a.Published),
			Title: a.Title, Language: a.Language, Agency: a.Agency,
		})
		if j.Title == "" {
			j.Title = a.Title
		}
	}
	return j
}
