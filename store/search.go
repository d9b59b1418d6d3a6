package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Search limits: a page of hits is small; a deep offset costs the engine
// the whole prefix, so it is bounded too.
const (
	defaultLimit = 10
	maxLimit     = 1000
	maxOffset    = 100000
)

// Column weights of the ranking, title over dek over body, in each
// engine's terms: FTS5's bm25() takes one weight per column; PostgreSQL's
// tsvector carries them as A/B/D labels, which ts_rank_cd weighs 1.0, 0.4
// and 0.1 by default.
const ftsRank = `bm25(article_fts, 10.0, 4.0, 1.0)`

func pageBounds(limit, offset, def int) (int, int) {
	if limit <= 0 {
		limit = def
	}
	return min(limit, maxLimit), max(0, min(offset, maxOffset))
}

// filters turns a query's filters into SQL on articles a.
func filters(q Query) (string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if q.Site != "" {
		site := foldSite(q.Site)
		add(`(a.site = ? OR a.host = ?)`, site, site)
	}
	if q.Lang != "" {
		lang := strings.ToLower(strings.TrimSpace(q.Lang))
		// A tag is letters, digits and hyphens; anything else cannot match
		// and must not become a LIKE pattern.
		lang = strings.Map(func(r rune) rune {
			if r == '-' || r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return r
			}
			return -1
		}, lang)
		add(`(a.lang = ? OR a.lang LIKE ?)`, lang, lang+"-%")
	}
	if !q.Since.IsZero() {
		add(`a.published >= ?`, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		add(`a.published <= ?`, q.Until.UnixMilli())
	}
	if q.Author != "" {
		add(`a.id IN (SELECT article_id FROM article_authors WHERE name = ?)`, foldName(q.Author))
	}
	if q.Entity != "" {
		add(`a.id IN (SELECT article_id FROM article_entities WHERE name = ?)`, foldName(q.Entity))
	}
	if q.Speaker != "" {
		add(`a.id IN (SELECT article_id FROM quotes WHERE speaker_fold = ?)`, foldName(q.Speaker))
	}
	switch {
	case q.Event != "" && q.Actor != "":
		actor := foldName(q.Actor)
		add(`a.id IN (SELECT article_id FROM article_events WHERE type = ? AND (source = ? OR target = ?))`, strings.ToUpper(strings.TrimSpace(q.Event)), actor, actor)
	case q.Event != "":
		add(`a.id IN (SELECT article_id FROM article_events WHERE type = ?)`, strings.ToUpper(strings.TrimSpace(q.Event)))
	case q.Actor != "":
		actor := foldName(q.Actor)
		add(`a.id IN (SELECT article_id FROM article_events WHERE source = ? OR target = ?)`, actor, actor)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(where, " AND "), args
}

// MaxTotal caps the total a search reports: counting every match of a
// word that half the corpus holds costs more than the page of hits, and
// nobody pages through ten thousand. Beyond it the total is MaxTotal (show
// it as "1000+"), much as Elasticsearch's default track_total_hits does.
const MaxTotal = 1000

// rankWindow bounds the ranking work of a broad query: ranking (BM25,
// ts_rank_cd) costs per matching article, so a query matching more than
// rankWindow articles is ranked among its rankWindow newest matches (by
// id, the order they were stored in), filters applied first. A query
// matching fewer — anything distinctive — is ranked over all its matches.
const rankWindow = 300

// window is the store's rank window (rankWindow; tests set a small one).
func (s *sqlStore) window() int {
	if s.rankWindow > 0 {
		return s.rankWindow
	}
	return rankWindow
}

func (s *sqlStore) Search(ctx context.Context, q Query) ([]Hit, int, error) {
	limit, offset := pageBounds(q.Limit, q.Offset, defaultLimit)
	var node queryNode
	if strings.TrimSpace(q.Text) != "" {
		var err error
		if node, err = parseQuery(q.Text); err != nil {
			return nil, 0, err
		}
	}
	where, fargs := filters(q)
	var rq querier = s.read
	if s.pg && node != nil {
		// Bitmap scans only. The planner prices a tsvector match as cheap
		// as an integer compare, so on a table of a few thousand rows, or
		// for a common word, it picks a sequential or primary-key scan and
		// evaluates @@ on every row — which reads each article's TOASTed
		// tsvector, hundreds of times the cost of the GIN bitmap that
		// answers a word without reading any. SET LOCAL keeps this to the
		// one read-only transaction.
		tx, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, 0, fmt.Errorf("store: search: %w", err)
		}
		defer tx.Rollback()
		if _, err := tx.ExecContext(ctx, `SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off`); err != nil {
			return nil, 0, fmt.Errorf("store: search: %w", err)
		}
		rq = tx
	}
	var total int
	var err error
	// PostgreSQL: the ids of up to MaxTotal matches, not just their count.
	// Fewer than MaxTotal are all the matches, so the window's cutoff is
	// among them and ranking reads just them, by id: a phrase of common
	// words otherwise has PostgreSQL recheck the positions of every article
	// holding all its words once to count and again to rank.
	var all []int64
	if s.pg && node != nil {
		if all, err = s.matchIDs(ctx, rq, node, where, fargs); err != nil {
			return nil, 0, err
		}
		total = len(all)
	} else if total, err = s.count(ctx, rq, node, where, fargs); err != nil {
		return nil, 0, err
	}
	if total == 0 || offset >= total {
		return nil, total, nil
	}
	known := all != nil && total < MaxTotal
	var cutoff int64
	if node != nil && total > s.window() {
		if known {
			sort.Slice(all, func(i, j int) bool { return all[i] > all[j] })
			cutoff = all[s.window()-1]
		} else if cutoff, err = s.cutoff(ctx, rq, node, where, fargs); err != nil {
			return nil, 0, err
		}
	}
	const cols = `a.id, a.url, a.source, a.title, a.site_name, a.language, a.published`
	var query string
	var args []any
	switch {
	case node == nil:
		query = `SELECT ` + cols + `, 0 FROM articles a WHERE 1 = 1` + where +
			` ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?`
		args = fargs
	case s.pg && known:
		ids := make([]string, len(all))
		for i, id := range all {
			ids[i] = strconv.FormatInt(id, 10)
		}
		query = `SELECT ` + cols + `, ts_rank_cd(a.tsv, tq.q) FROM articles a, (SELECT CAST(? AS tsquery) AS q) tq
			WHERE a.id = ANY(CAST(? AS bigint[])) AND a.id >= ? ORDER BY 8 DESC, a.id LIMIT ? OFFSET ?`
		args = []any{tsQuery(node), "{" + strings.Join(ids, ",") + "}", cutoff}
	case s.pg:
		query = `SELECT ` + cols + `, ts_rank_cd(a.tsv, tq.q) FROM articles a, (SELECT CAST(? AS tsquery) AS q) tq
			WHERE a.tsv @@ tq.q AND a.id >= ?` + where + ` ORDER BY 8 DESC, a.id LIMIT ? OFFSET ?`
		args = append([]any{tsQuery(node), cutoff}, fargs...)
	default:
		// bm25() is allowed only in the FTS query itself: rank in a
		// subquery, where the rowid range is FTS5's own (cheap) constraint.
		// bm25 is better when lower; negated so that Score is higher-better
		// on both engines.
		query = `SELECT ` + cols + `, -f.rank FROM (SELECT rowid AS id, ` + ftsRank + ` AS rank FROM article_fts WHERE article_fts MATCH ? AND rowid >= ?) f
			CROSS JOIN articles a ON a.id = f.id WHERE 1 = 1` + where + ` ORDER BY f.rank, a.id LIMIT ? OFFSET ?`
		args = append([]any{ftsMatch(node), cutoff}, fargs...)
	}
	args = append(args, limit, offset)
	rows, err := rq.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	var hits []Hit
	for rows.Next() {
		var h Hit
		var pub sql.NullInt64
		if err := rows.Scan(&h.ID, &h.URL, &h.Source, &h.Title, &h.SiteName, &h.Language, &pub, &h.Score); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("store: search: %w", err)
		}
		h.Published = fromMillis(pub)
		hits = append(hits, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("store: search: %w", err)
	}
	// On the search's own transaction: on PostgreSQL it holds a pooled
	// connection until Search returns, so asking the pool for a second one
	// here deadlocks once a crowd of searches holds every connection.
	if err := s.snippets(ctx, rq, hits, node); err != nil {
		return nil, 0, err
	}
	return hits, total, nil
}

// querier is a pool or a transaction, for reads.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// matchFrom is the FROM and WHERE of the articles a query matches, with
// its args.
func (s *sqlStore) matchFrom(node queryNode, where string, fargs []any) (string, []any) {
	switch {
	case node == nil:
		return `articles a WHERE 1 = 1` + where, fargs
	case s.pg:
		return `articles a WHERE a.tsv @@ CAST(? AS tsquery)` + where, append([]any{tsQuery(node)}, fargs...)
	}
	// CROSS JOIN fixes SQLite's join order: the FTS index outside, walked
	// once, and articles looked up by id. The other order evaluates the
	// MATCH once per article, which for a phrase of common words is
	// hundreds of times slower.
	if where == "" {
		// Without filters the index alone answers: no article lookups.
		return `article_fts WHERE article_fts MATCH ?`, []any{ftsMatch(node)}
	}
	return `article_fts CROSS JOIN articles a ON a.id = article_fts.rowid WHERE article_fts MATCH ?` + where, append([]any{ftsMatch(node)}, fargs...)
}

// count counts the matches, up to MaxTotal.
func (s *sqlStore) count(ctx context.Context, rq querier, node queryNode, where string, fargs []any) (int, error) {
	from, args := s.matchFrom(node, where, fargs)
	var n int
	if err := rq.QueryRowContext(ctx, s.q(`SELECT count(*) FROM (SELECT 1 FROM `+from+` LIMIT `+strconv.Itoa(MaxTotal)+`) m`), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: search count: %w", err)
	}
	return n, nil
}

// matchIDs lists the ids of up to MaxTotal matches, in no order.
func (s *sqlStore) matchIDs(ctx context.Context, rq querier, node queryNode, where string, fargs []any) ([]int64, error) {
	from, args := s.matchFrom(node, where, fargs)
	rows, err := rq.QueryContext(ctx, s.q(`SELECT a.id FROM `+from+` LIMIT `+strconv.Itoa(MaxTotal)), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search count: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: search count: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search count: %w", err)
	}
	return ids, nil
}

// cutoff is the id of the rankWindow-th newest match: ranking looks at ids
// from it up.
func (s *sqlStore) cutoff(ctx context.Context, rq querier, node queryNode, where string, fargs []any) (int64, error) {
	from, args := s.matchFrom(node, where, fargs)
	// In SQLite the order must name the FTS table's rowid for FTS5 to walk
	// its index backwards instead of sorting every match.
	col, order := "a.id", "a.id"
	if !s.pg {
		col, order = "article_fts.rowid", "article_fts.rowid"
	}
	var id int64
	err := rq.QueryRowContext(ctx, s.q(`SELECT `+col+` FROM `+from+` ORDER BY `+order+` DESC LIMIT 1 OFFSET `+strconv.Itoa(s.window()-1)), args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: search window: %w", err)
	}
	return id, nil
}

// snippets fills each hit's snippet from its stored article: the same
// text on both engines, cut around the query's words.
func (s *sqlStore) snippets(ctx context.Context, rq querier, hits []Hit, node queryNode) error {
	if len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	at := map[int64]int{}
	for i, h := range hits {
		ids[i] = strconv.FormatInt(h.ID, 10)
		at[h.ID] = i
	}
	rows, err := rq.QueryContext(ctx, `SELECT article_id, doc FROM article_blobs WHERE article_id IN (`+strings.Join(ids, ", ")+`)`)
	if err != nil {
		return fmt.Errorf("store: snippets: %w", err)
	}
	defer rows.Close()
	var words, prefixes []string
	if node != nil {
		words, prefixes = queryTokens(node)
	}
	m := newMatcher(words, prefixes)
	for rows.Next() {
		var id int64
		var doc []byte
		if err := rows.Scan(&id, &doc); err != nil {
			return fmt.Errorf("store: snippets: %w", err)
		}
		a, err := s.decodeDoc(doc)
		if err != nil {
			return fmt.Errorf("store: snippet of %d: %w", id, err)
		}
		h := &hits[at[id]]
		h.Snippet, h.Highlights = m.snippet(bodyText(a), a.Dek, a.Title)
	}
	return rows.Err()
}

// quoteSearch is the FROM and WHERE of a quote search, with its args, and
// the rank expression (higher better; "0" without text).
func (s *sqlStore) quoteSearch(q QuoteQuery) (from, where, rank string, args []any, err error) {
	from, where, rank = `quotes qu JOIN articles a ON a.id = qu.article_id`, ` WHERE 1 = 1`, `0`
	if strings.TrimSpace(q.Text) != "" {
		node, err := parseQuery(q.Text)
		if err != nil {
			return "", "", "", nil, err
		}
		if s.pg {
			from = `quotes qu JOIN articles a ON a.id = qu.article_id, (SELECT CAST(? AS tsquery) AS q) tq`
			where, rank = ` WHERE qu.tsv @@ tq.q`, `ts_rank_cd(qu.tsv, tq.q)`
		} else {
			// quote_fts rowids pack the article id and the quote index
			// (quoteRowID); bm25() only inside the FTS query (see Search).
			from = `(SELECT rowid AS id, bm25(quote_fts) AS rank FROM quote_fts WHERE quote_fts MATCH ?) f
				JOIN quotes qu ON qu.article_id = (f.id >> 12) AND qu.idx = (f.id & 4095) JOIN articles a ON a.id = qu.article_id`
			where, rank = ` WHERE 1 = 1`, `-f.rank`
		}
		args = append(args, map[bool]string{true: tsQuery(node), false: ftsMatch(node)}[s.pg])
	}
	if q.Speaker != "" {
		where += ` AND qu.speaker_fold = ?`
		args = append(args, foldName(q.Speaker))
	}
	if !q.Since.IsZero() {
		where += ` AND a.published >= ?`
		args = append(args, q.Since.UnixMilli())
	}
	if !q.Until.IsZero() {
		where += ` AND a.published <= ?`
		args = append(args, q.Until.UnixMilli())
	}
	return from, where, rank, args, nil
}

const quoteCols = `qu.article_id, qu.idx, qu.text, qu.kind, qu.speaker, qu.key, a.url, a.site_name, a.published`

func scanQuote(sc scanner, extra ...any) (QuoteHit, error) {
	var h QuoteHit
	var key int64
	var pub sql.NullInt64
	err := sc.Scan(append([]any{&h.ArticleID, &h.Index, &h.Text, &h.Kind, &h.Speaker, &key, &h.URL, &h.SiteName, &pub}, extra...)...)
	h.Key, h.Published = uint64(key), fromMillis(pub)
	return h, err
}

func (s *sqlStore) SearchQuotes(ctx context.Context, q QuoteQuery) ([]QuoteHit, int, error) {
	limit, offset := pageBounds(q.Limit, q.Offset, 20)
	from, where, rank, args, err := s.quoteSearch(q)
	if err != nil {
		return nil, 0, err
	}
	order := ` ORDER BY a.published IS NULL, a.published, qu.article_id, qu.idx`
	if rank != "0" {
		order = ` ORDER BY 10 DESC, a.published IS NULL, a.published, qu.article_id, qu.idx`
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT `+quoteCols+`, `+rank+`, count(*) OVER () FROM `+from+where+order+` LIMIT ? OFFSET ?`), append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: search quotes: %w", err)
	}
	defer rows.Close()
	var out []QuoteHit
	total := 0
	for rows.Next() {
		var score float64
		h, err := scanQuote(rows, &score, &total)
		if err != nil {
			return nil, 0, fmt.Errorf("store: search quotes: %w", err)
		}
		out = append(out, h)
	}
	return out, total, rows.Err()
}

func (s *sqlStore) QuoteGroups(ctx context.Context, q QuoteQuery) ([]QuoteGroup, error) {
	limit, offset := pageBounds(q.Limit, q.Offset, 20)
	from, where, _, args, err := s.quoteSearch(q)
	if err != nil {
		return nil, err
	}
	rows, err := s.read.QueryContext(ctx, s.q(`SELECT qu.key FROM `+from+where+` AND qu.key <> 0
		GROUP BY qu.key ORDER BY count(DISTINCT qu.article_id) DESC, min(a.published), qu.key LIMIT ? OFFSET ?`), append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("store: quote groups: %w", err)
	}
	var keys []string
	order := map[uint64]int{}
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: quote groups: %w", err)
		}
		order[uint64(k)] = len(keys)
		keys = append(keys, strconv.FormatInt(k, 10))
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(keys) == 0 {
		return nil, err
	}
	// Every quote of the chosen keys, not only those the words matched:
	// the variants of a quote's wording are what the group shows.
	rows, err = s.read.QueryContext(ctx, `SELECT `+quoteCols+` FROM quotes qu JOIN articles a ON a.id = qu.article_id
		WHERE qu.key IN (`+strings.Join(keys, ", ")+`) ORDER BY a.published IS NULL, a.published, qu.article_id, qu.idx`)
	if err != nil {
		return nil, fmt.Errorf("store: quote groups: %w", err)
	}
	defer rows.Close()
	groups := make([]QuoteGroup, len(keys))
	outlets := make([]map[string]bool, len(keys))
	for rows.Next() {
		h, err := scanQuote(rows)
		if err != nil {
			return nil, fmt.Errorf("store: quote groups: %w", err)
		}
		i := order[h.Key]
		g := &groups[i]
		g.Key = h.Key
		g.Quotes = append(g.Quotes, h)
		if outlets[i] == nil {
			outlets[i] = map[string]bool{}
		}
		outlet := foldSite(h.SiteName)
		if outlet == "" {
			outlet = "#" + strconv.FormatInt(h.ArticleID, 10)
		}
		outlets[i][outlet] = true
		g.Outlets = len(outlets[i])
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: quote groups: %w", err)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].Outlets > groups[j].Outlets })
	return groups, nil
}
