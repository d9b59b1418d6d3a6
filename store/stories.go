package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"lede/article"
)

func (s *sqlStore) PutStoryFeatures(ctx context.Context, articleID int64, published time.Time, keys []uint64, features []byte) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: story features of %d: %w", articleID, err)
	}
	defer tx.Rollback()
	if err := s.putStoryFeatures(ctx, tx, articleID, published, keys, features); err != nil {
		return fmt.Errorf("store: story features of %d: %w", articleID, err)
	}
	return tx.Commit()
}

// PlaceArticle records a placement in one transaction: the article's story
// (0 starts one; its id is returned) and its keys and features, as
// SetStory and PutStoryFeatures would one after the other. Term counts are
// not written here: story/storecorpus batches them.
func (s *sqlStore) PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte) (int64, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: place article %d: %w", articleID, err)
	}
	defer tx.Rollback()
	storyID, err = s.setStory(ctx, tx, articleID, storyID)
	if err != nil {
		return 0, err
	}
	if err := s.putStoryFeatures(ctx, tx, articleID, published, keys, features); err != nil {
		return 0, fmt.Errorf("store: story features of %d: %w", articleID, err)
	}
	return storyID, tx.Commit()
}

// putStoryFeatures replaces an article's features and keys inside tx.
func (s *sqlStore) putStoryFeatures(ctx context.Context, tx *wtx, articleID int64, published time.Time, keys []uint64, features []byte) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_keys WHERE article_id = ?`, articleID); err != nil {
		return err
	}
	if features == nil {
		features = []byte{}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_features (article_id, published, features) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET published = excluded.published, features = excluded.features`,
		articleID, millis(published), features); err != nil {
		return err
	}
	seen := map[int64]bool{}
	var args []any
	hour := keyHour(published)
	for _, k := range keys {
		if tk := timedKey(k, hour); !seen[tk] {
			seen[tk] = true
			args = append(args, tk, articleID)
		}
	}
	return s.insertRows(ctx, tx, "story_keys (key, article_id)", 2, args)
}

// A story key is stored with its article's publication hour in its low
// keyHourBits bits (0 for an article without a date) and the key itself,
// mixed, in the bits above. The primary key index (key, article_id) then
// orders each key's articles by time, so a lookup reads only the articles
// of the window — a range of the index — however many articles of other
// weeks share the key ("Karabakh", a recurring boilerplate sentence): the
// cost of a placement no longer grows with the corpus. An article without
// a date is looked up over the whole range of each key, and is found by
// every window through hour 0.
const keyHourBits = 24 // hours since 1970: up to the year 3884

const keyHourMask = 1<<keyHourBits - 1

// keyHour is the stored hour of a publication time: 0 without a date,
// else hours since 1970 plus one (earlier dates share hour 1, later than
// the field holds the last hour; the window is checked exactly on the
// candidates returned).
func keyHour(t time.Time) uint64 {
	if t.IsZero() {
		return 0
	}
	h := t.Unix()/3600 + 1
	return uint64(min(max(h, 1), keyHourMask))
}

// keyBase is a key's high bits as stored: multiplied by an odd constant (a
// bijection) first, so that keys which differ only in their low bits, as
// small integers do, stay apart.
func keyBase(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) &^ keyHourMask }

func timedKey(k, hour uint64) int64 { return int64Key(keyBase(k) | hour) }

// keyRanges are the stored-key ranges a lookup of keys over [from, to]
// reads, as lo, hi, lo, hi ...: per key, hour 0 and the hours of the
// window, or every hour for an open window.
func keyRanges(keys []uint64, from, to time.Time) []any {
	out := make([]any, 0, 4*len(keys))
	open := from.IsZero() || to.IsZero()
	lo, hi := keyHour(from), keyHour(to)
	for _, k := range keys {
		if open {
			out = append(out, timedKey(k, 0), timedKey(k, keyHourMask))
			continue
		}
		out = append(out, timedKey(k, 0), timedKey(k, 0), timedKey(k, lo), timedKey(k, hi))
	}
	return out
}

// maxCandidateKeys bounds the keys of one candidate lookup.
const maxCandidateKeys = 2000

// storyQuerier runs a query written with ? placeholders: the read pool
// (storyReader) or a write transaction (wtx), where SQLite's statements
// stay prepared.
type storyQuerier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// storyReader is the store's read pool as a storyQuerier.
type storyReader struct{ s *sqlStore }

func (r storyReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return r.s.read.QueryContext(ctx, r.s.q(query), args...)
}

// queryInt runs a query that returns at most one row of one integer;
// ok is false when it returns none.
func queryInt(ctx context.Context, q storyQuerier, query string, args ...any) (int, bool, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return 0, false, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, false, rows.Err()
	}
	var n int
	if err := rows.Scan(&n); err != nil {
		return 0, false, err
	}
	return n, true, rows.Close()
}

// paddedRows is how many rows of a list statement hold n: the next power
// of two, so that statements come in a few texts that stay prepared (the
// lists of a placement vary in length every time, and parsing a new text
// for each cost more than running it).
func paddedRows(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}

func (s *sqlStore) StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error) {
	return s.storyCandidates(ctx, storyReader{s}, articleID, keys, from, to, limit)
}

// storyCandidates is StoryCandidates through q.
func (s *sqlStore) storyCandidates(ctx context.Context, q storyQuerier, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error) {
	if len(keys) == 0 || limit <= 0 {
		return nil, nil
	}
	keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	if len(keys) > maxCandidateKeys {
		keys = keys[:maxCandidateKeys]
	}
	ranges := keyRanges(keys, from, to)
	n := paddedRows(len(ranges) / 2)
	for len(ranges) < 2*n {
		ranges = append(ranges, int64(1), int64(0)) // matches nothing
	}
	// SQLite's planner would take the bound values of a LIMIT, or of a
	// typed cast, as a reason to prepare the statement anew at every run
	// (it costs ten times the lookup); the limit is an integer formatted
	// here, and only PostgreSQL, which cannot type bare parameters in
	// VALUES, gets casts.
	tuple := `(?, ?)`
	if s.pg {
		tuple = `(CAST(? AS BIGINT), CAST(? AS BIGINT))`
	}
	// Each range is a stretch of the story_keys primary key index: the
	// lookup reads the keys' articles of the window and nothing else, and
	// the limit applies before any article's row is read; only the
	// candidates returned have their features read.
	rows, err := q.QueryContext(ctx, `WITH r (lo, hi) AS (VALUES `+strings.TrimSuffix(strings.Repeat(tuple+`, `, n), ", ")+`)
		SELECT c.article_id, c.shared, f.published, f.features, a.story_id
		FROM (SELECT k.article_id, count(*) AS shared FROM r JOIN story_keys k ON k.key BETWEEN r.lo AND r.hi
			WHERE k.article_id <> ?
			GROUP BY k.article_id ORDER BY shared DESC, k.article_id LIMIT `+strconv.Itoa(limit)+`) c
		JOIN story_features f ON f.article_id = c.article_id JOIN articles a ON a.id = c.article_id
		ORDER BY c.shared DESC, c.article_id`, append(ranges, articleID)...)
	if err != nil {
		return nil, fmt.Errorf("store: story candidates of %d: %w", articleID, err)
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		var pub, story sql.NullInt64
		if err := rows.Scan(&c.ArticleID, &c.Shared, &pub, &c.Features, &story); err != nil {
			return nil, fmt.Errorf("store: story candidates of %d: %w", articleID, err)
		}
		c.Published, c.StoryID = fromMillis(pub), story.Int64
		// The ranges hold the window to the hour; this holds it exactly.
		if !c.Published.IsZero() && !from.IsZero() && !to.IsZero() && (c.Published.Before(from) || c.Published.After(to)) {
			continue
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

func (s *sqlStore) SetStory(ctx context.Context, articleID, storyID int64) (int64, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("store: set story of %d: %w", articleID, err)
	}
	defer tx.Rollback()
	storyID, err = s.setStory(ctx, tx, articleID, storyID)
	if err != nil {
		return 0, err
	}
	return storyID, tx.Commit()
}

// setStory places an article in a story inside tx.
func (s *sqlStore) setStory(ctx context.Context, tx *wtx, articleID, storyID int64) (int64, error) {
	if storyID == 0 {
		if err := tx.QueryRowContext(ctx, `INSERT INTO stories (created_at) VALUES (?) RETURNING id`, time.Now().UnixMilli()).Scan(&storyID); err != nil {
			return 0, fmt.Errorf("store: new story: %w", err)
		}
	}
	r, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE id = ?`, storyID, articleID)
	if err != nil {
		return 0, fmt.Errorf("store: set story of %d: %w", articleID, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return 0, fmt.Errorf("store: article %d: %w", articleID, ErrNotFound)
	}
	return storyID, nil
}

func (s *sqlStore) MergeStories(ctx context.Context, into, from int64) error {
	if into == from {
		return nil
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: merge stories: %w", err)
	}
	defer tx.Rollback()
	if err := mergeStories(ctx, tx, into, from); err != nil {
		return err
	}
	return tx.Commit()
}

// mergeStories is MergeStories inside tx.
func mergeStories(ctx context.Context, tx *wtx, into, from int64) error {
	if into == from {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, into, from); err != nil {
		return fmt.Errorf("store: merge story %d into %d: %w", from, into, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, from); err != nil {
		return fmt.Errorf("store: merge story %d into %d: %w", from, into, err)
	}
	return nil
}

func (s *sqlStore) ClearStories(ctx context.Context) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: clear stories: %w", err)
	}
	defer tx.Rollback()
	for _, st := range []string{`UPDATE articles SET story_id = NULL WHERE story_id IS NOT NULL`, `DELETE FROM stories`, `DELETE FROM story_keys`,
		`DELETE FROM story_features`, `DELETE FROM term_counts`, `DELETE FROM term_articles`} {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("store: clear stories: %w", err)
		}
	}
	return tx.Commit()
}

const storyArticleCols = `a.story_id, a.id, a.url, a.site_name, a.published, a.title, a.language, a.agency`

func scanStoryArticle(sc scanner) (int64, StoryArticle, error) {
	var sid int64
	var a StoryArticle
	var pub sql.NullInt64
	err := sc.Scan(&sid, &a.ID, &a.URL, &a.SiteName, &pub, &a.Title, &a.Language, &a.Agency)
	a.Published = fromMillis(pub)
	return sid, a, err
}

// byPublished orders a story's articles: earliest first, articles without
// a date last, then by id.
func byPublished(as []StoryArticle) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i].Published, as[j].Published
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		if !a.Equal(b) {
			return a.Before(b)
		}
		return as[i].ID < as[j].ID
	})
}

func makeStory(id int64, as []StoryArticle) Story {
	byPublished(as)
	st := Story{ID: id, Articles: as}
	if len(as) > 0 {
		st.FirstPublished = as[0].Published
	}
	for _, a := range as {
		if a.Title != "" {
			st.Title = a.Title
			break
		}
	}
	return st
}

// titleFromLead gives a story none of whose versions has a headline (texts
// ingested without one) a title from the lead of its earliest version that
// has a body: its first sentence, cut at a word before leadTitleMax bytes.
func (s *sqlStore) titleFromLead(ctx context.Context, st *Story) error {
	if st.Title != "" {
		return nil
	}
	for _, a := range st.Articles {
		sa, err := s.Article(ctx, a.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if t := leadTitle(sa.Article); t != "" {
			st.Title = t
			return nil
		}
	}
	return nil
}

// leadTitleMax bounds a title made from a lead; a paragraph of fewer than
// leadMinWords words is not taken for one.
const (
	leadTitleMax = 120
	leadMinWords = 4
)

// leadTitle is the first sentence of an article's first paragraph (of
// leadMinWords words at least), cut to
// leadTitleMax bytes at a word boundary ("…" marks the cut).
func leadTitle(a *article.Article) string {
	if a == nil {
		return ""
	}
	for _, b := range a.Blocks {
		if b.Kind != article.Paragraph {
			continue
		}
		words := strings.Fields(b.Text)
		if len(words) < leadMinWords {
			continue // a dateline, a kicker, a date: no lead
		}
		text := strings.Join(words, " ")
		for i := 0; i+1 < len(text); i++ {
			if c := text[i]; (c == '.' || c == '!' || c == '?') && text[i+1] == ' ' && i > 20 {
				text = text[:i+1]
				break
			}
		}
		if len(text) <= leadTitleMax {
			return text
		}
		cut := strings.LastIndexByte(text[:leadTitleMax], ' ')
		if cut <= 0 {
			cut = leadTitleMax
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
		}
		return strings.TrimRight(text[:cut], " ,;:—-") + "…"
	}
	return ""
}

func (s *sqlStore) Stories(ctx context.Context, q StoryQuery) ([]Story, error) {
	min := 2
	if q.All {
		min = 1
	}
	having, args := `count(*) >= ?`, []any{min}
	if !q.Since.IsZero() {
		having += ` AND max(published) >= ?`
		args = append(args, q.Since.UnixMilli())
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+storyArticleCols+` FROM articles a WHERE a.story_id IN
		(SELECT story_id FROM articles WHERE story_id IS NOT NULL GROUP BY story_id HAVING `+having+`) ORDER BY a.story_id, a.id`), args...)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	defer rows.Close()
	var out []Story
	var cur []StoryArticle
	var curID int64
	flush := func() {
		if len(cur) > 0 {
			out = append(out, makeStory(curID, cur))
		}
		cur = nil
	}
	for rows.Next() {
		sid, a, err := scanStoryArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
		if sid != curID {
			flush()
			curID = sid
		}
		cur = append(cur, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	flush()
	// Newest story first; a story without dates after the dated ones.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].FirstPublished, out[j].FirstPublished
		if a.IsZero() != b.IsZero() {
			return !a.IsZero()
		}
		if !a.Equal(b) {
			return a.After(b)
		}
		return out[i].ID < out[j].ID
	})
	if q.Limit > 0 && len(out) > q.Limit {
		out = out[:q.Limit]
	}
	for i := range out {
		if err := s.titleFromLead(ctx, &out[i]); err != nil {
			return nil, fmt.Errorf("store: stories: %w", err)
		}
	}
	return out, nil
}

func (s *sqlStore) Story(ctx context.Context, id int64) (Story, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+storyArticleCols+` FROM articles a WHERE a.story_id = ? ORDER BY a.id`), id)
	if err != nil {
		return Story{}, fmt.Errorf("store: story %d: %w", id, err)
	}
	defer rows.Close()
	var as []StoryArticle
	for rows.Next() {
		_, a, err := scanStoryArticle(rows)
		if err != nil {
			return Story{}, fmt.Errorf("store: story %d: %w", id, err)
		}
		as = append(as, a)
	}
	if err := rows.Err(); err != nil {
		return Story{}, fmt.Errorf("store: story %d: %w", id, err)
	}
	if len(as) == 0 {
		return Story{}, fmt.Errorf("store: story %d: %w", id, ErrNotFound)
	}
	st := makeStory(id, as)
	if err := s.titleFromLead(ctx, &st); err != nil {
		return Story{}, fmt.Errorf("store: story %d: %w", id, err)
	}
	return st, nil
}

// StorySize counts a story's articles (0 for an unknown story), through
// the story_id index: grouping weighs a story by its size at every
// placement that links to it.
func (s *sqlStore) StorySize(ctx context.Context, id int64) (int, error) {
	return storySize(ctx, storyReader{s}, id)
}

// StoryOf returns the story an article is in (0 for none or an unknown
// article).
func (s *sqlStore) StoryOf(ctx context.Context, articleID int64) (int64, error) {
	n, _, err := queryInt(ctx, storyReader{s}, `SELECT coalesce(story_id, 0) FROM articles WHERE id = ?`, articleID)
	if err != nil {
		return 0, fmt.Errorf("store: story of article %d: %w", articleID, err)
	}
	return int64(n), nil
}

func storySize(ctx context.Context, q storyQuerier, id int64) (int, error) {
	n, _, err := queryInt(ctx, q, `SELECT count(*) FROM articles WHERE story_id = ?`, id)
	if err != nil {
		return 0, fmt.Errorf("store: size of story %d: %w", id, err)
	}
	return n, nil
}

func (s *sqlStore) StoryArticles(ctx context.Context, storyID int64) ([]StoredArticle, error) {
	st, err := s.Story(ctx, storyID)
	if err != nil {
		return nil, err
	}
	out := make([]StoredArticle, 0, len(st.Articles))
	for _, a := range st.Articles {
		sa, err := s.Article(ctx, a.ID)
		if errors.Is(err, ErrNotFound) {
			continue // deleted between the two reads
		}
		if err != nil {
			return nil, err
		}
		out = append(out, sa)
	}
	return out, nil
}

func (s *sqlStore) SetQuoteKeys(ctx context.Context, articleID int64, keys []uint64) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: quote keys of %d: %w", articleID, err)
	}
	defer tx.Rollback()
	for i, k := range keys {
		if _, err := tx.ExecContext(ctx, s.q(`UPDATE quotes SET key = ? WHERE article_id = ? AND idx = ?`), int64Key(k), articleID, i); err != nil {
			return fmt.Errorf("store: quote keys of %d: %w", articleID, err)
		}
	}
	return tx.Commit()
}

func (s *sqlStore) AddTermCounts(ctx context.Context, terms []uint64, delta int) error {
	sorted := slices.Clone(terms)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	deltas := make([]int, len(sorted))
	for i := range deltas {
		deltas[i] = delta
	}
	return s.addTermDeltas(ctx, sorted, deltas, delta)
}

// AddTermDeltas adds deltas[i] to the document count of terms[i] and
// articles to the number of counted articles, in one transaction: how
// story/storecorpus writes the counts it batched. A term given twice gets
// both deltas.
func (s *sqlStore) AddTermDeltas(ctx context.Context, terms []uint64, deltas []int, articles int) error {
	sorted, ds, err := sumDeltas(terms, deltas)
	if err != nil {
		return err
	}
	return s.addTermDeltas(ctx, sorted, ds, articles)
}

// sumDeltas sums the deltas of each term and returns the terms with a
// change, sorted, and their sums.
func sumDeltas(terms []uint64, deltas []int) ([]uint64, []int, error) {
	if len(terms) != len(deltas) {
		return nil, nil, fmt.Errorf("store: term counts: %d terms, %d deltas", len(terms), len(deltas))
	}
	sum := map[uint64]int{}
	for i, t := range terms {
		sum[t] += deltas[i]
	}
	sorted := make([]uint64, 0, len(sum))
	for t, d := range sum {
		if d != 0 {
			sorted = append(sorted, t)
		}
	}
	slices.Sort(sorted)
	ds := make([]int, len(sorted))
	for i, t := range sorted {
		ds[i] = sum[t]
	}
	return sorted, ds, nil
}

// addTermDeltas writes counts for sorted, distinct terms: one statement
// may not touch a row twice in PostgreSQL, and workers that lock rows in
// one order cannot deadlock.
func (s *sqlStore) addTermDeltas(ctx context.Context, sorted []uint64, deltas []int, articles int) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: term counts: %w", err)
	}
	defer tx.Rollback()
	if err := addTermDeltas(ctx, tx, sorted, deltas, articles); err != nil {
		return err
	}
	return tx.Commit()
}

// addTermDeltas is addTermDeltas inside tx.
func addTermDeltas(ctx context.Context, tx *wtx, sorted []uint64, deltas []int, articles int) error {
	args := make([]any, 0, 2*len(sorted))
	for i, t := range sorted {
		args = append(args, int64Key(t), deltas[i])
	}
	if err := execRows(ctx, tx, `INSERT INTO term_counts (term, n) VALUES `, `(?, ?)`,
		` ON CONFLICT (term) DO UPDATE SET n = term_counts.n + excluded.n`, 2, args); err != nil {
		return fmt.Errorf("store: term counts: %w", err)
	}
	if articles != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO term_articles (id, n) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET n = term_articles.n + excluded.n`, articles); err != nil {
			return fmt.Errorf("store: term counts: %w", err)
		}
	}
	return nil
}

func (s *sqlStore) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	return termCounts(ctx, storyReader{s}, terms)
}

// termCountsPerStatement bounds the IN list of one term count lookup.
const termCountsPerStatement = 256

// termCounts is TermCounts through q.
func termCounts(ctx context.Context, q storyQuerier, terms []uint64) ([]int, int, error) {
	counts := make([]int, len(terms))
	articles, _, err := queryInt(ctx, q, `SELECT n FROM term_articles WHERE id = 1`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: term counts: %w", err)
	}
	found := make(map[uint64]int, len(terms))
	args := make([]any, 0, termCountsPerStatement)
	for rest := terms; len(rest) > 0; {
		n := min(len(rest), termCountsPerStatement)
		rows := paddedRows(n)
		args = args[:0]
		for i := 0; i < rows; i++ {
			args = append(args, int64Key(rest[min(i, n-1)])) // padded with a repeat
		}
		r, err := q.QueryContext(ctx, `SELECT term, n FROM term_counts WHERE term IN (`+strings.TrimSuffix(strings.Repeat("?, ", rows), ", ")+`)`, args...)
		if err != nil {
			return nil, 0, fmt.Errorf("store: term counts: %w", err)
		}
		for r.Next() {
			var t int64
			var c int
			if err := r.Scan(&t, &c); err != nil {
				r.Close()
				return nil, 0, fmt.Errorf("store: term counts: %w", err)
			}
			found[uint64(t)] = c
		}
		r.Close()
		if err := r.Err(); err != nil {
			return nil, 0, fmt.Errorf("store: term counts: %w", err)
		}
		rest = rest[n:]
	}
	for i, t := range terms {
		counts[i] = found[t]
	}
	return counts, articles, nil
}

// StoryTx is one transaction of story grouping: a placement's reads (term
// counts, candidates, story sizes) and its writes together. In SQLite it
// runs on the writer connection with the writer's prepared statements, so
// the reads find the page cache as the last write left it (a reader's
// cache is emptied by every commit of another connection) and parse
// nothing — the two were most of a placement's cost — and the placement
// is one round of locking. It is valid only inside the function given to
// InStoryTx; it must not call the store's own methods, which take the
// writer again.
type StoryTx struct {
	s  *sqlStore
	tx *wtx
}

// InStoryTx runs fn in one write transaction, committed when fn returns
// nil and rolled back otherwise.
func (s *sqlStore) InStoryTx(ctx context.Context, fn func(*StoryTx) error) error {
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: story transaction: %w", err)
	}
	defer tx.Rollback()
	if err := fn(&StoryTx{s: s, tx: tx}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: story transaction: %w", err)
	}
	return nil
}

// TermCounts is Store.TermCounts inside the transaction.
func (t *StoryTx) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	return termCounts(ctx, t.tx, terms)
}

// StoryCandidates is Store.StoryCandidates inside the transaction.
func (t *StoryTx) StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error) {
	return t.s.storyCandidates(ctx, t.tx, articleID, keys, from, to, limit)
}

// StorySize counts a story's articles inside the transaction.
func (t *StoryTx) StorySize(ctx context.Context, id int64) (int, error) {
	return storySize(ctx, t.tx, id)
}

// PlaceArticle is the store's PlaceArticle inside the transaction.
func (t *StoryTx) PlaceArticle(ctx context.Context, articleID, storyID int64, published time.Time, keys []uint64, features []byte) (int64, error) {
	storyID, err := t.s.setStory(ctx, t.tx, articleID, storyID)
	if err != nil {
		return 0, err
	}
	if err := t.s.putStoryFeatures(ctx, t.tx, articleID, published, keys, features); err != nil {
		return 0, fmt.Errorf("store: story features of %d: %w", articleID, err)
	}
	return storyID, nil
}

// SetStory is Store.SetStory inside the transaction.
func (t *StoryTx) SetStory(ctx context.Context, articleID, storyID int64) (int64, error) {
	return t.s.setStory(ctx, t.tx, articleID, storyID)
}

// PutStoryFeatures is Store.PutStoryFeatures inside the transaction.
func (t *StoryTx) PutStoryFeatures(ctx context.Context, articleID int64, published time.Time, keys []uint64, features []byte) error {
	if err := t.s.putStoryFeatures(ctx, t.tx, articleID, published, keys, features); err != nil {
		return fmt.Errorf("store: story features of %d: %w", articleID, err)
	}
	return nil
}

// StoryArticleIDs are the ids of a story's articles, ascending, inside the
// transaction.
func (t *StoryTx) StoryArticleIDs(ctx context.Context, id int64) ([]int64, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id FROM articles WHERE story_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: articles of story %d: %w", id, err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, fmt.Errorf("store: articles of story %d: %w", id, err)
		}
		ids = append(ids, a)
	}
	return ids, rows.Err()
}

// MergeStories is Store.MergeStories inside the transaction.
func (t *StoryTx) MergeStories(ctx context.Context, into, from int64) error {
	return mergeStories(ctx, t.tx, into, from)
}

// AddTermDeltas is the store's AddTermDeltas inside the transaction.
func (t *StoryTx) AddTermDeltas(ctx context.Context, terms []uint64, deltas []int, articles int) error {
	sorted, ds, err := sumDeltas(terms, deltas)
	if err != nil {
		return err
	}
	return addTermDeltas(ctx, t.tx, sorted, ds, articles)
}
