package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// ErrTooManyReminders is returned by AddReminder for a resident who
// already keeps data.MaxReminders reminders waiting.
var ErrTooManyReminders = errors.New("too many reminders waiting")

// AddReminder stores r for the resident, or, when they already have one of
// that kind about that item, moves it to r's dates and makes it wait to be
// sent again. It returns the stored reminder with its ID; an error
// wrapping data.ErrNoResident for a resident without a stored profile (no
// consent on record), ErrTooManyReminders, data.ErrResidentID for an
// invalid id, or the store's.
func (s *Store) AddReminder(ctx context.Context, id data.ResidentID, r data.Reminder, now time.Time) (data.Reminder, error) {
	if err := checkResident("add reminder", id); err != nil {
		return data.Reminder{}, err
	}
	if !r.Kind.Valid() || r.Item.ID == "" || (r.Item.Kind != data.AlertProgram && r.Item.Kind != data.AlertJob) {
		return data.Reminder{}, fmt.Errorf("add reminder: kind %q of %s %q: not a reminder", r.Kind, r.Item.Kind, r.Item.ID)
	}
	err := s.inTx(ctx, func(tx txn) error {
		var known, waiting int
		if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT count(*) FROM residents WHERE resident = ?1 AND profile = 1),
				(SELECT count(*) FROM reminders WHERE resident = ?1 AND sent_at = 0
					AND NOT (item_kind = ?2 AND item_id = ?3 AND kind = ?4))`,
			string(id), string(r.Item.Kind), r.Item.ID, string(r.Kind)).Scan(&known, &waiting); err != nil {
			return err
		}
		switch {
		case known == 0:
			return data.ErrNoResident
		case waiting >= data.MaxReminders:
			return ErrTooManyReminders
		}
		return tx.QueryRowContext(ctx, `
			INSERT INTO reminders (resident, item_kind, item_id, kind, item_day, due_day, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (resident, item_kind, item_id, kind)
			DO UPDATE SET item_day = excluded.item_day, due_day = excluded.due_day, sent_at = 0
			RETURNING id`,
			string(id), string(r.Item.Kind), r.Item.ID, string(r.Kind), int64(r.On), int64(r.Due), now.Unix()).Scan(&r.ID)
	})
	if err != nil {
		return data.Reminder{}, fmt.Errorf("add reminder: %w", err)
	}
	return r, nil
}

// Reminders returns the resident's reminders waiting to be sent, soonest
// first. It returns an error wrapping data.ErrResidentID for an invalid
// id, or the store's.
func (s *Store) Reminders(ctx context.Context, id data.ResidentID) ([]data.Reminder, error) {
	if err := checkResident("reminders", id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, item_kind, item_id, kind, item_day, due_day
		FROM reminders WHERE resident = ? AND sent_at = 0 ORDER BY due_day, id`, string(id))
	out, err := scanAll(rows, err, scanReminder)
	if err != nil {
		return nil, fmt.Errorf("reminders: %w", err)
	}
	return out, nil
}

// CancelReminder deletes the resident's reminder reminderID, and reports
// whether there was one: an id of another resident's reminder deletes
// nothing. It returns an error wrapping data.ErrResidentID for an invalid
// id, or the store's.
func (s *Store) CancelReminder(ctx context.Context, id data.ResidentID, reminderID int64) (bool, error) {
	if err := checkResident("cancel reminder", id); err != nil {
		return false, err
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM reminders WHERE resident = ? AND id = ?`, string(id), reminderID)
	if err != nil {
		return false, fmt.Errorf("cancel reminder: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DueReminders returns up to limit reminders due on today or before and
// not sent, about a day not past, of residents whose notices consent
// stands (none after /stop), in id order after the id after (0 for the
// first page). It returns the store's error.
func (s *Store) DueReminders(ctx context.Context, today data.Date, after int64, limit int) ([]data.DueReminder, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT m.id, m.item_kind, m.item_id, m.kind, m.item_day, m.due_day, m.resident
		FROM reminders m JOIN residents r ON r.resident = m.resident
		WHERE m.sent_at = 0 AND m.due_day <= ?1 AND m.item_day >= ?1 AND r.notices = 1 AND m.id > ?2
		ORDER BY m.id LIMIT ?3`, int64(today), after, limit)
	out, err := scanAll(rows, err, func(rows *sql.Rows) (data.DueReminder, error) {
		var (
			d   data.DueReminder
			res string
		)
		err := rows.Scan(&d.ID, &d.Item.Kind, &d.Item.ID, &d.Kind, &d.On, &d.Due, &res)
		d.Resident, d.Notices = data.ResidentID(res), true
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("due reminders: %w", err)
	}
	return out, nil
}

// MarkReminderSent records that reminder id was sent at now (or given up
// on), and reports whether it was still waiting: false when it was sent
// already, or deleted meanwhile (/forget, cancelled). It returns the
// store's error.
func (s *Store) MarkReminderSent(ctx context.Context, id int64, now time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE reminders SET sent_at = ? WHERE id = ? AND sent_at = 0`, max(now.Unix(), 1), id)
	if err != nil {
		return false, fmt.Errorf("mark reminder sent: %w", err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// UnmarkReminderSent makes reminder id wait again, after a send that
// failed for a reason that may pass. It returns the store's error.
func (s *Store) UnmarkReminderSent(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE reminders SET sent_at = 0 WHERE id = ?`, id); err != nil {
		return fmt.Errorf("unmark reminder sent: %w", err)
	}
	return nil
}

// WaitingReminders returns up to limit reminders not yet sent, of every
// resident, in id order after the id after (0 for the first page): for the
// sender to follow the catalog's changes. It returns the store's error.
func (s *Store) WaitingReminders(ctx context.Context, after int64, limit int) ([]data.DueReminder, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT m.id, m.item_kind, m.item_id, m.kind, m.item_day, m.due_day, m.resident, coalesce(r.notices, 0)
		FROM reminders m LEFT JOIN residents r ON r.resident = m.resident
		WHERE m.sent_at = 0 AND m.id > ? ORDER BY m.id LIMIT ?`, after, limit)
	out, err := scanAll(rows, err, func(rows *sql.Rows) (data.DueReminder, error) {
		var (
			d   data.DueReminder
			res string
		)
		err := rows.Scan(&d.ID, &d.Item.Kind, &d.Item.ID, &d.Kind, &d.On, &d.Due, &res, &d.Notices)
		d.Resident = data.ResidentID(res)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("waiting reminders: %w", err)
	}
	return out, nil
}

// MoveReminder changes reminder id's item day and due day (the item's date
// changed). It returns the store's error.
func (s *Store) MoveReminder(ctx context.Context, id int64, on, due data.Date) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE reminders SET item_day = ?, due_day = ? WHERE id = ?`, int64(on), int64(due), id); err != nil {
		return fmt.Errorf("move reminder: %w", err)
	}
	return nil
}

// DeleteReminder deletes reminder id (its item is gone or has no such date
// any more). It returns the store's error.
func (s *Store) DeleteReminder(ctx context.Context, id int64) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM reminders WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete reminder: %w", err)
	}
	return nil
}

// DeletePastReminders deletes the reminders about a day before today, sent
// or not: nothing is left to remind of. It returns how many it deleted, or
// the store's error.
func (s *Store) DeletePastReminders(ctx context.Context, today data.Date) (int, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM reminders WHERE item_day < ?`, int64(today))
	if err != nil {
		return 0, fmt.Errorf("delete past reminders: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

func scanReminder(rows *sql.Rows) (data.Reminder, error) {
	var r data.Reminder
	err := rows.Scan(&r.ID, &r.Item.Kind, &r.Item.ID, &r.Kind, &r.On, &r.Due)
	return r, err
}
