package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// NoteAlertItems records which of the catalog's programs and jobs are new:
// those not seen by an earlier call get the next sequence number. It
// returns the latest sequence number and how many items are new. On the
// very first call every item is recorded under 0 and none is new: what the
// catalog held before alerts began is not news.
// It returns the store's error; nothing is noted then.
func (s *Store) NoteAlertItems(ctx context.Context, items []data.AlertItem, now time.Time) (seq int64, fresh int, err error) {
	err = s.inTx(ctx, func(tx txn) error {
		var (
			maxSeq sql.NullInt64
			count  int
		)
		if err := tx.QueryRowContext(ctx, `SELECT max(seq), count(*) FROM alert_items`).Scan(&maxSeq, &count); err != nil {
			return fmt.Errorf("note alert items: %w", err)
		}
		seq = maxSeq.Int64
		next := seq + 1
		if count == 0 {
			next = 0
		}
		stmt, err := tx.PrepareContext(ctx, `
			INSERT INTO alert_items (kind, item_id, seq, first_seen_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (kind, item_id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("note alert items: %w", err)
		}
		defer stmt.Close()
		for _, it := range items {
			res, err := stmt.ExecContext(ctx, string(it.Kind), it.ID, next, now.Unix())
			if err != nil {
				return fmt.Errorf("note alert item %s %s: %w", it.Kind, it.ID, err)
			}
			if n, _ := res.RowsAffected(); n > 0 && next > 0 {
				fresh++
			}
		}
		if fresh > 0 {
			seq = next
		}
		return nil
	})
	return seq, fresh, err
}

// AlertItemsSince returns the items first seen after sequence number seq.
// It returns the store's error.
func (s *Store) AlertItemsSince(ctx context.Context, seq int64) ([]data.AlertItem, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT kind, item_id FROM alert_items WHERE seq > ? ORDER BY seq, kind, item_id`, seq)
	items, err := scanAll(rows, err, func(rows *sql.Rows) (data.AlertItem, error) {
		var it data.AlertItem
		err := rows.Scan(&it.Kind, &it.ID)
		return it, err
	})
	if err != nil {
		return nil, fmt.Errorf("read alert items: %w", err)
	}
	return items, nil
}

// AlertRecipients returns up to limit residents due a look for news on
// today, given that upto is the latest sequence number, in resident id
// order (the ids compared as strings, byte by byte): those whose id sorts
// after after, for paging. The first page is after the zero ResidentID
// (""); each next one after the Resident of the last recipient of the page
// before. It returns an error wrapping data.ErrResidentID when after is
// neither zero nor a valid id, or the store's.
func (s *Store) AlertRecipients(ctx context.Context, today data.Date, upto int64, after data.ResidentID, limit int) ([]data.AlertRecipient, error) {
	if after != "" {
		if err := checkResident("read alert recipients: after", after); err != nil {
			return nil, err
		}
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT r.resident, r.age_band, r.field, r.years_band, r.goals, r.district, r.alert_seq
		FROM residents r
		WHERE r.notices = 1 AND r.profile = 1 AND r.alert_day < ? AND r.alert_seq < ? AND r.resident > ?
			AND `+notBlocked("r.resident")+` AND `+pushable("r.resident")+`
		ORDER BY r.resident LIMIT ?`, int64(today), upto, string(after), limit)
	due, err := scanAll(rows, err, func(rows *sql.Rows) (data.AlertRecipient, error) {
		var (
			r        data.AlertRecipient
			cols     profileColumns
			resident string
		)
		err := rows.Scan(&resident, &cols.age, &cols.field, &cols.years, &cols.goals, &cols.district, &r.Since)
		r.Resident = data.ResidentID(resident)
		r.Profile = cols.profile()
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("read alert recipients: %w", err)
	}
	return due, nil
}

// CreateAlertBroadcast stores one alert broadcast holding the digests, one
// delivery each, and records that their residents had today's digest and
// every item up to upto. A digest for a resident who already had one today,
// or whose notices consent no longer stands, is dropped: at most one digest
// per resident per day. It returns the broadcast (done at once when no
// digest remained).
// It returns an error when digests is empty, one wrapping
// data.ErrResidentID when a digest's Resident is not a valid id (nothing is
// stored then), or the store's.
func (s *Store) CreateAlertBroadcast(ctx context.Context, digests []data.AlertDigest, upto int64, today data.Date, now time.Time) (data.Broadcast, error) {
	if len(digests) == 0 {
		return data.Broadcast{}, errors.New("create alert broadcast: no digest")
	}
	for _, d := range digests {
		if err := checkResident("create alert broadcast", d.Resident); err != nil {
			return data.Broadcast{}, err
		}
	}
	var id int64
	err := s.inTx(ctx, func(tx txn) error {
		err := tx.QueryRowContext(ctx, `
			INSERT INTO broadcasts (kind, state, recipients, created_at) VALUES (?, 'running', 0, ?) RETURNING id`,
			string(data.BroadcastAlert), now.Unix()).Scan(&id)
		if err != nil {
			return fmt.Errorf("create alert broadcast: %w", err)
		}
		insert, err := tx.PrepareContext(ctx, `
			INSERT INTO deliveries (broadcast_id, resident, body)
			SELECT ?, resident, ? FROM residents WHERE resident = ? AND notices = 1 AND alert_day < ? AND `+pushable("resident"))
		if err != nil {
			return fmt.Errorf("create alert deliveries: %w", err)
		}
		defer insert.Close()
		mark, err := tx.PrepareContext(ctx, `UPDATE residents SET alert_day = ?, alert_seq = ? WHERE resident = ?`)
		if err != nil {
			return fmt.Errorf("create alert deliveries: %w", err)
		}
		defer mark.Close()
		n := 0
		for _, d := range digests {
			res, err := insert.ExecContext(ctx, id, d.Text, string(d.Resident), int64(today))
			if err != nil {
				return fmt.Errorf("create alert delivery: %w", err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue
			}
			n++
			if _, err := mark.ExecContext(ctx, int64(today), upto, string(d.Resident)); err != nil {
				return fmt.Errorf("mark alert sent: %w", err)
			}
		}
		return setRecipients(ctx, tx, id, n, now)
	})
	if err != nil {
		return data.Broadcast{}, err
	}
	return s.Broadcast(ctx, id)
}

// MarkAlertsChecked records that nothing up to sequence number upto matched
// the residents, so the next look starts after it.
// It returns an error wrapping data.ErrResidentID for an invalid id
// (nothing is marked then), or the store's.
func (s *Store) MarkAlertsChecked(ctx context.Context, ids []data.ResidentID, upto int64) error {
	if len(ids) == 0 {
		return nil
	}
	in, args, err := inList("mark alerts checked", ids)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE residents SET alert_seq = max(alert_seq, ?) WHERE resident IN `+in,
		append([]any{upto}, args...)...)
	if err != nil {
		return fmt.Errorf("mark alerts checked: %w", err)
	}
	return nil
}
