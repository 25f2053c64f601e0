package bot

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// sendResult is what became of one claimed delivery; known is false when
// there is nothing to record: the send was cut short and its outcome is
// unknown (the delivery stays in flight, to be sent again after a
// restart), or its resident was forgotten (the delivery is gone).
type sendResult struct {
	res   data.DeliveryResult
	known bool
	claim uint64
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

// resetTimer makes t fire after d.
func resetTimer(t *time.Timer, d time.Duration) {
	t.Stop()
	select {
	case <-t.C:
	default:
	}
	t.Reset(d)
}
