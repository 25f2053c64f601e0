package imports

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// ProgramsCSVHeader is the header of the operators' programs template
// (README, "Catalog and imports"); data/seed/programs.csv uses it too.
var ProgramsCSVHeader = []string{
	"id", "title", "category", "goals", "provider", "place_id", "district", "online",
	"min_age", "max_age", "seoul_only", "cost", "cost_text", "schedule",
	"apply_start", "apply_end", "start", "end", "keywords", "url", "source_note",
}

// ProgramsCSVOptional are the columns the programs template may add to
// ProgramsCSVHeader: district_only (y: only residents of the district may
// join), window (rolling, unknown, between or past, when the dates do not
// say when applications are taken: data.Window) and restrictions (who the
// programme is for beyond ages and residence: women, men, homemakers,
// single-household, low-income, vulnerable, licence:NAME).
var ProgramsCSVOptional = []string{"district_only", "window", "restrictions"}

// PlacesCSVHeader is the header of places.csv.
var PlacesCSVHeader = []string{"id", "name", "kind", "district", "address", "phone", "lat", "lon", "coord_note", "status"}

// csvTable reads a CSV file whose header names every column of want and
// perhaps some of optional (in any order, no others), and hands each row
// over as a map from column to cleaned value with its line number. An
// optional column that is absent reads as empty.
type csvTable struct {
	s    *csvSplitter
	cols []string
	enc  func() string // the input's encoding, for messages
}

// newCSVTable reads the header of r. It returns an error naming line 1
// when the file is empty or its header lacks a column of want, repeats
// one, or has one that is neither in want nor in optional.
func newCSVTable(r io.Reader, want, optional []string) (*csvTable, error) {
	enc := func() string { return encUTF8 }
	if t, ok := r.(*textReader); ok {
		enc = t.encoding
	}
	s := newCSVSplitter(r)
	var header []string
	for header == nil {
		rec, _, over, err := s.next()
		if err == io.EOF {
			return nil, errors.New("the file is empty")
		}
		if err != nil {
			return nil, err
		}
		if over != nil {
			return nil, errors.New("line 1: the header is over 64 KB: it must be " + strings.Join(want, ","))
		}
		if header, err = s.parse(rec); err != nil && err != io.EOF {
			return nil, csvErr(err, 1)
		}
	}
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	known := map[string]bool{}
	for _, c := range append(slices.Clip(want), optional...) {
		known[c] = true
	}
	seen := map[string]bool{}
	for i, c := range header {
		c = strings.TrimSpace(c)
		header[i] = c
		if !known[c] {
			return nil, fmt.Errorf("line 1: unknown column %q: the header must be %s", shorten(c, 40), strings.Join(want, ","))
		}
		if seen[c] {
			return nil, fmt.Errorf("line 1: column %q appears twice", c)
		}
		seen[c] = true
	}
	var missing []string
	for _, c := range want {
		if !seen[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("line 1: missing column(s) %s: the header must be %s", strings.Join(missing, ", "), strings.Join(want, ","))
	}
	s.cr.FieldsPerRecord = len(header)
	s.cr.ReuseRecord = true
	return &csvTable{s: s, cols: slices.Clone(header), enc: enc}, nil
}

// each hands every row to put with its line, until the end of the file. A
// row with the wrong number of fields, over MaxRecord bytes or with a field
// over its limit is rejected through b; a field that is not text fails the
// whole file (ErrBadText), as does any other error (a broken quote, a
// truncated file).
func (t *csvTable) each(b *batch, put func(row map[string]string, line int) error) error {
	for {
		rec, line, over, err := t.s.next()
		switch {
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		case over != nil:
			col := "record"
			if over.field < len(t.cols) {
				col = t.cols[over.field]
			}
			_, reason, _ := overRecord(over.size, col, over.fieldSize)
			b.reject(line, true, col, reason)
			continue
		}
		fields, err := t.s.parse(rec)
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			continue // a blank line
		case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
			b.reject(line, true, "record", fmt.Sprintf("%d fields, want %d", len(fields), len(t.cols)))
			continue
		case err != nil:
			return csvErr(err, line)
		}
		rejected := false
		for i, f := range fields {
			reason, bad := checkField(t.cols[i], f)
			if bad {
				return badTextError(line, true, t.cols[i], t.enc())
			}
			if reason != "" {
				b.reject(line, true, t.cols[i], reason)
				rejected = true
				break
			}
		}
		if rejected {
			continue
		}
		row := make(map[string]string, len(t.cols))
		for i, c := range t.cols {
			row[c] = data.CleanText(fields[i])
		}
		if err := put(row, line); err != nil {
			return err
		}
	}
}

// csvErr describes a CSV error that makes the whole file unusable, in the
// record that starts on line.
func csvErr(err error, line int) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		// The parser counts lines across the records it was fed: its
		// offset within this record is what counts.
		at := line + pe.Line - pe.StartLine
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Errorf("line %d: %w (a field opened with \" must close with \"; a truncated file ends inside one); nothing was imported", line, pe.Err)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Errorf("line %d: %w (a field holding \" must be quoted, its \" doubled); nothing was imported", at, pe.Err)
		}
		return fmt.Errorf("line %d: %w", at, pe.Err)
	}
	return err
}

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// idRE is what a source id in a CSV may be: ASCII, stable, URL-safe.
var idRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// csvID returns a row's id, or the reason it is not a usable one.
func csvID(row map[string]string) (id, reason string) {
	id = row["id"]
	switch {
	case id == "":
		return "", "missing"
	case !idRE.MatchString(id):
		return "", fmt.Sprintf("%q: want ASCII letters, digits, '.', '_' or '-' (at most 64)", id)
	}
	return id, ""
}

// readProgramsCSV reads the programs template. format is FormatProgramsCSV,
// or FormatSeed for the embedded seed. Programs of the template keep their
// own id as catalog id, so an operator's row replaces the seed's row with
// the same id.
func readProgramsCSV(ctx context.Context, b *batch, r io.Reader, format string) error {
	places, err := b.placeIndex(ctx)
	if err != nil {
		return err
	}
	t, err := newCSVTable(r, ProgramsCSVHeader, ProgramsCSVOptional)
	if err != nil {
		return err
	}
	return t.each(b, func(row map[string]string, line int) error {
		p, field, reason := csvProgram(row, places, format)
		if field != "" {
			b.reject(line, true, field, reason)
			return nil
		}
		return b.putProgram(ctx, line, true, p)
	})
}

// csvProgram turns one row of the template into a program, or names the
// column that makes it unusable.
func csvProgram(row map[string]string, places *placeIndex, format string) (p data.Program, field, reason string) {
	if p.ID, reason = csvID(row); reason != "" {
		return p, "id", reason
	}
	if p.Title = row["title"]; p.Title == "" {
		return p, "title", "missing"
	}
	if p.Category = row["category"]; p.Category == "" {
		return p, "category", "missing"
	}
	var err error
	if p.Goals, err = data.ParseGoals(row["goals"]); err != nil {
		return p, "goals", err.Error()
	}
	if p.Goals == 0 {
		return p, "goals", "missing: at least one of job train startup digital social life"
	}
	p.Provider = row["provider"]
	if id := row["place_id"]; id != "" {
		pl, ok := places.get(id)
		if !ok {
			return p, "place_id", fmt.Sprintf("no place %q (see dasi import places)", id)
		}
		p.PlaceID, p.District = pl.ID, pl.District
	}
	if d := row["district"]; d != "" {
		if p.District = data.DistrictByName(d); !p.District.Valid() {
			return p, "district", fmt.Sprintf("%q is not one of Seoul's 25 districts", d)
		}
	}
	if p.Online, err = parseYesNo(row["online"]); err != nil {
		return p, "online", err.Error()
	}
	if p.SeoulOnly, err = parseYesNo(row["seoul_only"]); err != nil {
		return p, "seoul_only", err.Error()
	}
	if p.DistrictOnly, err = parseYesNo(row["district_only"]); err != nil {
		return p, "district_only", err.Error()
	}
	if p.DistrictOnly && !p.District.Valid() {
		return p, "district_only", "y needs the district (or a place_id in one)"
	}
	if p.MinAge, err = parseAge(row["min_age"]); err != nil {
		return p, "min_age", err.Error()
	}
	if p.MaxAge, err = parseAge(row["max_age"]); err != nil {
		return p, "max_age", err.Error()
	}
	if p.MinAge > 0 && p.MaxAge > 0 && p.MaxAge < p.MinAge {
		return p, "max_age", fmt.Sprintf("%d is below min_age %d", p.MaxAge, p.MinAge)
	}
	p.Cost = -1
	if c := row["cost"]; c != "" {
		n, ok := parseWon(c)
		if !ok {
			return p, "cost", fmt.Sprintf("%q: want won as a whole number (0 = free), or empty when unknown", c)
		}
		p.Cost = int(n)
	}
	p.CostText, p.Schedule = row["cost_text"], row["schedule"]
	if p.CostText == "" && p.Cost == 0 {
		p.CostText = "무료"
	}
	for _, d := range []struct {
		col string
		d   *data.Date
	}{{"apply_start", &p.ApplyStart}, {"apply_end", &p.ApplyEnd}, {"start", &p.Start}, {"end", &p.End}} {
		if v := row[d.col]; v != "" {
			if *d.d, err = data.ParseDate(v); err != nil {
				return p, d.col, fmt.Sprintf("%q: want YYYY-MM-DD", v)
			}
		}
	}
	if f, r := checkSpans(p, "apply_end", "end"); f != "" {
		return p, f, r
	}
	if p.Window, err = data.ParseWindow(row["window"]); err != nil {
		return p, "window", err.Error()
	}
	if p.Restrictions, p.Licence, err = data.ParseRestrictions(row["restrictions"]); err != nil {
		return p, "restrictions", err.Error()
	}
	p.Keywords = row["keywords"]
	src := data.Source{Format: format, ID: p.ID, URL: row["url"], Note: row["source_note"]}
	if src.URL == "" && src.Note == "" {
		return p, "url", "either url or source_note is required: every program keeps its source"
	}
	if src.URL != "" {
		if u, err := url.Parse(src.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return p, "url", fmt.Sprintf("%q: want an http:// or https:// address", src.URL)
		}
	}
	p.Source = src
	return p, "", ""
}

// parseYesNo parses y/n (yes/no, 예/아니오); empty is no.
func parseYesNo(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "n", "no", "아니오":
		return false, nil
	case "y", "yes", "예":
		return true, nil
	}
	return false, fmt.Errorf("%q: want y, n or empty", s)
}

// parseAge parses an age bound in years; empty is no bound.
func parseAge(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 120 {
		return 0, fmt.Errorf("%q: want an age in years (1-120), or empty for no bound", s)
	}
	return n, nil
}

// readPlacesCSV reads the layout of places.csv. The seed (format
// FormatSeed, skipClosed set) leaves closed places out; an import keeps
// them, so that closing a place reaches the catalog.
func readPlacesCSV(ctx context.Context, b *batch, r io.Reader, format string, skipClosed bool) error {
	if _, err := b.placeIndex(ctx); err != nil {
		return err
	}
	t, err := newCSVTable(r, PlacesCSVHeader, nil)
	if err != nil {
		return err
	}
	return t.each(b, func(row map[string]string, line int) error {
		p, field, reason := csvPlace(row, format)
		switch {
		case field != "":
			b.reject(line, true, field, reason)
			return nil
		case skipClosed && p.Status == data.PlaceClosed:
			return nil
		}
		return b.putPlace(ctx, line, true, p)
	})
}

// csvPlace turns one row of places.csv into a place, or names the column
// that makes it unusable.
func csvPlace(row map[string]string, format string) (p data.Place, field, reason string) {
	if p.ID, reason = csvID(row); reason != "" {
		return p, "id", reason
	}
	if p.Name = row["name"]; p.Name == "" {
		return p, "name", "missing"
	}
	if p.Kind = row["kind"]; p.Kind == "" {
		return p, "kind", "missing"
	}
	if d := row["district"]; d != "" {
		if p.District = data.DistrictByName(d); !p.District.Valid() {
			return p, "district", fmt.Sprintf("%q is not one of Seoul's 25 districts", d)
		}
	}
	p.Address, p.Phone = row["address"], row["phone"]
	lat, lon := row["lat"], row["lon"]
	switch {
	case lat == "" && lon == "":
	case lat == "" || lon == "":
		return p, "lat", "give both lat and lon, or neither"
	default:
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		switch {
		case err1 != nil || la < 33 || la > 39:
			return p, "lat", fmt.Sprintf("%q: want a latitude in Korea (33-39)", lat)
		case err2 != nil || lo < 124 || lo > 132:
			return p, "lon", fmt.Sprintf("%q: want a longitude in Korea (124-132)", lon)
		}
		p.At = data.LatLon{Lat: la, Lon: lo}
	}
	st := row["status"]
	if p.Status = data.PlaceStatusByID(st); p.Status == 0 {
		return p, "status", fmt.Sprintf("%q: want open, unverified or closed", st)
	}
	p.Source = data.Source{Format: format, ID: p.ID, Note: row["coord_note"]}
	return p, "", ""
}
