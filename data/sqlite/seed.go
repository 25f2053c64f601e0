package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/seed"
)

// seedNames are the names of the seed's files, in the order they are
// applied (places first, since programs name them), as they are read from
// the seed's fs.FS and as the digest names them. The digest keeps the
// paths the files had when package data embedded them, "seed/places.csv"
// and "seed/programs.csv", so that a database seeded before the seed moved
// to package seed holds the same digest and is not seeded again.
var seedNames = [...]struct{ file, digest string }{
	{seed.Places, "seed/" + seed.Places},
	{seed.Programs, "seed/" + seed.Programs},
}

// SeedReport says what Open did with the embedded seed.
type SeedReport struct {
	// Digest identifies the embedded seed: the SHA-256, in hex, of its
	// files and the district table. The imports log records it.
	Digest string
	// Applied is set when Open wrote the seed: into a new database, or over
	// an earlier seed (then Upgrade is set too). When the database already
	// held this seed, Open leaves the catalog alone and the counts are zero.
	Applied, Upgrade bool
	// Report counts the seed's places and programs as an import counts
	// its records.
	Report imports.Report
	// Kept counts the seed items left alone because an operator's import
	// replaced them by id: the operator's version wins.
	Kept int
	// Removed counts the items of the earlier seed that this one no longer
	// has, deleted; Closed counts its places that this one no longer has
	// but that programs still name: kept, marked closed, never shown.
	Removed, Closed int
}

// String returns the counts: "added=N updated=N unchanged=N expired=N
// kept=N removed=N closed=N".
func (r SeedReport) String() string {
	return fmt.Sprintf("added=%d updated=%d unchanged=%d expired=%d kept=%d removed=%d closed=%d",
		r.Report.Added, r.Report.Updated, r.Report.Unchanged, r.Report.Expired, r.Kept, r.Removed, r.Closed)
}

// errSeeded stops a seed transaction that finds this seed already loaded.
var errSeeded = errors.New("seed already loaded")

// applySeed brings the catalog to the seed in fsys (seed.Files(), or a test's)
// unless the imports log says the database already holds it. It writes the
// districts, then upserts the seed's places and programs, except those an
// operator's import replaced by id, and removes the items an earlier seed
// wrote that this one no longer has. It all happens in one transaction that
// re-checks the log under the write lock, so that two processes starting
// together apply it once. A seed record that cannot be used is a bug in the
// seed and fails Open with the record named.
func (s *Store) applySeed(ctx context.Context, fsys fs.FS) (SeedReport, error) {
	files, digest, err := readSeed(fsys)
	if err != nil {
		return SeedReport{}, fmt.Errorf("seed: %w", err)
	}
	rep := SeedReport{Digest: digest, Report: imports.Report{Format: imports.FormatSeed}}
	if last, ok, err := lastSeedDigest(ctx, s.db); err != nil {
		return SeedReport{}, fmt.Errorf("seed: %w", err)
	} else if ok && last == digest {
		return rep, nil
	}
	// The seed's items are written today: its Source.ImportedAt.
	today := data.Today()
	err = s.importTx(ctx, "seed", "seed", &rep.Report, func(ctx context.Context, w *writer) error {
		last, ok, err := lastSeedDigest(ctx, w.tx)
		if err != nil {
			return err
		}
		if ok && last == digest {
			return errSeeded
		}
		rep.Upgrade = ok
		w.seed, w.digest = true, digest
		if err := putDistricts(ctx, w); err != nil {
			return err
		}
		err = imports.ReadSeed(ctx, w, today, &rep.Report,
			imports.SeedFile{Name: "data/seed/" + seed.Places, Content: strings.NewReader(files[seed.Places])},
			imports.SeedFile{Name: "data/seed/" + seed.Programs, Content: strings.NewReader(files[seed.Programs])})
		if err != nil {
			return err
		}
		if n := len(rep.Report.Rejects); n > 0 {
			return fmt.Errorf("%d seed records are unusable, the first: %s", n, rep.Report.Rejects[0])
		}
		rep.Kept = w.kept
		rep.Removed, rep.Closed, err = w.retireSeed(ctx)
		return err
	})
	if errors.Is(err, errSeeded) {
		return SeedReport{Digest: digest}, nil
	}
	if err != nil {
		return SeedReport{}, fmt.Errorf("seed: %w", err)
	}
	rep.Applied = true
	return rep, nil
}

// readSeed returns the files of the seed in fsys by name, and the digest of
// the seed: its files and the district table.
func readSeed(fsys fs.FS) (files map[string]string, digest string, err error) {
	h := sha256.New()
	files = map[string]string{}
	for _, name := range seedNames {
		b, err := fs.ReadFile(fsys, name.file)
		if err != nil {
			return nil, "", err
		}
		files[name.file] = string(b)
		fmt.Fprintf(h, "%s %d\n", name.digest, len(b))
		h.Write(b)
	}
	// The district table as package data holds it: what fmt prints of
	// every district's DistrictInfo.
	districts := make([]data.DistrictInfo, 0, data.NumDistricts)
	for _, d := range data.Districts() {
		districts = append(districts, d.Info())
	}
	fmt.Fprintf(h, "districts %v\n", districts)
	return files, hex.EncodeToString(h.Sum(nil)), nil
}

// lastSeedDigest returns the digest of the last seed the database loaded;
// ok is false when it never loaded one. A seed loaded by a dasi older than
// the digest has an empty one.
func lastSeedDigest(ctx context.Context, q rowQuerier) (digest string, ok bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT digest FROM imports WHERE kind = 'seed' ORDER BY id DESC LIMIT 1`).Scan(&digest)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("imports log: %w", err)
	}
	return digest, true, nil
}

// retireSeed removes the items an earlier seed wrote (their source format
// is still "seed") that this seed did not: its programs, then its places. A
// place that programs still name (an operator's, or a 50플러스 course held
// there) is kept and marked closed instead, so that it is never shown while
// those programs keep their location. It returns how many items it removed
// and how many places it closed.
func (w *writer) retireSeed(ctx context.Context) (removed, closed int, err error) {
	for _, table := range []string{"programs", "places"} {
		rows, err := w.stored(ctx, table)
		if err != nil {
			return 0, 0, err
		}
		var stale []string
		for id, r := range rows {
			if r.seed && !w.written[table+"\x00"+id] {
				stale = append(stale, id)
			}
		}
		slices.Sort(stale)
		for _, id := range stale {
			gone, err := w.retire(ctx, table, id)
			if err != nil {
				return 0, 0, fmt.Errorf("%s %s: %w", table, id, err)
			}
			switch {
			case gone:
				removed++
				delete(rows, id)
			case table == "places":
				n, err := w.exec(ctx, `UPDATE places SET status = 'closed', content_hash = 0 WHERE id = ? AND status != 'closed'`, id)
				if err != nil {
					return 0, 0, fmt.Errorf("places %s: %w", id, err)
				}
				closed += int(n)
			}
		}
	}
	return removed, closed, nil
}

// retire deletes the item id of table, unless it is a place that programs
// name; it reports whether it did.
func (w *writer) retire(ctx context.Context, table, id string) (bool, error) {
	q := `DELETE FROM programs WHERE id = ?`
	if table == "places" {
		q = `DELETE FROM places WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM programs WHERE place_id = ?1)`
	}
	n, err := w.exec(ctx, q, id)
	return n > 0, err
}

// putDistricts writes the 25 districts.
func putDistricts(ctx context.Context, w *writer) error {
	st, err := w.stmt(ctx, `INSERT INTO districts (id, code, name, name_en, centroid_lat, centroid_lon, ref_lat, ref_lon)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, name_en = excluded.name_en,
			centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon,
			ref_lat = excluded.ref_lat, ref_lon = excluded.ref_lon`)
	if err != nil {
		return fmt.Errorf("districts: %w", err)
	}
	for _, d := range data.Districts() {
		i := d.Info()
		if _, err := st.ExecContext(ctx, int64(d), i.Code, i.Name, i.NameEn,
			i.Centroid.Lat, i.Centroid.Lon, i.Ref.Lat, i.Ref.Lon); err != nil {
			return fmt.Errorf("district %s: %w", i.Name, err)
		}
	}
	return nil
}
