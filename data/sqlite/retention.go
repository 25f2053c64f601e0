package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// Forget deletes everything the store keeps about the resident, at once:
// their resident row, consents, conversation reach, blocked mark, staff
// draft, every delivery meant for them (pending ones are taken off their
// broadcast) and their row in every other table with a resident column.
// The broadcasts a staff member sent keep naming them (Broadcast.Staff):
// they are staff's record, not the resident's. It returns how many rows it
// deleted (0 is not an error), an error wrapping data.ErrResidentID for an
// invalid id, or the store's.
func (s *Store) Forget(ctx context.Context, id data.ResidentID) (int, error) {
	if err := checkResident("forget resident", id); err != nil {
		return 0, err
	}
	var n int
	err := s.inDurableTx(ctx, func(tx txn) error {
		var err error
		n, err = deleteResidents(ctx, tx, []data.ResidentID{id})
		if err != nil {
			return err
		}
		return addCounter(ctx, tx, "forgotten", 1)
	})
	if err != nil {
		return 0, fmt.Errorf("forget resident: %w", err)
	}
	s.truncateWAL(ctx)
	return n, nil
}

// truncateWAL copies the write-ahead log into the database file and empties
// it, so that the page images it held before a Forget (which named the
// resident) are gone from the disk, not only from the database: with
// secure_delete on, the deleted rows are zeroed in the database file, and
// the log is cut to nothing. It is best effort: a reader holding an old
// snapshot keeps the log as it is, and SQLite's own checkpoints carry on
// (the deleted rows never come back; the old images wait for the next
// truncation or are overwritten as the log is reused).
func (s *Store) truncateWAL(ctx context.Context) {
	// It waits for readers on old snapshots, and new writers wait for it:
	// bounded, so that a long read never holds the bot's writes for long.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	var busy, logged, done int
	_ = s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logged, &done)
}

// DeleteExpired applies the retention policy at now: residents who have not
// used the bot for 12 months are forgotten (as by Forget), so are the traces
// of residents who never consented (how far they got in the conversation,
// the mark that they blocked the bot) 12 months after the later of them,
// and the per-recipient rows of broadcasts
// finished more than 30 days ago are deleted (their totals stay), and so
// are the staff drafts untouched for 30 days.
// It returns the store's error, with what was deleted before it (which stays
// deleted).
func (s *Store) DeleteExpired(ctx context.Context, now time.Time) (data.Expired, error) {
	var out data.Expired
	cutoff := now.AddDate(0, -data.ResidentRetention, 0).Unix()
	for _, q := range []struct {
		query string
		n     *int
	}{
		{`SELECT resident FROM residents WHERE last_used_at < ?1 AND resident > ?2
			ORDER BY resident LIMIT 500`, &out.Residents},
		// Chats that never consented leave how far they got and, if they
		// blocked the bot, the mark; both go 12 months after the later.
		{`SELECT resident FROM (
				SELECT resident, updated_at AS at FROM step_reach
				UNION ALL SELECT resident, blocked_at FROM blocked_chats)
			WHERE resident > ?2 AND resident NOT IN (SELECT resident FROM residents)
			GROUP BY resident HAVING max(at) < ?1
			ORDER BY resident LIMIT 500`, &out.Chats},
	} {
		// The cursor makes every pass progress, whatever the deletion does:
		// every id sorts after "".
		for after := ""; ; {
			ids, err := s.residentIDs(ctx, q.query, cutoff, after)
			if err != nil {
				return out, err
			}
			if len(ids) == 0 {
				break
			}
			err = s.inTx(ctx, func(tx txn) error {
				if _, err := deleteResidents(ctx, tx, ids); err != nil {
					return err
				}
				return addCounter(ctx, tx, "expired", len(ids))
			})
			if err != nil {
				return out, fmt.Errorf("delete expired: %w", err)
			}
			*q.n += len(ids)
			after = string(ids[len(ids)-1])
		}
	}
	res, err := s.db.ExecContext(ctx, `
		DELETE FROM deliveries WHERE broadcast_id IN (
			SELECT id FROM broadcasts WHERE state != 'running' AND finished_at < ?)`,
		now.Add(-data.DeliveryRetention).Unix())
	if err != nil {
		return out, fmt.Errorf("delete old deliveries: %w", err)
	}
	n, _ := res.RowsAffected()
	out.Deliveries = int(n)
	res, err = s.db.ExecContext(ctx, `DELETE FROM staff_drafts WHERE updated_at < ?`, now.Add(-data.DraftRetention).Unix())
	if err != nil {
		return out, fmt.Errorf("delete old staff drafts: %w", err)
	}
	n, _ = res.RowsAffected()
	out.Drafts = int(n)
	return out, nil
}

// residentIDs runs a query for resident ids.
func (s *Store) residentIDs(ctx context.Context, query string, args ...any) ([]data.ResidentID, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	ids, err := scanAll(rows, err, scanResidentRow)
	if err != nil {
		return nil, fmt.Errorf("find expired: %w", err)
	}
	return ids, nil
}

// deleteResidents deletes the residents' rows from every table with a
// resident column, so a table added later is covered without touching this
// code. Deliveries not yet sent are first taken off their broadcasts'
// totals. It returns an error wrapping data.ErrResidentID for an invalid
// id, or the store's.
func deleteResidents(ctx context.Context, tx txn, ids []data.ResidentID) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	in, args, err := inList("delete residents", ids)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `
		UPDATE broadcasts SET recipients = recipients - (
			SELECT count(*) FROM deliveries d
			WHERE d.broadcast_id = broadcasts.id AND d.state IN ('pending', 'sending') AND d.resident IN `+in+`)
		WHERE id IN (SELECT broadcast_id FROM deliveries
			WHERE state IN ('pending', 'sending') AND resident IN `+in+`)`,
		append(append([]any{}, args...), args...)...); err != nil {
		return 0, fmt.Errorf("take deliveries off broadcasts: %w", err)
	}
	tables, err := residentTables(ctx, tx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, t := range tables {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(t)+` WHERE resident IN `+in, args...)
		if err != nil {
			return 0, fmt.Errorf("delete from %s: %w", t, err)
		}
		n, _ := res.RowsAffected()
		total += int(n)
	}
	return total, nil
}

// residentTables lists the tables with a resident column, dependents first
// (consents before residents) so foreign keys never stand in the way.
func residentTables(ctx context.Context, tx txn) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.name = 'resident'
		ORDER BY m.name = 'residents', m.name`)
	tables, err := scanAll(rows, err, func(rows *sql.Rows) (name string, err error) {
		err = rows.Scan(&name)
		return name, err
	})
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return tables, nil
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
