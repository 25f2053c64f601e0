package bot

import (
	"context"
	"sync"
	"time"
)

// paceGuard is the slack added to every second of the broadcast budget:
// rate+1 consecutive sends span at least 1.02 s, so that no one-second
// window holds more than rate of them even when a send leaves up to 20 ms
// after its slot (a busy scheduler, a garbage collection).
const paceGuard = 20 * time.Millisecond

// pacer hands out send slots at a fixed rate to any number of goroutines:
// consecutive slots are interval apart, and a slot never lies in the past,
// so a pacer that fell behind does not catch up in a burst. A pause (a 429
// from Telegram: the bot-wide budget is spent) moves every later slot past
// its end, including slots already handed out and not yet reached. It is
// safe for concurrent use.
type pacer struct {
	interval time.Duration

	mu     sync.Mutex
	next   time.Time // the earliest free slot
	paused time.Time // no send before this
}

func newPacer(rate int) *pacer {
	return &pacer{interval: (time.Second + paceGuard) / time.Duration(max(rate, 1))}
}

// wait returns true at the goroutine's slot; false, giving the slot up,
// when interrupt is closed first; or ctx's error if ctx ends first.
func (p *pacer) wait(ctx context.Context, interrupt <-chan struct{}) (bool, error) {
	for {
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
		if d := time.Until(slot); d > 0 {
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
		paused := time.Now().Before(p.paused)
		p.mu.Unlock()
		if !paused {
			return true, ctx.Err()
		}
		// A pause began while this goroutine waited: its slot is void.
	}
}

// pause holds every send until until. It reports whether the pause is new
// or longer than the one in force.
func (p *pacer) pause(until time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !until.After(p.paused) {
		return false
	}
	p.paused = until
	return true
}
