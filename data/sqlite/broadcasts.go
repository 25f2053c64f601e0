package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// audienceWhere returns the SQL condition on residents r that selects a,
// with its arguments.
func audienceWhere(a data.Audience) (string, []any) {
	where, args := filterWhere(a)
	return "r.notices = 1 AND " + notBlocked("r.resident") + " AND " + pushable("r.resident") + " AND " + where, args
}

// filterWhere returns the SQL condition on residents r of a's filters
// alone (district, goal, age), with its arguments.
func filterWhere(a data.Audience) (string, []any) {
	conds := []string{"1"}
	var args []any
	if a.District != 0 {
		conds = append(conds, "r.profile = 1", "r.district = ?")
		args = append(args, a.District.Info().Code)
	}
	if a.Goal != 0 {
		conds = append(conds, "r.profile = 1", "r.goals LIKE ?")
		args = append(args, "%,"+a.Goal.ID()+",%")
	}
	if a.Age != 0 {
		conds = append(conds, "r.profile = 1", "r.age_band = ?")
		args = append(args, a.Age.ID())
	}
	return strings.Join(conds, " AND "), args
}

// CountAudience returns how many residents the audience holds now.
// It returns the store's error.
func (s *Store) CountAudience(ctx context.Context, a data.Audience) (int, error) {
	where, args := audienceWhere(a)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM residents r WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audience: %w", err)
	}
	return n, nil
}

// CountUnreachable returns how many residents match the audience's
// filters on a channel dasi cannot message first (KakaoTalk): they are
// never recipients, and the preview says how many they are. It returns
// the store's error.
func (s *Store) CountUnreachable(ctx context.Context, a data.Audience) (int, error) {
	where, args := filterWhere(a)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM residents r WHERE r.profile = 1 AND NOT `+pushable("r.resident")+` AND `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count unreachable audience: %w", err)
	}
	return n, nil
}

// CreateBroadcast stores the announcement and one pending delivery for each
// resident in its audience at now (the audience is fixed at this moment),
// in resident id order, and deletes the staff member's draft
// (SaveStaffDraft) in the same transaction. A broadcast with no recipient
// is done at once. It returns an error for an empty or over-long text, one
// wrapping data.ErrResidentID when nb.Staff is not a valid id, or the
// store's.
func (s *Store) CreateBroadcast(ctx context.Context, nb data.NewBroadcast, now time.Time) (data.Broadcast, error) {
	if err := checkResident("create broadcast: staff", nb.Staff); err != nil {
		return data.Broadcast{}, err
	}
	if strings.TrimSpace(nb.Text) == "" {
		return data.Broadcast{}, errors.New("create broadcast: the text is empty")
	}
	if n := len([]rune(nb.Text)); n > data.MaxBroadcastText {
		return data.Broadcast{}, fmt.Errorf("create broadcast: the text has %d characters, more than %d", n, data.MaxBroadcastText)
	}
	var id int64
	err := s.inTx(ctx, func(tx txn) error {
		a := nb.Audience
		err := tx.QueryRowContext(ctx, `
			INSERT INTO broadcasts (kind, text, aud_district, aud_goal, aud_age, staff,
				state, recipients, created_at)
			VALUES (?, ?, ?, ?, ?, ?, 'running', 0, ?) RETURNING id`,
			string(data.BroadcastStaff), nb.Text, a.District.Info().Code, a.Goal.ID(), a.Age.ID(),
			string(nb.Staff), now.Unix()).Scan(&id)
		if err != nil {
			return fmt.Errorf("create broadcast: %w", err)
		}
		where, args := audienceWhere(a)
		res, err := tx.ExecContext(ctx, `
			INSERT INTO deliveries (broadcast_id, resident)
			SELECT ?, r.resident FROM residents r WHERE `+where+` ORDER BY r.resident`,
			append([]any{id}, args...)...)
		if err != nil {
			return fmt.Errorf("create deliveries: %w", err)
		}
		n, _ := res.RowsAffected()
		// The draft it was written in is spent: a restart cannot offer to
		// send it again.
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_drafts WHERE resident = ?`, string(nb.Staff)); err != nil {
			return fmt.Errorf("delete staff draft: %w", err)
		}
		return setRecipients(ctx, tx, id, int(n), now)
	})
	if err != nil {
		return data.Broadcast{}, err
	}
	return s.Broadcast(ctx, id)
}

// setRecipients records how many deliveries a new broadcast has; one with
// none is done at once.
func setRecipients(ctx context.Context, tx txn, id int64, n int, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE broadcasts SET recipients = ?,
			state = CASE WHEN ? = 0 THEN 'done' ELSE state END,
			finished_at = CASE WHEN ? = 0 THEN ? ELSE finished_at END
		WHERE id = ?`, n, n, n, now.Unix(), id)
	if err != nil {
		return fmt.Errorf("count recipients: %w", err)
	}
	return nil
}

// SetProgressMessage records the message in the staff member's chat
// (Broadcast.Staff) that shows the broadcast's progress.
// It returns ErrNoBroadcast for an unknown id, or the store's error.
func (s *Store) SetProgressMessage(ctx context.Context, id int64, messageID int) error {
	res, err := s.db.ExecContext(ctx, `UPDATE broadcasts SET progress_msg = ? WHERE id = ?`, messageID, id)
	if err != nil {
		return fmt.Errorf("set progress message: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return data.ErrNoBroadcast
	}
	return nil
}

// CancelBroadcast stops a running broadcast at now: deliveries not yet
// claimed by the worker are cancelled; the few in flight finish. It returns
// the broadcast as it stands, and ErrNoBroadcast for an unknown id.
// Cancelling a finished broadcast changes nothing.
func (s *Store) CancelBroadcast(ctx context.Context, id int64, now time.Time) (data.Broadcast, error) {
	err := s.inTx(ctx, func(tx txn) error {
		res, err := tx.ExecContext(ctx, `
			UPDATE broadcasts SET state = 'cancelled', finished_at = ? WHERE id = ? AND state = 'running'`,
			now.Unix(), id)
		if err != nil {
			return fmt.Errorf("cancel broadcast: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		res, err = tx.ExecContext(ctx, `
			UPDATE deliveries SET state = 'cancelled' WHERE broadcast_id = ? AND state = 'pending'`, id)
		if err != nil {
			return fmt.Errorf("cancel deliveries: %w", err)
		}
		n, _ := res.RowsAffected()
		_, err = tx.ExecContext(ctx, `UPDATE broadcasts SET cancelled = cancelled + ? WHERE id = ?`, n, id)
		if err != nil {
			return fmt.Errorf("count cancelled: %w", err)
		}
		return nil
	})
	if err != nil {
		return data.Broadcast{}, err
	}
	return s.Broadcast(ctx, id)
}

const broadcastColumns = `id, kind, text, aud_district, aud_goal, aud_age, staff,
	progress_msg, state, recipients, sent, blocked, failed, cancelled, created_at, finished_at`

// Broadcast returns the broadcast with the given id, or ErrNoBroadcast.
func (s *Store) Broadcast(ctx context.Context, id int64) (data.Broadcast, error) {
	b, err := scanBroadcast(s.queryRow(ctx, `SELECT `+broadcastColumns+` FROM broadcasts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Broadcast{}, data.ErrNoBroadcast
	}
	if err != nil {
		return data.Broadcast{}, fmt.Errorf("read broadcast %d: %w", id, err)
	}
	return b, nil
}

// Broadcasts returns the most recent broadcasts of the given kind, newest
// first, at most limit of them. It returns the store's error.
func (s *Store) Broadcasts(ctx context.Context, kind data.BroadcastKind, limit int) ([]data.Broadcast, error) {
	return s.queryBroadcasts(ctx, `SELECT `+broadcastColumns+` FROM broadcasts
		WHERE kind = ? ORDER BY id DESC LIMIT ?`, string(kind), limit)
}

// RunningBroadcasts returns every running broadcast, oldest first.
// It returns the store's error.
func (s *Store) RunningBroadcasts(ctx context.Context) ([]data.Broadcast, error) {
	return s.queryBroadcasts(ctx, `SELECT `+broadcastColumns+` FROM broadcasts
		WHERE state = 'running' ORDER BY id`)
}

func (s *Store) queryBroadcasts(ctx context.Context, query string, args ...any) ([]data.Broadcast, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	bs, err := scanAll(rows, err, scanBroadcasts)
	if err != nil {
		return nil, fmt.Errorf("read broadcasts: %w", err)
	}
	return bs, nil
}

func scanBroadcasts(rows *sql.Rows) (data.Broadcast, error) { return scanBroadcast(rows) }

func scanBroadcast(row interface{ Scan(...any) error }) (data.Broadcast, error) {
	var (
		b                   data.Broadcast
		kind, state         string
		district, goal, age string
		staff               string
		created, finished   int64
	)
	err := row.Scan(&b.ID, &kind, &b.Text, &district, &goal, &age, &staff,
		&b.ProgressMessage, &state, &b.Counts.Recipients, &b.Counts.Sent, &b.Counts.Blocked,
		&b.Counts.Failed, &b.Counts.Cancelled, &created, &finished)
	if err != nil {
		return data.Broadcast{}, err
	}
	b.Kind, b.State = data.BroadcastKind(kind), data.BroadcastState(state)
	b.Staff = data.ResidentID(staff)
	if district != "" {
		b.Audience.District = data.DistrictByName(district)
	}
	b.Audience.Goal = data.GoalByName(goal)
	b.Audience.Age = data.AgeBandByID(age)
	b.CreatedAt = time.Unix(created, 0)
	if finished != 0 {
		b.FinishedAt = time.Unix(finished, 0)
	}
	return b, nil
}
