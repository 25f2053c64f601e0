package inmem

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// Options configure the sessions in process. The zero value means the
// defaults.
type Options struct {
	// TTL is how long a session lives after it was last loaded or saved;
	// zero means data.DefaultSessionTTL.
	TTL time.Duration
	// Now is the clock, time.Now when nil: tests pass their own to see
	// sessions expire.
	Now func() time.Time
}

// Sessions keeps sessions in this process, for running without Redis: they
// are lost when the process stops. It follows the same contract as the
// sessions on Redis (data/redis), sliding TTL included, and is safe for
// concurrent use.
type Sessions struct {
	ttl time.Duration
	now func() time.Time

	mu     sync.Mutex
	m      map[data.ResidentID]session
	writes int // saves since the last sweep of expired sessions
}

type session struct {
	state   []byte
	expires time.Time
}

// sweepEvery is how many saves pass between sweeps of expired sessions, so
// that memory stays bounded by the residents seen within one TTL.
const sweepEvery = 4096

// NewSessions returns an empty in-process store.
func NewSessions(opt Options) *Sessions {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.TTL <= 0 {
		opt.TTL = data.DefaultSessionTTL
	}
	return &Sessions{ttl: opt.TTL, now: opt.Now, m: make(map[data.ResidentID]session)}
}

// Load returns a copy of the resident's session and restarts its TTL. It
// returns data.ErrNoSession when they have none (or it expired), and an
// error wrapping data.ErrResidentID for an invalid id.
func (s *Sessions) Load(_ context.Context, id data.ResidentID) ([]byte, error) {
	if err := id.Validate(); err != nil {
		return nil, fmt.Errorf("load session: %w", err)
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	if !ok || !now.Before(e.expires) {
		delete(s.m, id)
		return nil, data.ErrNoSession
	}
	e.expires = now.Add(s.ttl)
	s.m[id] = e
	return slices.Clone(e.state), nil
}

// Save stores a copy of state as the resident's session, with a fresh TTL.
// It fails only for an invalid id, with an error wrapping
// data.ErrResidentID.
func (s *Sessions) Save(ctx context.Context, id data.ResidentID, state []byte) error {
	return s.SaveFor(ctx, id, state, s.ttl)
}

// SaveFor is Save with ttl instead of the store's TTL, for a session that
// must not outlive it (answers kept before consent); a ttl of zero or
// less is the store's. Its errors are Save's.
func (s *Sessions) SaveFor(_ context.Context, id data.ResidentID, state []byte, ttl time.Duration) error {
	if err := id.Validate(); err != nil {
		return fmt.Errorf("save session: %w", err)
	}
	if ttl <= 0 {
		ttl = s.ttl
	}
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[id] = session{state: slices.Clone(state), expires: now.Add(ttl)}
	if s.writes++; s.writes >= sweepEvery {
		s.writes = 0
		for other, e := range s.m {
			if !now.Before(e.expires) {
				delete(s.m, other)
			}
		}
	}
	return nil
}

// Delete removes the resident's session. It fails only for an invalid id,
// with an error wrapping data.ErrResidentID.
func (s *Sessions) Delete(_ context.Context, id data.ResidentID) error {
	if err := id.Validate(); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, id)
	return nil
}

// Ping always succeeds: the store is in this process.
func (s *Sessions) Ping(context.Context) error { return nil }

// Close does nothing; it is there so both stores close the same way.
func (s *Sessions) Close() error { return nil }
