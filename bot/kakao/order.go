package kakao

import (
	"sync"

	"github.com/dasi-seoul/dasi/data"
)

// inOrder keeps one resident's turns in order: a second utterance waits
// for the first, and different residents never wait for each other.
type inOrder struct {
	mu    sync.Mutex
	turns map[data.ResidentID]*residentTurn
}

// residentTurn is the lock of one resident with turns running or waiting.
type residentTurn struct {
	sync.Mutex
	waiting int // turns running or waiting, guarded by inOrder.mu
}

// lock waits for the resident's earlier turns and returns the function
// that ends this one.
func (o *inOrder) lock(r data.ResidentID) (unlock func()) {
	o.mu.Lock()
	if o.turns == nil {
		o.turns = make(map[data.ResidentID]*residentTurn)
	}
	t := o.turns[r]
	if t == nil {
		t = &residentTurn{}
		o.turns[r] = t
	}
	t.waiting++
	o.mu.Unlock()
	t.Lock()
	return func() {
		t.Unlock()
		o.mu.Lock()
		if t.waiting--; t.waiting == 0 {
			delete(o.turns, r)
		}
		o.mu.Unlock()
	}
}
