package data

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// sharedDir returns ../shared beside the module root. Without it the test
// is skipped, unless CI is set: then it fails.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	if _, err := os.Stat(filepath.Join(shared, "data")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but the shared reference folder is missing: %v", err)
		}
		t.Skipf("shared reference folder absent (%v)", err)
	}
	return shared
}

// sharedPlaces reads ../shared/data/places.csv the way the places importer
// does, for tests of ranking on the real places.
func sharedPlaces(t testing.TB) []Place {
	t.Helper()
	path := filepath.Join(sharedDir(t), "data", "places.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var out []Place
	for n, r := range rows[1:] {
		p := Place{
			ID:       r[col["id"]],
			Name:     r[col["name"]],
			Kind:     r[col["kind"]],
			District: DistrictByName(r[col["district"]]),
			Address:  r[col["address"]],
			Phone:    r[col["phone"]],
			Source:   Source{Format: "places-csv", ID: r[col["id"]]},
		}
		if lat, lon := r[col["lat"]], r[col["lon"]]; lat != "" && lon != "" {
			var err1, err2 error
			p.At.Lat, err1 = strconv.ParseFloat(lat, 64)
			p.At.Lon, err2 = strconv.ParseFloat(lon, 64)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s:line %d: lat/lon: %q %q", path, n+2, lat, lon)
			}
		}
		switch r[col["status"]] {
		case "open":
			p.Status = PlaceOpen
		case "unverified":
			p.Status = PlaceUnverified
		case "closed":
			p.Status = PlaceClosed
		default:
			t.Fatalf("%s:line %d: status: %q", path, n+2, r[col["status"]])
		}
		out = append(out, p)
	}
	return out
}

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ids returns the IDs of hits, in order.
func ids(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		if h.Program != nil {
			out[i] = h.Program.ID
		} else {
			out[i] = h.Job.ID
		}
	}
	return out
}

func placeIDs(hits []PlaceHit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Place.ID
	}
	return out
}

func hasReason(rs []Reason, k ReasonKind) bool {
	for _, r := range rs {
		if r.Kind == k {
			return true
		}
	}
	return false
}
