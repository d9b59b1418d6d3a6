package story

import (
	"context"
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lede/article"
)

// fixtureStories makes a small corpus with known stories, from made-up
// words (no text of any dataset): each story is an original report — a
// headline with a name of its own, five paragraphs drawn from one shared
// lexicon, a figure — and copies of it: a paragraph dropped, a word
// changed, published some hours later. It returns the articles in
// publication order and each one's story index.
func fixtureStories(seed int64, stories, copies int) ([]*article.Article, []int) {
	rng := rand.New(rand.NewSource(seed))
	syll := []string{"ka", "lo", "mir", "ta", "ven", "dor", "si", "pel", "ru", "gan", "tho", "bre", "nu", "zal", "qui", "fe"}
	word := func(parts int) string {
		var b strings.Builder
		for i := 0; i < parts; i++ {
			b.WriteString(syll[rng.Intn(len(syll))])
		}
		return b.String()
	}
	lexicon := make([]string, 1500)
	for i := range lexicon {
		lexicon[i] = word(2 + rng.Intn(2))
	}
	sentence := func() string {
		w := make([]string, 12)
		for i := range w {
			w[i] = lexicon[rng.Intn(len(lexicon))]
		}
		return strings.Join(w, " ") + "."
	}
	start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	type dated struct {
		a     *article.Article
		story int
		at    time.Time
	}
	var all []dated
	for s := 0; s < stories; s++ {
		name := strings.ToUpper(word(1)[:1]) + word(3)
		at := start.Add(time.Duration(s) * 9 * time.Hour)
		orig := &article.Article{
			URL:       fmt.Sprintf("https://orig.example/%d", s),
			SiteName:  "orig.example",
			Title:     fmt.Sprintf("%s %s %s", name, lexicon[rng.Intn(len(lexicon))], lexicon[rng.Intn(len(lexicon))]),
			Published: at.Format(time.RFC3339),
		}
		for p := 0; p < 5; p++ {
			text := sentence() + " " + sentence()
			if p == 0 {
				text += fmt.Sprintf(" %s said %d people took part.", name, 100+rng.Intn(90000))
			}
			orig.Blocks = append(orig.Blocks, article.Block{Kind: article.Paragraph, Text: text})
		}
		all = append(all, dated{orig, s, at})
		for c := 0; c < copies; c++ {
			cp := *orig
			cp.URL = fmt.Sprintf("https://copy%d.example/%d", c, s)
			cp.SiteName = fmt.Sprintf("copy%d.example", c)
			drop := 1 + rng.Intn(len(orig.Blocks)-1)
			cp.Blocks = append(append([]article.Block(nil), orig.Blocks[:drop]...), orig.Blocks[drop+1:]...)
			cp.Blocks[0].Text = strings.Replace(cp.Blocks[0].Text, " ", " "+lexicon[rng.Intn(len(lexicon))]+" ", 1)
			cat := at.Add(time.Duration(1+rng.Intn(30)) * time.Hour)
			cp.Published = cat.Format(time.RFC3339)
			all = append(all, dated{&cp, s, cat})
		}
	}
	// Publication order, as a feed would deliver them.
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && all[j].at.Before(all[j-1].at); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	arts, gold := make([]*article.Article, len(all)), make([]int, len(all))
	for i, d := range all {
		arts[i], gold[i] = d.a, d.story
	}
	return arts, gold
}

// TestPrepareInWorkersPlacesAsAdd guards the split of Add for the ingest:
// articles prepared by several goroutines at once and then placed with
// AddPrepared end in the same stories as articles placed with Add, and
// those stories are the planted ones.
func TestPrepareInWorkersPlacesAsAdd(t *testing.T) {
	ctx := context.Background()
	arts, gold := fixtureStories(1, 12, 3)
	g := NewGrouper(Options{})

	byAdd := make([]int64, len(arts))
	c := NewMemoryCorpus()
	for i, a := range arts {
		id, err := g.Add(ctx, c, int64(i+1), a)
		if err != nil {
			t.Fatal(err)
		}
		byAdd[i] = id
	}

	prepared := make([]*Prepared, len(arts))
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(arts); i += 4 {
				prepared[i] = g.Prepare(arts[i])
			}
		}()
	}
	wg.Wait()
	byPrepared := make([]int64, len(arts))
	c2 := NewMemoryCorpus()
	for i, p := range prepared {
		id, err := g.AddPrepared(ctx, c2, int64(i+1), p)
		if err != nil {
			t.Fatal(err)
		}
		byPrepared[i] = id
	}

	for i := range arts {
		if byAdd[i] != byPrepared[i] {
			t.Errorf("article %d: story %d with Add, %d with Prepare+AddPrepared", i, byAdd[i], byPrepared[i])
		}
	}
	// The planted stories: same gold story ⇔ same story id.
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if same := byAdd[i] == byAdd[j]; same != (gold[i] == gold[j]) {
				t.Errorf("articles %d (story %d) and %d (story %d): grouped together %v", i, gold[i], j, gold[j], same)
			}
		}
	}
}

// TestAddNilArticle guards against a panic: an article without content
// (nil, or no text at all) starts a story of its own.
func TestAddNilArticle(t *testing.T) {
	ctx := context.Background()
	g := NewGrouper(Options{})
	c := NewMemoryCorpus()
	a, err := g.Add(ctx, c, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.AddPrepared(ctx, c, 2, g.Prepare(&article.Article{}))
	if err != nil {
		t.Fatal(err)
	}
	if a == 0 || b == 0 || a == b {
		t.Errorf("stories %d and %d: want two stories of their own", a, b)
	}
}

// TestMemoryCorpusCandidatesInTheWindow guards the in-memory key index,
// kept by publication time: a lookup finds the articles of its window and
// the undated ones, an open window finds all, and an article stored again
// with another date is found by its new date only.
func TestMemoryCorpusCandidatesInTheWindow(t *testing.T) {
	ctx := context.Background()
	c := NewMemoryCorpus()
	day := func(d int) time.Time { return time.Date(2024, 5, d, 12, 0, 0, 0, time.UTC) }
	for _, f := range []struct {
		id  int64
		pub time.Time
	}{{1, day(1)}, {2, day(10)}, {3, time.Time{}}, {4, day(11)}, {5, day(20)}} {
		if err := c.PutStoryFeatures(ctx, f.id, f.pub, []uint64{7, 8}, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.PutStoryFeatures(ctx, 5, day(9), []uint64{7}, nil); err != nil { // moved into the window
		t.Fatal(err)
	}
	ids := func(from, to time.Time) []int64 {
		cands, err := c.StoryCandidates(ctx, 4, []uint64{7, 8}, from, to, 10)
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, x := range cands {
			out = append(out, x.ArticleID)
		}
		slices.Sort(out)
		return out
	}
	if got, want := ids(day(8), day(12)), []int64{2, 3, 5}; !slices.Equal(got, want) {
		t.Errorf("window: %v, want %v", got, want)
	}
	if got, want := ids(time.Time{}, time.Time{}), []int64{1, 2, 3, 5}; !slices.Equal(got, want) {
		t.Errorf("open window: %v, want %v", got, want)
	}
	if got, want := ids(day(19), day(21)), []int64{3}; !slices.Equal(got, want) {
		t.Errorf("the moved article's old date: %v, want %v", got, want)
	}
}

// TestReconsiderMovesAMisplacedArticle guards Reconsider: an article put in
// the wrong story moves to the story of its own versions, the others stay,
// and a second pass moves nothing.
func TestReconsiderMovesAMisplacedArticle(t *testing.T) {
	ctx := context.Background()
	arts, gold := fixtureStories(3, 6, 3)
	g := NewGrouper(Options{})
	c := NewMemoryCorpus()
	storyOf := make([]int64, len(arts))
	for i, a := range arts {
		id, err := g.Add(ctx, c, int64(i+1), a)
		if err != nil {
			t.Fatal(err)
		}
		storyOf[i] = id
	}
	// The last article goes to another gold story's story.
	last := len(arts) - 1
	other := 0
	for gold[other] == gold[last] {
		other++
	}
	if _, err := c.SetStory(ctx, int64(last+1), storyOf[other]); err != nil {
		t.Fatal(err)
	}
	each := func(fn func(int64, *article.Article) error) error {
		for i, a := range arts {
			if err := fn(int64(i+1), a); err != nil {
				return err
			}
		}
		return nil
	}
	moved, err := g.Reconsider(ctx, c, each)
	if err != nil {
		t.Fatal(err)
	}
	if moved != 1 {
		t.Errorf("%d articles moved, want 1", moved)
	}
	stories, err := c.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := map[int64]int64{}
	for id, members := range stories {
		for _, m := range members {
			now[m] = id
		}
	}
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			if same := now[int64(i+1)] == now[int64(j+1)]; same != (gold[i] == gold[j]) {
				t.Errorf("articles %d and %d: together %v after Reconsider, gold %v", i, j, same, gold[i] == gold[j])
			}
		}
	}
	if again, err := g.Reconsider(ctx, c, each); err != nil || again != 0 {
		t.Errorf("a second pass moved %d (%v), want 0", again, err)
	}
}
