package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ConsentKind names one of the two consents a resident can give.
type ConsentKind string

// The consents (senior-ux-and-privacy.md §4.3): each asked separately.
const (
	// ConsentProfile is the required consent to keep the profile for
	// recommendations. Without it nothing about the resident is stored.
	ConsentProfile ConsentKind = "profile"
	// ConsentNotices is the optional consent to receive announcements and
	// personal alerts; /stop withdraws it.
	ConsentNotices ConsentKind = "notices"
)

func (k ConsentKind) valid() bool { return k == ConsentProfile || k == ConsentNotices }

// ConsentText is the exact wording a resident was shown and agreed to, with
// the version that names it. A changed wording needs a new version.
type ConsentText struct {
	Kind    ConsentKind
	Version string
	Text    string
}

func (c ConsentText) validate() error {
	var errs []error
	if !c.Kind.valid() {
		errs = append(errs, fmt.Errorf("consent kind %q: want %q or %q", c.Kind, ConsentProfile, ConsentNotices))
	}
	if c.Version == "" {
		errs = append(errs, errors.New("consent version is empty"))
	}
	if c.Text == "" {
		errs = append(errs, errors.New("consent text is empty"))
	}
	return errors.Join(errs...)
}

// Consent is one consent a resident gave: which text, when, and when it was
// withdrawn (zero while it stands).
type Consent struct {
	ConsentText
	GivenAt     time.Time
	WithdrawnAt time.Time
}

// Standing reports whether the consent has not been withdrawn.
func (c Consent) Standing() bool { return c.WithdrawnAt.IsZero() }

// Consents returns every consent the chat gave, oldest first, with the text
// of each. It returns an empty list for a chat the store keeps nothing about.
// It returns the store's error.
func (s *Store) Consents(ctx context.Context, chatID int64) ([]Consent, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT c.kind, c.version, t.text, c.given_at, c.withdrawn_at
		FROM consents c JOIN consent_texts t USING (kind, version)
		WHERE c.chat_id = ? ORDER BY c.given_at, c.rowid`, chatID)
	cs, err := scanAll(rows, err, func(rows *sql.Rows) (Consent, error) {
		var (
			c                Consent
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
