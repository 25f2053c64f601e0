package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

// writer writes one import's items inside its transaction: it upserts by
// catalog id, tells added from updated from unchanged by a hash of the
// item's content, counts expired items, and collects rejected records.
type writer struct {
	tx     *sql.Tx
	today  Date
	file   string // name in messages: the file, "-" for standard input
	report *ImportReport

	places *placeIndex // the places known to this import, for joins

	// rows holds, per table, what the import needs to know of every stored
	// item, loaded on first use, and updated as the import writes.
	rows map[string]map[string]storedRow
	// seen maps the catalog ids written by this import to the record that
	// wrote them, to reject a duplicate.
	seen map[string]int

	stmts map[string]*sql.Stmt

	// seed is set when this import is the embedded seed: it leaves alone
	// the items other imports wrote over seed items (counting them in
	// kept), and records digest in the imports log.
	seed   bool
	kept   int
	digest string
}

// storedRow is what an import knows of one stored item.
type storedRow struct {
	hash int64 // rowHash of its columns
	seed bool  // the seed wrote it: its source format is still "seed"
}

// newWriter returns a writer for one import in tx, counting into report.
func newWriter(tx *sql.Tx, file string, today Date, report *ImportReport) *writer {
	return &writer{
		tx: tx, today: today, file: file, report: report,
		rows:  map[string]map[string]storedRow{},
		seen:  map[string]int{},
		stmts: map[string]*sql.Stmt{},
	}
}

// close releases the prepared statements.
func (w *writer) close() {
	for q, st := range w.stmts {
		st.Close()
		delete(w.stmts, q)
	}
}

// reject records that record n (a line when line is set) could not be
// used because of field.
func (w *writer) reject(n int, line bool, field, reason string) {
	w.report.Rejected++
	w.report.Rejects = append(w.report.Rejects, Reject{File: w.file, N: n, Line: line, Field: field, Reason: reason})
}

// placeIndex returns the places stored so far, loading them once.
func (w *writer) placeIndex(ctx context.Context) (*placeIndex, error) {
	if w.places == nil {
		ps, err := loadPlaces(ctx, w.tx)
		if err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		w.places = newPlaceIndex(ps)
	}
	return w.places, nil
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
	rows, err := w.tx.QueryContext(ctx, `SELECT id, content_hash, source_format = ? FROM `+table, FormatSeed)
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

// outcome is what writing one item did.
type outcome uint8

const (
	outRejected outcome = iota // not written: rejected (see writer.reject)
	outAdded
	outUpdated
	outUnchanged
	outKept // not written: the seed leaves another import's item alone
)

// upsert writes one row of table, read from record n (a line when line is
// set), unless an identical one is stored. query inserts or updates cols,
// then the row's content hash and the day it is written, which upsert
// appends. An id that this import already wrote is rejected, naming the
// record that wrote it.
func (w *writer) upsert(ctx context.Context, table, id string, n int, line bool, query string, cols ...any) (outcome, error) {
	key := table + "\x00" + id
	if first, dup := w.seen[key]; dup {
		w.reject(n, line, "id", fmt.Sprintf("%s is already in record %d of this file", id, first))
		return outRejected, nil
	}
	w.seen[key] = n
	m, err := w.stored(ctx, table)
	if err != nil {
		return 0, err
	}
	hash := rowHash(cols)
	old, exists := m[id]
	switch {
	case exists && w.seed && !old.seed:
		return outKept, nil
	case exists && old.hash == hash:
		return outUnchanged, nil
	}
	st, err := w.stmt(ctx, query)
	if err != nil {
		return 0, fmt.Errorf("%s %s: %w", table, id, err)
	}
	if _, err := st.ExecContext(ctx, append(cols, hash, int64(w.today))...); err != nil {
		return 0, fmt.Errorf("%s %s: %w", table, id, err)
	}
	m[id] = storedRow{hash: hash, seed: w.seed}
	if exists {
		return outUpdated, nil
	}
	return outAdded, nil
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

// removeUnlisted deletes the items of table that format wrote and whose
// ids are not in listed: what a complete listing of that source no longer
// holds. It returns how many it deleted.
func (w *writer) removeUnlisted(ctx context.Context, table, format string, listed map[string]bool) (int, error) {
	rows, err := w.tx.QueryContext(ctx, `SELECT id FROM `+table+` WHERE source_format = ?`, format)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", table, err)
	}
	var gone []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("%s: %w", table, err)
		}
		if !listed[id] {
			gone = append(gone, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("%s: %w", table, err)
	}
	for _, id := range gone {
		if _, err := w.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
			return 0, fmt.Errorf("%s %s: %w", table, id, err)
		}
	}
	return len(gone), nil
}

// count adds one item's outcome to the report. An expired item counts as
// expired whatever the write did: it is stored but will not be recommended.
func (w *writer) count(o outcome, expired bool) {
	switch {
	case o == outRejected:
	case o == outKept:
		w.kept++
	case expired:
		w.report.Expired++
	case o == outAdded:
		w.report.Added++
	case o == outUpdated:
		w.report.Updated++
	default:
		w.report.Unchanged++
	}
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

// putPlace stores p, read from record n.
func (w *writer) putPlace(ctx context.Context, n int, line bool, p Place) error {
	var lat, lon any
	if p.At != (LatLon{}) {
		lat, lon = p.At.Lat, p.At.Lon
	}
	o, err := w.upsert(ctx, "places", p.ID, n, line, upsertPlace,
		p.ID, p.Name, p.Kind, nullDistrict(p.District), p.Address, p.Phone, lat, lon, placeStatusNames[p.Status],
		p.Source.Format, p.Source.ID, p.Source.URL, p.Source.Note)
	if err != nil {
		return err
	}
	if o != outRejected && o != outKept && w.places != nil {
		w.places.add(p)
	}
	w.count(o, false)
	return nil
}

const upsertProgram = `INSERT INTO programs (id, title, category, goals, provider, place_id, district, online,
	min_age, max_age, seoul_only, district_only, cost, cost_text, schedule, apply_start, apply_end, start_date,
	end_date, keywords, source_format, source_id, url, note, content_hash, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, category = excluded.category, goals = excluded.goals,
	provider = excluded.provider, place_id = excluded.place_id, district = excluded.district,
	online = excluded.online, min_age = excluded.min_age, max_age = excluded.max_age,
	seoul_only = excluded.seoul_only, district_only = excluded.district_only, cost = excluded.cost, cost_text = excluded.cost_text,
	schedule = excluded.schedule, apply_start = excluded.apply_start, apply_end = excluded.apply_end,
	start_date = excluded.start_date, end_date = excluded.end_date, keywords = excluded.keywords,
	source_format = excluded.source_format, source_id = excluded.source_id, url = excluded.url,
	note = excluded.note, content_hash = excluded.content_hash, imported_at = excluded.imported_at`

// putProgram stores p, read from record n.
func (w *writer) putProgram(ctx context.Context, n int, line bool, p Program) error {
	var cost any
	if p.Cost >= 0 {
		cost = int64(p.Cost)
	}
	o, err := w.upsert(ctx, "programs", p.ID, n, line, upsertProgram,
		p.ID, p.Title, p.Category, goalIDs(p.Goals), p.Provider, nullString(p.PlaceID), nullDistrict(p.District),
		p.Online, nullInt(p.MinAge), nullInt(p.MaxAge), p.SeoulOnly, p.DistrictOnly, cost, p.CostText, p.Schedule,
		nullDate(p.ApplyStart), nullDate(p.ApplyEnd), nullDate(p.Start), nullDate(p.End), p.Keywords,
		p.Source.Format, p.Source.ID, p.Source.URL, p.Source.Note)
	if err != nil {
		return err
	}
	w.count(o, programExpired(p, w.today))
	return nil
}

const upsertJob = `INSERT INTO jobs (id, title, company, occupation_code, occupation, district, address, wage,
	employment, career, hours, posted, deadline, source_format, source_id, url, note, content_hash, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, company = excluded.company,
	occupation_code = excluded.occupation_code, occupation = excluded.occupation, district = excluded.district,
	address = excluded.address, wage = excluded.wage, employment = excluded.employment, career = excluded.career,
	hours = excluded.hours, posted = excluded.posted, deadline = excluded.deadline,
	source_format = excluded.source_format, source_id = excluded.source_id, url = excluded.url,
	note = excluded.note, content_hash = excluded.content_hash, imported_at = excluded.imported_at`

// putJob stores j, read from record n.
func (w *writer) putJob(ctx context.Context, n int, line bool, j Job) error {
	o, err := w.upsert(ctx, "jobs", j.ID, n, line, upsertJob,
		j.ID, j.Title, j.Company, j.OccupationCode, j.Occupation, nullDistrict(j.District), j.Address, j.Wage,
		j.Employment, j.Career, j.Hours, nullDate(j.Posted), nullDate(j.Deadline),
		j.Source.Format, j.Source.ID, j.Source.URL, j.Source.Note)
	if err != nil {
		return err
	}
	w.count(o, jobExpired(j, w.today))
	return nil
}

// programExpired reports whether p can no longer be joined at today: the
// last day matching would recommend it (Program.LastDay) has passed.
func programExpired(p Program, today Date) bool {
	last := p.LastDay()
	return !last.IsZero() && last < today
}

// jobExpired reports whether j's applications closed before today.
func jobExpired(j Job, today Date) bool {
	return !j.Deadline.IsZero() && j.Deadline < today
}

// nullDistrict, nullDate, nullInt and nullString store an unknown value
// (the zero value) as NULL.
func nullDistrict(d District) any {
	if !d.Valid() {
		return nil
	}
	return int64(d)
}

func nullDate(d Date) any {
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
