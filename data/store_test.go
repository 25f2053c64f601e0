package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// openTest opens a new store in a temporary directory.
func openTest(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dasi.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestOpenSeedsANewDatabase(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	cat, err := s.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	west, ok := cat.Place("c50_west")
	if !ok {
		t.Fatal("the seed has no c50_west")
	}
	if west.Name != "서울시50플러스 서부캠퍼스" || west.District.Name() != "은평구" || west.Status != PlaceOpen ||
		west.At != (LatLon{37.608442, 126.933496}) || west.Source.Format != FormatSeed || west.Source.Note == "" {
		t.Errorf("c50_west = %+v", west)
	}
	if _, ok := cat.Place("ctr_dosim"); ok {
		t.Error("the closed 도심권50+센터 was seeded; closed places stay out of the seed")
	}
	east, _ := cat.Place("c50_east")
	if east.At != (LatLon{}) || east.District.Name() != "광진구" {
		t.Errorf("c50_east (no coordinates) = %+v", east)
	}
	var districts int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM districts`).Scan(&districts); err != nil {
		t.Fatal(err)
	}
	if districts != 25 {
		t.Errorf("districts = %d, want 25", districts)
	}
	if v, err := s.CatalogVersion(ctx); err != nil || v == 0 {
		t.Errorf("CatalogVersion after the seed = %d, %v; want > 0", v, err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}

// catalogPrograms returns the stored programs.
func catalogPrograms(t *testing.T, s *Store) []Program {
	t.Helper()
	ps, err := loadPrograms(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestSeedProgramsKeepTheirSource(t *testing.T) {
	s, _ := openTest(t)
	ps := catalogPrograms(t, s)
	if len(ps) < 30 {
		t.Errorf("the seed has %d programs, want at least 30", len(ps))
	}
	for _, p := range ps {
		if p.Source.Format != FormatSeed || (p.Source.URL == "" && p.Source.Note == "") {
			t.Errorf("%s: source %+v: want format seed and a URL or a note", p.ID, p.Source)
		}
		if p.Goals == 0 || p.Category == "" {
			t.Errorf("%s: no goals or category", p.ID)
		}
	}
}

func TestSeedLoadsOnce(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	// An operator removes a seeded program; reopening must not bring it back.
	if _, err := s.db.ExecContext(ctx, `DELETE FROM programs WHERE id = 'gachi-2026'`); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.CatalogVersion(ctx)
	s.Close()
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	for _, p := range catalogPrograms(t, s2) {
		if p.ID == "gachi-2026" {
			t.Error("reopening loaded the seed again")
		}
	}
	var seeds int
	s2.db.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE kind = 'seed'`).Scan(&seeds)
	if v2, _ := s2.CatalogVersion(ctx); seeds != 1 || v2 != v1 {
		t.Errorf("seed rows = %d, version %d -> %d; want 1 and unchanged", seeds, v1, v2)
	}
}

func TestMigrationsApplyInOrderOnAnExistingDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dasi.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	v1 := fstest.MapFS{
		"migrations/001_catalog.sql": {Data: []byte(`CREATE TABLE a (x INTEGER);`)},
	}
	ms, err := loadMigrations(v1)
	if err != nil {
		t.Fatal(err)
	}
	if before, err := migrate(ctx, db, ms); err != nil || before != 0 {
		t.Fatalf("first migrate: before=%d err=%v", before, err)
	}
	if _, err := db.Exec(`INSERT INTO a VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	v3 := fstest.MapFS{
		"migrations/001_catalog.sql":    v1["migrations/001_catalog.sql"],
		"migrations/003_broadcasts.sql": {Data: []byte(`CREATE TABLE c (y INTEGER REFERENCES b (x));`)},
		"migrations/002_residents.sql":  {Data: []byte(`CREATE TABLE b (x INTEGER PRIMARY KEY); INSERT INTO b SELECT x FROM a;`)},
	}
	ms, err = loadMigrations(v3)
	if err != nil {
		t.Fatal(err)
	}
	if before, err := migrate(ctx, db, ms); err != nil || before != 1 {
		t.Fatalf("second migrate: before=%d err=%v", before, err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM b`).Scan(&n); err != nil || n != 1 {
		t.Errorf("002 did not run on the existing rows: %d, %v", n, err)
	}
	var names []string
	rows, _ := db.Query(`SELECT name FROM schema_migrations ORDER BY version`)
	for rows.Next() {
		var s string
		rows.Scan(&s)
		names = append(names, s)
	}
	rows.Close()
	if got := strings.Join(names, " "); got != "001_catalog.sql 002_residents.sql 003_broadcasts.sql" {
		t.Errorf("recorded %q", got)
	}
	// Applying again is a no-op.
	if before, err := migrate(ctx, db, ms); err != nil || before != 3 {
		t.Errorf("third migrate: before=%d err=%v", before, err)
	}
	// A binary that knows fewer migrations refuses the newer database.
	old, _ := loadMigrations(v1)
	if _, err := migrate(ctx, db, old); err == nil || !strings.Contains(err.Error(), "newer") {
		t.Errorf("older migrations on a newer database: %v", err)
	}
}

func TestMigrationFailureLeavesNoHalfStep(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "dasi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := loadMigrations(fstest.MapFS{
		"migrations/001_a.sql": {Data: []byte(`CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);`)},
	})
	if _, err := migrate(ctx, db, ms); err == nil || !strings.Contains(err.Error(), "001_a.sql") {
		t.Fatalf("err = %v, want one naming 001_a.sql", err)
	}
	var n int
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'a'`).Scan(&n)
	if n != 0 {
		t.Error("the failed migration left table a behind")
	}
}

func TestLoadMigrationsRejectsBadNames(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"no number": {"migrations/catalog.sql": {}},
		"duplicate": {"migrations/001_a.sql": {}, "migrations/001_b.sql": {}},
		"two digit": {"migrations/01_a.sql": {}},
	} {
		if _, err := loadMigrations(fsys); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	ms, err := loadMigrations(migrationFiles)
	if err != nil || len(ms) == 0 || ms[0].name != "001_catalog.sql" {
		t.Errorf("embedded migrations: %v, %v", ms, err)
	}
}

func TestOpenUsesWALAndForeignKeys(t *testing.T) {
	ctx := context.Background()
	s, _ := openTest(t)
	var mode string
	var fk int
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v", mode, err)
	}
	if err := s.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
		t.Errorf("foreign_keys = %d, %v", fk, err)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO programs (id, title, place_id, source_format, source_id, content_hash, imported_at)
		VALUES ('x', 'x', 'no-such-place', 'seed', 'x', 0, 0)`)
	if err == nil {
		t.Error("a program at an unknown place was accepted: foreign keys are off")
	}
}

func TestOpenRefusesAFileThatIsNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(context.Background(), path); err == nil {
		s.Close()
		t.Fatal("Open accepted a text file")
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestTwoProcessesOpeningANewDatabaseSeedItOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dasi.db")
	errs := make(chan error, 2)
	stores := make(chan *Store, 2)
	for range 2 {
		go func() {
			s, err := Open(ctx, path)
			errs <- err
			stores <- s
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("Open: %v", err)
		}
		if s := <-stores; s != nil {
			defer s.Close()
		}
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var seeds, migrations int
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE kind = 'seed'`).Scan(&seeds)
	s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&migrations)
	if ms, _ := loadMigrations(migrationFiles); seeds != 1 || migrations != len(ms) {
		t.Errorf("seed loaded %d times, %d migrations recorded (want 1 and %d)", seeds, migrations, len(ms))
	}
}
