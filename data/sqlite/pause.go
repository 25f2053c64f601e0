package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PauseBroadcasts records that no broadcast message may be sent before
// until: Telegram answered 429 and the bot-wide budget is spent until
// then. A pause recorded earlier that ends later stands. It is kept to
// the millisecond, rounded up. It returns the store's error.
func (s *Store) PauseBroadcasts(ctx context.Context, until time.Time) error {
	ms := (until.UnixNano() + int64(time.Millisecond) - 1) / int64(time.Millisecond)
	_, err := s.db.ExecContext(ctx, `
		INSERT INTO broadcast_pause (id, until_ms) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms)`, ms)
	if err != nil {
		return fmt.Errorf("pause broadcasts: %w", err)
	}
	return nil
}

// BroadcastPause returns the end of the last pause PauseBroadcasts
// recorded, which may be past; the zero time when none was. It returns the
// store's error.
func (s *Store) BroadcastPause(ctx context.Context) (time.Time, error) {
	var ms int64
	err := s.db.QueryRowContext(ctx, `SELECT until_ms FROM broadcast_pause WHERE id = 1`).Scan(&ms)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read the broadcast pause: %w", err)
	}
	return time.UnixMilli(ms), nil
}
