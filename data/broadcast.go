package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoBroadcast is returned for a broadcast id the store does not hold.
var ErrNoBroadcast = errors.New("no such broadcast")

// MaxBroadcastText is the longest announcement, in characters: Telegram's
// limit for one message.
const MaxBroadcastText = 4096

// Audience chooses the residents an announcement goes to: always only those
// whose notices consent stands and who have not blocked the bot, narrowed by
// any filter that is set. The zero Audience is everyone who opted in.
type Audience struct {
	District District // residents of this district
	Goal     Goal     // residents who chose this goal
	Age      AgeBand  // residents in this age band
}

// All reports whether the audience is everyone who opted in.
func (a Audience) All() bool { return a == Audience{} }

// where returns the SQL condition on residents r, with its arguments.
func (a Audience) where() (string, []any) {
	conds := []string{"r.notices = 1", notBlocked("r.chat_id")}
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

// BroadcastKind says what a broadcast carries.
type BroadcastKind string

// The kinds of broadcast.
const (
	// BroadcastStaff is an announcement a staff member wrote, one text for
	// every recipient.
	BroadcastStaff BroadcastKind = "staff"
	// BroadcastAlert carries personal alert digests, one text per recipient.
	BroadcastAlert BroadcastKind = "alert"
)

// BroadcastState says where a broadcast is.
type BroadcastState string

// The states of a broadcast.
const (
	BroadcastRunning   BroadcastState = "running"   // deliveries are being sent
	BroadcastDone      BroadcastState = "done"      // every delivery has its outcome
	BroadcastCancelled BroadcastState = "cancelled" // stopped by staff; unsent deliveries dropped
)

// DeliveryCounts are a broadcast's totals. They outlive the per-recipient
// rows, which are deleted 30 days after the broadcast finished.
type DeliveryCounts struct {
	Recipients int // residents it was meant for (less any forgotten before it reached them)
	Sent       int
	Blocked    int // the resident had blocked the bot (or the chat is gone)
	Failed     int // Telegram kept failing; given up after several tries
	Cancelled  int // not sent because the broadcast was cancelled or the resident stopped notices
}

// Pending returns how many deliveries have no outcome yet.
func (c DeliveryCounts) Pending() int {
	return c.Recipients - c.Sent - c.Blocked - c.Failed - c.Cancelled
}

// Broadcast is one announcement or batch of alert digests and its progress.
type Broadcast struct {
	ID       int64
	Kind     BroadcastKind
	Text     string // the announcement; empty for alert digests
	Audience Audience
	// StaffID is the staff member who sent it; StaffChat the chat where
	// ProgressMessage (0 until sent) shows its progress. All zero for alerts.
	StaffID, StaffChat int64
	ProgressMessage    int
	State              BroadcastState
	Counts             DeliveryCounts
	CreatedAt          time.Time
	FinishedAt         time.Time // zero while running
}

// NewBroadcast is what a staff member confirmed.
type NewBroadcast struct {
	Text      string
	Audience  Audience
	StaffID   int64
	StaffChat int64
}

// CountAudience returns how many residents the audience holds now.
// It returns the store's error.
func (s *Store) CountAudience(ctx context.Context, a Audience) (int, error) {
	where, args := a.where()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM residents r WHERE `+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count audience: %w", err)
	}
	return n, nil
}

// CreateBroadcast stores the announcement and one pending delivery for each
// resident in its audience at now (the audience is fixed at this moment),
// and deletes the staff chat's draft (SaveStaffDraft) in the same
// transaction. A broadcast with no recipient is done at once. It returns
// an error for an empty or over-long text.
func (s *Store) CreateBroadcast(ctx context.Context, nb NewBroadcast, now time.Time) (Broadcast, error) {
	if strings.TrimSpace(nb.Text) == "" {
		return Broadcast{}, errors.New("create broadcast: the text is empty")
	}
	if n := len([]rune(nb.Text)); n > MaxBroadcastText {
		return Broadcast{}, fmt.Errorf("create broadcast: the text has %d characters, more than %d", n, MaxBroadcastText)
	}
	var id int64
	err := s.inTx(ctx, func(tx txn) error {
		a := nb.Audience
		err := tx.QueryRowContext(ctx, `
			INSERT INTO broadcasts (kind, text, aud_district, aud_goal, aud_age, staff_id, staff_chat,
				state, recipients, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'running', 0, ?) RETURNING id`,
			string(BroadcastStaff), nb.Text, a.District.Info().Code, a.Goal.ID(), a.Age.ID(),
			nb.StaffID, nb.StaffChat, now.Unix()).Scan(&id)
		if err != nil {
			return fmt.Errorf("create broadcast: %w", err)
		}
		where, args := a.where()
		res, err := tx.ExecContext(ctx, `
			INSERT INTO deliveries (broadcast_id, chat_id)
			SELECT ?, r.chat_id FROM residents r WHERE `+where+` ORDER BY r.chat_id`,
			append([]any{id}, args...)...)
		if err != nil {
			return fmt.Errorf("create deliveries: %w", err)
		}
		n, _ := res.RowsAffected()
		// The draft it was written in is spent: a restart cannot offer to
		// send it again.
		if _, err := tx.ExecContext(ctx, `DELETE FROM staff_drafts WHERE chat_id = ?`, nb.StaffChat); err != nil {
			return fmt.Errorf("delete staff draft: %w", err)
		}
		return setRecipients(ctx, tx, id, int(n), now)
	})
	if err != nil {
		return Broadcast{}, err
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

// SetProgressMessage records the message in the staff chat that shows the
// broadcast's progress.
// It returns ErrNoBroadcast for an unknown id, or the store's error.
func (s *Store) SetProgressMessage(ctx context.Context, id int64, messageID int) error {
	res, err := s.db.ExecContext(ctx, `UPDATE broadcasts SET progress_msg = ? WHERE id = ?`, messageID, id)
	if err != nil {
		return fmt.Errorf("set progress message: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNoBroadcast
	}
	return nil
}

// CancelBroadcast stops a running broadcast at now: deliveries not yet
// claimed by the worker are cancelled; the few in flight finish. It returns
// the broadcast as it stands, and ErrNoBroadcast for an unknown id.
// Cancelling a finished broadcast changes nothing.
func (s *Store) CancelBroadcast(ctx context.Context, id int64, now time.Time) (Broadcast, error) {
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
		return Broadcast{}, err
	}
	return s.Broadcast(ctx, id)
}

const broadcastColumns = `id, kind, text, aud_district, aud_goal, aud_age, staff_id, staff_chat,
	progress_msg, state, recipients, sent, blocked, failed, cancelled, created_at, finished_at`

// Broadcast returns the broadcast with the given id, or ErrNoBroadcast.
func (s *Store) Broadcast(ctx context.Context, id int64) (Broadcast, error) {
	b, err := scanBroadcast(s.queryRow(ctx, `SELECT `+broadcastColumns+` FROM broadcasts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Broadcast{}, ErrNoBroadcast
	}
	if err != nil {
		return Broadcast{}, fmt.Errorf("read broadcast %d: %w", id, err)
	}
	return b, nil
}

// Broadcasts returns the most recent broadcasts of the given kind, newest
// first, at most limit of them. It returns the store's error.
func (s *Store) Broadcasts(ctx context.Context, kind BroadcastKind, limit int) ([]Broadcast, error) {
	return s.queryBroadcasts(ctx, `SELECT `+broadcastColumns+` FROM broadcasts
		WHERE kind = ? ORDER BY id DESC LIMIT ?`, string(kind), limit)
}

// RunningBroadcasts returns every running broadcast, oldest first.
// It returns the store's error.
func (s *Store) RunningBroadcasts(ctx context.Context) ([]Broadcast, error) {
	return s.queryBroadcasts(ctx, `SELECT `+broadcastColumns+` FROM broadcasts
		WHERE state = 'running' ORDER BY id`)
}

func (s *Store) queryBroadcasts(ctx context.Context, query string, args ...any) ([]Broadcast, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	bs, err := scanAll(rows, err, scanBroadcasts)
	if err != nil {
		return nil, fmt.Errorf("read broadcasts: %w", err)
	}
	return bs, nil
}

func scanBroadcasts(rows *sql.Rows) (Broadcast, error) { return scanBroadcast(rows) }

func scanBroadcast(row interface{ Scan(...any) error }) (Broadcast, error) {
	var (
		b                   Broadcast
		kind, state         string
		district, goal, age string
		created, finished   int64
	)
	err := row.Scan(&b.ID, &kind, &b.Text, &district, &goal, &age, &b.StaffID, &b.StaffChat,
		&b.ProgressMessage, &state, &b.Counts.Recipients, &b.Counts.Sent, &b.Counts.Blocked,
		&b.Counts.Failed, &b.Counts.Cancelled, &created, &finished)
	if err != nil {
		return Broadcast{}, err
	}
	b.Kind, b.State = BroadcastKind(kind), BroadcastState(state)
	if district != "" {
		b.Audience.District = DistrictByName(district)
	}
	b.Audience.Goal = GoalByName(goal)
	b.Audience.Age = AgeBandByID(age)
	b.CreatedAt = time.Unix(created, 0)
	if finished != 0 {
		b.FinishedAt = time.Unix(finished, 0)
	}
	return b, nil
}
