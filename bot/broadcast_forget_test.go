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
	at := func(chat data.ResidentID, claim uint64) claimed {
		return claimed{Delivery: data.Delivery{Resident: chat}, claim: claim}
	}
	const one, two data.ResidentID = "telegram:1", "telegram:2"
	before := f.claim()
	onWire := at(one, before)
	if !f.start(onWire) {
		t.Fatal("a message to a chat nobody forgot may not start")
	}
	var ended atomic.Bool
	done := make(chan struct{})
	go func() {
		f.forget(one)
		if !ended.Load() {
			t.Error("forget returned while a message to the chat was on its way")
		}
		close(done)
	}()
	ended.Store(true)
	f.end(one)
	<-done

	after := f.claim()
	for _, c := range []struct {
		c    claimed
		want bool
	}{
		{at(one, before), false}, // claimed before the forget: void
		{at(two, before), true},  // another chat
		{at(one, after), true},   // claimed after: the store held nothing of the chat any more
	} {
		if got := f.start(c.c); got != c.want {
			t.Errorf("start(%s, claim %d) = %v, want %v", c.c.Resident, c.c.claim, got, c.want)
		} else if got {
			f.end(c.c.Resident)
		}
	}
	f.prune(before) // a claim as old as the void one is still open
	if f.start(at(one, before)) {
		t.Error("pruned a forgotten chat while a claim it voids is open")
	}
	f.prune(math.MaxUint64)
	if len(f.void) != 0 || len(f.wire) != 0 {
		t.Errorf("after pruning with no claim open: void %v, wire %v; want both empty", f.void, f.wire)
	}
}
