package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// outcomeState returns the delivery state a final outcome leaves, "" for
// an outcome that is not final.
func outcomeState(o data.Outcome) string {
	switch o {
	case data.Sent:
		return "sent"
	case data.Blocked:
		return "blocked"
	case data.Failed:
		return "failed"
	}
	return ""
}

// RecoverDeliveries makes the deliveries a stopped worker left in flight
// (claimed, outcome unknown) pending again, so they are sent once more: the
// only messages that can reach a resident twice. Those of broadcasts no
// longer running are cancelled. Call it before a worker starts. It returns
// how many deliveries it recovered.
// It returns the store's error; nothing is changed then.
func (s *Store) RecoverDeliveries(ctx context.Context) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx txn) error {
		res, err := tx.exec(ctx, `
			UPDATE deliveries SET state = 'pending', attempts = max(attempts - 1, 0)
			WHERE state = 'sending'
				AND broadcast_id IN (SELECT id FROM broadcasts WHERE state = 'running')`)
		if err != nil {
			return fmt.Errorf("recover deliveries: %w", err)
		}
		n, _ = res.RowsAffected()
		if _, err := tx.exec(ctx, `
			UPDATE broadcasts SET cancelled = cancelled + (
				SELECT count(*) FROM deliveries d WHERE d.broadcast_id = broadcasts.id AND d.state = 'sending')
			WHERE state != 'running'`); err != nil {
			return fmt.Errorf("recover deliveries: %w", err)
		}
		if _, err := tx.exec(ctx, `UPDATE deliveries SET state = 'cancelled' WHERE state = 'sending'`); err != nil {
			return fmt.Errorf("recover deliveries: %w", err)
		}
		return nil
	})
	return int(n), err
}

// ClaimDeliveries marks up to limit of the broadcast's pending deliveries
// that are due at now as being sent, and returns them in order. Deliveries
// to residents who blocked the bot meanwhile are recorded as blocked
// instead.
// An empty result means nothing is due (see NextDue).
// It returns the store's error; nothing is claimed then.
func (s *Store) ClaimDeliveries(ctx context.Context, broadcastID int64, now time.Time, limit int) ([]data.Delivery, error) {
	var out []data.Delivery
	err := s.inTx(ctx, func(tx txn) error {
		var kind, text string
		err := tx.queryRow(ctx, `SELECT kind, text FROM broadcasts WHERE id = ? AND state = 'running'`,
			broadcastID).Scan(&kind, &text)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("claim deliveries: %w", err)
		}
		// The residents who blocked the bot meanwhile are looked up for the
		// claimed rows only, not for every row still waiting; a claim that
		// found only those claims again.
		base := data.Delivery{BroadcastID: broadcastID, Kind: data.BroadcastKind(kind), Text: text}
		for len(out) == 0 {
			send, claimed, err := claimBatch(ctx, tx, base, now, limit)
			if err != nil || claimed == 0 {
				return err
			}
			out = send
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b data.Delivery) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}

// claimBatch claims up to limit due deliveries of base's broadcast, records
// those to residents who blocked the bot, and returns those to send, made from
// base, and how many rows it claimed.
func claimBatch(ctx context.Context, tx txn, base data.Delivery, now time.Time, limit int) ([]data.Delivery, int, error) {
	type row struct {
		data.Delivery
		blocked bool
	}
	rows, err := tx.query(ctx, `
		UPDATE deliveries SET attempts = attempts + 1,
			state = CASE WHEN `+notBlocked("resident")+` THEN 'sending' ELSE 'blocked' END
		WHERE id IN (
			SELECT id FROM deliveries
			WHERE broadcast_id = ? AND state = 'pending' AND next_at <= ?
			ORDER BY next_at, id LIMIT ?)
		RETURNING id, resident, attempts, body, state = 'blocked'`, base.BroadcastID, now.UnixMilli(), limit)
	claimed, err := scanAll(rows, err, func(rows *sql.Rows) (row, error) {
		r := row{Delivery: base}
		var (
			body     sql.NullString
			resident string
		)
		err := rows.Scan(&r.ID, &resident, &r.Attempts, &body, &r.blocked)
		r.Resident = data.ResidentID(resident)
		if body.Valid {
			r.Text = body.String
		}
		return r, err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("claim deliveries: %w", err)
	}
	var send []data.Delivery
	for _, r := range claimed {
		if !r.blocked {
			send = append(send, r.Delivery)
		}
	}
	if blocked := len(claimed) - len(send); blocked > 0 {
		if _, err := tx.exec(ctx, `UPDATE broadcasts SET blocked = blocked + ? WHERE id = ?`, blocked, base.BroadcastID); err != nil {
			return nil, 0, fmt.Errorf("skip blocked residents: %w", err)
		}
	}
	return send, len(claimed), nil
}

// NextDue returns when the broadcast's earliest pending delivery is due, and
// false when it has none pending. It returns the store's error.
func (s *Store) NextDue(ctx context.Context, broadcastID int64) (time.Time, bool, error) {
	var ms sql.NullInt64
	err := s.queryRow(ctx, `
		SELECT min(next_at) FROM deliveries WHERE broadcast_id = ? AND state = 'pending'`, broadcastID).Scan(&ms)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("next due delivery: %w", err)
	}
	if !ms.Valid {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(ms.Int64), true, nil
}

// RecordDeliveries records the outcomes of claimed deliveries in one
// transaction and adds them to their broadcasts' totals. An outcome for a
// delivery no longer in flight (its resident was forgotten meanwhile) is
// ignored; a delivery is known by its id and its broadcast's, since the id
// of a deleted row may be given to a later broadcast's. A delivery to retry
// of a broadcast cancelled meanwhile is cancelled.
// It returns an error for an unknown outcome, or the store's; nothing is
// recorded then.
func (s *Store) RecordDeliveries(ctx context.Context, results []data.DeliveryResult) error {
	if len(results) == 0 {
		return nil
	}
	const (
		final = `UPDATE deliveries SET state = ?
			WHERE id = ? AND broadcast_id = ? AND state = 'sending' RETURNING state`
		again = `UPDATE deliveries SET
				state = CASE WHEN (SELECT state FROM broadcasts WHERE id = broadcast_id) = 'running'
					THEN 'pending' ELSE 'cancelled' END,
				attempts = attempts - ?, next_at = ?
			WHERE id = ? AND broadcast_id = ? AND state = 'sending' RETURNING state`
	)
	return s.inTx(ctx, func(tx txn) error {
		totals := map[int64]*data.DeliveryCounts{}
		for _, r := range results {
			var row *sql.Row
			switch r.Outcome {
			case data.Sent, data.Blocked, data.Failed:
				row = tx.queryRow(ctx, final, outcomeState(r.Outcome), r.ID, r.BroadcastID)
			case data.Retry, data.Held:
				refund := 0 // a 429 does not count as an attempt
				if r.Outcome == data.Held {
					refund = 1
				}
				row = tx.queryRow(ctx, again, refund, r.RetryAt.UnixMilli(), r.ID, r.BroadcastID)
			default:
				return fmt.Errorf("record delivery %d: unknown outcome %d", r.ID, r.Outcome)
			}
			var state string
			if err := row.Scan(&state); errors.Is(err, sql.ErrNoRows) {
				continue
			} else if err != nil {
				return fmt.Errorf("record delivery %d: %w", r.ID, err)
			}
			t := totals[r.BroadcastID]
			if t == nil {
				t = &data.DeliveryCounts{}
				totals[r.BroadcastID] = t
			}
			switch state {
			case "sent":
				t.Sent++
			case "blocked":
				t.Blocked++
			case "failed":
				t.Failed++
			case "cancelled":
				t.Cancelled++
			}
		}
		for id, t := range totals {
			if _, err := tx.exec(ctx, `
				UPDATE broadcasts SET sent = sent + ?, blocked = blocked + ?, failed = failed + ?,
					cancelled = cancelled + ?
				WHERE id = ?`, t.Sent, t.Blocked, t.Failed, t.Cancelled, id); err != nil {
				return fmt.Errorf("count outcomes of broadcast %d: %w", id, err)
			}
		}
		return nil
	})
}

// FinishBroadcasts marks done, at now, every running broadcast whose
// deliveries all have an outcome, and returns them.
// It returns the store's error.
func (s *Store) FinishBroadcasts(ctx context.Context, now time.Time) ([]data.Broadcast, error) {
	rows, err := s.db.QueryContext(ctx, `
		UPDATE broadcasts SET state = 'done', finished_at = ?
		WHERE state = 'running' AND NOT EXISTS (
			SELECT 1 FROM deliveries d
			WHERE d.broadcast_id = broadcasts.id AND d.state IN ('pending', 'sending'))
		RETURNING `+broadcastColumns, now.Unix())
	bs, err := scanAll(rows, err, scanBroadcasts)
	if err != nil {
		return nil, fmt.Errorf("finish broadcasts: %w", err)
	}
	return bs, nil
}

// cancelResidentDeliveries cancels every delivery still waiting for the
// resident (they stopped notices).
func cancelResidentDeliveries(ctx context.Context, tx txn, id data.ResidentID) error {
	if _, err := tx.exec(ctx, `
		UPDATE broadcasts SET cancelled = cancelled + (
			SELECT count(*) FROM deliveries d
			WHERE d.broadcast_id = broadcasts.id AND d.resident = ?1 AND d.state = 'pending')
		WHERE id IN (SELECT broadcast_id FROM deliveries WHERE resident = ?1 AND state = 'pending')`,
		string(id)); err != nil {
		return fmt.Errorf("cancel deliveries: %w", err)
	}
	if _, err := tx.exec(ctx, `
		UPDATE deliveries SET state = 'cancelled' WHERE resident = ? AND state = 'pending'`, string(id)); err != nil {
		return fmt.Errorf("cancel deliveries: %w", err)
	}
	return nil
}

// notBlocked returns the SQL condition that the resident in column col has
// not blocked the bot.
func notBlocked(col string) string {
	return col + " NOT IN (SELECT resident FROM blocked_chats)"
}

// pushable is the SQL condition that the resident in column col is on a
// channel dasi may message first (data.Channel.CanPush): a KakaoTalk
// resident is never a recipient of a broadcast or an alert.
func pushable(col string) string {
	var conds []string
	for _, ch := range []data.Channel{data.Telegram, data.Kakao} {
		if ch.CanPush() {
			conds = append(conds, col+" LIKE '"+string(ch)+":%'")
		}
	}
	if len(conds) == 0 {
		return "0"
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}
