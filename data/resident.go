package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrNoResident is returned for a chat the store keeps nothing about.
var ErrNoResident = errors.New("no stored resident for this chat")

// ErrNoConsent is returned when a profile would be stored for a chat that
// has not given (or has withdrawn) the required consent.
var ErrNoConsent = errors.New("the required consent was not given")

// Resident is what the store keeps about one resident: only what they
// consented to give, as bands and fixed ids.
type Resident struct {
	ChatID int64
	// Profile is the stored minimum; Profile.At is always zero, since a
	// shared location is kept only as the district it falls in.
	Profile Profile
	// ProfileConsent reports whether the required consent stands.
	ProfileConsent bool
	// IntakeDone reports whether the resident confirmed a summary.
	IntakeDone bool
	// Notices reports whether the optional notices consent stands.
	Notices bool
	// CreatedAt is when the first consent was given; LastUsedAt is the last
	// time the resident used the bot, as the channel records it (Touch):
	// the writes a resident's answers cause leave it alone, so that they
	// touch as few pages as they can.
	CreatedAt, UpdatedAt, LastUsedAt time.Time
}

// RecordConsentText records the exact wording of a consent under its kind
// and version, once: recording it again changes nothing. It returns an
// error when c is incomplete, or when c.Version was recorded earlier with a
// different text (a changed wording needs a new version).
func (s *Store) RecordConsentText(ctx context.Context, c ConsentText, now time.Time) error {
	if err := c.validate(); err != nil {
		return err
	}
	var text string
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO consent_texts (kind, version, text, first_given_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, version) DO UPDATE SET kind = kind
		RETURNING text`, string(c.Kind), c.Version, c.Text, now.Unix()).Scan(&text)
	if err != nil {
		return fmt.Errorf("record consent text %s %s: %w", c.Kind, c.Version, err)
	}
	if text != c.Text {
		return fmt.Errorf("consent text %s version %s differs from the text recorded for that version: give the new text a new version", c.Kind, c.Version)
	}
	return nil
}

// GiveConsent records that the chat agreed, at now, to the consent of the
// given kind in the given version, whose text RecordConsentText recorded,
// and creates the resident's row when it is the chat's first consent (its
// last use is then now; later uses are the channel's to record, with
// Touch). Giving the same version again changes nothing; a new version replaces
// the one given before. It returns an error for an unknown kind or a
// version whose text was not recorded.
func (s *Store) GiveConsent(ctx context.Context, chatID int64, kind ConsentKind, version string, now time.Time) error {
	if !kind.valid() {
		return fmt.Errorf("give consent: unknown kind %q", kind)
	}
	// The resident's row, with the consent's flag; nothing changes when a
	// consent of this kind stands already (of this version or another).
	mark := `
		INSERT INTO residents (chat_id, profile, created_at, updated_at, last_used_at) VALUES (?1, 1, ?2, ?2, ?2)
		ON CONFLICT (chat_id) DO UPDATE SET profile = 1, updated_at = ?2 WHERE profile = 0`
	if kind == ConsentNotices {
		// Alerts start from the items that appear after the opt-in.
		mark = `
			INSERT INTO residents (chat_id, notices, alert_seq, created_at, updated_at, last_used_at)
			VALUES (?1, 1, (SELECT coalesce(max(seq), 0) FROM alert_items), ?2, ?2, ?2)
			ON CONFLICT (chat_id) DO UPDATE SET notices = 1, alert_seq = excluded.alert_seq, updated_at = ?2
			WHERE notices = 0`
	}
	return s.inTx(ctx, func(tx txn) error {
		res, err := tx.exec(ctx, mark, chatID, now.Unix())
		if err != nil {
			return fmt.Errorf("mark consent: %w", err)
		}
		marked, _ := res.RowsAffected()
		res, err = tx.exec(ctx, `
			INSERT INTO consents (chat_id, kind, version, given_at)
			SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (
				SELECT 1 FROM consents WHERE chat_id = ?1 AND kind = ?2 AND version = ?3 AND withdrawn_at = 0)`,
			chatID, string(kind), version, now.Unix())
		if err != nil {
			// Also a version whose text was never recorded (a foreign key).
			return fmt.Errorf("record consent %s %s: %w", kind, version, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // given before and standing
		}
		if marked == 0 {
			// Another version stands: this one replaces it.
			if _, err := tx.exec(ctx, `
				UPDATE consents SET withdrawn_at = ?
				WHERE chat_id = ? AND kind = ? AND withdrawn_at = 0 AND version != ?`,
				now.Unix(), chatID, string(kind), version); err != nil {
				return fmt.Errorf("replace older consent: %w", err)
			}
		}
		return addCounter(ctx, tx, "consents_"+string(kind), 1)
	})
}

// WithdrawConsent withdraws the chat's consent of the given kind at now and
// reports whether one stood. Withdrawing the notices consent (/stop) also
// cancels every announcement not yet sent to the chat; withdrawing the
// required consent clears the stored profile. The consent history stays
// until the resident is forgotten or expires.
// It returns an error for an unknown kind, or the store's.
func (s *Store) WithdrawConsent(ctx context.Context, chatID int64, kind ConsentKind, now time.Time) (bool, error) {
	if !kind.valid() {
		return false, fmt.Errorf("withdraw consent: unknown kind %q", kind)
	}
	var stood bool
	err := s.inTx(ctx, func(tx txn) error {
		var err error
		stood, err = withdraw(ctx, tx, chatID, kind, now)
		return err
	})
	return stood, err
}

// RefuseConsent records that the chat refused the required consent at now:
// one more anonymous refusal is counted (nothing says who refused), and a
// consent the chat gave before is withdrawn, its profile cleared, as by
// WithdrawConsent. It returns the store's error.
func (s *Store) RefuseConsent(ctx context.Context, chatID int64, now time.Time) error {
	return s.inTx(ctx, func(tx txn) error {
		if _, err := withdraw(ctx, tx, chatID, ConsentProfile, now); err != nil {
			return err
		}
		return addCounter(ctx, tx, "consents_refused", 1)
	})
}

// withdraw is WithdrawConsent within tx. A chat with nothing to withdraw
// costs reads only.
func withdraw(ctx context.Context, tx txn, chatID int64, kind ConsentKind, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `
		UPDATE consents SET withdrawn_at = ? WHERE chat_id = ? AND kind = ? AND withdrawn_at = 0`,
		now.Unix(), chatID, string(kind))
	if err != nil {
		return false, fmt.Errorf("withdraw consent: %w", err)
	}
	n, _ := res.RowsAffected()
	switch kind {
	case ConsentNotices:
		if _, err := tx.exec(ctx, `
			UPDATE residents SET notices = 0, updated_at = ? WHERE chat_id = ? AND notices = 1`,
			now.Unix(), chatID); err != nil {
			return false, fmt.Errorf("stop notices: %w", err)
		}
		if err := cancelChatDeliveries(ctx, tx, chatID); err != nil {
			return false, err
		}
	case ConsentProfile:
		// A profile is stored only while the consent stands: without it the
		// columns are empty already.
		if _, err := tx.exec(ctx, `
			UPDATE residents SET profile = 0, intake_done = 0, updated_at = ?,
				age_band = '', field = '', years_band = '', goals = '', district = ''
			WHERE chat_id = ? AND profile = 1`, now.Unix(), chatID); err != nil {
			return false, fmt.Errorf("clear profile: %w", err)
		}
	}
	return n > 0, nil
}

// SaveProfile stores the chat's profile (only its bands, ids and district;
// never a location) and, with done, marks the intake completed. It returns
// ErrNoConsent when the chat has no standing required consent: nothing is
// stored before it.
func (s *Store) SaveProfile(ctx context.Context, chatID int64, p Profile, done bool, now time.Time) error {
	cols := profileColumnsOf(p)
	return s.inTx(ctx, func(tx txn) error {
		if done {
			// Counted when the resident first completes the intake, before
			// the row says it is complete.
			if _, err := tx.exec(ctx, `
				INSERT INTO counters (name, value)
				SELECT 'intakes_completed', 1 FROM residents WHERE chat_id = ? AND profile = 1 AND intake_done = 0
				ON CONFLICT (name) DO UPDATE SET value = value + 1`, chatID); err != nil {
				return fmt.Errorf("count intakes: %w", err)
			}
		}
		res, err := tx.exec(ctx, `
			UPDATE residents SET age_band = ?, field = ?, years_band = ?, goals = ?, district = ?,
				intake_done = intake_done OR ?, updated_at = ?
			WHERE chat_id = ? AND profile = 1`,
			cols.age, cols.field, cols.years, cols.goals, cols.district, done, now.Unix(), chatID)
		if err != nil {
			return fmt.Errorf("save profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNoConsent // and the count is rolled back
		}
		return nil
	})
}

// Resident returns what the store keeps about the chat, or ErrNoResident.
func (s *Store) Resident(ctx context.Context, chatID int64) (Resident, error) {
	var (
		r     Resident
		cols  profileColumns
		times [3]int64
	)
	err := s.queryRow(ctx, `
		SELECT age_band, field, years_band, goals, district, profile, intake_done, notices,
			created_at, updated_at, last_used_at
		FROM residents WHERE chat_id = ?`, chatID).Scan(
		&cols.age, &cols.field, &cols.years, &cols.goals, &cols.district,
		&r.ProfileConsent, &r.IntakeDone, &r.Notices, &times[0], &times[1], &times[2])
	if errors.Is(err, sql.ErrNoRows) {
		return Resident{}, ErrNoResident
	}
	if err != nil {
		return Resident{}, fmt.Errorf("read resident: %w", err)
	}
	r.ChatID = chatID
	r.Profile = cols.profile()
	r.CreatedAt, r.UpdatedAt, r.LastUsedAt = time.Unix(times[0], 0), time.Unix(times[1], 0), time.Unix(times[2], 0)
	return r, nil
}

// Touch records that the chats used the bot at now, which restarts their
// retention period, in one statement. Chats the store keeps nothing about
// are left alone. It returns the store's error.
func (s *Store) Touch(ctx context.Context, now time.Time, chatIDs ...int64) error {
	for len(chatIDs) > 0 {
		n := min(len(chatIDs), 500)
		in, args := inList(chatIDs[:n])
		chatIDs = chatIDs[n:]
		if _, err := s.db.ExecContext(ctx, `UPDATE residents SET last_used_at = ? WHERE chat_id IN `+in,
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

func profileColumnsOf(p Profile) profileColumns {
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
func (c profileColumns) profile() Profile {
	p := Profile{
		Age:   AgeBandByID(c.age),
		Field: FieldByName(c.field),
		Years: YearsBandByID(c.years),
	}
	if c.district != "" {
		p.District = DistrictByName(c.district)
	}
	for _, id := range strings.Split(c.goals, ",") {
		if id != "" {
			p.Goals = p.Goals.With(GoalByName(id))
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
