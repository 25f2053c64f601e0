package data

import "time"

// Resident is what the store keeps about one resident: only what they
// consented to give, as bands and fixed ids.
type Resident struct {
	// ID names the resident: their channel and the channel's id for them.
	ID ResidentID
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
