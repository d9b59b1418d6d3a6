package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"lede/article"
)

const articleCols = `a.id, a.key, a.url, a.source, a.input, a.fetched_at, a.content_type, a.published, a.story_id, a.versions`

type scanner interface{ Scan(...any) error }

func scanArticle(sc scanner, extra ...any) (StoredArticle, error) {
	var sa StoredArticle
	var fetched, published, story sql.NullInt64
	dest := append([]any{&sa.ID, &sa.Key, &sa.URL, &sa.Source, &sa.Input, &fetched, &sa.ContentType, &published, &story, &sa.Versions}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return sa, err
	}
	sa.FetchedAt, sa.Published, sa.StoryID = fromMillis(fetched), fromMillis(published), story.Int64
	return sa, nil
}

// decodeDoc reads a stored article document.
func (s *sqlStore) decodeDoc(doc []byte) (*article.Article, error) {
	b, err := s.dec.DecodeAll(doc, nil)
	if err != nil {
		return nil, fmt.Errorf("decompress article: %w", err)
	}
	var a article.Article
	if err := json.Unmarshal(b, (*storedArticle)(&a)); err != nil {
		return nil, fmt.Errorf("decode article: %w", err)
	}
	return &a, nil
}

func (s *sqlStore) Article(ctx context.Context, id int64) (StoredArticle, error) {
	var doc []byte
	sa, err := scanArticle(s.read.QueryRowContext(ctx, s.q(`SELECT `+articleCols+`, b.doc FROM articles a JOIN article_blobs b ON b.article_id = a.id WHERE a.id = ?`), id), &doc)
	if errors.Is(err, sql.ErrNoRows) {
		return sa, fmt.Errorf("store: article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return sa, fmt.Errorf("store: article %d: %w", id, err)
	}
	if sa.Article, err = s.decodeDoc(doc); err != nil {
		return sa, fmt.Errorf("store: article %d: %w", id, err)
	}
	return sa, nil
}

func (s *sqlStore) Raw(ctx context.Context, id int64) ([]byte, error) {
	var raw []byte
	err := s.read.QueryRowContext(ctx, s.q(`SELECT raw FROM article_blobs WHERE article_id = ?`), id).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("store: article %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("store: raw page of %d: %w", id, err)
	}
	b, err := s.dec.DecodeAll(raw, nil)
	if err != nil {
		return nil, fmt.Errorf("store: raw page of %d: %w", id, err)
	}
	return b, nil
}

func (s *sqlStore) Versions(ctx context.Context, id int64) ([]Version, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT fetched_at, doc FROM versions WHERE article_id = ? ORDER BY id`), id)
	if err != nil {
		return nil, fmt.Errorf("store: versions of %d: %w", id, err)
	}
	defer rows.Close()
	var out []Version
	for rows.Next() {
		var at sql.NullInt64
		var doc []byte
		if err := rows.Scan(&at, &doc); err != nil {
			return nil, fmt.Errorf("store: versions of %d: %w", id, err)
		}
		a, err := s.decodeDoc(doc)
		if err != nil {
			return nil, fmt.Errorf("store: versions of %d: %w", id, err)
		}
		out = append(out, Version{ArticleID: id, FetchedAt: fromMillis(at), Article: a})
	}
	return out, rows.Err()
}

// eachBatch is how many articles Each reads at a time: few enough that a
// batch of raw pages stays small, and no cursor stays open while fn writes.
const eachBatch = 64

func (s *sqlStore) Each(ctx context.Context, after int64, raw bool, fn func(StoredArticle) error) error {
	rawCol := ", NULL"
	if raw {
		rawCol = ", b.raw"
	}
	for {
		batch, err := s.eachBatch(ctx, after, rawCol)
		if err != nil {
			return fmt.Errorf("store: read articles after %d: %w", after, err)
		}
		if len(batch) == 0 {
			return nil
		}
		for _, sa := range batch {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(sa); err != nil {
				return err
			}
			after = sa.ID
		}
	}
}

func (s *sqlStore) eachBatch(ctx context.Context, after int64, rawCol string) ([]StoredArticle, error) {
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+articleCols+`, b.doc`+rawCol+` FROM articles a JOIN article_blobs b ON b.article_id = a.id
		WHERE a.id > ? ORDER BY a.id LIMIT ?`), after, eachBatch)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredArticle
	for rows.Next() {
		var doc, raw []byte
		sa, err := scanArticle(rows, &doc, &raw)
		if err != nil {
			return nil, err
		}
		if sa.Article, err = s.decodeDoc(doc); err != nil {
			return nil, fmt.Errorf("article %d: %w", sa.ID, err)
		}
		if raw != nil {
			if sa.Raw, err = s.dec.DecodeAll(raw, nil); err != nil {
				return nil, fmt.Errorf("raw page of %d: %w", sa.ID, err)
			}
		}
		out = append(out, sa)
	}
	return out, rows.Err()
}

func (s *sqlStore) RecordError(ctx context.Context, e SourceError) error {
	at := e.At
	if at.IsZero() {
		at = time.Now()
	}
	_, err := s.writeOne(ctx, s.q(`INSERT INTO errors (input, source, url, reason, at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (input, source, url) DO UPDATE SET reason = excluded.reason, at = excluded.at`),
		e.Input, e.Source, e.URL, e.Reason, at.UnixMilli())
	if err != nil {
		return fmt.Errorf("store: record error of %s: %w", e.Input, err)
	}
	return nil
}

// lastErrorsPerSource is how many of an input's errors Status lists.
const lastErrorsPerSource = 3

func (s *sqlStore) Status(ctx context.Context) (Status, error) {
	var st Status
	for _, c := range []struct {
		dst   *int
		query string
	}{
		{&st.Articles, `SELECT count(*) FROM articles`},
		{&st.Versions, `SELECT count(*) FROM versions`},
		{&st.Errors, `SELECT count(*) FROM errors`},
		{&st.Stories, `SELECT count(DISTINCT story_id) FROM articles WHERE story_id IS NOT NULL`},
		{&st.Queued, `SELECT count(*) FROM queue WHERE state IN ('pending', 'claimed')`},
		{&st.Sources, `SELECT count(*) FROM (SELECT input FROM articles UNION SELECT input FROM errors) AS inputs`},
	} {
		if err := s.read.QueryRowContext(ctx, c.query).Scan(c.dst); err != nil {
			return st, fmt.Errorf("store: status: %w", err)
		}
	}
	var err error
	if st.SizeBytes, err = s.size(ctx); err != nil {
		return st, fmt.Errorf("store: status: size: %w", err)
	}
	per := map[string]*SourceStatus{}
	get := func(in string) *SourceStatus {
		if per[in] == nil {
			per[in] = &SourceStatus{Input: in}
		}
		return per[in]
	}
	rows, err := s.read.QueryContext(ctx, `SELECT input, count(*) FROM articles GROUP BY input`)
	if err != nil {
		return st, fmt.Errorf("store: status: %w", err)
	}
	for rows.Next() {
		var in string
		var n int
		if err := rows.Scan(&in, &n); err != nil {
			rows.Close()
			return st, fmt.Errorf("store: status: %w", err)
		}
		get(in).Articles = n
	}
	rows.Close()
	rows, err = s.read.QueryContext(ctx, `SELECT input, source, url, reason, at FROM errors ORDER BY at DESC, id DESC`)
	if err != nil {
		return st, fmt.Errorf("store: status: %w", err)
	}
	for rows.Next() {
		var e SourceError
		var at int64
		if err := rows.Scan(&e.Input, &e.Source, &e.URL, &e.Reason, &at); err != nil {
			rows.Close()
			return st, fmt.Errorf("store: status: %w", err)
		}
		e.At = time.UnixMilli(at).UTC()
		ss := get(e.Input)
		ss.Errors++
		if len(ss.LastErrors) < lastErrorsPerSource {
			ss.LastErrors = append(ss.LastErrors, e)
		}
	}
	rows.Close()
	for _, ss := range per {
		st.PerSource = append(st.PerSource, *ss)
	}
	sort.Slice(st.PerSource, func(i, j int) bool { return st.PerSource[i].Input < st.PerSource[j].Input })
	return st, rows.Err()
}

// size is the store's size on disk: the SQLite file with its WAL, or the
// PostgreSQL database.
func (s *sqlStore) size(ctx context.Context) (int64, error) {
	if s.pg {
		var n int64
		err := s.read.QueryRowContext(ctx, `SELECT pg_database_size(current_database())`).Scan(&n)
		return n, err
	}
	var n int64
	for _, p := range []string{s.path, s.path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n, nil
}
