package judged

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// This file reads the judged set (data/testdata/judged/*.tsv, described in
// its README.md) and the points of ../shared/data/places.csv it measures
// distances to.

// label is one row of items.tsv: what the counsellor says of a catalog item.
type label struct {
	id, source, title, kind string
	districtOnly            data.District
	goals                   data.Goals
	fields                  map[string]bool // field ids, "any", "none"
	minAge, maxAge          int             // 0: no bound
	restrictions            []string
	window                  string // open, soon, rolling, between, past, unknown
	seats                   string
	where                   []string
}

// current reports whether the item takes applications now (open, opening
// within 30 days, or all year).
func (l *label) current() bool {
	return l.window == "open" || l.window == "soon" || l.window == "rolling"
}

// place is one row of places.tsv, with its point in places.csv.
type place struct {
	id, kind, status string
	district         data.District
	coords           string      // yes, low, no
	at               data.LatLon // places.csv's point; zero when coords is no
	judged           data.LatLon // the judge's reading of the address; zero when unknown
	serves           data.Goals
	restrictions     string
}

// resident is one row of residents.tsv.
type resident struct {
	name         string
	age, years   int // 0: not given
	field        data.Field
	goals        data.Goals
	district     data.District
	at           data.LatLon
	browse       bool
	mustPrograms []string
	mustJobs     []string
	noneFit      bool
	firstPlaces  []string // first_place, then first_place_also
	ageBand      data.AgeBand
	yearsBand    data.YearsBand
}

// profile is what matching is asked for the resident.
func (r *resident) profile() data.Profile {
	if r.browse {
		return data.Profile{District: r.district}
	}
	return data.Profile{Age: r.ageBand, Field: r.field, Years: r.yearsBand, Goals: r.goals, District: r.district, At: r.at}
}

// readTSV returns the rows of a judged-set file as maps from its header's
// columns, skipping comments.
func readTSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "judged", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var header []string
	var rows []map[string]string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cells := strings.Split(line, "\t")
		if header == nil {
			header = cells
			continue
		}
		if len(cells) != len(header) {
			t.Fatalf("%s:%d: %d cells, want %d", name, n, len(cells), len(header))
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			row[h] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// parseAges reads "40-64", "40+", "65+", "15+"; empty is no rule.
func parseAges(t *testing.T, s string) (lo, hi int) {
	t.Helper()
	if s == "" {
		return 0, 0
	}
	if a, ok := strings.CutSuffix(s, "+"); ok {
		n, err := strconv.Atoi(a)
		if err != nil {
			t.Fatalf("ages %q", s)
		}
		return n, 0
	}
	a, b, ok := strings.Cut(s, "-")
	x, err1 := strconv.Atoi(a)
	y, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		t.Fatalf("ages %q", s)
	}
	return x, y
}

// goalsOf parses goal ids separated by spaces.
func goalsOf(t *testing.T, s string) data.Goals {
	t.Helper()
	g, err := data.ParseGoals(s)
	if err != nil {
		t.Fatalf("goals %q: %v", s, err)
	}
	return g
}

// district parses a 구 name; empty is none.
func district(t *testing.T, s string) data.District {
	t.Helper()
	if s == "" {
		return 0
	}
	d := data.DistrictByName(s)
	if !d.Valid() {
		t.Fatalf("district %q", s)
	}
	return d
}

// latLon parses "lat,lon"; empty is the zero point.
func latLon(t *testing.T, lat, lon string) data.LatLon {
	t.Helper()
	if lat == "" && lon == "" {
		return data.LatLon{}
	}
	a, err1 := strconv.ParseFloat(lat, 64)
	b, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("point %q,%q", lat, lon)
	}
	return data.LatLon{Lat: a, Lon: b}
}

// loadLabels reads items.tsv by id.
func loadLabels(t *testing.T) map[string]*label {
	t.Helper()
	out := map[string]*label{}
	for _, r := range readTSV(t, "items.tsv") {
		l := &label{
			id: r["id"], source: r["source"], title: r["title"], kind: r["kind"],
			districtOnly: district(t, r["district_only"]),
			goals:        goalsOf(t, r["goals"]),
			fields:       map[string]bool{},
			restrictions: strings.Fields(r["restrictions"]),
			seats:        r["seats"],
			where:        strings.Fields(r["where"]),
		}
		for _, f := range strings.Fields(r["fields"]) {
			l.fields[f] = true
		}
		l.minAge, l.maxAge = parseAges(t, r["ages"])
		l.window, _, _ = strings.Cut(r["window"], ":")
		if _, dup := out[l.id]; dup {
			t.Fatalf("items.tsv: %s twice", l.id)
		}
		out[l.id] = l
	}
	return out
}

// loadPlaces reads places.tsv by id, with the points of places.csv (at
// csvPath).
func loadPlaces(t *testing.T, csvPath string) map[string]*place {
	t.Helper()
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	points := map[string]data.LatLon{}
	for _, rec := range recs[1:] {
		points[rec[0]] = latLon(t, rec[6], rec[7])
	}
	out := map[string]*place{}
	for _, r := range readTSV(t, "places.tsv") {
		p := &place{
			id: r["id"], kind: r["kind"], status: r["status"], district: district(t, r["district"]),
			coords: r["coords"], judged: latLon(t, r["judged_lat"], r["judged_lon"]),
			serves: goalsOf(t, r["serves"]), restrictions: r["restrictions"],
		}
		if p.coords != "no" {
			p.at = points[p.id]
			if !p.at.Valid() {
				t.Fatalf("places.tsv says %s has a point, places.csv has none", p.id)
			}
		}
		out[p.id] = p
	}
	return out
}

// loadResidents reads residents.tsv.
func loadResidents(t *testing.T) []*resident {
	t.Helper()
	var out []*resident
	for _, r := range readTSV(t, "residents.tsv") {
		res := &resident{
			name: r["name"], browse: r["consent"] == "browse",
			district:     district(t, r["district"]),
			mustPrograms: strings.Fields(r["must_programs"]),
			firstPlaces:  append([]string{r["first_place"]}, strings.Fields(r["first_place_also"])...),
		}
		if r["consent"] != "yes" && !res.browse {
			t.Fatalf("resident %s: consent %q", res.name, r["consent"])
		}
		if r["must_jobs"] == "none-fit" {
			res.noneFit = true
		} else {
			res.mustJobs = strings.Fields(r["must_jobs"])
		}
		if a := r["age"]; a != "" {
			res.age, _ = strconv.Atoi(a)
			res.ageBand = data.AgeBandOf(res.age)
		}
		if y := r["years"]; y != "" {
			res.years, _ = strconv.Atoi(y)
			res.yearsBand = data.YearsBandOf(res.years)
		}
		if f := r["field"]; f != "" {
			if res.field = data.FieldByName(f); !res.field.Valid() {
				t.Fatalf("resident %s: field %q", res.name, f)
			}
		}
		res.goals = goalsOf(t, r["goals"])
		if at := r["at"]; at != "" {
			lat, lon, _ := strings.Cut(at, ",")
			res.at = latLon(t, lat, lon)
		}
		out = append(out, res)
	}
	return out
}

// lifeArea is the 생활권 of Seoul's 2030 plan each district belongs to,
// the groups the figures are printed by.
func lifeArea(d data.District) string {
	switch d.Name() {
	case "종로구", "중구", "용산구":
		return "도심권"
	case "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구", "노원구":
		return "동북권"
	case "은평구", "서대문구", "마포구":
		return "서북권"
	case "양천구", "강서구", "구로구", "금천구", "영등포구", "동작구", "관악구":
		return "서남권"
	case "서초구", "강남구", "송파구", "강동구":
		return "동남권"
	}
	return "생활권 밖"
}
