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

// SaveProfile stores the resident's profile (only its bands, ids and
// district; never a location) and, with done, marks the intake completed.
// It returns ErrNoConsent when the resident has no standing required
// consent: nothing is stored before it; an error wrapping
// data.ErrResidentID for an invalid id; or the store's.
func (s *Store) SaveProfile(ctx context.Context, id data.ResidentID, p data.Profile, done bool, now time.Time) error {
	if err := checkResident("save profile", id); err != nil {
		return err
	}
	cols := profileColumnsOf(p)
	return s.inTx(ctx, func(tx txn) error {
		if done {
			// Counted when the resident first completes the intake, before
			// the row says it is complete.
			if _, err := tx.exec(ctx, `
				INSERT INTO counters (name, value)
				SELECT 'intakes_completed', 1 FROM residents WHERE resident = ? AND profile = 1 AND intake_done = 0
				ON CONFLICT (name) DO UPDATE SET value = value + 1`, string(id)); err != nil {
				return fmt.Errorf("count intakes: %w", err)
			}
		}
		res, err := tx.exec(ctx, `
			UPDATE residents SET age_band = ?, field = ?, years_band = ?, goals = ?, district = ?,
				intake_done = intake_done OR ?, updated_at = ?
			WHERE resident = ? AND profile = 1`,
			cols.age, cols.field, cols.years, cols.goals, cols.district, done, now.Unix(), string(id))
		if err != nil {
			return fmt.Errorf("save profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return data.ErrNoConsent // and the count is rolled back
		}
		return nil
	})
}

// Resident returns what the store keeps about the resident. It returns
// ErrNoResident when that is nothing, an error wrapping data.ErrResidentID
// for an invalid id, or the store's.
func (s *Store) Resident(ctx context.Context, id data.ResidentID) (data.Resident, error) {
	if err := checkResident("read resident", id); err != nil {
		return data.Resident{}, err
	}
	var (
		r     data.Resident
		cols  profileColumns
		times [3]int64
	)
	err := s.queryRow(ctx, `
		SELECT age_band, field, years_band, goals, district, profile, intake_done, notices,
			created_at, updated_at, last_used_at
		FROM residents WHERE resident = ?`, string(id)).Scan(
		&cols.age, &cols.field, &cols.years, &cols.goals, &cols.district,
		&r.ProfileConsent, &r.IntakeDone, &r.Notices, &times[0], &times[1], &times[2])
	if errors.Is(err, sql.ErrNoRows) {
		return data.Resident{}, data.ErrNoResident
	}
	if err != nil {
		return data.Resident{}, fmt.Errorf("read resident: %w", err)
	}
	r.ID = id
	r.Profile = cols.profile()
	r.CreatedAt, r.UpdatedAt, r.LastUsedAt = time.Unix(times[0], 0), time.Unix(times[1], 0), time.Unix(times[2], 0)
	return r, nil
}

// Touch records that the residents used the bot at now, which restarts
// their retention period, in one statement per 500 of them. Residents the
// store keeps nothing about are left alone. It returns an error wrapping
// data.ErrResidentID for an invalid id (nothing is touched then), or the
// store's.
func (s *Store) Touch(ctx context.Context, now time.Time, ids ...data.ResidentID) error {
	for _, id := range ids {
		if err := checkResident("touch residents", id); err != nil {
			return err
		}
	}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		in, args, _ := inList("touch residents", ids[:n]) // checked above
		ids = ids[n:]
		if _, err := s.db.ExecContext(ctx, `UPDATE residents SET last_used_at = ? WHERE resident IN `+in,
			append([]any{now.Unix()}, args...)...); err != nil {
			return fmt.Errorf("touch residents: %w", err)
		}
	}
	return nil
}

// profileColumns is a Profile as stored: stable ids, never the enum values.
type profileColumns struct {
	age, field, years, goals, district string
}

func profileColumnsOf(p data.Profile) profileColumns {
	c := profileColumns{
		age:      p.Age.ID(),
		field:    p.Field.ID(),
		years:    p.Years.ID(),
		district: p.District.Info().Code,
	}
	if gs := p.Goals.List(); len(gs) > 0 {
		var b strings.Builder
		for _, g := range gs {
			b.WriteString(",")
			b.WriteString(g.ID())
		}
		b.WriteString(",")
		c.goals = b.String()
	}
	return c
}

// profile decodes stored columns; ids it does not know are left unknown.
func (c profileColumns) profile() data.Profile {
	p := data.Profile{
		Age:   data.AgeBandByID(c.age),
		Field: data.FieldByName(c.field),
		Years: data.YearsBandByID(c.years),
	}
	if c.district != "" {
		p.District = data.DistrictByName(c.district)
	}
	for _, id := range strings.Split(c.goals, ",") {
		if id != "" {
			p.Goals = p.Goals.With(data.GoalByName(id))
		}
	}
	return p
}

// addCounter adds n to the named anonymous total.
func addCounter(ctx context.Context, tx txn, name string, n int) error {
	if n == 0 {
		return nil
	}
	_, err := tx.exec(ctx, `
		INSERT INTO counters (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = value + excluded.value`, name, n)
	if err != nil {
		return fmt.Errorf("count %s: %w", name, err)
	}
	return nil
}
