package bot

import (
	"math"
	"sync"

	"github.com/dasi-seoul/dasi/data"
)

// claimed is a delivery the worker claimed, with the number of the claim
// that returned it (see forgetting).
type claimed struct {
	data.Delivery
	claim uint64
}

// forgetting keeps the messages the worker claimed for a resident from
// reaching them once they have asked to be forgotten. Forget deletes the
// resident's deliveries from the store, but one already claimed may wait in
// the worker for its turn, or for the end of a 429 pause, for seconds. So
// every claim is numbered before the store is asked; forgetting a chat
// voids the claims numbered so far for that chat (a later claim cannot
// return its deliveries: they are gone); a sender starts a message only
// for a claim that is not void; and forget waits for the messages already
// on their way to the chat. It is safe for concurrent use.
type forgetting struct {
	mu     sync.Mutex
	ended  sync.Cond                  // signalled when a message's send ends
	claims uint64                     // claims numbered so far
	void   map[data.ResidentID]uint64 // forgotten chat -> the claims numbered when it was forgotten
	wire   map[data.ResidentID]int    // chat -> messages on their way to it
}

func newForgetting() *forgetting {
	f := &forgetting{void: make(map[data.ResidentID]uint64), wire: make(map[data.ResidentID]int)}
	f.ended.L = &f.mu
	return f
}

// claim numbers a claim of deliveries. Call it before asking the store.
func (f *forgetting) claim() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.claims++
	return f.claims
}

// start reports whether c may be sent now: false when its resident was
// forgotten after it was claimed. When it returns true the message counts
// as on its way until end is called.
func (f *forgetting) start(c claimed) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if upto, ok := f.void[c.Resident]; ok && c.claim <= upto {
		return false
	}
	f.wire[c.Resident]++
	return true
}

// end records that a message started to the chat is no longer on its way.
func (f *forgetting) end(id data.ResidentID) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.wire[id]--; f.wire[id] <= 0 {
		delete(f.wire, id)
	}
	f.ended.Broadcast()
}

// forget voids every claim numbered so far for the chat, and returns once
// no message is on its way to it: at most one request's time, after any
// hold Telegram put on the chat with a 429.
func (f *forgetting) forget(id data.ResidentID) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.void[id] = f.claims
	for f.wire[id] > 0 {
		f.ended.Wait()
	}
}

// prune forgets the forgotten chats whose void claims all come before
// oldest, the oldest claim the worker still holds deliveries of
// (math.MaxUint64 when it holds none).
func (f *forgetting) prune(oldest uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for chat, upto := range f.void {
		if upto < oldest {
			delete(f.void, chat)
		}
	}
}

// openClaims counts, by claim number, the deliveries the coordinator
// claimed that have no outcome yet, to prune forgetting.
type openClaims map[uint64]int

func (o openClaims) add(claim uint64, n int) {
	if n > 0 {
		o[claim] += n
	}
}

func (o openClaims) done(claim uint64) {
	if o[claim]--; o[claim] <= 0 {
		delete(o, claim)
	}
}

// oldest returns the oldest open claim, or math.MaxUint64.
func (o openClaims) oldest() uint64 {
	oldest := uint64(math.MaxUint64)
	for c := range o {
		oldest = min(oldest, c)
	}
	return oldest
}

// forget stops every message the worker has claimed for the resident,
// whom the store has just forgotten (Residents.forget), and returns once
// none is on its way to them: after it, nothing of any broadcast reaches
// them. The store must forget first, so that no claim made later can
// return the resident's deliveries.
func (bc *Broadcasts) forget(id data.ResidentID) {
	if bc == nil {
		return
	}
	bc.forgetting.forget(id)
}
