package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/seed"
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
	if west.Name != "서울시50플러스 서부캠퍼스" || west.District.Name() != "은평구" || west.Status != data.PlaceOpen ||
		west.At != (data.LatLon{Lat: 37.608442, Lon: 126.933496}) || west.Source.Format != imports.FormatSeed || west.Source.Note == "" {
		t.Errorf("c50_west = %+v", west)
	}
	if _, ok := cat.Place("ctr_dosim"); ok {
		t.Error("the closed 도심권50+센터 was seeded; closed places stay out of the seed")
	}
	east, _ := cat.Place("c50_east")
	if east.At != (data.LatLon{}) || east.District.Name() != "광진구" {
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
	places, programs, _ := cat.Len()
	if sr := s.Seed(); !sr.Applied || sr.Upgrade || sr.Report.Added+sr.Report.Expired != places+programs || sr.Kept+sr.Removed+sr.Closed != 0 {
		t.Errorf("Seed() = %+v (%s); want the seed applied to a new database, adding its %d places and %d programs", sr, sr, places, programs)
	}
}

// catalogPrograms returns the stored programs.
func catalogPrograms(t *testing.T, s *Store) []data.Program {
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
		if p.Source.Format != imports.FormatSeed || (p.Source.URL == "" && p.Source.Note == "") {
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

// testSeed returns a seed of the given places.csv rows and programs (id,
// title, place_id), in the layouts of data/seed.
func testSeed(places []string, programs [][3]string) fstest.MapFS {
	pl := strings.Join(imports.PlacesCSVHeader, ",") + "\n" + strings.Join(places, "\n") + "\n"
	pr := strings.Join(imports.ProgramsCSVHeader, ",") + "\n"
	for _, p := range programs {
		row := make([]string, len(imports.ProgramsCSVHeader))
		row[0], row[1], row[2], row[3], row[5] = p[0], p[1], "기타", "job", p[2]
		row[len(row)-2] = "https://example.org/" + p[0]
		pr += strings.Join(row, ",") + "\n"
	}
	return fstest.MapFS{seed.Places: {Data: []byte(pl)}, seed.Programs: {Data: []byte(pr)}}
}

// TestSeedUpgrade opens a database on one seed and reopens it on the next,
// as an operator does who upgrades the binary: new and corrected items
// arrive, those the new seed dropped go, and what an operator imported over
// the seed stays.
func TestSeedUpgrade(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dasi.db")
	oldSeed := testSeed([]string{
		"p_a,가 센터,job_center,은평구,서울 은평구 옛길 1,,,,,open",
		"p_b,나 센터,job_center,마포구,서울 마포구 길 2,,,,,open",
		"p_gone,다 센터,job_center,종로구,서울 종로구 길 3,,,,,open",
		"p_drop,라 센터,job_center,중구,서울 중구 길 4,,,,,open",
	}, [][3]string{
		{"s1", "옛 과정 하나", "p_a"}, {"s2", "과정 둘", ""}, {"s3", "없어질 과정", "p_drop"}, {"s4", "과정 넷", ""},
	})
	newSeed := testSeed([]string{
		"p_a,가 센터,job_center,은평구,서울 은평구 새길 10,,,,,open",
		"p_b,나 센터,job_center,마포구,서울 마포구 길 2,,,,,open",
		"p_new,마 센터,job_center,강남구,서울 강남구 길 5,,,,,open",
	}, [][3]string{
		{"s1", "고친 과정 하나", "p_a"}, {"s2", "시드가 고친 과정 둘", ""}, {"s5", "새 과정", "p_new"},
	})

	s, err := open(ctx, path, oldSeed)
	if err != nil {
		t.Fatal(err)
	}
	if sr := s.Seed(); !sr.Applied || sr.Upgrade || sr.String() != "added=8 updated=0 unchanged=0 expired=0 kept=0 removed=0 closed=0" {
		t.Errorf("first seed: %+v (%s)", sr, sr)
	}
	// The operator replaces s2 and s4 by id, and adds a program at p_gone.
	csv := strings.Join(imports.ProgramsCSVHeader, ",") + "\n" +
		"s2,운영자가 고친 과정 둘,기타,job,,,,,,,,,,,,,,,,https://example.org/op,\n" +
		"s4,운영자의 과정 넷,기타,job,,,,,,,,,,,,,,,,https://example.org/op,\n" +
		"op1,운영자 과정,기타,job,,p_gone,,,,,,,,,,,,,,https://example.org/op,\n"
	if _, err := imports.File(ctx, s, strings.NewReader(csv), imports.Options{Kind: imports.Programs, File: "op.csv", Today: demoDay}); err != nil {
		t.Fatal(err)
	}
	v1, _ := s.CatalogVersion(ctx)
	s.Close()

	s, err = open(ctx, path, newSeed)
	if err != nil {
		t.Fatal(err)
	}
	// p_a and s1 corrected, p_b unchanged, p_new and s5 new; s2 kept as the
	// operator wrote it; s3 and p_drop removed; p_gone, which op1 names, closed.
	sr := s.Seed()
	if !sr.Applied || !sr.Upgrade || sr.Digest == "" || sr.String() != "added=2 updated=2 unchanged=1 expired=0 kept=1 removed=2 closed=1" {
		t.Errorf("upgrade: %+v (%s)", sr, sr)
	}
	if v2, _ := s.CatalogVersion(ctx); v2 <= v1 {
		t.Errorf("CatalogVersion %d -> %d: a running bot would not reload the new seed", v1, v2)
	}
	cat, err := s.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	places, err := loadPlaces(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range places {
		got = append(got, p.ID+":"+p.Status.ID()+":"+p.Address)
	}
	if want := []string{"p_a:open:서울 은평구 새길 10", "p_b:open:서울 마포구 길 2", "p_gone:closed:서울 종로구 길 3", "p_new:open:서울 강남구 길 5"}; !slices.Equal(got, want) {
		t.Errorf("places after the upgrade:\n got %q\nwant %q", got, want)
	}
	got = got[:0]
	for _, p := range catalogPrograms(t, s) {
		got = append(got, p.ID+":"+p.Title+":"+p.Source.Format)
	}
	if want := []string{"op1:운영자 과정:programs-csv", "s1:고친 과정 하나:seed", "s2:운영자가 고친 과정 둘:programs-csv",
		"s4:운영자의 과정 넷:programs-csv", "s5:새 과정:seed"}; !slices.Equal(got, want) {
		t.Errorf("programs after the upgrade:\n got %q\nwant %q", got, want)
	}
	for _, h := range cat.Match(data.Query{Profile: data.Profile{District: data.DistrictByName("종로구")}, Limit: 10}).Places {
		if h.Place.ID == "p_gone" {
			t.Error("the place the new seed dropped is still shown")
		}
	}
	s.Close()

	// The same seed again changes nothing.
	s, err = open(ctx, path, newSeed)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if sr := s.Seed(); sr.Applied || sr.String() != "added=0 updated=0 unchanged=0 expired=0 kept=0 removed=0 closed=0" {
		t.Errorf("reopening on the same seed: %+v", sr)
	}
	var seeds int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE kind = 'seed'`).Scan(&seeds); err != nil || seeds != 2 {
		t.Errorf("seed rows in the imports log = %d, %v; want 2", seeds, err)
	}
}

// TestSeedUpgradeFromADatabaseWithoutDigest reopens a database seeded by a
// dasi that recorded no digest: the seed is applied again, finding every
// item unchanged.
func TestSeedUpgradeFromADatabaseWithoutDigest(t *testing.T) {
	ctx := context.Background()
	s, path := openTest(t)
	places, programs, _ := mustCatalog(t, s).Len()
	if _, err := s.db.ExecContext(ctx, `UPDATE imports SET digest = '' WHERE kind = 'seed'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sr := s.Seed()
	if !sr.Applied || !sr.Upgrade || sr.Report.Added+sr.Report.Updated != 0 || sr.Report.Unchanged+sr.Report.Expired != places+programs ||
		sr.Kept+sr.Removed+sr.Closed != 0 {
		t.Errorf("Seed() = %+v (%s); want every one of %d items unchanged", sr, sr, places+programs)
	}
}

// mustCatalog loads s's catalog.
func mustCatalog(t *testing.T, s *Store) *data.Catalog {
	t.Helper()
	c, err := s.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
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

// TestMigrationLeavingADanglingForeignKeyIsRolledBack: a migration that
// rebuilds a parent table and leaves children pointing at nothing (as a
// careless rebuild of residents would leave consents) fails, naming the
// table, and changes nothing.
func TestMigrationLeavingADanglingForeignKeyIsRolledBack(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "dasi.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ms, _ := loadMigrations(fstest.MapFS{
		"migrations/001_a.sql": {Data: []byte(`
			CREATE TABLE parent (id INTEGER PRIMARY KEY);
			CREATE TABLE child (parent INTEGER REFERENCES parent (id));
			INSERT INTO parent VALUES (1); INSERT INTO child VALUES (1);`)},
		// Foreign keys are off on this connection, so the DELETE is let
		// through; the check after the migration is not.
		"migrations/002_b.sql": {Data: []byte(`DELETE FROM parent; CREATE TABLE b (x INTEGER);`)},
	})
	_, err = migrate(ctx, db, ms)
	if err == nil || !strings.Contains(err.Error(), "002_b.sql") || !strings.Contains(err.Error(), "child") {
		t.Fatalf("err = %v, want one naming 002_b.sql and the table child", err)
	}
	var parents, tables int
	db.QueryRow(`SELECT count(*) FROM parent`).Scan(&parents)
	db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'b'`).Scan(&tables)
	if v, _ := schemaVersion(ctx, db); v != 1 || parents != 1 || tables != 0 {
		t.Errorf("after the failed migration: version %d, %d parents, table b %d times; want 1, 1, 0", v, parents, tables)
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
