package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"lede/article"
)

// row is what Put writes, computed before the transaction opens so that the
// write lock is held only for the statements.
type row struct {
	key, url, source, input, contentType string
	fetchedAt                            time.Time
	rawHash, textHash                    string
	published                            time.Time
	title, siteName, site, host          string
	language, lang, agency               string
	doc, raw                             []byte // compressed
	// index text: tokens joined by spaces
	ftsTitle, ftsDek, ftsBody string
	authors                   []string
	entities                  [][2]string // folded name, type
	events                    [][3]string // type, folded source, folded target
	quotes                    []quoteRow
}

type quoteRow struct {
	idx                        int
	kind, text, speaker, sfold string
	tokens                     string
}

// maxIndexTokens caps the tokens indexed per article: PostgreSQL keeps
// word positions only up to 16383, and phrase search past it would be
// wrong. Both engines get the same cap so they match the same articles.
const maxIndexTokens = 16000

// maxQuotes caps the quotes stored per article (a hostile page could carry
// a million).
const maxQuotes = 4000

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// bodyText is the article's body as one text, blocks apart by blank lines.
func bodyText(a *article.Article) string {
	var b strings.Builder
	for i, bl := range a.Blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}

// indexText is text as the index holds it: its tokens, space-separated,
// at most budget of them; it returns the budget left.
func indexText(text string, budget int) (string, int) {
	toks := tokenize(text)
	if len(toks) > budget {
		toks = toks[:budget]
	}
	return strings.Join(toks, " "), budget - len(toks)
}

// foldName is the form names are compared in: lower case, single spaces.
func foldName(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// foldHost is a URL's host without "www.", lower case.
func foldHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// foldSite is a --site value or a site name in the form both are matched:
// a host ("www.reuters.com/x" → "reuters.com") or a folded name.
func foldSite(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		return foldHost(s)
	}
	return strings.TrimPrefix(foldName(s), "www.")
}

// ParseTime reads the dates lede writes and pages give: RFC 3339 with or
// without fraction or zone, a date-time with a space, or a date. A time
// without a zone is taken as UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700",
		"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", "2006-01-02T15:04",
		"2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// textHash says whether an article's text changed: its title, dek and
// body. A page without a body is identified by its raw bytes instead, so
// that two different bodiless pages under one key are two versions.
func textHash(a *article.Article, rawHash string) string {
	if len(a.Blocks) == 0 {
		return "raw:" + rawHash
	}
	h := sha256.New()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Dek))
	for _, b := range a.Blocks {
		h.Write([]byte{0})
		h.Write([]byte(b.Text))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// storedArticle is an article in the form the store keeps it: the fields
// of article's JSON without the derived "text", which is the body once
// more and which reading ignores (see article.Article's UnmarshalJSON). A
// type of its own has no MarshalJSON, so encoding/json also does not scan
// the output a second time to check it, as it does a Marshaler's; nor
// does reading it (decodeDoc) scan the input twice.
type storedArticle article.Article

// maxPooledDoc is the largest buffer encodeDoc keeps for the next article:
// a rare huge one is not held for the store's life.
const maxPooledDoc = 1 << 20

// encodeDoc is an article's stored document, compressed.
func (s *sqlStore) encodeDoc(a *article.Article) ([]byte, error) {
	buf, _ := s.docBufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // the document is never written into a page as it is
	if err := enc.Encode((*storedArticle)(a)); err != nil {
		return nil, fmt.Errorf("store: encode article: %w", err)
	}
	doc := s.enc.EncodeAll(buf.Bytes(), nil)
	if buf.Cap() <= maxPooledDoc {
		s.docBufs.Put(buf)
	}
	return doc, nil
}

// Encode makes r's row ahead of Put or PutBatch: its document marshalled
// and compressed, its index text and hashes built — all of storing that
// needs no lock, done on the caller's goroutine (ingest's workers, in
// parallel), so that the single writer only writes. r must not change
// after it.
func (s *sqlStore) Encode(r *Record) error {
	r.encoded = nil
	w, err := s.makeRow(*r)
	if err != nil {
		return err
	}
	r.encoded = &w
	return nil
}

// rowOf is r's row: the one Encode made, else made now.
func (s *sqlStore) rowOf(r Record) (row, error) {
	if r.encoded != nil {
		return *r.encoded, nil
	}
	return s.makeRow(r)
}

func (s *sqlStore) makeRow(r Record) (row, error) {
	a := r.Article
	if a == nil {
		a = &article.Article{}
	}
	doc, err := s.encodeDoc(a)
	if err != nil {
		return row{}, err
	}
	w := row{
		key: r.Key, url: r.URL, source: r.Source, input: r.Input, contentType: r.ContentType,
		fetchedAt: r.FetchedAt, rawHash: sha(r.Raw),
		doc: doc, raw: s.enc.EncodeAll(r.Raw, nil),
	}
	if w.key == "" {
		w.key = "sha256:" + w.rawHash
	}
	w.textHash = textHash(a, w.rawHash)
	s.fillArticle(&w, a)
	return w, nil
}

// fillArticle sets the row's fields that come from the article (and that
// ReplaceArticle rewrites).
func (s *sqlStore) fillArticle(w *row, a *article.Article) {
	if a.Published != "" {
		w.published, _ = ParseTime(a.Published) // an unreadable date is no date
	}
	w.title, w.siteName, w.language, w.agency = a.Title, a.SiteName, a.Language, a.Agency
	w.site = foldSite(a.SiteName)
	u := w.url
	if u == "" {
		u = a.URL
	}
	w.host = foldHost(u)
	w.lang = strings.ToLower(a.Language)
	budget := maxIndexTokens
	w.ftsTitle, budget = indexText(a.Title, budget)
	w.ftsDek, budget = indexText(a.Dek, budget)
	w.ftsBody, _ = indexText(bodyText(a), budget)
	w.authors = w.authors[:0]
	seen := map[string]bool{}
	for _, name := range a.Authors {
		if f := foldName(name); f != "" && !seen[f] {
			seen[f] = true
			w.authors = append(w.authors, f)
		}
	}
	w.entities = w.entities[:0]
	for _, e := range a.Entities {
		if f := foldName(e.Name); f != "" {
			w.entities = append(w.entities, [2]string{f, string(e.Type)})
		}
	}
	w.events = w.events[:0]
	for _, e := range a.Events {
		w.events = append(w.events, [3]string{string(e.Type), actorName(e.Source), actorName(e.Target)})
	}
	w.quotes = w.quotes[:0]
	for i, q := range a.Quotes {
		if i >= maxQuotes {
			break
		}
		var sp string
		if q.Speaker != nil {
			sp = q.Speaker.Name
			if sp == "" {
				sp = q.Speaker.Mention
			}
		}
		toks, _ := indexText(q.Text, maxIndexTokens)
		w.quotes = append(w.quotes, quoteRow{idx: i, kind: string(q.Kind), text: q.Text, speaker: sp, sfold: foldName(sp), tokens: toks})
	}
}

func actorName(a *article.Actor) string {
	if a == nil {
		return ""
	}
	if a.Name != "" {
		return foldName(a.Name)
	}
	return foldName(a.Mention)
}

func (s *sqlStore) HasPage(ctx context.Context, raw []byte) (int64, bool, error) {
	// Asked once per page of every ingest: prepared once, not parsed
	// again each time (most of its cost in SQLite).
	st, err := s.readStmt(ctx, `SELECT id FROM articles WHERE raw_hash = ? LIMIT 1`)
	if err != nil {
		return 0, false, fmt.Errorf("store: has page: %w", err)
	}
	var id int64
	err = st.QueryRowContext(ctx, sha(raw)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: has page: %w", err)
	}
	return id, true, nil
}

func (s *sqlStore) Put(ctx context.Context, r Record) (PutResult, error) {
	w, err := s.rowOf(r)
	if err != nil {
		return PutResult{}, err
	}
	res, err := s.put(ctx, &w)
	if err != nil {
		return PutResult{}, fmt.Errorf("store: put %s: %w", w.key, err)
	}
	return res, nil
}

func (s *sqlStore) put(ctx context.Context, w *row) (PutResult, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return PutResult{}, err
	}
	defer tx.Rollback()
	var fts ftsLater
	res, err := s.putIn(ctx, tx, w, &fts)
	if err != nil {
		return res, err
	}
	if err := s.writeFTS(ctx, tx, &fts); err != nil {
		return res, err
	}
	return res, tx.Commit()
}

// MaxBatch is the most records PutBatch takes: a batch holds the write
// lock for all its statements, so it is kept short.
const MaxBatch = 64

// PutBatch stores several records in one transaction: each as Put would,
// in order, and all of them or none. A commit costs a good third of a
// Put in SQLite, so a single writer that batches a few articles stores
// them faster; a process killed mid-batch loses the whole batch, which a
// rerun stores again like any page not yet stored. The results are in
// the records' order.
func (s *sqlStore) PutBatch(ctx context.Context, rs []Record) ([]PutResult, error) {
	if len(rs) > MaxBatch {
		return nil, fmt.Errorf("store: put batch of %d records (at most %d)", len(rs), MaxBatch)
	}
	// The rows (JSON, compression, index text) are made at once, two at a
	// time: the single writer is ingest's narrowest stage, and this part
	// needs no lock.
	rows := make([]row, len(rs))
	errs := make([]error, len(rs))
	var wg sync.WaitGroup
	for half := range 2 {
		wg.Go(func() {
			for i := half; i < len(rs); i += 2 {
				rows[i], errs[i] = s.rowOf(rs[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: put batch: %w", err)
	}
	defer tx.Rollback()
	out := make([]PutResult, len(rows))
	var fts ftsLater
	for i := range rows {
		if out[i], err = s.putIn(ctx, tx, &rows[i], &fts); err != nil {
			return nil, fmt.Errorf("store: put %s: %w", rows[i].key, err)
		}
	}
	if err := s.writeFTS(ctx, tx, &fts); err != nil {
		return nil, fmt.Errorf("store: put batch: full-text index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: put batch: %w", err)
	}
	return out, nil
}

// putIn writes one row inside tx; its SQLite full-text rows go to fts, for
// writeFTS to write once the transaction's other statements are done.
func (s *sqlStore) putIn(ctx context.Context, tx *wtx, w *row, fts *ftsLater) (PutResult, error) {
	// Insert, or find who holds the key: ON CONFLICT DO NOTHING lets two
	// PostgreSQL workers race for one key without an error; the loser
	// then compares texts under the winner's row lock.
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (key, url, source, input, fetched_at, content_type, raw_hash, text_hash,
		published, title, site_name, site, host, language, lang, agency)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING id`,
		w.key, w.url, w.source, w.input, millis(w.fetchedAt), w.contentType, w.rawHash, w.textHash,
		millis(w.published), w.title, w.siteName, w.site, w.host, w.language, w.lang, w.agency).Scan(&id)
	res := PutResult{}
	switch {
	case err == nil:
		res = PutResult{ID: id, Created: true}
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_blobs (article_id, doc, raw) VALUES (?, ?, ?)`, id, w.doc, w.raw); err != nil {
			return res, err
		}
	case errors.Is(err, sql.ErrNoRows):
		lock := ""
		if s.pg {
			lock = " FOR UPDATE"
		}
		var oldText, oldRaw string
		if err := tx.QueryRowContext(ctx, `SELECT id, text_hash, raw_hash FROM articles WHERE key = ?`+lock, w.key).Scan(&id, &oldText, &oldRaw); err != nil {
			return res, err
		}
		if oldText == w.textHash || oldRaw == w.rawHash {
			return PutResult{ID: id, Unchanged: true}, nil
		}
		res = PutResult{ID: id, Updated: true}
		// The earlier text becomes a version, raw page and all.
		if _, err := tx.ExecContext(ctx, `INSERT INTO versions (article_id, fetched_at, text_hash, doc, raw)
			SELECT a.id, a.fetched_at, a.text_hash, b.doc, b.raw FROM articles a JOIN article_blobs b ON b.article_id = a.id WHERE a.id = ?`, id); err != nil {
			return res, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET url = ?, source = ?, input = ?, fetched_at = ?, content_type = ?, raw_hash = ?, text_hash = ?,
			published = ?, title = ?, site_name = ?, site = ?, host = ?, language = ?, lang = ?, agency = ?, versions = versions + 1 WHERE id = ?`,
			w.url, w.source, w.input, millis(w.fetchedAt), w.contentType, w.rawHash, w.textHash,
			millis(w.published), w.title, w.siteName, w.site, w.host, w.language, w.lang, w.agency, id); err != nil {
			return res, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE article_blobs SET doc = ?, raw = ? WHERE article_id = ?`, w.doc, w.raw, id); err != nil {
			return res, err
		}
		if err := s.deleteAnalysis(ctx, tx, id, fts); err != nil {
			return res, err
		}
	default:
		return res, err
	}
	if err := s.insertAnalysis(ctx, tx, id, w, fts); err != nil {
		return res, err
	}
	// A page stored is no longer a failure.
	if _, err := tx.ExecContext(ctx, `DELETE FROM errors WHERE source = ? OR (url <> '' AND url = ?)`, w.source, w.url); err != nil {
		return res, err
	}
	return res, nil
}

func (s *sqlStore) ReplaceArticle(ctx context.Context, id int64, a *article.Article) error {
	if a == nil {
		return fmt.Errorf("store: replace article %d: no article", id)
	}
	doc, err := s.encodeDoc(a)
	if err != nil {
		return err
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	defer tx.Rollback()
	var w row
	var oldText string
	if err := tx.QueryRowContext(ctx, `SELECT url, raw_hash, text_hash FROM articles WHERE id = ?`, id).Scan(&w.url, &w.rawHash, &oldText); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: article %d: %w", id, ErrNotFound)
		}
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	s.fillArticle(&w, a)
	w.textHash = textHash(a, w.rawHash)
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET text_hash = ?, published = ?, title = ?, site_name = ?, site = ?, host = ?,
		language = ?, lang = ?, agency = ? WHERE id = ?`,
		w.textHash, millis(w.published), w.title, w.siteName, w.site, w.host, w.language, w.lang, w.agency, id); err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE article_blobs SET doc = ? WHERE article_id = ?`, doc, id); err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	var fts ftsLater
	if err := s.deleteAnalysis(ctx, tx, id, &fts); err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	if err := s.insertAnalysis(ctx, tx, id, &w, &fts); err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	if err := s.writeFTS(ctx, tx, &fts); err != nil {
		return fmt.Errorf("store: replace article %d: %w", id, err)
	}
	return tx.Commit()
}

// quoteRowID is a quote's rowid in SQLite's quote_fts: the article id and
// the quote's index packed, so it is known without reading anything back.
func quoteRowID(articleID int64, idx int) int64 { return articleID<<12 | int64(idx) }

// deleteAnalysis removes what insertAnalysis wrote for an article. Full-text
// rows still waiting in fts (the article was written earlier in this
// transaction) were never written: they are replaced, not deleted.
func (s *sqlStore) deleteAnalysis(ctx context.Context, tx *wtx, id int64, fts *ftsLater) error {
	if !s.pg && !fts.waiting(id) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_fts WHERE rowid = ?`, id); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM quotes WHERE article_id = ?`, id).Scan(&n); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			if _, err := tx.ExecContext(ctx, `DELETE FROM quote_fts WHERE rowid = ?`, quoteRowID(id, i)); err != nil {
				return err
			}
		}
	}
	for _, t := range []string{"article_authors", "article_entities", "article_events", "quotes"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE article_id = ?`, id); err != nil {
			return err
		}
	}
	return nil
}

// insertAnalysis writes an article's index text, authors, entities,
// events and quotes, several rows per statement. In SQLite the full-text
// rows go to fts, written by writeFTS.
func (s *sqlStore) insertAnalysis(ctx context.Context, tx *wtx, id int64, w *row, fts *ftsLater) error {
	if s.pg {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET tsv = CAST(? AS tsvector) WHERE id = ?`,
			tsvectorText([]string{w.ftsTitle, w.ftsDek, w.ftsBody}, "AB "), id); err != nil {
			return err
		}
	} else {
		fts.add(id, w)
	}
	var args []any
	for _, a := range w.authors {
		args = append(args, id, a)
	}
	if err := s.insertRows(ctx, tx, "article_authors (article_id, name)", 2, args); err != nil {
		return err
	}
	args = args[:0]
	seen := map[[2]string]bool{}
	for _, e := range w.entities {
		if !seen[e] {
			seen[e] = true
			args = append(args, id, e[0], e[1])
		}
	}
	if err := s.insertRows(ctx, tx, "article_entities (article_id, name, type)", 3, args); err != nil {
		return err
	}
	args = args[:0]
	for _, e := range w.events {
		args = append(args, id, e[0], e[1], e[2])
	}
	if err := s.insertRows(ctx, tx, "article_events (article_id, type, source, target)", 4, args); err != nil {
		return err
	}
	args = args[:0]
	if s.pg {
		for _, q := range w.quotes {
			args = append(args, id, q.idx, q.kind, q.text, q.speaker, q.sfold, tsvectorText([]string{q.tokens}, " "))
		}
		return s.insertRowsWith(ctx, tx, "quotes (article_id, idx, kind, text, speaker, speaker_fold, tsv)", 7, "(?, ?, ?, ?, ?, ?, CAST(? AS tsvector))", args)
	}
	for _, q := range w.quotes {
		args = append(args, id, q.idx, q.kind, q.text, q.speaker, q.sfold)
	}
	return s.insertRows(ctx, tx, "quotes (article_id, idx, kind, text, speaker, speaker_fold)", 6, args)
}

// ftsLater holds a SQLite transaction's full-text rows (article_fts and
// quote_fts) until its other statements are done. FTS5 writes what it has
// buffered as a new index segment whenever a statement of the transaction
// opens a savepoint — every multi-row INSERT does, to undo itself on a
// constraint failure — so full-text rows written between those statements
// made a segment per article and per table, each merged again later: with
// the prefix indexes, a third of what storing an article cost. Written
// last, in single-row statements (which open no savepoint), a batch makes
// one segment per table, at its commit.
type ftsLater struct {
	ids  []int64        // articles in the order first added
	rows map[int64]*row // the last row of each: a key twice in a batch keeps its last text
}

// add keeps w as article id's full-text rows.
func (f *ftsLater) add(id int64, w *row) {
	if f.rows == nil {
		f.rows = map[int64]*row{}
	}
	if _, ok := f.rows[id]; !ok {
		f.ids = append(f.ids, id)
	}
	f.rows[id] = w
}

// waiting says whether article id's full-text rows are still to be written.
func (f *ftsLater) waiting(id int64) bool {
	_, ok := f.rows[id]
	return ok
}

// writeFTS writes the full-text rows fts holds (SQLite), one row a
// statement.
func (s *sqlStore) writeFTS(ctx context.Context, tx *wtx, fts *ftsLater) error {
	if s.pg {
		return nil
	}
	for _, id := range fts.ids {
		w := fts.rows[id]
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_fts (rowid, title, dek, body) VALUES (?, ?, ?, ?)`, id, w.ftsTitle, w.ftsDek, w.ftsBody); err != nil {
			return fmt.Errorf("article_fts: %w", err)
		}
		for _, q := range w.quotes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO quote_fts (rowid, text) VALUES (?, ?)`, quoteRowID(id, q.idx), q.tokens); err != nil {
				return fmt.Errorf("quote_fts: %w", err)
			}
		}
	}
	return nil
}

func (s *sqlStore) insertRows(ctx context.Context, tx *wtx, table string, cols int, args []any) error {
	return s.insertRowsWith(ctx, tx, table, cols, "("+strings.TrimSuffix(strings.Repeat("?, ", cols), ", ")+")", args)
}

// insertRowsWith inserts len(args)/cols rows, each as tuple.
func (s *sqlStore) insertRowsWith(ctx context.Context, tx *wtx, table string, cols int, tuple string, args []any) error {
	return execRows(ctx, tx, "INSERT INTO "+table+" VALUES ", tuple, "", cols, args)
}

// maxRowsPerStatement bounds a multi-row statement: 128 rows of up to 7
// columns stay well under both engines' parameter limits.
const maxRowsPerStatement = 128

// execRows runs head + n tuples + tail for the rows in args (cols values
// each), in statements of a power of two rows: 1, 2, 4 … 128. The writer
// keeps its statements prepared by text (see wtx), so the row counts must
// come from a small set — with any count from 1 to 200, as before, nearly
// every article prepared statements anew and the cache grew with them.
func execRows(ctx context.Context, tx *wtx, head, tuple, tail string, cols int, args []any) error {
	for len(args) > 0 {
		n := min(len(args)/cols, maxRowsPerStatement)
		for n&(n-1) != 0 {
			n &= n - 1 // the highest power of two in n
		}
		var b strings.Builder
		b.Grow(len(head) + n*(len(tuple)+2) + len(tail))
		b.WriteString(head)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
		}
		b.WriteString(tail)
		if _, err := tx.ExecContext(ctx, b.String(), args[:n*cols]...); err != nil {
			return fmt.Errorf("%s: %w", strings.Join(strings.Fields(head)[:3], " "), err)
		}
		args = args[n*cols:]
	}
	return nil
}

// int64Key stores a uint64 key in a signed BIGINT column, bit for bit.
func int64Key(k uint64) int64 { return int64(k) }

func keyList(keys []uint64) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strconv.FormatInt(int64Key(k), 10)
	}
	return strings.Join(parts, ", ")
}

// PostgreSQL limits of a tsvector: word positions up to 16383, at most 256
// positions kept per word, words shorter than 2 KiB.
const (
	maxTSPosition    = 16383
	maxTSPositions   = 256
	maxTSLexemeBytes = 2046
)

// tsvectorText writes the tsvector of index texts (tokens joined by
// spaces) as PostgreSQL's input form, 'word':1A,7A 'other':2 …, with
// weights[i] the label of parts[i] (' ' for none, the default D). The
// store builds it itself rather than calling to_tsvector: PostgreSQL's
// parser would cut words again by its own rules and the server's locale
// (and drop letters it does not know, such as Arabic presentation forms),
// so a phrase FTS5 finds could be missed. One position is skipped between
// parts so that a phrase never runs from the title into the body, as in
// FTS5's separate columns.
func tsvectorText(parts []string, weights string) string {
	type entry struct {
		pos []string
	}
	lex := map[string]*entry{}
	var order []string
	pos := 0
	for i, part := range parts {
		label := ""
		if i < len(weights) && weights[i] != ' ' {
			label = string(weights[i])
		}
		for _, tok := range strings.Fields(part) {
			pos++
			if pos > maxTSPosition {
				break
			}
			if len(tok) > maxTSLexemeBytes {
				continue
			}
			e := lex[tok]
			if e == nil {
				e = &entry{}
				lex[tok] = e
				order = append(order, tok)
			}
			if len(e.pos) < maxTSPositions {
				e.pos = append(e.pos, strconv.Itoa(pos)+label)
			}
		}
		pos++ // the gap between parts
	}
	var b strings.Builder
	for i, tok := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(quoteLexeme(tok))
		b.WriteByte(':')
		b.WriteString(strings.Join(lex[tok].pos, ","))
	}
	return b.String()
}

// quoteLexeme quotes a word for tsvector and tsquery input. Tokens hold
// only letters and numbers, but quoting does not rely on it.
func quoteLexeme(tok string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(tok) + "'"
}
