package bot

import (
	"context"
	"sync"
	"time"
)

// paceGuard is the slack added to every second of the broadcast budget, for
// the time between a send's start and its arrival at Telegram.
const paceGuard = 10 * time.Millisecond

// pacer hands out send permits to any number of goroutines at rate a
// second, and never more than rate in any window of 1 s + paceGuard:
//
//   - permits are spread evenly, on slots (1 s + paceGuard)/rate apart; a
//     slot never lies in the past, so a pacer that fell behind does not
//     catch up in a burst;
//   - the times permits were actually granted are kept (the last rate of
//     them), and a permit waits until the one granted rate permits before
//     it is a whole window old: a goroutine that woke late for its slot
//     cannot crowd the window with the next ones;
//   - a pause (a 429 from Telegram: the bot-wide budget is spent) moves
//     every later permit past its end, including slots already handed out.
//
// It is safe for concurrent use.
type pacer struct {
	interval time.Duration
	window   time.Duration

	mu      sync.Mutex
	next    time.Time   // the earliest free slot
	paused  time.Time   // no permit before this
	granted []time.Time // when the last permits were granted, a ring
	oldest  int         // the ring's oldest entry
}

func newPacer(rate int) *pacer {
	rate = max(rate, 1)
	window := time.Second + paceGuard
	return &pacer{interval: window / time.Duration(rate), window: window, granted: make([]time.Time, rate)}
}

// wait returns true when the goroutine may send; false, giving its slot
// up, when interrupt is closed first; or ctx's error if ctx ends first.
func (p *pacer) wait(ctx context.Context, interrupt <-chan struct{}) (bool, error) {
	p.mu.Lock()
	slot := time.Now()
	if slot.Before(p.next) {
		slot = p.next
	}
	if slot.Before(p.paused) {
		slot = p.paused
	}
	p.next = slot.Add(p.interval)
	p.mu.Unlock()
	until := slot
	for {
		if d := time.Until(until); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-interrupt:
				t.Stop()
				return false, nil
			case <-ctx.Done():
				t.Stop()
				return false, ctx.Err()
			}
		}
		p.mu.Lock()
		now := time.Now()
		switch free := p.granted[p.oldest].Add(p.window); {
		case now.Before(p.paused):
			// A pause began while this goroutine waited: a new slot after it.
			until = p.paused
			if until.Before(p.next) {
				until = p.next
			}
			p.next = until.Add(p.interval)
		case now.Before(free):
			until = free
		default:
			p.granted[p.oldest] = now
			p.oldest = (p.oldest + 1) % len(p.granted)
			p.mu.Unlock()
			return true, ctx.Err()
		}
		p.mu.Unlock()
	}
}

// pause holds every permit until until. It reports whether the pause is
// new or longer than the one in force.
func (p *pacer) pause(until time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !until.After(p.paused) {
		return false
	}
	p.paused = until
	return true
}
