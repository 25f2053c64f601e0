package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// RecordConsentText records the exact wording of a consent under its kind
// and version, once: recording it again changes nothing. It returns an
// error when c is incomplete, or when c.Version was recorded earlier with a
// different text (a changed wording needs a new version).
func (s *Store) RecordConsentText(ctx context.Context, c data.ConsentText, now time.Time) error {
	if err := c.Validate(); err != nil {
		return err
	}
	var text string
	err := s.db.QueryRowContext(ctx, `
		INSERT INTO consent_texts (kind, version, text, first_given_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (kind, version) DO UPDATE SET kind = kind
		RETURNING text`, string(c.Kind), c.Version, c.Text, now.Unix()).Scan(&text)
	s.health.note(err, time.Now())
	if err != nil {
		return fmt.Errorf("record consent text %s %s: %w", c.Kind, c.Version, err)
	}
	if text != c.Text {
		return fmt.Errorf("consent text %s version %s differs from the text recorded for that version: give the new text a new version", c.Kind, c.Version)
	}
	return nil
}

// GiveConsent records that the resident agreed, at now, to the consent of
// the given kind in the given version, whose text RecordConsentText
// recorded, and creates the resident's row when it is their first consent
// (their last use is then now; later uses are the channel's to record,
// with Touch). Giving the same version again changes nothing; a new
// version replaces the one given before. It returns an error for an
// unknown kind or a version whose text was not recorded, one wrapping
// data.ErrResidentID for an invalid id, or the store's.
func (s *Store) GiveConsent(ctx context.Context, id data.ResidentID, kind data.ConsentKind, version string, now time.Time) error {
	if !kind.Valid() {
		return fmt.Errorf("give consent: unknown kind %q", kind)
	}
	if err := checkResident("give consent", id); err != nil {
		return err
	}
	// The resident's row, with the consent's flag; nothing changes when a
	// consent of this kind stands already (of this version or another).
	mark := `
		INSERT INTO residents (resident, profile, created_at, updated_at, last_used_at) VALUES (?1, 1, ?2, ?2, ?2)
		ON CONFLICT (resident) DO UPDATE SET profile = 1, updated_at = ?2 WHERE profile = 0`
	if kind == data.ConsentNotices {
		// Alerts start from the items that appear after the opt-in.
		mark = `
			INSERT INTO residents (resident, notices, alert_seq, created_at, updated_at, last_used_at)
			VALUES (?1, 1, (SELECT coalesce(max(seq), 0) FROM alert_items), ?2, ?2, ?2)
			ON CONFLICT (resident) DO UPDATE SET notices = 1, alert_seq = excluded.alert_seq, updated_at = ?2
			WHERE notices = 0`
	}
	return s.inDurableTx(ctx, func(tx txn) error {
		res, err := tx.exec(ctx, mark, string(id), now.Unix())
		if err != nil {
			return fmt.Errorf("mark consent: %w", err)
		}
		marked, _ := res.RowsAffected()
		res, err = tx.exec(ctx, `
			INSERT INTO consents (resident, kind, version, given_at)
			SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (
				SELECT 1 FROM consents WHERE resident = ?1 AND kind = ?2 AND version = ?3 AND withdrawn_at = 0)`,
			string(id), string(kind), version, now.Unix())
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
				WHERE resident = ? AND kind = ? AND withdrawn_at = 0 AND version != ?`,
				now.Unix(), string(id), string(kind), version); err != nil {
				return fmt.Errorf("replace older consent: %w", err)
			}
		}
		return addCounter(ctx, tx, "consents_"+string(kind), 1)
	})
}

// WithdrawConsent withdraws the resident's consent of the given kind at now
// and reports whether one stood. Withdrawing the notices consent (/stop)
// also cancels every announcement not yet sent to the resident;
// withdrawing the required consent clears the stored profile. The consent
// history stays until the resident is forgotten or expires.
// It returns an error for an unknown kind, one wrapping data.ErrResidentID
// for an invalid id, or the store's.
func (s *Store) WithdrawConsent(ctx context.Context, id data.ResidentID, kind data.ConsentKind, now time.Time) (bool, error) {
	if !kind.Valid() {
		return false, fmt.Errorf("withdraw consent: unknown kind %q", kind)
	}
	if err := checkResident("withdraw consent", id); err != nil {
		return false, err
	}
	var stood bool
	err := s.inDurableTx(ctx, func(tx txn) error {
		var err error
		stood, err = withdraw(ctx, tx, id, kind, now)
		return err
	})
	return stood, err
}

// RefuseConsent records that the resident refused the required consent at
// now: one more anonymous refusal is counted (nothing says who refused),
// and a consent the resident gave before is withdrawn, their profile
// cleared, as by WithdrawConsent. It returns an error wrapping
// data.ErrResidentID for an invalid id, or the store's.
func (s *Store) RefuseConsent(ctx context.Context, id data.ResidentID, now time.Time) error {
	if err := checkResident("refuse consent", id); err != nil {
		return err
	}
	return s.inDurableTx(ctx, func(tx txn) error {
		if _, err := withdraw(ctx, tx, id, data.ConsentProfile, now); err != nil {
			return err
		}
		return addCounter(ctx, tx, "consents_refused", 1)
	})
}

// withdraw is WithdrawConsent within tx, for a valid id. A resident with
// nothing to withdraw costs reads only.
func withdraw(ctx context.Context, tx txn, id data.ResidentID, kind data.ConsentKind, now time.Time) (bool, error) {
	res, err := tx.exec(ctx, `
		UPDATE consents SET withdrawn_at = ? WHERE resident = ? AND kind = ? AND withdrawn_at = 0`,
		now.Unix(), string(id), string(kind))
	if err != nil {
		return false, fmt.Errorf("withdraw consent: %w", err)
	}
	n, _ := res.RowsAffected()
	switch kind {
	case data.ConsentNotices:
		if _, err := tx.exec(ctx, `
			UPDATE residents SET notices = 0, updated_at = ? WHERE resident = ? AND notices = 1`,
			now.Unix(), string(id)); err != nil {
			return false, fmt.Errorf("stop notices: %w", err)
		}
		if err := cancelResidentDeliveries(ctx, tx, id); err != nil {
			return false, err
		}
	case data.ConsentProfile:
		// A profile is stored only while the consent stands: without it the
		// columns are empty already.
		if _, err := tx.exec(ctx, `
			UPDATE residents SET profile = 0, intake_done = 0, updated_at = ?,
				age_band = '', field = '', years_band = '', goals = '', district = ''
			WHERE resident = ? AND profile = 1`, now.Unix(), string(id)); err != nil {
			return false, fmt.Errorf("clear profile: %w", err)
		}
	}
	return n > 0, nil
}

// Consents returns every consent the resident gave, oldest first, with the
// text of each: an empty list for a resident the store keeps nothing
// about. It returns an error wrapping data.ErrResidentID for an invalid id,
// or the store's.
func (s *Store) Consents(ctx context.Context, id data.ResidentID) ([]data.Consent, error) {
	if err := checkResident("read consents", id); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.kind, c.version, t.text, c.given_at, c.withdrawn_at
		FROM consents c JOIN consent_texts t USING (kind, version)
		WHERE c.resident = ? ORDER BY c.given_at, c.rowid`, string(id))
	cs, err := scanAll(rows, err, func(rows *sql.Rows) (data.Consent, error) {
		var (
			c                data.Consent
			given, withdrawn int64
		)
		err := rows.Scan(&c.Kind, &c.Version, &c.Text, &given, &withdrawn)
		c.GivenAt = time.Unix(given, 0)
		if withdrawn != 0 {
			c.WithdrawnAt = time.Unix(withdrawn, 0)
		}
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("read consents: %w", err)
	}
	return cs, nil
}
