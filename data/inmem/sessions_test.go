package inmem_test

import (
	"errors"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/inmem"
	"github.com/dasi-seoul/dasi/internal/sessiontest"
)

// TestSessionContract runs the contract both session stores keep.
func TestSessionContract(t *testing.T) {
	sessiontest.Run(t, func(t *testing.T) sessiontest.Store {
		return inmem.NewSessions(inmem.Options{})
	})
}

// TestSessionsSaveFor: a session saved for a day (answers typed before
// consent) is gone a day later, whatever the store's TTL.
func TestSessionsSaveFor(t *testing.T) {
	now := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	s := inmem.NewSessions(inmem.Options{Now: func() time.Time { return now }})
	if err := s.SaveFor(t.Context(), "telegram:2", []byte("before consent"), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	now = now.Add(23 * time.Hour)
	sessiontest.MustLoad(t, s, "telegram:2", "before consent")
	if err := s.SaveFor(t.Context(), "telegram:2", []byte("before consent"), 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	now = now.Add(24 * time.Hour)
	if _, err := s.Load(t.Context(), "telegram:2"); !errors.Is(err, data.ErrNoSession) {
		t.Fatalf("Load a day after SaveFor a day: err = %v, want ErrNoSession", err)
	}
}

// TestSessionsExpire checks the sliding TTL with a clock the test moves.
func TestSessionsExpire(t *testing.T) {
	now := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	s := inmem.NewSessions(inmem.Options{Now: clock})
	sessiontest.MustSave(t, s, "telegram:1", "half-finished intake")

	now = now.Add(29 * 24 * time.Hour)
	sessiontest.MustLoad(t, s, "telegram:1", "half-finished intake") // a visit restarts the 30 days
	now = now.Add(29 * 24 * time.Hour)
	sessiontest.MustLoad(t, s, "telegram:1", "half-finished intake")

	now = now.Add(data.DefaultSessionTTL)
	if _, err := s.Load(t.Context(), "telegram:1"); !errors.Is(err, data.ErrNoSession) {
		t.Fatalf("Load after 30 silent days: err = %v, want ErrNoSession", err)
	}
}
