package storecorpus

import (
	"context"
	"path/filepath"
	"testing"

	"lede/article"
	"lede/store"
	"lede/story"
)

func openStore(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestTermCountsBatched guards the batching of term counts: what was added
// is read back at once (pending counts included), written by Flush in the
// amounts added, and read back the same by a fresh Corpus over the store.
func TestTermCountsBatched(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	if _, ok := st.(termCounter); !ok {
		t.Skip("this store keeps no term counts of its own: the in-memory table is used")
	}
	g := story.NewGrouper(story.Options{})
	c, err := New(ctx, st, g, false)
	if err != nil {
		t.Fatal(err)
	}
	adds := [][]uint64{{1, 2, 3}, {2, 3}, {3}}
	for _, terms := range adds {
		if err := c.AddTermCounts(ctx, terms, 1); err != nil {
			t.Fatal(err)
		}
	}
	want := []int{1, 2, 3, 0}
	check := func(name string, c *Corpus) {
		t.Helper()
		got, n, err := c.TermCounts(ctx, []uint64{1, 2, 3, 4})
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%s: %d articles counted, want 3", name, n)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: term %d counted %d times, want %d", name, i+1, got[i], want[i])
			}
		}
	}
	check("before flush", c)
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	check("after flush", c)
	fresh, err := New(ctx, st, g, false)
	if err != nil {
		t.Fatal(err)
	}
	check("fresh corpus", fresh)
}

// TestPlacementsOnStore places two near copies and an unrelated article
// through the store and reads the stories back.
func TestPlacementsOnStore(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	g := story.NewGrouper(story.Options{})
	c, err := New(ctx, st, g, true)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Volcano Hekla erupted on Tuesday near Reykjavik, sending ash 12 kilometres high, the Icelandic Met Office said.",
		"Iceland's Hekla volcano erupted on Tuesday, sending ash 12 kilometres into the sky, the Icelandic Met Office said.",
		"The central bank of Chile raised its rate to 11.25 percent on Wednesday, its governor Rosanna Costa said in Santiago.",
	}
	ids := make([]int64, len(texts))
	for i, text := range texts {
		a := &article.Article{URL: "https://example.test/" + string(rune('a'+i)), Published: "2024-03-05",
			Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}}
		res, err := st.Put(ctx, store.Record{Key: a.URL, URL: a.URL, Raw: []byte(text), Article: a})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = res.ID
		if _, err := g.Add(ctx, c, res.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	stories, err := c.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	storyOf := map[int64]int64{}
	for id, members := range stories {
		for _, m := range members {
			storyOf[m] = id
		}
	}
	if storyOf[ids[0]] == 0 || storyOf[ids[0]] != storyOf[ids[1]] {
		t.Errorf("the two eruption reports are not one story: %v", storyOf)
	}
	if storyOf[ids[2]] == storyOf[ids[0]] {
		t.Errorf("the rate decision joined the eruption story: %v", storyOf)
	}
}
