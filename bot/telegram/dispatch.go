package telegram

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
//   - at most workers updates are handled at once, by as many long-lived
//     goroutines. A chat with work waits in one line (ready) for a worker,
//     which handles one of its updates and puts it back at the end of the
//     line if it has more: a chat stuck behind a 429 hold keeps one worker
//     at most, and a flooding chat competes with the others update by
//     update.
//
// A chat is in the line, or with a worker, never both: that is what keeps
// its updates in order.
type dispatcher struct {
	handle        func(context.Context, *incoming)
	m             *metrics
	workers       int
	perChat       int
	handleTimeout time.Duration

	room chan struct{} // a token per update submitted and not yet done

	mu     sync.Mutex
	closed bool               // stop was called: no more updates
	boxes  map[int64]*mailbox // the chats with updates waiting or being handled
	ready  chan *mailbox      // the line; closed once closed and boxes is empty
}

// mailbox is a chat's queue. Only the worker holding it takes from it.
type mailbox struct {
	chatID int64
	q      []*incoming
}

func newDispatcher(handle func(context.Context, *incoming), m *metrics, workers, maxPending, perChat int, handleTimeout time.Duration) *dispatcher {
	return &dispatcher{
		handle:        handle,
		m:             m,
		workers:       workers,
		perChat:       perChat,
		handleTimeout: handleTimeout,
		room:          make(chan struct{}, maxPending),
		boxes:         make(map[int64]*mailbox),
		// A chat in the line has an update waiting, which holds a token
		// of room: the line never holds more than maxPending chats, and
		// sending to it never blocks.
		ready: make(chan *mailbox, maxPending),
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

// enqueue puts an update that holds a token of room in its chat's queue,
// and the chat in the line if it was not waiting already.
func (d *dispatcher) enqueue(in *incoming) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		<-d.room
		return errStopped
	}
	mb := d.boxes[in.chatID]
	if mb != nil && len(mb.q) >= d.perChat {
		d.m.dropped.WithLabelValues("chat_queue_full").Inc()
		<-d.room
		return nil
	}
	fresh := mb == nil
	if fresh {
		mb = &mailbox{chatID: in.chatID}
		d.boxes[in.chatID] = mb
		d.m.inFlight.Inc()
	}
	mb.q = append(mb.q, in)
	if fresh {
		// A chat already in the line, or with a worker, takes the
		// update in its turn.
		d.ready <- mb
	}
	return nil
}

// stop ends intake: later submits return errStopped, and run returns once
// every queued update has been handled.
func (d *dispatcher) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.closed {
		d.closed = true
		d.closeIfDoneLocked()
	}
}

// closeIfDoneLocked ends the line once intake has stopped and no chat has
// anything left. It becomes true once: nothing is queued after stop.
func (d *dispatcher) closeIfDoneLocked() {
	if d.closed && len(d.boxes) == 0 {
		close(d.ready)
	}
}

// run handles updates with the workers until stop, and returns when every
// chat's queue is empty. Handlers get ctx (with a timeout per update); when
// ctx ends, updates still queued are dropped and counted.
func (d *dispatcher) run(ctx context.Context) {
	var wg sync.WaitGroup
	for range d.workers {
		wg.Go(func() { d.work(ctx) })
	}
	wg.Wait()
}

// work takes the chat at the head of the line, handles its next update,
// and puts it back at the end of the line if it has more.
func (d *dispatcher) work(ctx context.Context) {
	for mb := range d.ready {
		d.mu.Lock()
		in := mb.q[0]
		mb.q[0] = nil
		mb.q = mb.q[1:]
		d.mu.Unlock()

		if ctx.Err() != nil {
			d.m.dropped.WithLabelValues("shutdown").Inc()
		} else {
			hctx, cancel := context.WithTimeout(ctx, d.handleTimeout)
			d.handle(hctx, in)
			cancel()
		}
		<-d.room

		d.mu.Lock()
		if len(mb.q) > 0 {
			d.ready <- mb
		} else {
			delete(d.boxes, mb.chatID)
			d.m.inFlight.Dec()
			d.closeIfDoneLocked()
		}
		d.mu.Unlock()
	}
}
