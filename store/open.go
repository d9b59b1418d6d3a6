package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqlStore is both engines: database/sql over modernc.org/sqlite or pgx. The
// SQL is shared and written with ? placeholders (rewritten to $n for
// PostgreSQL); where the engines differ, pg says which text to use.
type sqlStore struct {
	pg bool
	// write takes every write. In SQLite it is one connection (the engine
	// has one writer; a pool would only queue on the file lock) opened with
	// BEGIN IMMEDIATE transactions; read is a small pool of readers, which
	// WAL lets run beside the writer. In PostgreSQL both are the same pool.
	write, read *sql.DB
	path        string // SQLite file, for its size

	enc *zstd.Encoder // EncodeAll and DecodeAll are safe for concurrent use
	dec *zstd.Decoder
	// docBufs are encodeDoc's JSON buffers, reused across articles.
	docBufs sync.Pool

	// SQLite's writer: one connection held for the store's life, taken
	// under wmu, with its prepared statements (see wtx).
	rankWindow int // 0: the default (see rankWindow)

	wmu   sync.Mutex
	wconn *sql.Conn
	stmts map[string]*sql.Stmt

	// readStmts are the read pool's statements that run for every page,
	// prepared at their first use (see readStmt).
	rmu       sync.Mutex
	readStmts map[string]*sql.Stmt

	// SQLite's checkpointer (see checkpoints): commits counts the
	// writer's commits, stopCheckpoints ends it and waits.
	commits         atomic.Int64
	stopCheckpoints func()
}

// SQLite's WAL is copied into the database file by a goroutine of the
// store's own, not by the writer: a checkpoint ends with an fsync, and on a
// machine busy with other writes one took 1.7 s — the whole ingest waited
// for its single writer meanwhile. The checkpointer runs a PASSIVE
// checkpoint (it waits for no reader or writer) every checkpointEvery when
// something was committed since the last. The writer still checkpoints
// itself past writerAutoCheckpoint pages of WAL, should the checkpointer
// fall behind, so the WAL stays bounded.
const (
	checkpointEvery      = time.Second
	writerAutoCheckpoint = 32000 // pages, 128 MB
)

// checkpoints starts the checkpointer and returns what stops it.
func (s *sqlStore) checkpoints() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(checkpointEvery)
		defer tick.Stop()
		var seen int64
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			if n := s.commits.Load(); n != seen {
				seen = n
				// An error (a reader in the way, the disk) is tried again
				// at the next tick; the writer's own checkpoints remain.
				s.read.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(quit)
			<-done
		})
	}
}

// readStmt is the read pool's prepared statement for query (written with ?
// placeholders), prepared at its first use and kept until Close.
func (s *sqlStore) readStmt(ctx context.Context, query string) (*sql.Stmt, error) {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	if st := s.readStmts[query]; st != nil {
		return st, nil
	}
	st, err := s.read.PrepareContext(ctx, s.q(query))
	if err != nil {
		return nil, err
	}
	if s.readStmts == nil {
		s.readStmts = map[string]*sql.Stmt{}
	}
	s.readStmts[query] = st
	return st, nil
}

func isPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func newStore() (*sqlStore, error) {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return nil, fmt.Errorf("store: zstd: %w", err)
	}
	// Decoded payloads are bounded: nothing stored is bigger than the
	// extraction's input cap (16 MiB) by much.
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxMemory(256<<20))
	if err != nil {
		return nil, fmt.Errorf("store: zstd: %w", err)
	}
	return &sqlStore{enc: enc, dec: dec}, nil
}

// openSQLite opens an SQLite file: WAL (readers beside the writer, and a
// kill -9 at any moment leaves a consistent file), synchronous=NORMAL (WAL
// makes that safe against crashes of the process; only a power loss can
// lose the last commits), a busy timeout so that several processes wait
// for each other instead of failing, foreign keys on, and temporary files
// in memory: every multi-row INSERT keeps a statement journal (the pages
// it changes, to undo itself on a constraint failure), which SQLite spills
// to a temporary file past 64 KiB — two thirds of an ingest's 164,000 write
// system calls over 692 pages were those files, each page written and
// thrown away. A statement's journal holds only the pages the statement
// changes that existed before it: the writer's statements touch few.
func openSQLite(ctx context.Context, path string) (Store, error) {
	if path == "" {
		return nil, fmt.Errorf("store: empty database path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return nil, fmt.Errorf("store: folder of %s: %w", path, os.ErrNotExist)
		}
	}
	s, err := newStore()
	if err != nil {
		return nil, err
	}
	s.path = path
	q := url.Values{}
	for _, p := range []string{"busy_timeout(30000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)", "cache_size(-32000)", "wal_autocheckpoint(8000)", "temp_store(MEMORY)"} {
		q.Add("_pragma", p)
	}
	base := "file:" + (&url.URL{Path: path}).EscapedPath()
	if s.write, err = sql.Open("sqlite", base+"?"+q.Encode()+"&_txlock=immediate"); err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.write.SetMaxOpenConns(1)
	s.write.SetConnMaxIdleTime(0)
	if s.read, err = sql.Open("sqlite", base+"?"+q.Encode()); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.read.SetMaxOpenConns(4)
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.wconn, err = s.write.Conn(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if _, err := s.wconn.ExecContext(ctx, fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", writerAutoCheckpoint)); err != nil {
		s.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s.stmts = map[string]*sql.Stmt{}
	s.stopCheckpoints = s.checkpoints()
	return s, nil
}

// openPostgres connects with pgx and applies migrations under an advisory
// lock.
func openPostgres(ctx context.Context, dsn string) (Store, error) {
	s, err := newStore()
	if err != nil {
		return nil, err
	}
	s.pg = true
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redact(dsn), err)
	}
	// A plan per execution: pgx prepares and caches every statement, and
	// after five runs PostgreSQL would switch to one generic plan, which
	// cannot see how rare a tsquery's words are or where a search's id
	// cutoff falls — and picks index scans that read every article.
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	s.write = stdlib.OpenDB(*cfg)
	s.write.SetMaxOpenConns(16)
	s.write.SetMaxIdleConns(16)
	s.write.SetConnMaxIdleTime(5 * time.Minute)
	s.read = s.write
	if err := s.write.PingContext(ctx); err != nil {
		s.write.Close()
		return nil, fmt.Errorf("store: connect %s: %w", redact(dsn), err)
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// redact drops a password from a DSN for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
	}
	return u.String()
}

func (s *sqlStore) Engine() string {
	if s.pg {
		return "postgres"
	}
	return "sqlite"
}

func (s *sqlStore) Close() error {
	var err error
	if s.stopCheckpoints != nil {
		s.stopCheckpoints() // before the pools close under it
	}
	s.wmu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	if s.wconn != nil {
		s.wconn.Close()
	}
	s.wmu.Unlock()
	s.rmu.Lock()
	for _, st := range s.readStmts {
		st.Close()
	}
	s.readStmts = nil
	s.rmu.Unlock()
	if s.write != nil {
		err = s.write.Close()
	}
	if s.read != nil && s.read != s.write {
		if e := s.read.Close(); err == nil {
			err = e
		}
	}
	s.dec.Close()
	return err
}

// q rewrites ? placeholders to $1, $2… for PostgreSQL. The shared SQL has
// no ? anywhere else (no JSON operators, no string literals with ?).
func (s *sqlStore) q(query string) string {
	if !s.pg || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// millis is the stored form of a time: Unix milliseconds, NULL for zero.
// One integer type on both engines keeps the SQL shared and the ordering
// exact.
func millis(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMillis(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}
