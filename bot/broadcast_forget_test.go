package bot

import (
	"math"
	"sync/atomic"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestForgettingVoidsEarlierClaimsAndWaitsForTheWire: forgetting a chat
// voids the messages claimed for it before, not those of other chats or
// claimed after, and returns only once the message on its way has ended.
func TestForgettingVoidsEarlierClaimsAndWaitsForTheWire(t *testing.T) {
	f := newForgetting()
	at := func(chat int64, claim uint64) claimed {
		return claimed{Delivery: data.Delivery{ChatID: chat}, claim: claim}
	}
	before := f.claim()
	onWire := at(1, before)
	if !f.start(onWire) {
		t.Fatal("a message to a chat nobody forgot may not start")
	}
	var ended atomic.Bool
	done := make(chan struct{})
	go func() {
		f.forget(1)
		if !ended.Load() {
			t.Error("forget returned while a message to the chat was on its way")
		}
		close(done)
	}()
	ended.Store(true)
	f.end(1)
	<-done

	after := f.claim()
	for _, c := range []struct {
		c    claimed
		want bool
	}{
		{at(1, before), false}, // claimed before the forget: void
		{at(2, before), true},  // another chat
		{at(1, after), true},   // claimed after: the store held nothing of the chat any more
	} {
		if got := f.start(c.c); got != c.want {
			t.Errorf("start(chat %d, claim %d) = %v, want %v", c.c.ChatID, c.c.claim, got, c.want)
		} else if got {
			f.end(c.c.ChatID)
		}
	}
	f.prune(before) // a claim as old as the void one is still open
	if f.start(at(1, before)) {
		t.Error("pruned a forgotten chat while a claim it voids is open")
	}
	f.prune(math.MaxUint64)
	if len(f.void) != 0 || len(f.wire) != 0 {
		t.Errorf("after pruning with no claim open: void %v, wire %v; want both empty", f.void, f.wire)
	}
}
