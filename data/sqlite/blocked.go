package sqlite

import (
	"context"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// BlockedChats returns every resident marked blocked (they blocked the
// bot), in no particular order. It returns the store's error.
func (s *Store) BlockedChats(ctx context.Context) ([]data.ResidentID, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT resident FROM blocked_chats`)
	ids, err := scanAll(rows, err, scanResidentRow)
	if err != nil {
		return nil, fmt.Errorf("blocked chats: %w", err)
	}
	return ids, nil
}

// SetChatBlocked marks the resident blocked (they blocked the bot) or
// clears the mark (they came back). Marking twice keeps the first time. It
// returns an error wrapping data.ErrResidentID for an invalid id, or the
// store's.
func (s *Store) SetChatBlocked(ctx context.Context, id data.ResidentID, blocked bool) error {
	if err := checkResident(fmt.Sprintf("mark chat blocked=%v", blocked), id); err != nil {
		return err
	}
	var err error
	if blocked {
		_, err = s.db.ExecContext(ctx, `INSERT INTO blocked_chats (resident, blocked_at) VALUES (?, ?)
			ON CONFLICT (resident) DO NOTHING`, string(id), time.Now().Unix())
	} else {
		_, err = s.db.ExecContext(ctx, `DELETE FROM blocked_chats WHERE resident = ?`, string(id))
	}
	if err != nil {
		return fmt.Errorf("mark chat blocked=%v: %w", blocked, err)
	}
	return nil
}

// ChatBlocked reports whether the resident is marked blocked. It returns
// an error wrapping data.ErrResidentID for an invalid id, or the store's.
func (s *Store) ChatBlocked(ctx context.Context, id data.ResidentID) (bool, error) {
	if err := checkResident("chat blocked", id); err != nil {
		return false, err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM blocked_chats WHERE resident = ?`, string(id)).Scan(&n); err != nil {
		return false, fmt.Errorf("chat blocked: %w", err)
	}
	return n > 0, nil
}
