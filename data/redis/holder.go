package redis

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// Holder keeps a lease for work that one instance alone should do while
// others may run (the catalog refresh): unlike the bot token's lease, a
// lease held elsewhere is no error, only "not this instance". Hold it
// again well within the TTL. Its methods are safe for concurrent use.
type Holder struct {
	s    *Sessions
	name string
	ttl  time.Duration

	mu sync.Mutex
	l  *Lease // nil while another instance holds it
}

// Holder returns the holder of the lease called name, lasting ttl after
// each Hold.
func (s *Sessions) Holder(name string, ttl time.Duration) *Holder {
	return &Holder{s: s, name: name, ttl: ttl}
}

// Hold renews the lease when this holder has it, or tries to take it. It
// returns false when another instance holds it, and a wrapped Redis error
// when Redis cannot be reached.
func (h *Holder) Hold(ctx context.Context) (bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.l != nil {
		err := h.l.Renew(ctx)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, data.ErrLeaseLost):
			h.l = nil
			return false, nil
		}
		return false, err
	}
	l, err := h.s.AcquireLease(ctx, h.name, h.ttl)
	var held *LeaseHeldError
	switch {
	case errors.As(err, &held):
		return false, nil
	case err != nil:
		return false, err
	}
	h.l = l
	return true, nil
}

// Release gives the lease up, if this holder has it.
func (h *Holder) Release(ctx context.Context) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.l == nil {
		return nil
	}
	err := h.l.Release(ctx)
	h.l = nil
	return err
}
