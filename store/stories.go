package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
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
	seen := map[uint64]bool{}
	var args []any
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			args = append(args, int64Key(k), articleID)
		}
	}
	return s.insertRows(ctx, tx, "story_keys (key, article_id)", 2, args)
}

// maxCandidateKeys bounds the IN list of one candidate lookup.
const maxCandidateKeys = 2000

func (s *sqlStore) StoryCandidates(ctx context.Context, articleID int64, keys []uint64, from, to time.Time, limit int) ([]Candidate, error) {
	if len(keys) == 0 || limit <= 0 {
		return nil, nil
	}
	if len(keys) > maxCandidateKeys {
		keys = keys[:maxCandidateKeys]
	}
	window, args := "", []any{articleID}
	if !from.IsZero() && !to.IsZero() {
		window = ` AND (w.published IS NULL OR (w.published >= ? AND w.published <= ?))`
		args = append(args, from.UnixMilli(), to.UnixMilli())
	}
	args = append(args, limit)
	// The limit applies in the GROUP BY, where the window is checked too:
	// only the candidates returned have their features read (a common key
	// can be shared by thousands of articles). The window reads only
	// published, which comes before the features in the row.
	// The keys are integers formatted by keyList, not user text.
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT c.article_id, c.shared, f.published, f.features, a.story_id
		FROM (SELECT k.article_id, count(*) AS shared FROM story_keys k JOIN story_features w ON w.article_id = k.article_id
			WHERE k.key IN (`+keyList(keys)+`) AND k.article_id <> ?`+window+`
			GROUP BY k.article_id ORDER BY shared DESC, k.article_id LIMIT ?) c
		JOIN story_features f ON f.article_id = c.article_id JOIN articles a ON a.id = c.article_id
		ORDER BY c.shared DESC, c.article_id`), args...)
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
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE articles SET story_id = ? WHERE story_id = ?`), into, from); err != nil {
		return fmt.Errorf("store: merge story %d into %d: %w", from, into, err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM stories WHERE id = ?`), from); err != nil {
		return fmt.Errorf("store: merge story %d into %d: %w", from, into, err)
	}
	return tx.Commit()
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
		st.Title, st.FirstPublished = as[0].Title, as[0].Published
	}
	return st
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
	return makeStory(id, as), nil
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
	if len(terms) != len(deltas) {
		return fmt.Errorf("store: term counts: %d terms, %d deltas", len(terms), len(deltas))
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
	return s.addTermDeltas(ctx, sorted, ds, articles)
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
	return tx.Commit()
}

func (s *sqlStore) TermCounts(ctx context.Context, terms []uint64) ([]int, int, error) {
	counts := make([]int, len(terms))
	var articles int
	err := s.read.QueryRowContext(ctx, `SELECT n FROM term_articles WHERE id = 1`).Scan(&articles)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, 0, fmt.Errorf("store: term counts: %w", err)
	}
	found := map[uint64]int{}
	const perStatement = 1000
	for rest := terms; len(rest) > 0; {
		n := min(len(rest), perStatement)
		rows, err := s.read.QueryContext(ctx, `SELECT term, n FROM term_counts WHERE term IN (`+keyList(rest[:n])+`)`)
		if err != nil {
			return nil, 0, fmt.Errorf("store: term counts: %w", err)
		}
		for rows.Next() {
			var t int64
			var c int
			if err := rows.Scan(&t, &c); err != nil {
				rows.Close()
				return nil, 0, fmt.Errorf("store: term counts: %w", err)
			}
			found[uint64(t)] = c
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, 0, fmt.Errorf("store: term counts: %w", err)
		}
		rest = rest[n:]
	}
	for i, t := range terms {
		counts[i] = found[t]
	}
	return counts, articles, nil
}
