package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// RecordSteps records, for each resident, that they reached the given
// conversation step (steps are numbered in conversation order by package
// dialogs), in one transaction. Each resident counts once per step:
// reaching a step again, or a lower one, changes nothing. A resident who
// jumps ahead (one typed answer filling two steps) reaches every step
// between. It returns an error for a negative step, one wrapping
// data.ErrResidentID for an invalid id, or the store's; nothing is
// recorded then.
func (s *Store) RecordSteps(ctx context.Context, reached map[data.ResidentID]int, now time.Time) error {
	if len(reached) == 0 {
		return nil
	}
	for id, step := range reached {
		if err := checkResident("record steps", id); err != nil {
			return err
		}
		if step < 0 {
			return fmt.Errorf("record steps: negative step %d", step)
		}
	}
	return s.inTx(ctx, func(tx txn) error {
		read, err := tx.prepare(ctx, `SELECT furthest FROM step_reach WHERE resident = ?`)
		if err != nil {
			return fmt.Errorf("record steps: %w", err)
		}
		write, err := tx.prepare(ctx, `
			INSERT INTO step_reach (resident, furthest, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (resident) DO UPDATE SET furthest = excluded.furthest, updated_at = excluded.updated_at`)
		if err != nil {
			return fmt.Errorf("record steps: %w", err)
		}
		totals := map[int]int{}
		for id, step := range reached {
			furthest := -1
			if err := read.QueryRowContext(ctx, string(id)).Scan(&furthest); err != nil && err != sql.ErrNoRows {
				return fmt.Errorf("record steps: %w", err)
			}
			if step <= furthest {
				continue
			}
			if _, err := write.ExecContext(ctx, string(id), step, now.Unix()); err != nil {
				return fmt.Errorf("record steps: %w", err)
			}
			for st := furthest + 1; st <= step; st++ {
				totals[st]++
			}
		}
		for st, n := range totals {
			if _, err := tx.exec(ctx, `
				INSERT INTO step_totals (step, chats) VALUES (?, ?)
				ON CONFLICT (step) DO UPDATE SET chats = chats + excluded.chats`, st, n); err != nil {
				return fmt.Errorf("record steps: %w", err)
			}
		}
		return nil
	})
}

// RecordStep records that the resident reached conversation step (see
// RecordSteps). It returns an error for a negative step, one wrapping
// data.ErrResidentID for an invalid id, or the store's.
func (s *Store) RecordStep(ctx context.Context, id data.ResidentID, step int, now time.Time) error {
	return s.RecordSteps(ctx, map[data.ResidentID]int{id: step}, now)
}

// Stats returns the figures for /stats. It returns the store's error.
func (s *Store) Stats(ctx context.Context) (data.Stats, error) {
	var st data.Stats
	err := s.db.QueryRowContext(ctx, `
		SELECT count(*), coalesce(sum(profile), 0), coalesce(sum(intake_done), 0), coalesce(sum(notices), 0),
			coalesce(sum(resident IN (SELECT resident FROM blocked_chats)), 0),
			coalesce(sum(resident LIKE '`+string(data.Kakao)+`:%'), 0)
		FROM residents`).Scan(&st.Residents, &st.Profiles, &st.Intakes, &st.Notices, &st.Blocked, &st.Kakao)
	if err != nil {
		return data.Stats{}, fmt.Errorf("stats: %w", err)
	}
	totals := map[string]*int{
		"consents_" + string(data.ConsentProfile): &st.ConsentsGiven,
		"consents_refused":                        &st.ConsentsRefused,
		"consents_" + string(data.ConsentNotices): &st.NoticesGiven,
		"intakes_completed":                       &st.IntakesCompleted,
		"forgotten":                               &st.Forgotten,
		"expired":                                 &st.Expired,
	}
	type counter struct {
		name  string
		value int
	}
	rows, err := s.db.QueryContext(ctx, `SELECT name, value FROM counters`)
	counters, err := scanAll(rows, err, func(rows *sql.Rows) (c counter, err error) {
		err = rows.Scan(&c.name, &c.value)
		return c, err
	})
	if err != nil {
		return data.Stats{}, fmt.Errorf("stats: %w", err)
	}
	for _, c := range counters {
		if p := totals[c.name]; p != nil {
			*p = c.value
		}
	}
	rows, err = s.db.QueryContext(ctx, `SELECT step, chats FROM step_totals ORDER BY step`)
	st.Reach, err = scanAll(rows, err, func(rows *sql.Rows) (r data.StepReach, err error) {
		err = rows.Scan(&r.Step, &r.Chats)
		return r, err
	})
	if err != nil {
		return data.Stats{}, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
