package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/dialogs"
)

// BroadcastOptions configure the broadcast worker. Every zero field means
// its documented default.
type BroadcastOptions struct {
	// Rate is the most messages sent per second, in any one-second window
	// (DASI_BROADCAST_RATE). Default 25; Telegram allows about 30.
	Rate int
	// Senders is how many messages may be on their way at once. Default:
	// enough for the rate at 200 ms a request, between 4 and 128.
	Senders int
	// Attempts is how many times a delivery is tried on 5xx and network
	// errors before it counts as failed. Default 5.
	Attempts int
	// Backoff is the wait before a delivery's first retry; it doubles with
	// each attempt, up to 5 minutes. Default 2s.
	Backoff time.Duration
	// ProgressEvery is how often a running broadcast's progress message in
	// the staff chat is edited. Default 2s.
	ProgressEvery time.Duration
	// Log receives the worker's log. Default: discarded.
	Log *slog.Logger
}

func (o BroadcastOptions) withDefaults() BroadcastOptions {
	if o.Rate <= 0 {
		o.Rate = 25
	}
	if o.Senders <= 0 {
		o.Senders = min(max(o.Rate/5, 4), 128)
	}
	if o.Attempts <= 0 {
		o.Attempts = 5
	}
	if o.Backoff <= 0 {
		o.Backoff = 2 * time.Second
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 2 * time.Second
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

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

// Broadcasts is the staff side of the bot and its durable delivery: the
// staff commands (which Bot.Handle hands it), and the worker (Run) that
// sends every broadcast's deliveries from the store at the configured rate
// through a channel's Sender, deciding retries under the one RetryPolicy.
// It is safe for concurrent use.
type Broadcasts struct {
	store *sqlite.Store
	opt   BroadcastOptions
	log   *slog.Logger
	wake  chan struct{}

	forgetting *forgetting // stops claimed messages to residents forgotten since
}

// NewBroadcasts returns the staff commands and the broadcast worker over
// store.
func NewBroadcasts(store *sqlite.Store, opt BroadcastOptions) *Broadcasts {
	opt = opt.withDefaults()
	return &Broadcasts{
		store: store,
		opt:   opt,
		log:   opt.Log,
		wake:  make(chan struct{}, 1),

		forgetting: newForgetting(),
	}
}

// Wake tells the worker a broadcast was created or cancelled, so that it
// looks at once rather than at its next poll.
func (bc *Broadcasts) Wake() {
	select {
	case bc.wake <- struct{}{}:
	default:
	}
}

// idlePoll is how often an idle worker looks for work it was not woken for.
const idlePoll = 2 * time.Second

// sendResult is what became of one claimed delivery; known is false when
// there is nothing to record: the send was cut short and its outcome is
// unknown (the delivery stays in flight, to be sent again after a
// restart), or its resident was forgotten (the delivery is gone).
type sendResult struct {
	res   data.DeliveryResult
	known bool
	claim uint64
}

// Run sends the deliveries of every running broadcast until ctx is done,
// and edits the staff's progress messages. It first makes the deliveries a
// stopped worker left in flight pending again: those few may reach their
// resident twice; no other is sent twice and none is lost. A pause Telegram
// asked for (a 429) is kept in the store, and a worker started before its
// end waits for it. Outcomes already known when ctx ends are recorded
// before Run returns. Run returns an error only when the store fails at
// start.
func (bc *Broadcasts) Run(ctx context.Context, s Sender) error {
	n, err := bc.store.RecoverDeliveries(ctx)
	if err != nil {
		return fmt.Errorf("broadcasts: %w", err)
	}
	if n > 0 {
		bc.log.InfoContext(ctx, "broadcasts resumed; messages in flight at the stop are sent again", "in_flight", n)
	}
	pace := newPacer(bc.opt.Rate)
	until, err := bc.store.BroadcastPause(ctx)
	if err != nil {
		return fmt.Errorf("broadcasts: %w", err)
	}
	if pace.pause(until) && time.Until(until) > 0 {
		bc.log.InfoContext(ctx, "broadcasts wait for the end of the pause Telegram asked for before the restart", "paused_until", until)
	}
	w := &worker{
		bc:      bc,
		send:    s,
		opt:     bc.opt,
		log:     bc.log,
		pace:    pace,
		changed: make(chan struct{}),
	}
	var wg sync.WaitGroup
	wg.Go(func() { w.progress(ctx) })
	w.run(ctx)
	wg.Wait()
	return nil
}

// worker is one Run of the broadcast worker.
type worker struct {
	bc   *Broadcasts
	send Sender
	opt  BroadcastOptions
	log  *slog.Logger
	pace *pacer
	rr   int // round-robin position among running broadcasts

	recorded bool // outcomes were recorded since finish last looked

	mu      sync.Mutex
	running map[int64]bool // the broadcasts running at the last look
	changed chan struct{}  // closed and replaced when running changes
}

// setRunning records which broadcasts are running, and wakes the senders
// waiting for a slot when one stopped.
func (w *worker) setRunning(bs []data.Broadcast) {
	m := make(map[int64]bool, len(bs))
	for _, b := range bs {
		m[b.ID] = true
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	stopped := false
	for id := range w.running {
		stopped = stopped || !m[id]
	}
	w.running = m
	if stopped {
		close(w.changed)
		w.changed = make(chan struct{})
	}
}

// runningChanged returns a channel closed when a broadcast stops running.
func (w *worker) runningChanged() <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.changed
}

// isRunning reports whether broadcast id was running at the last look: a
// sender checks just before it sends, so that a cancel stops the messages
// already claimed.
func (w *worker) isRunning(id int64) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.running[id]
}

// run is the coordinator: it claims deliveries in small batches, hands them
// to the senders, and records their outcomes in group commits. All store
// writes of the worker happen here, but for the rare pause a sender
// records when Telegram answers 429.
func (w *worker) run(ctx context.Context) {
	jobs := make(chan claimed)
	results := make(chan sendResult, w.opt.Senders)
	var senders sync.WaitGroup
	for range w.opt.Senders {
		senders.Go(func() {
			for c := range jobs {
				r, known := w.deliver(ctx, c)
				results <- sendResult{r, known, c.claim}
			}
		})
	}
	batch := min(max(w.opt.Rate/4, 8), 256)

	var (
		queue  []claimed // claimed, not yet handed to a sender
		open   = openClaims{}
		record []data.DeliveryResult
		idle   = time.NewTimer(0)
	)
	defer idle.Stop()
	collect := func(r sendResult) {
		open.done(r.claim)
		if r.known {
			record = append(record, r.res)
		}
	}
	flush := func(ctx context.Context) {
		if len(record) == 0 {
			return
		}
		if err := w.bc.store.RecordDeliveries(ctx, record); err != nil {
			// Kept for the next flush; the deliveries stay in flight.
			w.log.ErrorContext(ctx, "cannot record delivery outcomes; retrying", "count", len(record), "error", err)
			return
		}
		record = record[:0]
		w.recorded = true
	}

	for {
		if len(queue) == 0 && ctx.Err() == nil {
			var wait time.Duration
			queue, wait = w.claim(ctx, batch)
			if len(queue) == 0 {
				resetTimer(idle, wait)
			} else {
				open.add(queue[0].claim, len(queue))
			}
		}
		var (
			jobsC chan<- claimed
			next  claimed
		)
		if len(queue) > 0 {
			jobsC, next = jobs, queue[0]
		}
		select {
		case jobsC <- next:
			queue = queue[1:]
			continue
		case r := <-results:
			collect(r)
		drain:
			for {
				select {
				case r := <-results:
					collect(r)
				default:
					break drain
				}
			}
			flush(ctx)
			w.bc.forgetting.prune(open.oldest())
			continue
		case <-w.bc.wake:
			queue = w.release(ctx, queue, open)
			continue
		case <-idle.C:
			w.finish(ctx)
			w.bc.forgetting.prune(open.oldest())
			continue
		case <-ctx.Done():
		}
		break
	}

	// Stopping: the senders' requests are cut short (their outcomes stay
	// unknown); what is known is recorded; claimed deliveries never handed
	// out are left in flight for the next start, which sends them once.
	close(jobs)
	go func() { senders.Wait(); close(results) }()
	for r := range results {
		collect(r)
	}
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	flush(stopCtx)
	if len(record) > 0 {
		w.log.ErrorContext(stopCtx, "outcomes not recorded at shutdown; those messages are sent again at the next start", "count", len(record))
	}
}

// claim claims up to n due deliveries of one running broadcast, taking the
// broadcasts in turn. With none due it returns how long to wait.
func (w *worker) claim(ctx context.Context, n int) ([]claimed, time.Duration) {
	running, err := w.bc.store.RunningBroadcasts(ctx)
	if err != nil {
		if ctx.Err() == nil {
			w.log.ErrorContext(ctx, "cannot read running broadcasts; retrying", "error", err)
		}
		return nil, idlePoll
	}
	w.setRunning(running)
	wait := idlePoll
	now := time.Now()
	emptied := false
	defer func() {
		// A broadcast with nothing due may have ended with the outcomes
		// recorded since the last look.
		if emptied && w.recorded {
			w.finish(ctx)
		}
	}()
	for i := range running {
		b := running[(w.rr+i)%len(running)]
		claim := w.bc.forgetting.claim() // numbered before the store is asked
		ds, err := w.bc.store.ClaimDeliveries(ctx, b.ID, now, n)
		if err != nil {
			if ctx.Err() == nil {
				w.log.ErrorContext(ctx, "cannot claim deliveries; retrying", "broadcast_id", b.ID, "error", err)
			}
			return nil, idlePoll
		}
		if len(ds) > 0 {
			w.rr = (w.rr + i + 1) % len(running)
			cs := make([]claimed, len(ds))
			for i, d := range ds {
				cs[i] = claimed{Delivery: d, claim: claim}
			}
			return cs, 0
		}
		emptied = true
		if due, ok, err := w.bc.store.NextDue(ctx, b.ID); err == nil && ok {
			wait = min(wait, max(time.Until(due), time.Millisecond))
		}
	}
	return nil, wait
}

// release gives back claimed deliveries of broadcasts cancelled meanwhile
// (they are recorded as cancelled, and their claims closed in open) and
// keeps the rest.
func (w *worker) release(ctx context.Context, queue []claimed, open openClaims) []claimed {
	running, err := w.bc.store.RunningBroadcasts(ctx)
	if err != nil {
		return queue
	}
	w.setRunning(running)
	var drop []data.DeliveryResult
	kept := slices.DeleteFunc(queue, func(c claimed) bool {
		if slices.ContainsFunc(running, func(b data.Broadcast) bool { return b.ID == c.BroadcastID }) {
			return false
		}
		drop = append(drop, data.DeliveryResult{ID: c.ID, BroadcastID: c.BroadcastID, Outcome: data.Held, RetryAt: time.Now()})
		open.done(c.claim)
		return true
	})
	if err := w.bc.store.RecordDeliveries(ctx, drop); err != nil {
		if ctx.Err() == nil {
			w.log.ErrorContext(ctx, "cannot give back the deliveries of a cancelled broadcast", "error", err)
		}
	} else if len(drop) > 0 {
		w.recorded = true
	}
	return kept
}

// finish marks done the broadcasts whose deliveries all have an outcome.
func (w *worker) finish(ctx context.Context) {
	w.recorded = false
	done, err := w.bc.store.FinishBroadcasts(ctx, time.Now())
	if err != nil {
		if ctx.Err() == nil {
			w.log.ErrorContext(ctx, "cannot finish broadcasts", "error", err)
		}
		return
	}
	for _, b := range done {
		w.log.InfoContext(ctx, "broadcast finished", "broadcast_id", b.ID, "kind", string(b.Kind),
			"recipients", b.Counts.Recipients, "sent", b.Counts.Sent, "blocked", b.Counts.Blocked,
			"failed", b.Counts.Failed, "cancelled", b.Counts.Cancelled)
	}
}

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

// resetTimer makes t fire after d.
func resetTimer(t *time.Timer, d time.Duration) {
	t.Stop()
	select {
	case <-t.C:
	default:
	}
	t.Reset(d)
}
