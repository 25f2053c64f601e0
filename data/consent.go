package data

import (
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

// Valid reports whether k is one of the two consents.
func (k ConsentKind) Valid() bool { return k == ConsentProfile || k == ConsentNotices }

// ConsentText is the exact wording a resident was shown and agreed to, with
// the version that names it. A changed wording needs a new version.
type ConsentText struct {
	Kind    ConsentKind
	Version string
	Text    string
}

// Validate returns an error for each of the kind, the version and the
// text that is missing or unknown, joined; nil when c is complete.
func (c ConsentText) Validate() error {
	var errs []error
	if !c.Kind.Valid() {
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
