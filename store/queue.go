package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Queue states.
const (
	queuePending = "pending"
	queueClaimed = "claimed"
	queueDone    = "done"
	queueFailed  = "failed"
)

func (s *sqlStore) Enqueue(ctx context.Context, items []QueueItem) (int, error) {
	added := 0
	// Small transactions: a long list of URLs does not hold the write lock
	// for long, and a crash loses nothing already queued.
	const perTx = 500
	for len(items) > 0 {
		n := min(len(items), perTx)
		k, err := s.enqueue(ctx, items[:n])
		if err != nil {
			return added, fmt.Errorf("store: enqueue: %w", err)
		}
		added += k
		items = items[n:]
	}
	return added, nil
}

func (s *sqlStore) enqueue(ctx context.Context, items []QueueItem) (int, error) {
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	added := 0
	for _, it := range items {
		r, err := tx.ExecContext(ctx, s.q(`INSERT INTO queue (url, input, hint, published, state) VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`),
			it.URL, it.Input, it.Hint, millis(it.Published), queuePending)
		if err != nil {
			return 0, err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			added++
		}
	}
	return added, tx.Commit()
}

func (s *sqlStore) Claim(ctx context.Context, worker string, n int, lease time.Duration) ([]QueueItem, error) {
	if n <= 0 {
		return nil, nil
	}
	now := time.Now()
	// SKIP LOCKED: workers claiming at the same moment take different rows
	// instead of waiting on each other. SQLite has one writer, whose lock
	// already makes the select-and-update atomic.
	lock := ""
	if s.pg {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	tx, err := s.begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: claim: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, s.q(`UPDATE queue SET state = ?, worker = ?, lease_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM queue WHERE state = ? OR (state = ? AND lease_until < ?) ORDER BY id LIMIT ?`+lock+`)
		RETURNING id, url, input, hint, published, attempts`),
		queueClaimed, worker, now.Add(lease).UnixMilli(), queuePending, queueClaimed, now.UnixMilli(), n)
	if err != nil {
		return nil, fmt.Errorf("store: claim: %w", err)
	}
	defer rows.Close()
	var out []QueueItem
	for rows.Next() {
		var it QueueItem
		var pub sql.NullInt64
		if err := rows.Scan(&it.ID, &it.URL, &it.Input, &it.Hint, &pub, &it.Attempts); err != nil {
			return nil, fmt.Errorf("store: claim: %w", err)
		}
		it.Published = fromMillis(pub)
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: claim: %w", err)
	}
	rows.Close()
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: claim: %w", err)
	}
	// RETURNING gives no order; claims are handed out oldest first.
	sortItems(out)
	return out, nil
}

func sortItems(items []QueueItem) {
	for i := 1; i < len(items); i++ {
		for j := i; j > 0 && items[j].ID < items[j-1].ID; j-- {
			items[j], items[j-1] = items[j-1], items[j]
		}
	}
}

func (s *sqlStore) finish(ctx context.Context, id int64, state, reason string) error {
	r, err := s.writeOne(ctx, s.q(`UPDATE queue SET state = ?, reason = ?, lease_until = NULL WHERE id = ?`), state, reason, id)
	if err != nil {
		return fmt.Errorf("store: queue item %d: %w", id, err)
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return fmt.Errorf("store: queue item %d: %w", id, ErrNotFound)
	}
	return nil
}

func (s *sqlStore) Done(ctx context.Context, id int64) error { return s.finish(ctx, id, queueDone, "") }
func (s *sqlStore) Fail(ctx context.Context, id int64, reason string) error {
	return s.finish(ctx, id, queueFailed, reason)
}

func (s *sqlStore) Pending(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, s.q(`SELECT count(*) FROM queue WHERE state IN (?, ?)`), queuePending, queueClaimed).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: pending: %w", err)
	}
	return n, nil
}

func (s *sqlStore) Validators(ctx context.Context, url string) (string, string, error) {
	var etag, lm string
	err := s.read.QueryRowContext(ctx, s.q(`SELECT etag, last_modified FROM validators WHERE url = ?`), url).Scan(&etag, &lm)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("store: validators of %s: %w", url, err)
	}
	return etag, lm, nil
}

func (s *sqlStore) SetValidators(ctx context.Context, url, etag, lastModified string) error {
	_, err := s.writeOne(ctx, s.q(`INSERT INTO validators (url, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at`),
		url, etag, lastModified, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("store: validators of %s: %w", url, err)
	}
	return nil
}
