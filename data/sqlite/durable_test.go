package sqlite

import (
	"context"
	"errors"
	"testing"
)

// TestRightsCommitAtSynchronousFull: with synchronous=NORMAL, consents
// committed just before a file-system failure were lost though the
// resident had been told. The transactions of a resident's rights run at
// synchronous=FULL (2), whose commit waits for the disk; every other one,
// and every connection afterwards, stays at NORMAL (1).
func TestRightsCommitAtSynchronousFull(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	level := func(tx txn) int {
		var n int
		if err := tx.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var in int
	if err := s.inDurableTx(ctx, func(tx txn) error { in = level(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	if in != 2 {
		t.Errorf("a rights transaction ran at synchronous=%d, want 2 (FULL)", in)
	}
	// Every connection of the pool, the one that ran it among them, is
	// back at NORMAL.
	conns := make(chan struct{})
	for range 8 {
		go func() {
			s.inTx(ctx, func(tx txn) error {
				if n := level(tx); n != 1 {
					t.Errorf("an ordinary transaction ran at synchronous=%d, want 1 (NORMAL)", n)
				}
				return nil
			})
			conns <- struct{}{}
		}()
	}
	for range 8 {
		<-conns
	}
}

// TestDurableGroupCommit: durable transactions asked for at once are
// committed together, and one that fails is rolled back alone: the others
// are kept, each told its own outcome.
func TestDurableGroupCommit(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE group_test (n INTEGER)`); err != nil {
		t.Fatal(err)
	}
	const n = 64
	errs := make(chan error, n)
	for i := range n {
		go func() {
			errs <- s.inDurableTx(ctx, func(tx txn) error {
				if _, err := tx.ExecContext(ctx, `INSERT INTO group_test (n) VALUES (?)`, i); err != nil {
					return err
				}
				if i%8 == 0 {
					return errWanted // after a write: the write goes too
				}
				return nil
			})
		}()
	}
	failed := 0
	for range n {
		switch err := <-errs; {
		case err == errWanted:
			failed++
		case err != nil:
			t.Errorf("inDurableTx: %v", err)
		}
	}
	var kept, bad int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(n % 8 = 0), 0) FROM group_test`).Scan(&kept, &bad); err != nil {
		t.Fatal(err)
	}
	if failed != n/8 || kept != n-n/8 || bad != 0 {
		t.Errorf("%d failed, %d rows kept, %d of the failed ones; want %d, %d, 0", failed, kept, bad, n/8, n-n/8)
	}
}

var errWanted = errors.New("wanted")
