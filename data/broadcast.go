package data

import "time"

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
	// Staff is the staff member who sent it, as the resident id of their
	// private chat: that chat is where ProgressMessage (a message id of
	// Staff's channel, 0 until sent) shows its progress. Both are zero for
	// alerts.
	Staff           ResidentID
	ProgressMessage int
	State           BroadcastState
	Counts          DeliveryCounts
	CreatedAt       time.Time
	FinishedAt      time.Time // zero while running
}

// NewBroadcast is what a staff member confirmed.
type NewBroadcast struct {
	Text     string
	Audience Audience
	// Staff is the staff member sending it, as the resident id of their
	// private chat, where the progress is shown.
	Staff ResidentID
}
