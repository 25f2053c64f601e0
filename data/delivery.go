package data

import "time"

// Delivery is one message of a broadcast to one resident, claimed by the
// worker for sending.
type Delivery struct {
	ID          int64
	BroadcastID int64
	Kind        BroadcastKind
	// Resident is whom the message goes to.
	Resident ResidentID
	// Attempts counts the sends tried, this one included (a 429 does not
	// count, nor a send cut short by a restart).
	Attempts int
	Text     string
}

// Outcome is what became of one send.
type Outcome uint8

// The outcomes the worker records.
const (
	// Sent: Telegram accepted the message.
	Sent Outcome = iota + 1
	// Blocked: the resident blocked the bot or the chat is gone; final.
	Blocked
	// Retry: a server or network error; the delivery waits until RetryAt.
	Retry
	// Held: Telegram said 429; the delivery waits until RetryAt, and the
	// attempt does not count.
	Held
	// Failed: given up after too many attempts; final.
	Failed
)

// DeliveryResult is the outcome of one claimed delivery.
type DeliveryResult struct {
	ID          int64
	BroadcastID int64
	Outcome     Outcome
	RetryAt     time.Time // for Retry and Held
}
