package bot

import (
	"context"
	"errors"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/dialogs"
)

// maxBackoff bounds the wait between two tries of one delivery.
const maxBackoff = 5 * time.Minute

// retry is the one RetryPolicy, as the worker applies it: a 429 never
// counts as an attempt (the delivery waits in place, then in the queue),
// and a temporary failure is tried again after the backoff, up to
// Attempts tries in all.
func (o BroadcastOptions) retry() RetryPolicy {
	return RetryPolicy{Attempts: o.Attempts, Backoff: o.Backoff, MaxBackoff: maxBackoff}
}

// maxHeld is how many 429s in a row one delivery waits out in place before
// it goes back to the queue.
const maxHeld = 10

// deliver sends one delivery under the policy: a 429 pauses every
// broadcast for retry_after and the message waits in place; a blocked
// resident is final; 5xx and network errors are retried later with
// backoff, up to Attempts tries; any other refusal fails at once. Nothing
// is sent once the resident has been forgotten. known is false when ctx
// ended before the outcome was known, or the resident was forgotten.
func (w *worker) deliver(ctx context.Context, c claimed) (r data.DeliveryResult, known bool) {
	d := c.Delivery
	r = data.DeliveryResult{ID: d.ID, BroadcastID: d.BroadcastID}
	msg := dialogs.Reply{Kind: dialogs.ReplyText, Text: d.Text, Buttons: [][]dialogs.Button{{dialogs.StopAlertsButton()}}}
	for held := 1; ; held++ {
		slot, err := w.pace.wait(ctx, w.runningChanged())
		if err != nil {
			return r, false
		}
		if !w.isRunning(d.BroadcastID) {
			// Cancelled while it waited: given back, recorded as cancelled.
			r.Outcome, r.RetryAt = data.Held, time.Now()
			return r, true
		}
		if !slot {
			held-- // another broadcast stopped: this one waits for a new slot
			continue
		}
		if !w.bc.forgetting.start(c) {
			// Forgotten since it was claimed: its row is gone with the rest.
			return r, false
		}
		err = w.send.Push(ctx, d.Resident, msg)
		w.bc.forgetting.end(d.Resident)
		again, wait := w.opt.retry().Retry(err, d.Attempts)
		var ra *RetryAfterError
		switch {
		case err == nil:
			r.Outcome = data.Sent
		case errors.Is(err, ErrBlocked):
			r.Outcome = data.Blocked
		case ctx.Err() != nil:
			return r, false
		case errors.As(err, &ra):
			until := time.Now().Add(ra.After)
			if w.pace.pause(until) {
				w.log.WarnContext(ctx, "the channel asked to slow down; every broadcast pauses",
					"retry_after", ra.After, "broadcast_id", d.BroadcastID)
				// Kept, so that a worker started during the pause waits too;
				// even while stopping, since a restart may follow at once.
				if err := w.bc.store.PauseBroadcasts(context.WithoutCancel(ctx), until); err != nil {
					w.log.ErrorContext(ctx, "cannot record the pause; a restart during it would not wait for its end", "error", err)
				}
			}
			if held < maxHeld {
				continue
			}
			r.Outcome, r.RetryAt = data.Held, until
		case again:
			r.Outcome = data.Retry
			r.RetryAt = time.Now().Add(wait)
		default:
			r.Outcome = data.Failed
			w.log.WarnContext(ctx, "broadcast message failed; not trying again",
				"broadcast_id", d.BroadcastID, "resident", d.Resident.String(), "attempts", d.Attempts, "error", err)
		}
		return r, true
	}
}
