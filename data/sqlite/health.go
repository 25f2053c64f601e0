package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	sqlite3 "modernc.org/sqlite/lib"
)

// writeFailureTTL is how long a failed write counts against the store's
// health when no write has succeeded since.
const writeFailureTTL = time.Minute

// writeHealth is what the store knows of its writes: the last one that
// failed for want of storage (a full or read-only file system, an I/O
// error) and the last one that succeeded. It is safe for concurrent use.
type writeHealth struct {
	mu       sync.Mutex
	failure  error
	failedAt time.Time
	okAt     time.Time
	failures atomic.Int64
}

// note records the outcome of a write at now. Only storage failures count:
// a constraint, a busy database or a cancelled request says nothing of
// whether the disk takes writes.
func (h *writeHealth) note(err error, now time.Time) {
	switch {
	case err == nil:
		h.mu.Lock()
		h.okAt = now
		h.mu.Unlock()
	case isStorageFailure(err):
		h.failures.Add(1)
		h.mu.Lock()
		h.failure, h.failedAt = err, now
		h.mu.Unlock()
	}
}

// state returns the failure that stands at now: one within writeFailureTTL
// with no success after it.
func (h *writeHealth) state(now time.Time) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.failure == nil || !h.failedAt.After(h.okAt) || now.Sub(h.failedAt) > writeFailureTTL {
		return nil
	}
	return fmt.Errorf("writes fail since %s: %w", h.failedAt.UTC().Format(time.TimeOnly), h.failure)
}

// isStorageFailure reports whether err is SQLite failing to write its
// files: SQLITE_IOERR, SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN,
// SQLITE_CORRUPT, SQLITE_NOTADB or SQLITE_PERM.
func isStorageFailure(err error) bool {
	var e interface{ Code() int }
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN,
		sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_PERM:
		return true
	}
	return false
}

// CheckWrites reports whether the database takes writes: it writes one
// small row (counters' health_probes, the number of probes; a write that
// changes nothing may not reach the disk). A probe that cannot start
// within a second (another writer, an import, holds the lock) proves
// nothing either way. It returns the standing failure: the last write of
// the store (this probe or any transaction) that failed for want of storage
// within the last minute, with no success after it.
func (s *Store) CheckWrites(ctx context.Context) error {
	pctx, cancel := context.WithTimeout(ctx, time.Second)
	_, err := s.db.ExecContext(pctx, `INSERT INTO counters (name, value) VALUES ('health_probes', 1)
		ON CONFLICT (name) DO UPDATE SET value = value + 1`)
	cancel()
	s.health.note(err, time.Now())
	return s.health.state(time.Now())
}

// Writable reports whether the store's writes succeed as far as it knows
// (no failure stands; see CheckWrites), without writing anything: for a
// metric.
func (s *Store) Writable() bool { return s.health.state(time.Now()) == nil }

// WriteFailures returns how many writes have failed for want of storage
// since the store was opened: for a metric.
func (s *Store) WriteFailures() int64 { return s.health.failures.Load() }
