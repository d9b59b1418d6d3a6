package storecorpus

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
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
	// Reconsidered at the end of the run, through the store's transaction
	// per article: the right stories stay as they are.
	moved, err := g.Reconsider(ctx, c, EachSince(ctx, st, ids[0]-1))
	if err != nil || moved != 0 {
		t.Errorf("Reconsider moved %d articles (%v), want 0", moved, err)
	}
}

// TestAddBatchOnStoreMatchesOneByOne guards the batched placement the
// ingest may use: articles placed with AddBatch in one store transaction
// per batch end in the same stories as placed one by one, and a batch with
// a failing placement keeps none of its articles.
func TestAddBatchOnStoreMatchesOneByOne(t *testing.T) {
	ctx := context.Background()
	reports := []string{
		"Volcano Hekla erupted on Tuesday near Reykjavik, sending ash 12 kilometres high, the Icelandic Met Office said. Flights from Keflavik were halted and farmers near Selfoss were told to keep livestock indoors.",
		"The central bank of Chile raised its rate to 11.25 percent on Wednesday, its governor Rosanna Costa said in Santiago. Copper exporters welcomed the move while the peso rose two percent against the dollar.",
		"Floods in Porto Alegre forced 80,000 people from their homes after the Guaiba river rose 5.3 metres, Governor Eduardo Leite said. Rescuers in boats reached the districts of Sarandi and Humaita overnight.",
	}
	var arts []*article.Article
	for i, r := range reports {
		for c := 0; c < 3; c++ {
			text := r
			if c > 0 { // a rewrite: the second sentence dropped, a word changed
				text = strings.Replace(strings.SplitAfter(r, ". ")[0], " said", " told reporters", 1)
			}
			arts = append(arts, &article.Article{URL: fmt.Sprintf("https://example.test/%d/%d", i, c), Published: "2024-03-05",
				Blocks: []article.Block{{Kind: article.Paragraph, Text: text}}})
		}
	}
	partition := func(batch int) map[string]string {
		st := openStore(t)
		g := story.NewGrouper(story.Options{})
		c, err := New(ctx, st, g, false)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		var prepared []*story.Prepared
		for _, a := range arts {
			res, err := st.Put(ctx, store.Record{Key: a.URL, URL: a.URL, Raw: []byte(a.URL), Article: a})
			if err != nil {
				t.Fatal(err)
			}
			ids, prepared = append(ids, res.ID), append(prepared, g.Prepare(a))
		}
		for len(ids) > 0 {
			n := min(batch, len(ids))
			if n == 1 {
				if _, err := g.AddPrepared(ctx, c, ids[0], prepared[0]); err != nil {
					t.Fatal(err)
				}
			} else if _, err := g.AddBatch(ctx, c, ids[:n], prepared[:n]); err != nil {
				t.Fatal(err)
			}
			ids, prepared = ids[n:], prepared[n:]
		}
		stories, err := c.Stories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, members := range stories {
			for _, m := range members {
				out[arts[m-1].URL] = arts[members[0]-1].URL
			}
		}
		return out
	}
	one, batched := partition(1), partition(4)
	if len(one) != len(arts) {
		t.Fatalf("one by one: %d of %d articles placed", len(one), len(arts))
	}
	for _, a := range arts {
		if one[a.URL] != batched[a.URL] {
			t.Errorf("%s: with %s one by one, with %s in batches", a.URL, one[a.URL], batched[a.URL])
		}
	}
	groups := map[string]bool{}
	for _, first := range one {
		groups[first] = true
	}
	if len(groups) != len(reports) {
		t.Errorf("%d stories, want %d: %v", len(groups), len(reports), one)
	}

	st := openStore(t)
	g := story.NewGrouper(story.Options{})
	c, err := New(ctx, st, g, false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.Put(ctx, store.Record{Key: arts[0].URL, URL: arts[0].URL, Raw: []byte("x"), Article: arts[0]})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.AddBatch(ctx, c, []int64{res.ID, 999999}, []*story.Prepared{g.Prepare(arts[0]), g.Prepare(arts[1])}); err == nil {
		t.Fatal("a batch with an unknown article was placed")
	}
	if stories, err := c.Stories(ctx); err != nil || len(stories) != 0 {
		t.Errorf("a failed batch left stories: %v, %v", stories, err)
	}
}
