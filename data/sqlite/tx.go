package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
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

func (s *Store) runTx(ctx context.Context, tx txn, fn func(txn) error) error {
	var err error
	if tx.Tx, err = s.db.BeginTx(ctx, nil); err != nil {
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
