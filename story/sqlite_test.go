package story_test

import (
	"context"
	"path/filepath"
	"testing"

	"lede/store"
	"lede/story"
	"lede/story/storecorpus"
)

// TestStoriesDevOnSQLite runs the stories-dev evaluation on the real
// SQLite store: the texts stored as ingest stores them, placed one by one
// through the store's key index, then read back as stories.
func TestStoriesDevOnSQLite(t *testing.T) {
	docs := story.LoadDevSet(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "stories.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	g := story.NewGrouper(story.Options{})
	corpus, err := storecorpus.New(ctx, st, g, true)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(docs))
	for i, d := range docs {
		res, err := st.Put(ctx, store.Record{Key: d.URL, URL: d.URL, Raw: []byte(d.File), Article: d.Article()})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = res.ID
		if _, err := g.Add(ctx, corpus, res.ID, d.Article()); err != nil {
			t.Fatal(err)
		}
	}
	predicted := func() map[int]int64 {
		byArticle := map[int64]int64{}
		list, err := st.Stories(ctx, store.StoryQuery{All: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range list {
			for _, a := range s.Articles {
				byArticle[a.ID] = s.ID
			}
		}
		pred := map[int]int64{}
		for i := range docs {
			pred[i] = byArticle[ids[i]]
		}
		return pred
	}
	pred := predicted()
	t.Logf("SQLite, all %d docs: %s", len(docs), story.Score(docs, pred, func(*story.DevDoc) bool { return true }))
	t.Logf("SQLite, English: %s", story.Score(docs, pred, func(d *story.DevDoc) bool { return d.Language == "en" }))
	if !story.Holds(docs, pred) {
		t.Error("below issue 9's targets (pairwise 0.90, B-cubed 0.92, English pairwise 0.92)")
	}
	// The run reconsidered at its end, as an ingest may close.
	moved, err := g.Reconsider(ctx, corpus, storecorpus.EachSince(ctx, st, ids[0]-1))
	if err != nil {
		t.Fatal(err)
	}
	pred = predicted()
	t.Logf("SQLite, reconsidered (%d moved): all %s", moved, story.Score(docs, pred, func(*story.DevDoc) bool { return true }))
	t.Logf("SQLite, reconsidered: English %s", story.Score(docs, pred, func(d *story.DevDoc) bool { return d.Language == "en" }))
	if !story.Holds(docs, pred) {
		t.Error("reconsidered: below issue 9's targets (pairwise 0.90, B-cubed 0.92, English pairwise 0.92)")
	}
}
