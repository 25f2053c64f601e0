package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"time"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
)

// WriteImport implements imports.Store: it runs write in one transaction
// (which takes the write lock when it begins) with the writer of that
// transaction as its Sink, then adds the import to the imports log (kind,
// file, rep's format and counts, when it started and finished) and
// commits. The row in the log moves CatalogVersion, so that a running bot
// reloads. Any error rolls everything back; write's is returned as is.
func (s *Store) WriteImport(ctx context.Context, kind imports.Kind, file string, rep *imports.Report, write func(context.Context, imports.Sink) error) error {
	return s.importTx(ctx, string(kind), file, rep, func(ctx context.Context, w *writer) error {
		return write(ctx, w)
	})
}

// importTx runs fill in one transaction with a writer, then logs the import
// (kind is "seed" for the seed) and commits. Any error rolls everything back.
func (s *Store) importTx(ctx context.Context, kind, file string, rep *imports.Report, fill func(context.Context, *writer) error) (err error) {
	defer func() { s.health.note(err, time.Now()) }()
	started := time.Now()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx)
	defer w.close()
	if err := fill(ctx, w); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO imports (kind, file, format, added, updated, unchanged, expired, rejected,
			started_at, finished_at, digest)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		kind, file, rep.Format, rep.Added, rep.Updated, rep.Unchanged, rep.Expired, rep.Rejected,
		started.UTC().Format(time.RFC3339Nano), time.Now().UTC().Format(time.RFC3339Nano), w.digest)
	if err != nil {
		return fmt.Errorf("imports log: %w", err)
	}
	w.close()
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// writer is the imports.Sink of one import's transaction: it upserts by
// catalog id and tells added from updated from unchanged by a hash of the
// item's content. What the importers read, reject and count is theirs
// (package imports); the SQL is the writer's.
type writer struct {
	tx *sql.Tx

	// rows holds, per table, what the import needs to know of every stored
	// item, loaded on first use, and updated as the import writes.
	rows map[string]map[string]storedRow
	// written holds the catalog ids of the items this import handed in,
	// by table ("programs\x00id"), written or not: what the seed keeps.
	written map[string]bool

	stmts map[string]*sql.Stmt

	// seed is set when this import is the embedded seed: it leaves alone
	// the items other imports wrote over seed items (counting them in
	// kept), and records digest in the imports log.
	seed   bool
	kept   int
	digest string
}

var (
	_ imports.Store = (*Store)(nil)
	_ imports.Sink  = (*writer)(nil)
)

// storedRow is what an import knows of one stored item.
type storedRow struct {
	hash int64 // rowHash of its columns
	seed bool  // the seed wrote it: its source format is still "seed"
}

// newWriter returns a writer for one import in tx.
func newWriter(tx *sql.Tx) *writer {
	return &writer{
		tx:      tx,
		rows:    map[string]map[string]storedRow{},
		written: map[string]bool{},
		stmts:   map[string]*sql.Stmt{},
	}
}

// close releases the prepared statements.
func (w *writer) close() {
	for q, st := range w.stmts {
		st.Close()
		delete(w.stmts, q)
	}
}

// Places implements imports.Sink: every place the transaction sees, in id
// order.
func (w *writer) Places(ctx context.Context) ([]data.Place, error) {
	return loadPlaces(ctx, w.tx)
}

// stmt returns the prepared statement for query, preparing it once.
func (w *writer) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	w.stmts[query] = st
	return st, nil
}

// stored returns what is known of table's rows, loading it once.
func (w *writer) stored(ctx context.Context, table string) (map[string]storedRow, error) {
	if m, ok := w.rows[table]; ok {
		return m, nil
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT id, content_hash, source_format = ? FROM `+table, imports.FormatSeed)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	defer rows.Close()
	m := map[string]storedRow{}
	for rows.Next() {
		var id string
		var r storedRow
		if err := rows.Scan(&id, &r.hash, &r.seed); err != nil {
			return nil, fmt.Errorf("%s: %w", table, err)
		}
		m[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", table, err)
	}
	w.rows[table] = m
	return m, nil
}

// upsert writes one row of table, unless an identical one is stored. query
// inserts or updates cols, then the row's content hash and the day it is
// written (day), which upsert appends. In the seed's import, an item
// another import wrote over the seed's is kept as it is.
func (w *writer) upsert(ctx context.Context, table, id string, day data.Date, query string, cols ...any) (imports.Outcome, error) {
	w.written[table+"\x00"+id] = true
	m, err := w.stored(ctx, table)
	if err != nil {
		return 0, err
	}
	hash := rowHash(cols)
	old, exists := m[id]
	switch {
	case exists && w.seed && !old.seed:
		w.kept++
		return imports.Kept, nil
	case exists && old.hash == hash:
		return imports.Unchanged, nil
	}
	st, err := w.stmt(ctx, query)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", table, id, err)
	}
	if _, err := st.ExecContext(ctx, append(cols, hash, int64(day))...); err != nil {
		return 0, fmt.Errorf("%s %s: %w", table, id, err)
	}
	m[id] = storedRow{hash: hash, seed: w.seed}
	if exists {
		return imports.Updated, nil
	}
	return imports.Added, nil
}

// exec runs query, prepared once, and returns the rows it changed.
func (w *writer) exec(ctx context.Context, query string, args ...any) (int64, error) {
	st, err := w.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// catalogTable returns the table of the items of kind; ok is false for an
// unknown kind.
func catalogTable(kind imports.Kind) (table string, ok bool) {
	switch kind {
	case imports.Places, imports.Programs, imports.Jobs:
		return string(kind), true
	}
	return "", false
}

// RemoveUnlisted implements imports.Sink: of the items of kind that format
// wrote, those whose ids are not in listed are marked missed, and deleted
// when the previous listing lacked them too (paged listings shift while
// they are read: one miss is not enough); those listed are unmarked. It
// returns how many it deleted and how many it marked, and an error for an
// unknown kind.
func (w *writer) RemoveUnlisted(ctx context.Context, kind imports.Kind, format string, listed map[string]bool) (removed, marked int, err error) {
	table, ok := catalogTable(kind)
	if !ok || table == "places" {
		return 0, 0, fmt.Errorf("remove unlisted: unknown kind %q", kind)
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT id, missed FROM `+table+` WHERE source_format = ?`, format)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", table, err)
	}
	var gone, missed, back []string
	for rows.Next() {
		var (
			id string
			n  int
		)
		if err := rows.Scan(&id, &n); err != nil {
			rows.Close()
			return 0, 0, fmt.Errorf("%s: %w", table, err)
		}
		switch {
		case listed[id] && n > 0:
			back = append(back, id)
		case listed[id]:
		case n > 0:
			gone = append(gone, id)
		default:
			missed = append(missed, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, fmt.Errorf("%s: %w", table, err)
	}
	for _, id := range gone {
		if _, err := w.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
			return 0, 0, fmt.Errorf("%s %s: %w", table, id, err)
		}
	}
	for _, id := range missed {
		if _, err := w.exec(ctx, `UPDATE `+table+` SET missed = missed + 1 WHERE id = ?`, id); err != nil {
			return 0, 0, fmt.Errorf("%s %s: %w", table, id, err)
		}
	}
	for _, id := range back {
		if _, err := w.exec(ctx, `UPDATE `+table+` SET missed = 0 WHERE id = ?`, id); err != nil {
			return 0, 0, fmt.Errorf("%s %s: %w", table, id, err)
		}
	}
	return len(gone), len(missed), nil
}

// rowHash hashes the columns of a row as they are stored (every column
// but the day it was written), so that re-importing the same record is
// "unchanged": FNV-1a over each value with its type and length.
func rowHash(cols []any) int64 {
	h := uint64(14695981039346656037)
	add := func(b byte) { h = (h ^ uint64(b)) * 1099511628211 }
	num := func(tag byte, n uint64) {
		add(tag)
		for i := range 8 {
			add(byte(n >> (8 * i)))
		}
	}
	for _, c := range cols {
		switch v := c.(type) {
		case nil:
			add(0)
		case string:
			num(1, uint64(len(v)))
			for i := 0; i < len(v); i++ {
				add(v[i])
			}
		case int64:
			num(2, uint64(v))
		case int:
			num(2, uint64(v))
		case bool:
			if v {
				num(3, 1)
			} else {
				num(3, 0)
			}
		case float64:
			num(4, math.Float64bits(v))
		default: // no upsert stores another type today: hashed as printed
			t := fmt.Sprintf("%T %v", v, v)
			num(5, uint64(len(t)))
			for i := 0; i < len(t); i++ {
				add(t[i])
			}
		}
	}
	return int64(h)
}

// The upserts. Each sets every column, so an update replaces the item.

const upsertPlace = `INSERT INTO places (id, name, kind, district, address, phone, lat, lon, status,
	source_format, source_id, url, note, content_hash, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, district = excluded.district,
	address = excluded.address, phone = excluded.phone, lat = excluded.lat, lon = excluded.lon,
	status = excluded.status, source_format = excluded.source_format, source_id = excluded.source_id,
	url = excluded.url, note = excluded.note, content_hash = excluded.content_hash,
	imported_at = excluded.imported_at`

// PutPlace implements imports.Sink.
func (w *writer) PutPlace(ctx context.Context, p data.Place) (imports.Outcome, error) {
	var lat, lon any
	if p.At != (data.LatLon{}) {
		lat, lon = p.At.Lat, p.At.Lon
	}
	return w.upsert(ctx, "places", p.ID, p.Source.ImportedAt, upsertPlace,
		p.ID, p.Name, p.Kind, nullDistrict(p.District), p.Address, p.Phone, lat, lon, p.Status.ID(),
		p.Source.Format, p.Source.ID, p.Source.URL, p.Source.Note)
}

const upsertProgram = `INSERT INTO programs (id, title, category, goals, provider, place_id, district, online,
	min_age, max_age, seoul_only, district_only, cost, cost_text, schedule, apply_start, apply_end, start_date,
	end_date, keywords, apply_window, waitlist, restrictions, licence,
	source_format, source_id, url, note, content_hash, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category, goals = excluded.goals,
	provider = excluded.provider, place_id = excluded.place_id, district = excluded.district,
	online = excluded.online, min_age = excluded.min_age, max_age = excluded.max_age,
	seoul_only = excluded.seoul_only, district_only = excluded.district_only, cost = excluded.cost, cost_text = excluded.cost_text,
	schedule = excluded.schedule, apply_start = excluded.apply_start, apply_end = excluded.apply_end,
	start_date = excluded.start_date, end_date = excluded.end_date, keywords = excluded.keywords,
	apply_window = excluded.apply_window, waitlist = excluded.waitlist, restrictions = excluded.restrictions,
	licence = excluded.licence, source_format = excluded.source_format, source_id = excluded.source_id, url = excluded.url,
	note = excluded.note, content_hash = excluded.content_hash, imported_at = excluded.imported_at`

// PutProgram implements imports.Sink.
func (w *writer) PutProgram(ctx context.Context, p data.Program) (imports.Outcome, error) {
	var cost any
	if p.Cost >= 0 {
		cost = int64(p.Cost)
	}
	return w.upsert(ctx, "programs", p.ID, p.Source.ImportedAt, upsertProgram,
		p.ID, p.Title, p.Category, p.Goals.IDs(), p.Provider, nullString(p.PlaceID), nullDistrict(p.District),
		p.Online, nullInt(p.MinAge), nullInt(p.MaxAge), p.SeoulOnly, p.DistrictOnly, cost, p.CostText, p.Schedule,
		nullDate(p.ApplyStart), nullDate(p.ApplyEnd), nullDate(p.Start), nullDate(p.End), p.Keywords,
		p.Window.ID(), p.Waitlist, p.Restrictions.IDs(), p.Licence, p.Source.Format, p.Source.ID, p.Source.URL, p.Source.Note)
}

const upsertJob = `INSERT INTO jobs (id, title, company, occupation_code, occupation, district, address, wage,
	employment, career, hours, posted, deadline, min_age, max_age, restrictions, licence,
	source_format, source_id, url, note, content_hash, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, company = excluded.company,
	occupation_code = excluded.occupation_code, occupation = excluded.occupation, district = excluded.district,
	address = excluded.address, wage = excluded.wage, employment = excluded.employment, career = excluded.career,
	hours = excluded.hours, posted = excluded.posted, deadline = excluded.deadline,
	min_age = excluded.min_age, max_age = excluded.max_age, restrictions = excluded.restrictions,
	licence = excluded.licence, source_format = excluded.source_format, source_id = excluded.source_id, url = excluded.url,
	note = excluded.note, content_hash = excluded.content_hash, imported_at = excluded.imported_at`

// PutJob implements imports.Sink.
func (w *writer) PutJob(ctx context.Context, j data.Job) (imports.Outcome, error) {
	return w.upsert(ctx, "jobs", j.ID, j.Source.ImportedAt, upsertJob,
		j.ID, j.Title, j.Company, j.OccupationCode, j.Occupation, nullDistrict(j.District), j.Address, j.Wage,
		j.Employment, j.Career, j.Hours, nullDate(j.Posted), nullDate(j.Deadline),
		nullInt(j.MinAge), nullInt(j.MaxAge), j.Restrictions.IDs(), j.Licence, j.Source.Format, j.Source.ID, j.Source.URL, j.Source.Note)
}

// nullDistrict, nullDate, nullInt and nullString store an unknown value
// (the zero value) as NULL.
func nullDistrict(d data.District) any {
	if !d.Valid() {
		return nil
	}
	return int64(d)
}

func nullDate(d data.Date) any {
	if d.IsZero() {
		return nil
	}
	return int64(d)
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return int64(n)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// LastImport returns when the last import logged under file (such as
// "api:GetJobInfo") finished, the zero time when there was none, or the
// store's error.
func (s *Store) LastImport(ctx context.Context, file string) (time.Time, error) {
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT finished_at FROM imports WHERE file = ? ORDER BY id DESC LIMIT 1`, file).Scan(&at)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("imports log: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return time.Time{}, fmt.Errorf("imports log: finished_at %q: %w", at, err)
	}
	return t, nil
}
