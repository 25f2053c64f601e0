package sqlite

import (
	"context"
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
