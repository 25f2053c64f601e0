package bot

import (
	"context"
	"sync"
	"time"
)

// dispatcher handles the updates of one chat strictly in order and those of
// different chats in parallel, within bounds:
//
//   - at most maxPending updates wait in all chats together; beyond that,
//     submit blocks (long polling slows down) and trySubmit refuses (the
//     webhook answers 503 and Telegram delivers again later);
//   - at most perChat updates wait in one chat: a flood from one chat drops
//     its own excess and cannot fill the queue of everyone else;
//   - at most workers updates are handled at once. A chat takes a slot per
//     update, not for its whole queue, so a chat stuck behind a 429 hold
//     holds one slot at most and a flooding chat competes with the others
//     update by update.
//
// Each chat with work has a mailbox drained by one goroutine, which exits
// when the mailbox is empty.
type dispatcher struct {
	handle        func(context.Context, *incoming)
	m             *metrics
	perChat       int
	handleTimeout time.Duration

	in    chan *incoming // to run, which owns the mailboxes' goroutines
	room  chan struct{}  // a token per update submitted and not yet done
	slots chan struct{}  // a token per update being handled

	intake sync.RWMutex // guards closing in against sends
	closed bool

	mu    sync.Mutex
	boxes map[int64]*mailbox
}

type mailbox struct{ q []*incoming }

func newDispatcher(handle func(context.Context, *incoming), m *metrics, workers, maxPending, perChat int, handleTimeout time.Duration) *dispatcher {
	return &dispatcher{
		handle:        handle,
		m:             m,
		perChat:       perChat,
		handleTimeout: handleTimeout,
		in:            make(chan *incoming, 256),
		room:          make(chan struct{}, maxPending),
		slots:         make(chan struct{}, workers),
		boxes:         make(map[int64]*mailbox),
	}
}

// submit queues an update, waiting while the whole queue is full. It
// returns ctx's error if ctx ends while it waits, and errStopped after
// stop. An update there is room for is queued even when ctx has ended: a
// batch that long polling has received is handled whole.
func (d *dispatcher) submit(ctx context.Context, in *incoming) error {
	select {
	case d.room <- struct{}{}:
	default:
		select {
		case d.room <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return d.enqueue(in)
}

// trySubmit queues an update if the whole queue has room, else returns
// errBusy at once.
func (d *dispatcher) trySubmit(in *incoming) error {
	select {
	case d.room <- struct{}{}:
	default:
		return errBusy
	}
	return d.enqueue(in)
}

func (d *dispatcher) enqueue(in *incoming) error {
	d.intake.RLock()
	defer d.intake.RUnlock()
	if d.closed {
		<-d.room
		return errStopped
	}
	d.in <- in
	return nil
}

// stop ends intake: later submits return errStopped, and run returns once
// every queued update has been handled.
func (d *dispatcher) stop() {
	d.intake.Lock()
	defer d.intake.Unlock()
	if !d.closed {
		d.closed = true
		close(d.in)
	}
}

// run starts a goroutine per chat with work and returns after stop, when
// every chat's queue is empty. Handlers get ctx (with a timeout per
// update); when ctx ends, updates still queued are dropped and counted.
func (d *dispatcher) run(ctx context.Context) {
	var wg sync.WaitGroup
	for in := range d.in {
		d.mu.Lock()
		mb := d.boxes[in.chatID]
		if mb != nil && len(mb.q) >= d.perChat {
			d.mu.Unlock()
			d.m.dropped.WithLabelValues("chat_queue_full").Inc()
			<-d.room
			continue
		}
		fresh := mb == nil
		if fresh {
			mb = &mailbox{}
			d.boxes[in.chatID] = mb
			d.m.inFlight.Inc()
		}
		mb.q = append(mb.q, in)
		d.mu.Unlock()
		if fresh {
			wg.Go(func() { d.drain(ctx, in.chatID, mb) })
		}
	}
	wg.Wait()
}

// drain handles a chat's updates in order until its mailbox is empty.
func (d *dispatcher) drain(ctx context.Context, chatID int64, mb *mailbox) {
	for {
		d.mu.Lock()
		if len(mb.q) == 0 {
			delete(d.boxes, chatID)
			d.m.inFlight.Dec()
			d.mu.Unlock()
			return
		}
		in := mb.q[0]
		mb.q[0] = nil
		mb.q = mb.q[1:]
		d.mu.Unlock()

		select {
		case d.slots <- struct{}{}:
			hctx, cancel := context.WithTimeout(ctx, d.handleTimeout)
			d.handle(hctx, in)
			cancel()
			<-d.slots
		case <-ctx.Done():
			d.m.dropped.WithLabelValues("shutdown").Inc()
		}
		<-d.room
	}
}
