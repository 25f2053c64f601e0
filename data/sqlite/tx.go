package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"sync"
	"time"
)

// statements are the store's prepared statements, by their SQL text. The
// writes on a resident's answer path and the broadcast worker's run many
// times a second, and SQLite spends longer parsing such a statement than
// running it; database/sql prepares each one once per connection and
// reuses it from then on. It is safe for concurrent use.
type statements struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// lookup returns query prepared, or nil when it was not prepared yet.
func (st *statements) lookup(query string) *sql.Stmt {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.m[query]
}

// prepare prepares query on db unless it was prepared already. It takes a
// connection from db's pool: never call it while holding one (inside a
// transaction), or a full pool waits for itself.
func (st *statements) prepare(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	if p := st.lookup(query); p != nil {
		return p, nil
	}
	p, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if had, ok := st.m[query]; ok {
		p.Close() // prepared meanwhile by another goroutine
		return had, nil
	}
	if st.m == nil {
		st.m = make(map[string]*sql.Stmt)
	}
	st.m[query] = p
	return p, nil
}

// close closes every prepared statement. It returns their errors joined.
func (st *statements) close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	var errs []error
	for _, p := range st.m {
		errs = append(errs, p.Close())
	}
	st.m = nil
	return errors.Join(errs...)
}

// txn is a transaction whose statements are prepared once per connection
// (see statements). A statement met for the first time is prepared for
// this transaction alone, and for the store once the transaction is over.
type txn struct {
	*sql.Tx
	s     *Store
	later *[]string // statements to prepare for the store after the transaction
}

// prepare returns query prepared for the transaction, for a statement run
// many times in it. It returns the error preparing it.
func (tx txn) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	if p := tx.s.stmts.lookup(query); p != nil {
		return tx.StmtContext(ctx, p), nil
	}
	*tx.later = append(*tx.later, query)
	return tx.PrepareContext(ctx, query)
}

// exec runs a statement that returns no rows.
func (tx txn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	p, err := tx.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return p.ExecContext(ctx, args...)
}

// queryRow runs a statement that returns at most one row. An error
// preparing it is returned by the row's Scan.
func (tx txn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if p, err := tx.prepare(ctx, query); err == nil {
		return p.QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// query runs a statement that returns rows.
func (tx txn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	p, err := tx.prepare(ctx, query)
	if err != nil {
		return nil, err
	}
	return p.QueryContext(ctx, args...)
}

// inTx runs fn in a transaction (which takes the write lock when it
// begins), committing when fn returns nil. It returns fn's error as is,
// or the error beginning or committing.
func (s *Store) inTx(ctx context.Context, fn func(txn) error) error {
	var later []string
	err := s.runTx(ctx, txn{s: s, later: &later}, fn)
	for _, q := range later {
		s.stmts.prepare(ctx, s.db, q) // an error showed in the transaction
	}
	return err
}

// inDurableTx is inTx for what a resident is told is done: a consent given,
// withdrawn or refused, and /forget. Every connection runs with
// synchronous=NORMAL, under which WAL commits reach the disk at the next
// checkpoint, so that a crash or a failing file system may lose the last
// ones; this transaction runs on a connection switched to synchronous=FULL
// for it, so that its commit (and every one before it, the log being
// sequential) is on disk before it returns. Durable transactions asked for
// while one is committing are committed together, each in a savepoint of
// one transaction, with one write to the disk (group commit): a fn that
// fails is rolled back alone. It returns fn's error as is, or the error
// beginning, committing or switching.
func (s *Store) inDurableTx(ctx context.Context, fn func(txn) error) error {
	req := &durableReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	s.durable.mu.Lock()
	s.durable.queue = append(s.durable.queue, req)
	lead := !s.durable.leading
	s.durable.leading = true
	s.durable.mu.Unlock()
	if lead {
		s.commitDurable(true)
	}
	return <-req.done
}

// durableReq is one durable transaction waiting for its commit.
type durableReq struct {
	ctx  context.Context
	fn   func(txn) error
	done chan error
}

// durableQueue holds the durable transactions waiting for the one being
// committed; the first to find none committing commits the next batch.
type durableQueue struct {
	mu      sync.Mutex
	queue   []*durableReq
	leading bool
}

// commitDurable commits the waiting durable transactions in one, then
// hands on: when more arrived meanwhile, a goroutine commits them, so that
// the leader's caller is not kept waiting for others.
func (s *Store) commitDurable(first bool) {
	for {
		s.durable.mu.Lock()
		batch := s.durable.queue
		s.durable.queue = nil
		if len(batch) == 0 {
			s.durable.leading = false
			s.durable.mu.Unlock()
			return
		}
		s.durable.mu.Unlock()
		s.commitBatch(batch)
		if first {
			s.durable.mu.Lock()
			more := len(s.durable.queue) > 0
			if !more {
				s.durable.leading = false
			}
			s.durable.mu.Unlock()
			if more {
				go s.commitDurable(false)
			}
			return
		}
	}
}

// commitBatch runs the batch in one durable transaction, each request in
// a savepoint of its own when there are several, and tells each its
// outcome.
func (s *Store) commitBatch(batch []*durableReq) {
	errs := make([]error, len(batch))
	ctx := batch[0].ctx
	if len(batch) > 1 {
		// The batch is everyone's: one caller giving up does not stop it.
		ctx = context.WithoutCancel(ctx)
	}
	var later []string
	err := s.durableTx(ctx, txn{s: s, later: &later}, func(tx txn) error {
		if len(batch) == 1 {
			errs[0] = batch[0].fn(tx)
			return errs[0]
		}
		for i, r := range batch {
			if errs[i] = r.ctx.Err(); errs[i] != nil {
				continue
			}
			if _, err := tx.ExecContext(ctx, `SAVEPOINT durable`); err != nil {
				return fmt.Errorf("savepoint: %w", err)
			}
			if errs[i] = r.fn(tx); errs[i] != nil {
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO durable`); err != nil {
					return fmt.Errorf("rollback to savepoint: %w", err)
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE durable`); err != nil {
				return fmt.Errorf("release savepoint: %w", err)
			}
		}
		return nil
	})
	// After the connection is back in the pool: preparing takes one.
	for _, q := range later {
		s.stmts.prepare(ctx, s.db, q) // an error showed in the transaction
	}
	for i, r := range batch {
		switch {
		case len(batch) == 1:
			r.done <- err // fn's error as is, or beginning's, committing's
		case errs[i] != nil:
			r.done <- errs[i]
		default:
			r.done <- err
		}
	}
}

// durableTx runs tx on a connection of its own, at synchronous=FULL.
func (s *Store) durableTx(ctx context.Context, tx txn, fn func(txn) error) error {
	// The write turn first, then a connection: a transaction waiting for
	// its turn holds no connection the writer may need.
	s.writing.Lock()
	defer s.writing.Unlock()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connection: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous=FULL`); err != nil {
		return fmt.Errorf("synchronous: %w", err)
	}
	defer func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA synchronous=NORMAL`); err != nil {
			// A connection left at FULL would only be slower; dropping
			// it keeps the pool as Open made it.
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	return s.runTxOn(ctx, conn.BeginTx, tx, fn)
}

func (s *Store) runTx(ctx context.Context, tx txn, fn func(txn) error) error {
	s.writing.Lock()
	defer s.writing.Unlock()
	return s.runTxOn(ctx, s.db.BeginTx, tx, fn)
}

// runTxOn runs fn in the transaction begin starts.
// Its outcome counts in the store's write health.
func (s *Store) runTxOn(ctx context.Context, begin func(context.Context, *sql.TxOptions) (*sql.Tx, error), tx txn, fn func(txn) error) (err error) {
	defer func() { s.health.note(err, time.Now()) }()
	if tx.Tx, err = begin(ctx, nil); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// queryRow runs a statement that returns at most one row, outside a
// transaction, prepared once per connection. Never call it inside one.
func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if p, err := s.stmts.prepare(ctx, s.db, query); err == nil {
		return p.QueryRowContext(ctx, args...)
	}
	return s.db.QueryRowContext(ctx, query, args...)
}
