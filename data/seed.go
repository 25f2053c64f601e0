package data

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"strings"
	"time"
)

// seedFiles is the catalog a new database starts with: seed/places.csv
// (the open and unverified places of the shared places.csv, in its layout)
// and seed/programs.csv (the standing programs, in the operators' template,
// each with its source).
//
//go:embed seed/places.csv seed/programs.csv
var seedFiles embed.FS

// errSeeded stops a seed transaction that finds the seed already loaded.
var errSeeded = errors.New("seed already loaded")

// loadSeed loads the districts, places and programs of the embedded seed,
// once: when the imports log holds no seed yet. It all happens in one
// transaction that re-checks under the write lock, so two processes
// starting on a new file load it once. A seed record that cannot be used is
// a bug in the seed and fails Open with the record named.
func (s *Store) loadSeed(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE kind = 'seed'`).Scan(&n); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if n > 0 {
		return nil
	}
	rep := ImportReport{Format: FormatSeed}
	// The seed's items are written today: its Source.ImportedAt.
	err := s.importTx(ctx, "seed", "seed", DateOf(time.Now()), &rep, func(ctx context.Context, w *writer) error {
		if err := w.tx.QueryRowContext(ctx, `SELECT count(*) FROM imports WHERE kind = 'seed'`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errSeeded
		}
		if err := putDistricts(ctx, w); err != nil {
			return err
		}
		for _, f := range []struct {
			name string
			read func(context.Context, *writer, *strings.Reader) error
		}{
			{"seed/places.csv", func(ctx context.Context, w *writer, r *strings.Reader) error {
				return readPlacesCSV(ctx, w, r, FormatSeed, true)
			}},
			{"seed/programs.csv", func(ctx context.Context, w *writer, r *strings.Reader) error {
				return readProgramsCSV(ctx, w, r, FormatSeed)
			}},
		} {
			b, err := seedFiles.ReadFile(f.name)
			if err != nil {
				return err
			}
			w.file = "data/" + f.name
			if err := f.read(ctx, w, strings.NewReader(string(b))); err != nil {
				return fmt.Errorf("%s: %w", w.file, err)
			}
		}
		if len(rep.Rejects) > 0 {
			return fmt.Errorf("%d seed records are unusable, the first: %s", len(rep.Rejects), rep.Rejects[0])
		}
		return nil
	})
	if errors.Is(err, errSeeded) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	return nil
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
	for _, d := range Districts() {
		i := d.Info()
		if _, err := st.ExecContext(ctx, int64(d), i.Code, i.Name, i.NameEn,
			i.Centroid.Lat, i.Centroid.Lon, i.Ref.Lat, i.Ref.Lon); err != nil {
			return fmt.Errorf("district %s: %w", i.Name, err)
		}
	}
	return nil
}
