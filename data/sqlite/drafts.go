package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// StaffDraft returns the /broadcast the staff member (the resident id of
// their private chat) is writing, as SaveStaffDraft stored it; nil when
// they have none. It returns an error wrapping data.ErrResidentID for an
// invalid id, or the store's.
func (s *Store) StaffDraft(ctx context.Context, staff data.ResidentID) ([]byte, error) {
	if err := checkResident("read staff draft", staff); err != nil {
		return nil, err
	}
	var state []byte
	err := s.db.QueryRowContext(ctx, `SELECT state FROM staff_drafts WHERE resident = ?`, string(staff)).Scan(&state)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read staff draft: %w", err)
	}
	return state, nil
}

// SaveStaffDraft stores the /broadcast the staff member is writing (the
// encoded dialogs.StaffState) at now; an empty state deletes it. It
// returns an error wrapping data.ErrResidentID for an invalid id, or the
// store's.
func (s *Store) SaveStaffDraft(ctx context.Context, staff data.ResidentID, state []byte, now time.Time) error {
	if err := checkResident("save staff draft", staff); err != nil {
		return err
	}
	var err error
	if len(state) == 0 {
		_, err = s.db.ExecContext(ctx, `DELETE FROM staff_drafts WHERE resident = ?`, string(staff))
	} else {
		_, err = s.db.ExecContext(ctx, `
			INSERT INTO staff_drafts (resident, state, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (resident) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
			string(staff), state, now.Unix())
	}
	if err != nil {
		return fmt.Errorf("save staff draft: %w", err)
	}
	return nil
}
