package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Catalog loads the whole catalog into memory: every place (closed ones
// included; matching never shows them), program and job (expired ones
// included; matching judges deadlines against its own today). Call
// CatalogVersion first and keep the number with the snapshot to know when
// to reload. It returns an error naming the table it could not read.
func (s *Store) Catalog(ctx context.Context) (*Catalog, error) {
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
	return NewCatalog(places, programs, jobs), nil
}

// querier is what the loaders need: a *sql.DB, *sql.Conn or *sql.Tx.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const placeColumns = `id, name, kind, district, address, phone, lat, lon, status,
	source_format, source_id, url, note, imported_at`

// loadPlaces reads every place, in id order.
func loadPlaces(ctx context.Context, q querier) ([]Place, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+placeColumns+` FROM places ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Place
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
func scanPlace(rows *sql.Rows) (Place, error) {
	var (
		p        Place
		district sql.NullInt64
		lat, lon sql.NullFloat64
		status   string
	)
	err := rows.Scan(&p.ID, &p.Name, &p.Kind, &district, &p.Address, &p.Phone, &lat, &lon, &status,
		&p.Source.Format, &p.Source.ID, &p.Source.URL, &p.Source.Note, &p.Source.ImportedAt)
	if err != nil {
		return Place{}, err
	}
	p.District = District(district.Int64)
	if lat.Valid && lon.Valid {
		p.At = LatLon{lat.Float64, lon.Float64}
	}
	if p.Status = placeStatusByName(status); p.Status == 0 {
		return Place{}, fmt.Errorf("place %s: unknown status %q", p.ID, status)
	}
	return p, nil
}

const programColumns = `id, title, category, goals, provider, place_id, district, online,
	min_age, max_age, seoul_only, district_only, cost, cost_text, schedule, apply_start, apply_end,
	start_date, end_date, keywords, source_format, source_id, url, note, imported_at`

// loadPrograms reads every program, in id order. It returns an error
// naming a program whose goals are not goal ids.
func loadPrograms(ctx context.Context, q querier) ([]Program, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+programColumns+` FROM programs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Program
	for rows.Next() {
		var (
			p                                Program
			goals                            string
			placeID                          sql.NullString
			district, minAge, maxAge, cost   sql.NullInt64
			applyStart, applyEnd, start, end sql.NullInt64
		)
		err := rows.Scan(&p.ID, &p.Title, &p.Category, &goals, &p.Provider, &placeID, &district, &p.Online,
			&minAge, &maxAge, &p.SeoulOnly, &p.DistrictOnly, &cost, &p.CostText, &p.Schedule, &applyStart, &applyEnd,
			&start, &end, &p.Keywords, &p.Source.Format, &p.Source.ID, &p.Source.URL, &p.Source.Note, &p.Source.ImportedAt)
		if err != nil {
			return nil, err
		}
		if p.Goals, err = parseGoalIDs(goals); err != nil {
			return nil, fmt.Errorf("program %s: %w", p.ID, err)
		}
		p.PlaceID = placeID.String
		p.District = District(district.Int64)
		p.MinAge, p.MaxAge = int(minAge.Int64), int(maxAge.Int64)
		p.Cost = -1
		if cost.Valid {
			p.Cost = int(cost.Int64)
		}
		p.ApplyStart, p.ApplyEnd = Date(applyStart.Int64), Date(applyEnd.Int64)
		p.Start, p.End = Date(start.Int64), Date(end.Int64)
		out = append(out, p)
	}
	return out, rows.Err()
}

const jobColumns = `id, title, company, occupation_code, occupation, district, address, wage,
	employment, career, hours, posted, deadline, source_format, source_id, url, note, imported_at`

// loadJobs reads every job opening, in id order.
func loadJobs(ctx context.Context, q querier) ([]Job, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+jobColumns+` FROM jobs ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		var (
			j                       Job
			district, posted, dline sql.NullInt64
		)
		err := rows.Scan(&j.ID, &j.Title, &j.Company, &j.OccupationCode, &j.Occupation, &district, &j.Address,
			&j.Wage, &j.Employment, &j.Career, &j.Hours, &posted, &dline,
			&j.Source.Format, &j.Source.ID, &j.Source.URL, &j.Source.Note, &j.Source.ImportedAt)
		if err != nil {
			return nil, err
		}
		j.District = District(district.Int64)
		j.Posted, j.Deadline = Date(posted.Int64), Date(dline.Int64)
		out = append(out, j)
	}
	return out, rows.Err()
}

// placeStatusNames are the status words of places.csv and the places table.
var placeStatusNames = [...]string{PlaceOpen: "open", PlaceUnverified: "unverified", PlaceClosed: "closed"}

// placeStatusByName returns the status named s, or 0.
func placeStatusByName(s string) PlaceStatus {
	for st, name := range placeStatusNames {
		if name != "" && name == s {
			return PlaceStatus(st)
		}
	}
	return 0
}

// goalIDs returns the set's goal ids separated by spaces, in display order.
func goalIDs(g Goals) string {
	ids := make([]string, 0, MaxGoals)
	for _, goal := range g.List() {
		ids = append(ids, goal.ID())
	}
	return strings.Join(ids, " ")
}

// parseGoalIDs parses goals separated by spaces or commas, each an id or a
// Korean label (data.GoalByName). It returns an error naming an unknown one.
func parseGoalIDs(s string) (Goals, error) {
	var g Goals
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' }) {
		goal := GoalByName(f)
		if goal == GoalUnknown {
			return 0, fmt.Errorf("%q is not a goal (job train startup digital social life)", f)
		}
		g = g.With(goal)
	}
	return g, nil
}
