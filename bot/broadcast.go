package bot

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data/sqlite"
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
