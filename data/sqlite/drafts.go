package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// StaffDraft returns the /broadcast the staff chat is writing, as
// SaveStaffDraft stored it; nil when it has none. It returns the store's
// error.
func (s *Store) StaffDraft(ctx context.Context, chatID int64) ([]byte, error) {
	var state []byte
	err := s.db.QueryRowContext(ctx, `SELECT state FROM staff_drafts WHERE chat_id = ?`, chatID).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read staff draft: %w", err)
	}
	return state, nil
}

// SaveStaffDraft stores the /broadcast the staff chat is writing (the
// encoded dialogs.StaffState) at now; an empty state deletes it. It
// returns the store's error.
func (s *Store) SaveStaffDraft(ctx context.Context, chatID int64, state []byte, now time.Time) error {
	var err error
	if len(state) == 0 {
		_, err = s.db.ExecContext(ctx, `DELETE FROM staff_drafts WHERE chat_id = ?`, chatID)
	} else {
		_, err = s.db.ExecContext(ctx, `
			INSERT INTO staff_drafts (chat_id, state, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (chat_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
			chatID, state, now.Unix())
	}
	if err != nil {
		return fmt.Errorf("save staff draft: %w", err)
	}
	return nil
}
