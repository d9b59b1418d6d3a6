package store

import (
	"context"
	"database/sql"
	"encoding/json"
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
	var maxID int64
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
		// No parallel workers either: a search is one of many at once,
		// and starting workers costs more than its bounded scans.
		// The settings (set_config(…, true) is SET LOCAL) and the newest id
		// in one round trip: the statement is planned before it runs, so
		// max() is still answered from the primary key's end (without
		// index scans it reads the whole table).
		if err := tx.QueryRowContext(ctx, `SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
			set_config('max_parallel_workers_per_gather', '0', true), (SELECT coalesce(max(id), 0) FROM articles)`).Scan(new(string), new(string), new(string), &maxID); err != nil {
			return nil, 0, fmt.Errorf("store: search: %w", err)
		}
		rq = tx
	}
	var total int
	var err error
	// PostgreSQL: the ids of up to MaxTotal matches, newest first; their
	// head is the rank window, ranked by id without matching again.
	var newest []int64
	if s.pg && node != nil {
		if newest, err = s.newestMatches(ctx, rq, maxID, node, where, fargs, MaxTotal); err != nil {
			return nil, 0, err
		}
		total = len(newest)
	} else if total, err = s.count(ctx, rq, node, where, fargs); err != nil {
		return nil, 0, err
	}
	if total == 0 || offset >= total {
		return nil, total, nil
	}
	var cutoff int64
	if node != nil && !s.pg && total > s.window() {
		if cutoff, err = s.cutoff(ctx, rq, node, where, fargs); err != nil {
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
	case s.pg:
		// The window's ids passed the filters already; ts_rank_cd reads
		// each one's stored tsvector once.
		query = `SELECT ` + cols + `, ts_rank_cd(a.tsv, tq.q) FROM articles a, (SELECT CAST(? AS tsquery) AS q) tq
			WHERE a.id = ANY(CAST(? AS bigint[])) ORDER BY 8 DESC, a.id LIMIT ? OFFSET ?`
		args = []any{tsQuery(node), idArray(newest[:min(len(newest), s.window())])}
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
		if pairs := tsPairs(node); pairs != "" {
			// Both GIN bitmaps, ANDed before any row is read.
			return `articles a WHERE a.tsv @@ CAST(? AS tsquery) AND a.pairs @@ CAST(? AS tsquery)` + where, append([]any{tsQuery(node), pairs}, fargs...)
		}
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

// newestMatches lists the ids of the newest (highest id) want matches of
// a PostgreSQL query, newest first: all of them when there are fewer.
//
// A GIN index answers which articles match, in no order, so the newest of
// a common word's tens of thousands of matches come only from reading
// every one of their rows and sorting. Instead the newest ids are read in
// ranges, each range one GIN bitmap ANDed with a primary-key range, so
// that only the rows of matches inside it are read. The first range is
// sized from the planner's estimate of the matches (the tsvector column's
// statistics know the common words; see firstSpan) to hold about
// probeMargin × want of them; when it holds fewer, the next older range is
// sized from the density seen so far, and after maxProbes ranges the
// last one takes the rest. When the estimate is few matches, the first
// want matches in table order are read instead, unsorted, which are all
// of them or else tell the density to probe with. The result is exact
// however wrong the estimate: only the work depends on it. maxID is the
// highest id of the articles.
func (s *sqlStore) newestMatches(ctx context.Context, rq querier, maxID int64, node queryNode, where string, fargs []any, want int) ([]int64, error) {
	if maxID == 0 {
		return nil, nil
	}
	from, args := s.matchFrom(node, where, fargs)
	est, err := s.estimate(ctx, rq, `SELECT a.id FROM `+from, args)
	if err != nil {
		return nil, err
	}
	span := firstSpan(maxID, est, want)
	if span >= maxID {
		// Few matches expected, but the estimate of a word the statistics
		// do not list, or of a prefix, is a guess. The first want matches
		// in the table's order come without sorting all of them: fewer
		// are all the matches; want of them is a broad query after all,
		// and the id range they came from tells its density (rows are
		// stored about in id order).
		ids, err := s.readIDs(ctx, rq, `SELECT a.id FROM `+from+` LIMIT ?`, append(append([]any{}, args...), want))
		if err != nil || len(ids) < want {
			sort.Slice(ids, func(i, j int) bool { return ids[i] > ids[j] })
			return ids, err
		}
		lo, hi := ids[0], ids[0]
		for _, id := range ids {
			lo, hi = min(lo, id), max(hi, id)
		}
		span = spanFor(float64(want), float64(want)/float64(hi-lo+1), maxID)
	}
	return probeNewest(maxID, span, want, func(lo, hi int64, n int) ([]int64, error) {
		return s.readIDs(ctx, rq, `SELECT a.id FROM `+from+` AND a.id > ? AND a.id <= ? ORDER BY a.id DESC LIMIT ?`, append(append([]any{}, args...), lo, hi, n))
	})
}

// readIDs runs a query of article ids.
func (s *sqlStore) readIDs(ctx context.Context, rq querier, query string, args []any) ([]int64, error) {
	rows, err := rq.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return ids, nil
}

// Probing of newestMatches: a range is sized to hold probeMargin times
// the matches still wanted, at the density expected, and maxProbes ranges
// at most are read before the rest of the table is taken at once (a
// query whose estimate is far too high — a phrase of common words, which
// the planner prices as its words ANDed — costs one extra bitmap, not
// many).
const (
	probeMargin = 1.5
	maxProbes   = 3
)

// firstSpan is the id range expected to hold probeMargin × want matches
// when est of the ids up to maxID match.
func firstSpan(maxID int64, est float64, want int) int64 {
	if est <= 0 {
		return maxID
	}
	return spanFor(float64(want), est/float64(maxID), maxID)
}

// spanFor is the id range that holds probeMargin × need matches at
// density (matches per id), at most max.
func spanFor(need, density float64, max int64) int64 {
	span := probeMargin * need / density
	if span >= float64(max) {
		return max
	}
	return int64(span) + 1
}

// probeNewest reads ranges (lo, hi] of ids down from maxID with read,
// which returns up to n match ids of its range newest first, until want
// ids are found or the ids run out: the first range span ids wide, the
// next ones sized from the density found so far.
func probeNewest(maxID, span int64, want int, read func(lo, hi int64, n int) ([]int64, error)) ([]int64, error) {
	var ids []int64
	hi := maxID
	for probe := 1; hi > 0 && len(ids) < want; probe++ {
		lo := max(0, hi-max(1, span))
		if probe == maxProbes {
			lo = 0
		}
		got, err := read(lo, hi, want-len(ids))
		if err != nil {
			return nil, err
		}
		ids = append(ids, got...)
		hi = lo
		if len(ids) == 0 {
			// Nothing yet: a range eight times as wide.
			span = min(hi, 8*span)
			continue
		}
		span = spanFor(float64(want-len(ids)), float64(len(ids))/float64(maxID-hi), hi)
	}
	return ids, nil
}

// estimate is the planner's estimate of the rows query returns: from the
// column statistics ANALYZE (and autovacuum) keep, the frequency of a
// tsvector's common words among them; 0 when there is none.
func (s *sqlStore) estimate(ctx context.Context, rq querier, query string, args []any) (float64, error) {
	var plan []byte
	if err := rq.QueryRowContext(ctx, s.q(`EXPLAIN (FORMAT JSON) `+query), args...).Scan(&plan); err != nil {
		return 0, fmt.Errorf("store: search estimate: %w", err)
	}
	var out []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal(plan, &out); err != nil || len(out) == 0 {
		return 0, fmt.Errorf("store: search estimate: %q: %v", plan, err)
	}
	return out[0].Plan.Rows, nil
}

// idArray is ids as a PostgreSQL bigint[] literal.
func idArray(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// cutoff is the id of the rankWindow-th newest match of an SQLite query:
// ranking looks at ids from it up. (PostgreSQL's come from newestMatches.)
func (s *sqlStore) cutoff(ctx context.Context, rq querier, node queryNode, where string, fargs []any) (int64, error) {
	from, args := s.matchFrom(node, where, fargs)
	// The order must name the FTS table's rowid for FTS5 to walk its
	// index backwards instead of sorting every match.
	var id int64
	err := rq.QueryRowContext(ctx, `SELECT article_fts.rowid FROM `+from+` ORDER BY article_fts.rowid DESC LIMIT 1 OFFSET `+strconv.Itoa(s.window()-1), args...).Scan(&id)
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
