package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"lede/article"
	"lede/store"
	"lede/story"
	"lede/story/storecorpus"
)

const storiesUsage = `Usage: lede stories [flags]

Lists the stories of the corpus, one a line: JSON Lines with --format json
(id, title, first_published, articles). Stories of one article are left
out unless --all.

Flags:
`

const storyUsage = `Usage: lede story [flags] ID

Shows a story's versions aligned to the one they derive from (the wire
original when present, else the version sharing the most text with the
others), with each version's changes and a summary of them.

Flags:
`

const restoryUsage = `Usage: lede restory [flags]

Forgets every story and groups the whole corpus again. With --settle it
keeps the stories and only moves each article to the story it links to
best, when that beats its own (one pass; nothing is split off): a cheap
way to settle what an incremental ingest placed in arrival order.

Flags:
`

const quotesUsage = `Usage: lede quotes [flags] [QUERY]

Lists the quotes of the corpus, recognised across articles: speaker, how
many outlets carried each, the first outlet and time, and the variants of
its wording. QUERY keeps the quotes that contain all its words.

Flags:
`

// newStoryCorpus is the store as story grouping's corpus (package
// storecorpus); seed fills in-memory term counts from stored articles when
// the store keeps none. Its term counts are written in batches: call
// flushStoryCorpus when the placements are done.
func newStoryCorpus(ctx context.Context, st store.Store, g *story.Grouper, seed bool) (story.Corpus, error) {
	return storecorpus.New(ctx, st, g, seed)
}

// flushStoryCorpus writes a corpus's pending term counts.
func flushStoryCorpus(ctx context.Context, c story.Corpus) error {
	if f, ok := c.(interface{ Flush(context.Context) error }); ok {
		return f.Flush(ctx)
	}
	return nil
}

func runStories(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede stories", storiesUsage, stderr)
	cf := declareCorpusFlags(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	since := fs.String("since", "", "only stories with an article published at or after this `date`")
	all := fs.Bool("all", false, "include stories of one article")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("stories", err, stderr)
	}
	if len(rest) > 0 {
		return usageError("stories", fmt.Errorf("unexpected argument %q", rest[0]), stderr)
	}
	if *format != "text" && *format != "json" {
		return usageError("stories", fmt.Errorf("unknown --format %q: use text or json", *format), stderr)
	}
	sinceT, err := parseDate(*since, time.Now())
	if err != nil {
		return usageError("stories", fmt.Errorf("--since: %w", err), stderr)
	}
	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede stories: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	list, err := st.Stories(ctx, store.StoryQuery{Since: sinceT, All: *all})
	if err != nil {
		fmt.Fprintf(stderr, "lede stories: %v\n", err)
		return exitFailed
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	for _, s := range list {
		if !*all && len(s.Articles) < 2 {
			continue
		}
		j := s.JSON()
		if *format == "json" {
			b, err := json.Marshal(j)
			if err != nil {
				fmt.Fprintf(stderr, "lede stories: %v\n", err)
				return exitFailed
			}
			out.Write(append(b, '\n'))
			continue
		}
		fmt.Fprintf(out, "%d\t%s\t%d articles\t%s\n", j.ID, orNone(j.FirstPublished), len(j.Articles), oneLine(j.Title))
		for _, a := range j.Articles {
			fmt.Fprintf(out, "\t#%d %s %s %s\n", a.ID, orNone(a.SiteName), orNone(a.Published), a.URL)
		}
	}
	return exitOK
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runStory(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede story", storyUsage, stderr)
	cf := declareCorpusFlags(fs)
	format := fs.String("format", "text", "output `format`: text, markdown, html or json")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("story", err, stderr)
	}
	if len(rest) != 1 {
		return usageError("story", errors.New("give one story ID (see lede stories)"), stderr)
	}
	id, err := strconv.ParseInt(rest[0], 10, 64)
	if err != nil || id < 1 {
		return usageError("story", fmt.Errorf("%q is not a story id", rest[0]), stderr)
	}
	switch *format {
	case "text", "markdown", "html", "json":
	default:
		return usageError("story", fmt.Errorf("unknown --format %q: use text, markdown, html or json", *format), stderr)
	}
	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede story: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	stored, err := st.StoryArticles(ctx, id)
	if err != nil {
		fmt.Fprintf(stderr, "lede story: %v\n", err)
		return exitFailed
	}
	if len(stored) == 0 {
		fmt.Fprintf(stderr, "lede story: no story %d\n", id)
		return exitFailed
	}
	versions := make([]story.Version, 0, len(stored))
	for _, sa := range stored {
		if sa.Article == nil {
			continue
		}
		a := *sa.Article
		if a.URL == "" {
			a.URL = sa.URL
		}
		versions = append(versions, story.Version{ID: sa.ID, URL: firstNonEmpty(sa.URL, a.URL), Article: &a})
	}
	cmp := story.Compare(id, versions)
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	switch *format {
	case "json":
		b, err := json.MarshalIndent(cmp, "", "  ")
		if err == nil {
			_, err = out.Write(append(b, '\n'))
		}
		if err != nil {
			fmt.Fprintf(stderr, "lede story: %v\n", err)
			return exitFailed
		}
	case "markdown":
		err = story.RenderMarkdown(out, cmp)
	case "html":
		err = story.RenderHTML(out, cmp)
	default:
		err = story.RenderText(out, cmp, isTerminal(stdout))
	}
	if err != nil {
		fmt.Fprintf(stderr, "lede story: %v\n", err)
		return exitFailed
	}
	return exitOK
}

func runRestory(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede restory", restoryUsage, stderr)
	cf := declareCorpusFlags(fs)
	settle := fs.Bool("settle", false, "keep the stories; move articles to the story they link to best")
	rest, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("restory", err, stderr)
	}
	if len(rest) > 0 {
		return usageError("restory", fmt.Errorf("unexpected argument %q", rest[0]), stderr)
	}
	log := cf.logger(stderr)
	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede restory: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	g := story.NewGrouper(story.Options{Logger: log})
	corpus, err := newStoryCorpus(ctx, st, g, false)
	if err != nil {
		fmt.Fprintf(stderr, "lede restory: %v\n", err)
		return exitFailed
	}
	n := 0
	each := func(fn func(int64, *article.Article) error) error {
		n = 0
		return st.Each(ctx, 0, false, func(sa store.StoredArticle) error {
			if sa.Article == nil {
				return nil
			}
			n++
			return fn(sa.ID, sa.Article)
		})
	}
	start := time.Now()
	if *settle {
		moved, err := g.Reconsider(ctx, corpus, each)
		if err != nil {
			fmt.Fprintf(stderr, "lede restory: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(stdout, "%d articles moved; ", moved)
	} else if err := g.Regroup(ctx, corpus, each); err != nil {
		fmt.Fprintf(stderr, "lede restory: %v\n", err)
		return exitFailed
	}
	if err := flushStoryCorpus(ctx, corpus); err != nil {
		fmt.Fprintf(stderr, "lede restory: %v\n", err)
		return exitFailed
	}
	stories, err := corpus.Stories(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "lede restory: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "%d articles in %d stories (%s)\n", n, len(stories), time.Since(start).Round(time.Millisecond))
	return exitOK
}

func runQuotes(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("lede quotes", quotesUsage, stderr)
	cf := declareCorpusFlags(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	speaker := fs.String("speaker", "", "only quotes of this speaker (a part of the name, any case)")
	limit := fs.Int("limit", 50, "most quotes shown")
	words, err := parseInterleaved(fs, args)
	if err != nil {
		return usageError("quotes", err, stderr)
	}
	if *format != "text" && *format != "json" {
		return usageError("quotes", fmt.Errorf("unknown --format %q: use text or json", *format), stderr)
	}
	if *limit < 1 {
		return usageError("quotes", errors.New("--limit must be at least 1"), stderr)
	}
	st, err := openStore(ctx, cf.db)
	if err != nil {
		fmt.Fprintf(stderr, "lede quotes: %v\n", err)
		return exitFailed
	}
	defer st.Close()
	var src []story.QuoteSource
	err = st.Each(ctx, 0, false, func(sa store.StoredArticle) error {
		if sa.Article != nil && len(sa.Article.Quotes) > 0 {
			a := *sa.Article
			a.Blocks = nil // quotes carry their own text; the body is not needed
			src = append(src, story.QuoteSource{ArticleID: sa.ID, URL: sa.URL, Article: &a})
		}
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "lede quotes: %v\n", err)
		return exitFailed
	}
	traces := story.GroupQuotes(src)
	query := strings.Fields(strings.ToLower(strings.Join(words, " ")))
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	shown := 0
	for _, q := range traces {
		if shown >= *limit {
			break
		}
		if *speaker != "" && !strings.Contains(strings.ToLower(q.Speaker), strings.ToLower(*speaker)) {
			continue
		}
		if !containsAll(q, query) {
			continue
		}
		shown++
		if *format == "json" {
			b, err := json.Marshal(q)
			if err != nil {
				fmt.Fprintf(stderr, "lede quotes: %v\n", err)
				return exitFailed
			}
			out.Write(append(b, '\n'))
			continue
		}
		fmt.Fprintf(out, "%q\n\t%s; %d outlets; first %s %s %s\n", oneLine(q.Text), orNone(q.Speaker), q.Outlets, orNone(q.First.SiteName), orNone(q.First.Published), q.First.URL)
		for _, v := range q.Variants {
			fmt.Fprintf(out, "\tvariant: %q\n", oneLine(v))
		}
	}
	return exitOK
}

// containsAll reports whether a quote's wordings hold every query word.
func containsAll(q story.QuoteTrace, words []string) bool {
	if len(words) == 0 {
		return true
	}
	text := strings.ToLower(q.Text + " " + strings.Join(q.Variants, " "))
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
