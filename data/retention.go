package data

import "time"

// Retention periods (README, "Your data").
const (
	// ResidentRetention is how long a resident's data is kept after their
	// last use of the bot: 12 months.
	ResidentRetention = 12 // months
	// DeliveryRetention is how long the per-recipient rows of a finished
	// broadcast are kept; its totals stay.
	DeliveryRetention = 30 * 24 * time.Hour
	// DraftRetention is how long an unfinished /broadcast is kept after its
	// last change, like a resident's unfinished conversation.
	DraftRetention = 30 * 24 * time.Hour
)

// Expired says what the store's retention pass (DeleteExpired) removed.
type Expired struct {
	Residents  int // residents unused for 12 months
	Chats      int // chats that never consented, whose traces were 12 months old
	Deliveries int // per-recipient rows of broadcasts finished 30 days ago
	Drafts     int // unfinished /broadcast drafts untouched for 30 days
}
