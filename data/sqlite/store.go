package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/dasi-seoul/dasi/data/seed"
)

// Store is dasi's durable state: one SQLite file holding the catalog (and,
// through later migrations, residents and broadcasts). It is safe for
// concurrent use. Catalog reads are meant to go through the in-memory
// Catalog snapshot, not through the Store.
type Store struct {
	db     *sql.DB
	seed   SeedReport
	stmts  statements  // prepared once, for the writes made many times a second
	health writeHealth // the outcome of its writes, for /healthz
	// writing is held by this process's write transaction: the others
	// wait for it here, in turn, instead of in SQLite's busy handler,
	// which sleeps up to 100 ms between its tries.
	writing sync.Mutex
	durable durableQueue // durable transactions waiting to be committed together
}

// busyTimeoutMS is how long a statement waits for another connection's
// write lock before it fails with SQLITE_BUSY. An import holds the lock for
// its whole transaction (a few seconds for 100,000 rows).
const busyTimeoutMS = 15000

// Open opens (creating it when missing) the SQLite database at path, applies
// the embedded migrations it has not seen yet, and applies the embedded
// seed (the 25 districts, the places and the standing programs) when the
// database has not loaded this very seed yet: on first start, and after an
// upgrade that brings a new seed (see SeedReport; Store.Seed says what was
// done). Connections use WAL, foreign keys and a busy timeout, and every
// transaction takes the write lock when it begins, so that two writers
// queue instead of failing half-way. It returns an error naming the file
// when the database cannot be opened, is not a dasi database, was written
// by a newer dasi, or a migration or the seed fails.
func Open(ctx context.Context, path string) (*Store, error) {
	return open(ctx, path, seed.Files())
}

// open is Open with the seed read from fsys (a test's, or seed.Files()).
func open(ctx context.Context, path string, fsys fs.FS) (*Store, error) {
	if path == "" || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("open database %q: want a file name without '?'", path)
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeoutMS))
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)") // FULL for residents' rights: inDurableTx
	// Deleted content is overwritten with zeros, free pages too: a
	// resident forgotten is not left readable in the file.
	q.Add("_pragma", "secure_delete(1)")
	q.Add("_pragma", "cache_size(-32768)")
	q.Set("_txlock", "immediate")
	dsn := path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// SQLite has one writer at a time (the write lock, waited on for
	// busy_timeout); WAL lets readers proceed beside it. A few connections
	// are enough for that, and keeping them idle spares re-running the
	// pragmas.
	n := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	s := &Store{db: db}
	if err := s.init(ctx, fsys); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return s, nil
}

// init switches the file to WAL, migrates the schema and applies the seed.
func (s *Store) init(ctx context.Context, fsys fs.FS) error {
	if err := s.db.PingContext(ctx); err != nil {
		return err
	}
	if err := enableWAL(ctx, s.db); err != nil {
		return err
	}
	ms, err := loadMigrations(migrationFiles)
	if err != nil {
		return err
	}
	if _, err := migrate(ctx, s.db, ms); err != nil {
		return err
	}
	s.seed, err = s.applySeed(ctx, fsys)
	return err
}

// enableWAL puts the database file in WAL mode, which then persists in the
// file for every later connection. Switching needs the file to itself, and
// SQLite answers SQLITE_BUSY at once, without its busy handler, when another
// process is opening the same new database at that moment; so the switch is
// retried for up to the busy timeout.
func enableWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeoutMS * time.Millisecond)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode=WAL`).Scan(&mode)
		switch {
		case err == nil && strings.EqualFold(mode, "wal"):
			return nil
		case err == nil:
			return fmt.Errorf("journal mode: the file stays in %q mode, not WAL", mode)
		case !isBusy(err) || time.Now().After(deadline):
			return fmt.Errorf("journal mode: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("journal mode: %w", ctx.Err())
		case <-time.After(wait):
		}
	}
}

// isBusy reports whether err is SQLite's SQLITE_BUSY (another connection
// holds the lock).
func isBusy(err error) bool {
	var e interface{ Code() int }
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
}

// Close closes the database. It returns the driver's error, if any.
func (s *Store) Close() error {
	return errors.Join(s.stmts.close(), s.db.Close())
}

// Seed returns what Open did with the embedded seed: nothing when the
// database already held it, else the counts of applying it.
func (s *Store) Seed() SeedReport { return s.seed }

// SchemaVersion returns the highest migration applied to the database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	return schemaVersion(ctx, s.db)
}

// CatalogVersion returns a number that grows with every import that
// committed (the seed included): the id of the last row of the imports log.
// A running bot compares it with the version of its Catalog snapshot to know
// when to reload.
func (s *Store) CatalogVersion(ctx context.Context) (int64, error) {
	var v int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM imports`).Scan(&v); err != nil {
		return 0, fmt.Errorf("catalog version: %w", err)
	}
	return v, nil
}
