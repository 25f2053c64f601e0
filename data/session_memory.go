package data

import (
	"context"
	"slices"
	"sync"
	"time"
)

// MemorySessions keeps sessions in this process, for running without Redis:
// they are lost when the process stops. It follows the same contract as
// RedisSessions, sliding TTL included, and is safe for concurrent use.
type MemorySessions struct {
	ttl time.Duration
	now func() time.Time

	mu     sync.Mutex
	m      map[int64]memorySession
	writes int // saves since the last sweep of expired sessions
}

type memorySession struct {
	state   []byte
	expires time.Time
}

// sweepEvery is how many saves pass between sweeps of expired sessions, so
// that memory stays bounded by the chats seen within one TTL.
const sweepEvery = 4096

// NewMemorySessions returns an empty in-process store. now is the clock
// (time.Now when nil); tests pass their own to see sessions expire.
func NewMemorySessions(opt SessionOptions, now func() time.Time) *MemorySessions {
	if now == nil {
		now = time.Now
	}
	return &MemorySessions{ttl: opt.withDefaults().TTL, now: now, m: make(map[int64]memorySession)}
}

// Load returns a copy of the chat's session and restarts its TTL, or
// ErrNoSession.
func (s *MemorySessions) Load(_ context.Context, chatID int64) ([]byte, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[chatID]
	if !ok || !now.Before(e.expires) {
		delete(s.m, chatID)
		return nil, ErrNoSession
	}
	e.expires = now.Add(s.ttl)
	s.m[chatID] = e
	return slices.Clone(e.state), nil
}

// Save stores a copy of state as the chat's session, with a fresh TTL.
func (s *MemorySessions) Save(_ context.Context, chatID int64, state []byte) error {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[chatID] = memorySession{state: slices.Clone(state), expires: now.Add(s.ttl)}
	if s.writes++; s.writes >= sweepEvery {
		s.writes = 0
		for id, e := range s.m {
			if !now.Before(e.expires) {
				delete(s.m, id)
			}
		}
	}
	return nil
}

// Delete removes the chat's session.
func (s *MemorySessions) Delete(_ context.Context, chatID int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, chatID)
	return nil
}

// Ping always succeeds: the store is in this process.
func (s *MemorySessions) Ping(context.Context) error { return nil }

// Close does nothing; it is there so both stores close the same way.
func (s *MemorySessions) Close() error { return nil }
