package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// Turn is one input of one resident, as a channel hands it to [Bot.Handle].
type Turn struct {
	// Resident is who wrote or pressed.
	Resident data.ResidentID
	// Input is what they did. The channel sets Input.Staff for the staff
	// it serves (DASI_STAFF); Handle sets Input.Today.
	Input dialogs.Input
	// Log is the channel's logger for this input (with its update id);
	// nil: the bot's own.
	Log *slog.Logger
}

// Replier shows the answers of one turn to its resident, on the channel the
// input came from. Telegram sends them as messages; a channel that answers
// in the response to a request (KakaoTalk's skill) collects them.
type Replier interface {
	// Reply shows replies in order. It returns ErrBlocked when the resident
	// blocked the bot, or the channel's error for the first reply it could
	// not show (the rest are not shown).
	Reply(ctx context.Context, replies ...dialogs.Reply) error
	// Track shows one reply as a message the bot edits later (the progress
	// of a staff broadcast) and returns the message's id, or the channel's
	// error.
	Track(ctx context.Context, r dialogs.Reply) (messageID int, err error)
}

// Sender delivers what a resident did not just ask for: broadcasts,
// personal alerts, and the edits of a staff member's progress message. The
// broadcast worker decides retries itself, so Push makes one attempt.
type Sender interface {
	// Push makes one attempt to deliver r to the resident. It returns nil
	// once the channel accepted the message, ErrBlocked when the resident
	// blocked the bot (or the channel no longer knows them), a
	// *RetryAfterError when the channel asks to slow down, a *SendError
	// (Temporary for server and network failures) otherwise, or ctx's
	// error.
	Push(ctx context.Context, to data.ResidentID, r dialogs.Reply) error
	// Edit replaces the text and buttons of message messageID, retrying
	// under the channel's own policy. An edit that changes nothing is not
	// an error. It returns ErrBlocked, a *SendError or ctx's error.
	Edit(ctx context.Context, to data.ResidentID, messageID int, r dialogs.Reply) error
}

// ErrBlocked is a channel's answer for a resident who blocked the bot (or
// whom the channel no longer knows): nothing more is sent to them until
// they come back.
var ErrBlocked = errors.New("the resident blocked the bot")

// RetryAfterError is a channel's request to wait before sending again (a
// Telegram 429): nothing may go to the resident for After.
type RetryAfterError struct {
	After time.Duration // the channel's retry_after
}

// Error says how long to wait.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("too many requests, retry after %s", e.After)
}

// SendError is a failed send that is neither a request to wait
// (RetryAfterError) nor a blocked resident (ErrBlocked).
type SendError struct {
	Method string // the channel's method, such as sendMessage
	// Temporary is set for server and network errors: a later attempt may
	// succeed. Otherwise the channel refused the request itself.
	Temporary bool
	Err       error // the channel library's error, or the network's
}

// Error names the method and what went wrong.
func (e *SendError) Error() string { return e.Method + ": " + e.Err.Error() }

// Unwrap returns Err.
func (e *SendError) Unwrap() error { return e.Err }

// RetryPolicy is the one decision about a failed attempt, for every send
// of every channel and for the broadcast worker: wait out a request to slow
// down, back off exponentially (with jitter) after a temporary failure, and
// give up on anything else or after Attempts tries.
type RetryPolicy struct {
	Attempts   int           // tries in all, 429s and temporary failures together
	Backoff    time.Duration // the wait after the first temporary failure; doubles each time
	MaxBackoff time.Duration // the longest wait after a temporary failure
}

// Retry says what to do after attempt try (1 for the first) ended in err:
// whether to try again, and how long to wait first. A request to slow down
// waits its After; a temporary failure waits the backoff of try; ErrBlocked,
// a refusal, a context's error and the last attempt are final.
func (p RetryPolicy) Retry(err error, try int) (again bool, wait time.Duration) {
	var (
		ra *RetryAfterError
		se *SendError
	)
	switch {
	case err == nil, try >= p.Attempts, errors.Is(err, ErrBlocked),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return false, 0
	case errors.As(err, &ra):
		return true, ra.After
	case errors.As(err, &se) && se.Temporary:
		return true, p.BackoffAfter(try)
	}
	return false, 0
}

// BackoffAfter is the wait after temporary failure number try (1 for the
// first): Backoff doubled try-1 times, at most MaxBackoff, spread by jitter
// into [d/2, d) so that many senders do not retry at once.
func (p RetryPolicy) BackoffAfter(try int) time.Duration {
	d := p.Backoff
	for i := 1; i < try && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return jitter(min(d, p.MaxBackoff))
}

// jitter spreads retries of many goroutines: a duration in [d/2, d).
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + rand.N(d/2)
}

// Sleep waits for d or until ctx is done, and returns ctx's error then.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
