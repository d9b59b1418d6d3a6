package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// The schema. Tables and columns are the same in both engines; only the
// full-text index differs (an FTS5 table in SQLite, a tsvector column with
// a GIN index in PostgreSQL) and the id types. Times are Unix milliseconds
// (see millis). Names (authors, entities, speakers, actors) are stored
// folded (foldName) so that filters are case-insensitive equality on an
// index in both engines.
//
// A migration is a list of statements; migrations are applied in order,
// each in its own transaction with its version row, never edited once
// released: a change is a new migration.
type migration struct {
	version int
	what    string
	// common runs on both engines after %ID% (the id column type) and
	// %BLOB% are replaced.
	common []string
	sqlite []string
	pg     []string
	// sqliteFill runs on SQLite after its statements, in the same
	// transaction: for data SQL alone cannot rebuild (the contentless FTS
	// tables hold no text to copy; it lives in the compressed docs).
	sqliteFill func(ctx context.Context, s *sqlStore, tx *sql.Tx) error
	// fill runs on both engines after the statements (and sqliteFill),
	// in the same transaction: for rows rewritten by Go code.
	fill func(ctx context.Context, s *sqlStore, tx *sql.Tx) error
}

var migrations = []migration{{
	version: 1,
	what:    "articles, analysis rows, versions, errors, queue, validators, stories",
	common: []string{
		`CREATE TABLE articles (
			id %ID%,
			key TEXT NOT NULL UNIQUE,
			url TEXT NOT NULL,
			source TEXT NOT NULL,
			input TEXT NOT NULL,
			fetched_at BIGINT,
			content_type TEXT NOT NULL,
			raw_hash TEXT NOT NULL,
			text_hash TEXT NOT NULL,
			published BIGINT,
			title TEXT NOT NULL,
			site_name TEXT NOT NULL,
			site TEXT NOT NULL,
			host TEXT NOT NULL,
			language TEXT NOT NULL,
			lang TEXT NOT NULL,
			agency TEXT NOT NULL,
			versions INTEGER NOT NULL DEFAULT 0,
			story_id BIGINT
		)`,
		`CREATE INDEX articles_published ON articles (published)`,
		`CREATE INDEX articles_site ON articles (site)`,
		`CREATE INDEX articles_host ON articles (host)`,
		`CREATE INDEX articles_lang ON articles (lang)`,
		`CREATE INDEX articles_input ON articles (input)`,
		`CREATE INDEX articles_raw_hash ON articles (raw_hash)`,
		`CREATE INDEX articles_story ON articles (story_id)`,
		// The payload apart from the row that searches and lists read, so
		// those never page through megabytes of raw HTML.
		`CREATE TABLE article_blobs (
			article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
			doc %BLOB% NOT NULL,
			raw %BLOB% NOT NULL
		)`,
		`CREATE TABLE article_authors (
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			name TEXT NOT NULL
		)`,
		`CREATE INDEX article_authors_name ON article_authors (name, article_id)`,
		`CREATE INDEX article_authors_article ON article_authors (article_id)`,
		`CREATE TABLE article_entities (
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			name TEXT NOT NULL,
			type TEXT NOT NULL
		)`,
		`CREATE INDEX article_entities_name ON article_entities (name, article_id)`,
		`CREATE INDEX article_entities_article ON article_entities (article_id)`,
		`CREATE TABLE article_events (
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			type TEXT NOT NULL,
			source TEXT NOT NULL,
			target TEXT NOT NULL
		)`,
		`CREATE INDEX article_events_type ON article_events (type, article_id)`,
		`CREATE INDEX article_events_source ON article_events (source, article_id)`,
		`CREATE INDEX article_events_target ON article_events (target, article_id)`,
		`CREATE INDEX article_events_article ON article_events (article_id)`,
		`CREATE TABLE versions (
			id %ID%,
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			fetched_at BIGINT,
			text_hash TEXT NOT NULL,
			doc %BLOB% NOT NULL,
			raw %BLOB% NOT NULL
		)`,
		`CREATE INDEX versions_article ON versions (article_id)`,
		`CREATE TABLE errors (
			id %ID%,
			input TEXT NOT NULL,
			source TEXT NOT NULL,
			url TEXT NOT NULL,
			reason TEXT NOT NULL,
			at BIGINT NOT NULL,
			UNIQUE (input, source, url)
		)`,
		`CREATE INDEX errors_url ON errors (url)`,
		`CREATE INDEX errors_source ON errors (source)`,
		`CREATE TABLE queue (
			id %ID%,
			url TEXT NOT NULL UNIQUE,
			input TEXT NOT NULL,
			hint TEXT NOT NULL,
			published BIGINT,
			state TEXT NOT NULL,
			worker TEXT NOT NULL DEFAULT '',
			lease_until BIGINT,
			attempts INTEGER NOT NULL DEFAULT 0,
			reason TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX queue_state ON queue (state, id)`,
		`CREATE TABLE validators (
			url TEXT PRIMARY KEY,
			etag TEXT NOT NULL,
			last_modified TEXT NOT NULL,
			updated_at BIGINT NOT NULL
		)`,
		`CREATE TABLE stories (
			id %ID%,
			created_at BIGINT NOT NULL
		)`,
		`CREATE TABLE story_features (
			article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
			published BIGINT,
			features %BLOB% NOT NULL
		)`,
		`CREATE TABLE story_keys (
			key BIGINT NOT NULL,
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			PRIMARY KEY (key, article_id)
		)`,
		`CREATE INDEX story_keys_article ON story_keys (article_id)`,
	},
	// SQLite: contentless FTS5 tables (the text lives compressed in the
	// doc; snippets are cut from it), fed the tokens tokenize gives joined
	// by spaces. The ascii tokenizer then only splits them apart again: it
	// takes every non-ASCII character as part of a word, where unicode61
	// would drop letters its Unicode 6.1 tables do not know (Arabic
	// presentation forms, newer scripts) and so match phrases the other
	// engine does not. The tokens are already lower-cased.
	// contentless_delete lets reindex and updates remove a row.
	sqlite: []string{
		`CREATE VIRTUAL TABLE article_fts USING fts5 (title, dek, body, content='', contentless_delete=1, tokenize='ascii')`,
		`CREATE TABLE quotes (
			article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			idx INTEGER NOT NULL,
			kind TEXT NOT NULL,
			text TEXT NOT NULL,
			speaker TEXT NOT NULL,
			speaker_fold TEXT NOT NULL,
			key INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (article_id, idx)
		)`,
		`CREATE VIRTUAL TABLE quote_fts USING fts5 (text, content='', contentless_delete=1, tokenize='ascii')`,
	},
	// PostgreSQL: a weighted tsvector per article (title A, dek B, body D)
	// and per quote, built by the store from the same tokens FTS5 gets
	// (tsvectorText), not by a text search configuration: no stemming and
	// no stop words, which would be right for one language and wrong for
	// the others in a multilingual corpus, and the same words as FTS5's, so
	// both engines match the same articles.
	pg: []string{
		`ALTER TABLE articles ADD COLUMN tsv tsvector NOT NULL DEFAULT ''`,
		`CREATE INDEX articles_tsv ON articles USING gin (tsv)`,
		`CREATE TABLE quotes (
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			idx INTEGER NOT NULL,
			kind TEXT NOT NULL,
			text TEXT NOT NULL,
			speaker TEXT NOT NULL,
			speaker_fold TEXT NOT NULL,
			key BIGINT NOT NULL DEFAULT 0,
			tsv tsvector NOT NULL DEFAULT '',
			PRIMARY KEY (article_id, idx)
		)`,
		`CREATE INDEX quotes_tsv ON quotes USING gin (tsv)`,
	},
}, {
	version: 2,
	what:    "quote lookups by speaker and key",
	common: []string{
		`CREATE INDEX quotes_speaker ON quotes (speaker_fold)`,
		`CREATE INDEX quotes_key ON quotes (key)`,
	},
}, {
	version: 3,
	what:    "document counts of story terms",
	common: []string{
		`CREATE TABLE term_counts (
			term BIGINT PRIMARY KEY,
			n INTEGER NOT NULL
		)`,
		// One row: how many articles the counts are over.
		`CREATE TABLE term_articles (
			id INTEGER PRIMARY KEY CHECK (id = 1),
			n INTEGER NOT NULL
		)`,
	},
}, {
	version: 4,
	what:    "FTS5 prefix indexes of 2, 3 and 4 characters",
	// A prefix query ("elec*") without a prefix index merges the doclist
	// of every word the prefix starts, thousands for a common short
	// prefix: p95 of half a second at 100,000 articles. With one, the
	// prefix is a single doclist. The indexes cost space per token, so
	// only the short prefixes, which are both common and slow; a longer
	// prefix starts few enough words. The table is contentless, so it is
	// made anew and filled from the stored documents.
	sqlite: []string{
		`DROP TABLE article_fts`,
		`CREATE VIRTUAL TABLE article_fts USING fts5 (title, dek, body, content='', contentless_delete=1, tokenize='ascii', prefix='2 3 4')`,
	},
	sqliteFill: refillArticleFTS,
}, {
	version: 5,
	what:    "PostgreSQL word pairs for phrase search",
	// A phrase of common words ("only do you have to") matches a handful
	// of articles, but thousands hold all its words: the GIN index answers
	// only which articles hold the words, so PostgreSQL reads and checks
	// the positions of every one of them, a tenth of a second and more at
	// 100,000 articles. pairs holds the article's pairs of adjacent words
	// ('do you') where one of the two is short (pairIndexed): short words
	// are the common ones in most languages, and a pair of two long words
	// is rare enough that its words alone narrow a phrase down. A phrase
	// search also asks for its pairs (tsPairs), so the GIN index hands over
	// only the articles that hold them. The pairs come from the article's
	// own tsvector, by a trigger, so they always agree with it: every
	// article a phrase matches holds the phrase's pairs, and results do not
	// change, only the work. Lexemes are the tokens, byte lengths are
	// compared (the same in any server encoding), and a pair is at most 59
	// bytes, so 16,383 positions of pairs stay under the tsvector's 1 MB.
	pg: []string{
		`CREATE FUNCTION lede_pairs(v tsvector) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
			SELECT coalesce(array_to_tsvector(array_agg(l || ' ' || n)), '') FROM (
				SELECT lexeme AS l, p, lead(lexeme) OVER w AS n, lead(p) OVER w AS np
				FROM unnest(v) AS u, unnest(u.positions) AS p WINDOW w AS (ORDER BY p)) x
			WHERE np = p + 1 AND least(octet_length(l), octet_length(n)) <= 3 AND octet_length(l) + octet_length(n) <= 59
		$$`,
		`ALTER TABLE articles ADD COLUMN pairs tsvector NOT NULL DEFAULT ''`,
		`UPDATE articles SET pairs = lede_pairs(tsv) WHERE tsv <> ''`,
		// Only when tsv is written: a story or version update leaves the
		// pairs as they are.
		`CREATE FUNCTION lede_articles_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN NEW.pairs := lede_pairs(NEW.tsv); RETURN NEW; END
		$$`,
		`CREATE TRIGGER articles_pairs BEFORE INSERT OR UPDATE OF tsv ON articles FOR EACH ROW EXECUTE FUNCTION lede_articles_pairs()`,
		`CREATE INDEX articles_pairs ON articles USING gin (pairs)`,
	},
}, {
	version: 6,
	what:    "FTS5 prefix indexes of 3 and 4 characters",
	// Migration 4's 2-character index cost a fifth of the FTS insert time
	// (770 µs an article against 665 µs at 100,000 articles, 4.3 KB
	// against 3.5 KB of file: BenchmarkPrefixIndexes) for prefixes of two
	// letters, which start so many words that they match most articles
	// and are no use as a search. Three letters stay indexed: without the
	// 3-character index a 3-letter prefix takes half a second at 100,000
	// articles, with it 10-40 ms; 4 letters take 3-35 ms with theirs and
	// 60-500 ms without. A longer prefix starts few enough words to merge.
	sqlite: []string{
		`DROP TABLE article_fts`,
		`CREATE VIRTUAL TABLE article_fts USING fts5 (title, dek, body, content='', contentless_delete=1, tokenize='ascii', prefix='3 4')`,
	},
	sqliteFill: refillArticleFTS,
}, {
	version: 7,
	what:    "story keys carry their article's publication hour",
	// Story keys are now stored with the hour of their article's
	// publication in their low bits (timedKey in stories.go), so that a
	// candidate lookup reads only its time window's range of the index.
	// Keys written before are rewritten from the published time kept
	// beside the article's features; without this, the articles of an
	// older store would never be found as candidates again.
	common: []string{
		`CREATE TABLE story_keys_timed (
			key BIGINT NOT NULL,
			article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
			PRIMARY KEY (key, article_id)
		)`,
	},
	fill: timeStoryKeys,
}}

// timeStoryKeys copies every story key into story_keys_timed with its
// article's publication hour, then puts the new table in the old one's
// place.
func timeStoryKeys(ctx context.Context, s *sqlStore, tx *sql.Tx) error {
	var last sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT max(article_id) FROM story_keys`).Scan(&last); err != nil {
		return err
	}
	ins, err := tx.PrepareContext(ctx, s.q(`INSERT INTO story_keys_timed (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING`))
	if err != nil {
		return err
	}
	defer ins.Close()
	// A range of articles at a time: PostgreSQL's connection runs no
	// statement while a result is open, and the keys of a whole store
	// need not be in memory at once.
	const span = 2000
	type key struct {
		key, article int64
		published    sql.NullInt64
	}
	var keys []key
	for from := int64(0); last.Valid && from < last.Int64; from += span {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, s.q(`SELECT k.key, k.article_id, f.published FROM story_keys k
			LEFT JOIN story_features f ON f.article_id = k.article_id
			WHERE k.article_id > ? AND k.article_id <= ?`), from, from+span)
		if err != nil {
			return err
		}
		keys = keys[:0]
		for rows.Next() {
			var k key
			if err := rows.Scan(&k.key, &k.article, &k.published); err != nil {
				rows.Close()
				return err
			}
			keys = append(keys, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, k := range keys {
			hour := keyHour(fromMillis(k.published))
			if _, err := ins.ExecContext(ctx, timedKey(uint64(k.key), hour), k.article); err != nil {
				return fmt.Errorf("story key of article %d: %w", k.article, err)
			}
		}
	}
	for _, st := range []string{
		`DROP TABLE story_keys`,
		`ALTER TABLE story_keys_timed RENAME TO story_keys`,
		`CREATE INDEX story_keys_article ON story_keys (article_id)`,
	} {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("%w in %.60s", err, st)
		}
	}
	return nil
}

// refillArticleFTS indexes every stored article in article_fts again, from
// its document, with the tokens Put indexes.
func refillArticleFTS(ctx context.Context, s *sqlStore, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT article_id, doc FROM article_blobs ORDER BY article_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO article_fts (rowid, title, dek, body) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for rows.Next() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var id int64
		var doc []byte
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		a, err := s.decodeDoc(doc)
		if err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
		var w row
		s.fillArticle(&w, a)
		if _, err := ins.ExecContext(ctx, id, w.ftsTitle, w.ftsDek, w.ftsBody); err != nil {
			return fmt.Errorf("article %d: %w", id, err)
		}
	}
	return rows.Err()
}

// migrate applies pending migrations. Several processes may open a new
// store at once: in PostgreSQL they queue on an advisory lock held on one
// connection; in SQLite on the write lock BEGIN IMMEDIATE takes. Whoever
// gets it second sees the versions the first applied and skips them.
func (s *sqlStore) migrate(ctx context.Context) error {
	conn, err := s.firstConn(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	if s.pg {
		// Any constant identifies lede's lock; it is held only while migrating.
		const lockID = 0x6c656465 // "lede"
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, lockID); err != nil {
			return fmt.Errorf("store: migrate: lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lockID)
	}
	for _, m := range migrations {
		if err := s.apply(ctx, conn, m); err != nil {
			return fmt.Errorf("store: migration %d (%s): %w", m.version, m.what, err)
		}
	}
	return nil
}

// firstConn is the writer's first connection. In SQLite, opening it sets
// the WAL journal mode, which needs the file to itself and fails at once
// with SQLITE_BUSY (no busy handler runs for it) while another process is
// creating the same new store: it is tried again, with a growing pause,
// until the other has finished or ctx ends.
func (s *sqlStore) firstConn(ctx context.Context) (*sql.Conn, error) {
	pause := 10 * time.Millisecond
	for try := 1; ; try++ {
		conn, err := s.write.Conn(ctx)
		if err == nil || s.pg || !strings.Contains(err.Error(), "SQLITE_BUSY") || try == busyTries {
			return conn, err
		}
		select {
		case <-ctx.Done():
			return nil, err
		case <-time.After(pause):
		}
		pause = min(2*pause, time.Second)
	}
}

// busyTries bounds firstConn's tries: about half a minute, as long as the
// busy_timeout every other statement waits.
const busyTries = 40

func (s *sqlStore) apply(ctx context.Context, conn *sql.Conn, m migration) error {
	tx, err := conn.BeginTx(ctx, nil) // IMMEDIATE in SQLite (the write DSN's _txlock)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	id, blob := "INTEGER PRIMARY KEY", "BLOB"
	stmts := append([]string{}, m.common...)
	if s.pg {
		id, blob = "BIGSERIAL PRIMARY KEY", "BYTEA"
		stmts = append(stmts, m.pg...)
	} else {
		stmts = append(stmts, m.sqlite...)
	}
	for _, st := range stmts {
		st = strings.NewReplacer("%ID%", id, "%BLOB%", blob).Replace(st)
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("%w in %.60s", err, st)
		}
	}
	if !s.pg && m.sqliteFill != nil {
		if err := m.sqliteFill(ctx, s, tx); err != nil {
			return err
		}
	}
	if m.fill != nil {
		if err := m.fill(ctx, s, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), m.version, time.Now().UnixMilli()); err != nil {
		return err
	}
	return tx.Commit()
}
