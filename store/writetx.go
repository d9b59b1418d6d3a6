package store

import (
	"context"
	"database/sql"
	"fmt"
)

// wtx is a write transaction on either engine. In PostgreSQL it is an
// *sql.Tx from the pool. In SQLite it is the store's one writer
// connection, taken under a mutex, with BEGIN IMMEDIATE / COMMIT as
// statements: SQLite has one writer anyway, and owning the connection lets
// the store keep its statements prepared across transactions (Put runs the
// same dozen for every article; parsing them each time was a seventh of
// its cost), which database/sql's Tx cannot do with a one-connection pool
// without deadlocking on it.
type wtx struct {
	s    *sqlStore
	tx   *sql.Tx // PostgreSQL
	done bool
}

// begin opens a write transaction.
func (s *sqlStore) begin(ctx context.Context) (*wtx, error) {
	if s.pg {
		tx, err := s.write.BeginTx(ctx, nil)
		if err != nil {
			return nil, err
		}
		return &wtx{s: s, tx: tx}, nil
	}
	s.wmu.Lock()
	if s.wconn == nil {
		s.wmu.Unlock()
		return nil, fmt.Errorf("store is closed")
	}
	if _, err := s.wconn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		s.wmu.Unlock()
		return nil, err
	}
	return &wtx{s: s}, nil
}

// stmt is the writer's prepared statement for query (SQLite).
func (t *wtx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st := t.s.stmts[query]; st != nil {
		return st, nil
	}
	st, err := t.s.wconn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	t.s.stmts[query] = st
	return st, nil
}

// ExecContext runs a statement written with ? placeholders.
func (t *wtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if t.tx != nil {
		return t.tx.ExecContext(ctx, t.s.q(query), args...)
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryRowContext runs a statement that returns one row.
func (t *wtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if t.tx != nil {
		return t.tx.QueryRowContext(ctx, t.s.q(query), args...)
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		// The unprepared query fails the same way, and Row carries the error.
		return t.s.wconn.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// QueryContext runs a statement that returns rows.
func (t *wtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.tx != nil {
		return t.tx.QueryContext(ctx, t.s.q(query), args...)
	}
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (t *wtx) Commit() error {
	if t.done {
		return sql.ErrTxDone
	}
	t.done = true
	if t.tx != nil {
		return t.tx.Commit()
	}
	defer t.s.wmu.Unlock()
	if _, err := t.s.wconn.ExecContext(context.Background(), `COMMIT`); err != nil {
		t.s.wconn.ExecContext(context.Background(), `ROLLBACK`)
		return err
	}
	t.s.commits.Add(1) // for the checkpointer
	return nil
}

// Rollback ends the transaction unless Commit did; deferred after begin.
func (t *wtx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	if t.tx != nil {
		return t.tx.Rollback()
	}
	defer t.s.wmu.Unlock()
	// Not the caller's context: a cancelled one must still end the transaction.
	_, err := t.s.wconn.ExecContext(context.Background(), `ROLLBACK`)
	return err
}

// writeOne runs one write statement in its own transaction.
func (s *sqlStore) writeOne(ctx context.Context, query string, args ...any) (sql.Result, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return r, tx.Commit()
}
