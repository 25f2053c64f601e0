package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/dasi-seoul/dasi/data"
)

// Catalog loads the whole catalog into memory: every place (closed ones
// included; matching never shows them), program and job (expired ones
// included; matching judges deadlines against its own today). Call
// CatalogVersion first and keep the number with the snapshot to know when
// to reload. It returns an error naming the table it could not read.
func (s *Store) Catalog(ctx context.Context) (*data.Catalog, error) {
	// One read transaction (a plain BEGIN: it takes no write lock), so the
	// three tables agree with each other even while an import commits.
	conn, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	defer conn.Rollback()
	places, err := loadPlaces(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("catalog: places: %w", err)
	}
	programs, err := loadPrograms(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("catalog: programs: %w", err)
	}
	jobs, err := loadJobs(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("catalog: jobs: %w", err)
	}
	return data.NewCatalog(places, programs, jobs), nil
}

// querier is what the loaders need: a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const placeColumns = `id, name, kind, district, address, phone, lat, lon, status,
	source_format, source_id, url, note, imported_at`

// loadPlaces reads every place, in id order.
func loadPlaces(ctx context.Context, q querier) ([]data.Place, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+placeColumns+` FROM places ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Place
	for rows.Next() {
		p, err := scanPlace(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// scanPlace reads one row of placeColumns. It returns an error for a
// status the schema does not know.
func scanPlace(rows *sql.Rows) (data.Place, error) {
	var (
		p        data.Place
		district sql.NullInt64
		lat, lon sql.NullFloat64
		status   string
	)
	err := rows.Scan(&p.ID, &p.Name, &p.Kind, &district, &p.Address, &p.Phone, &lat, &lon, &status,
		&p.Source.Format, &p.Source.ID, &p.Source.URL, &p.Source.Note, &p.Source.ImportedAt)
	if err != nil {
		return data.Place{}, err
	}
	p.District = data.District(district.Int64)
	if lat.Valid && lon.Valid {
		p.At = data.LatLon{Lat: lat.Float64, Lon: lon.Float64}
	}
	if p.Status = data.PlaceStatusByID(status); p.Status == 0 {
		return data.Place{}, fmt.Errorf("place %s: unknown status %q", p.ID, status)
	}
	return p, nil
}

const programColumns = `id, title, category, goals, provider, place_id, district, online,
	min_age, max_age, seoul_only, district_only, cost, cost_text, schedule, apply_start, apply_end,
	start_date, end_date, keywords, apply_window, waitlist, restrictions, licence,
	source_format, source_id, url, note, imported_at`

// loadPrograms reads every program, in id order. It returns an error
// naming a program whose goals are not goal ids.
func loadPrograms(ctx context.Context, q querier) ([]data.Program, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+programColumns+` FROM programs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Program
	for rows.Next() {
		var (
			p                                data.Program
			goals, window, restrictions      string
			placeID                          sql.NullString
			district, minAge, maxAge, cost   sql.NullInt64
			applyStart, applyEnd, start, end sql.NullInt64
		)
		err := rows.Scan(&p.ID, &p.Title, &p.Category, &goals, &p.Provider, &placeID, &district, &p.Online,
			&minAge, &maxAge, &p.SeoulOnly, &p.DistrictOnly, &cost, &p.CostText, &p.Schedule, &applyStart, &applyEnd,
			&start, &end, &p.Keywords, &window, &p.Waitlist, &restrictions, &p.Licence,
			&p.Source.Format, &p.Source.ID, &p.Source.URL, &p.Source.Note, &p.Source.ImportedAt)
		if err != nil {
			return nil, err
		}
		if p.Goals, err = data.ParseGoals(goals); err != nil {
			return nil, fmt.Errorf("program %s: %w", p.ID, err)
		}
		if p.Window, err = data.ParseWindow(window); err != nil {
			return nil, fmt.Errorf("program %s: %w", p.ID, err)
		}
		if p.Restrictions, _, err = data.ParseRestrictions(restrictions); err != nil {
			return nil, fmt.Errorf("program %s: %w", p.ID, err)
		}
		p.PlaceID = placeID.String
		p.District = data.District(district.Int64)
		p.MinAge, p.MaxAge = int(minAge.Int64), int(maxAge.Int64)
		p.Cost = -1
		if cost.Valid {
			p.Cost = int(cost.Int64)
		}
		p.ApplyStart, p.ApplyEnd = data.Date(applyStart.Int64), data.Date(applyEnd.Int64)
		p.Start, p.End = data.Date(start.Int64), data.Date(end.Int64)
		out = append(out, p)
	}
	return out, rows.Err()
}

const jobColumns = `id, title, company, occupation_code, occupation, district, address, wage,
	employment, career, hours, posted, deadline, min_age, max_age, restrictions, licence,
	source_format, source_id, url, note, imported_at`

// loadJobs reads every job opening, in id order.
func loadJobs(ctx context.Context, q querier) ([]data.Job, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Job
	for rows.Next() {
		var (
			j                                       data.Job
			district, posted, dline, minAge, maxAge sql.NullInt64
			restrictions                            string
		)
		err := rows.Scan(&j.ID, &j.Title, &j.Company, &j.OccupationCode, &j.Occupation, &district, &j.Address,
			&j.Wage, &j.Employment, &j.Career, &j.Hours, &posted, &dline, &minAge, &maxAge, &restrictions, &j.Licence,
			&j.Source.Format, &j.Source.ID, &j.Source.URL, &j.Source.Note, &j.Source.ImportedAt)
		if err != nil {
			return nil, err
		}
		if j.Restrictions, _, err = data.ParseRestrictions(restrictions); err != nil {
			return nil, fmt.Errorf("job %s: %w", j.ID, err)
		}
		j.MinAge, j.MaxAge = int(minAge.Int64), int(maxAge.Int64)
		j.District = data.District(district.Int64)
		j.Posted, j.Deadline = data.Date(posted.Int64), data.Date(dline.Int64)
		out = append(out, j)
	}
	return out, rows.Err()
}
