package sqlite

import (
	"context"
	"os"
	"testing"

	"github.com/dasi-seoul/dasi/internal/sharedtest"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
)

// importShared imports ../shared/data/name.
func importShared(t *testing.T, s *Store, kind imports.Kind, name string, today data.Date) imports.Report {
	t.Helper()
	path := sharedtest.Data(t, name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := imports.File(context.Background(), s, f, imports.Options{Kind: kind, File: name, Today: today})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	for _, r := range rep.Rejects {
		t.Errorf("rejected: %s", r)
	}
	return rep
}

func TestImportSharedLectures(t *testing.T) {
	s, _ := openTest(t)
	// The crawl's application periods all closed by 2026-10-07: every
	// course is stored and counted as expired, but for the 90 resident
	// services, children's and hobby classes (82 hobby, 6 services, 2
	// children's classes in data/testdata/judged), skipped.
	rep := importShared(t, s, imports.Programs, "50plus/lectures.json", 20261123)
	if rep.Format != imports.Format50PlusLectures || rep.Expired != 153 || rep.Skipped != 90 || rep.Added+rep.Updated+rep.Unchanged != 0 {
		t.Errorf("report %s, format %s; want expired=153 skipped=90", rep, rep.Format)
	}
	again := importShared(t, s, imports.Programs, "50plus/lectures.json", 20261123)
	if again.Added != 0 || again.Updated != 0 || again.Expired != 153 {
		t.Errorf("second import: %s", again)
	}
	var digitalOpen, withPlace, withGoal int
	for _, p := range catalogPrograms(t, s) {
		if p.Source.Format != imports.Format50PlusLectures {
			continue
		}
		if p.PlaceID != "" && p.District.Valid() {
			withPlace++
		}
		if p.Goals != 0 {
			withGoal++
		}
		if last := p.LastDay(); p.Goals.Has(data.GoalDigital) && (last.IsZero() || last >= demoDay) {
			digitalOpen++
		}
	}
	// Every orgName is one of the 18 campuses and centres of places.csv.
	if withPlace != 153 {
		t.Errorf("%d of 153 courses joined to a place", withPlace)
	}
	if withGoal < 145 {
		t.Errorf("only %d of 153 courses serve a goal", withGoal)
	}
	if digitalOpen == 0 {
		t.Error("no digital course open on 2026-07-26: the demo of the issue would show none")
	}
}

func TestImportSharedJobsAndPlaces(t *testing.T) {
	s, _ := openTest(t)
	rep := importShared(t, s, imports.Jobs, "50plus/announcements.json", demoDay)
	if rep.Format != imports.Format50PlusAnnouncements || rep.Added+rep.Expired != 32 {
		t.Errorf("announcements: %s", rep)
	}
	var trainings int
	for _, p := range catalogPrograms(t, s) {
		if p.Source.Format == imports.Format50PlusAnnouncements {
			trainings++
			if p.PlaceID == "" || !p.Goals.Has(data.GoalTrain) {
				t.Errorf("training %s: place %q goals %v", p.ID, p.PlaceID, p.Goals.List())
			}
		}
	}
	if trainings != 8 {
		t.Errorf("%d trainings (IN49009) became programs, want 8", trainings)
	}
	if rep := importShared(t, s, imports.Jobs, "seoul-jobs/getjobinfo-sample.json", demoDay); rep.Expired != 1 {
		t.Errorf("GetJobInfo sample: %s (its deadline is 2025-07-08)", rep)
	}
	if rep := importShared(t, s, imports.Jobs, "work24/wanted-list-sample.xml", demoDay); rep.Added != 1 {
		t.Errorf("고용24 sample: %s", rep)
	}
	j := jobByID(t, s, "seoul-K120122505090018")
	if j.Address != "서울 동대문구" || j.District.Name() != "동대문구" || j.Wage != "시급 10,030원" || j.Deadline != 20250708 {
		t.Errorf("GetJobInfo sample = %+v", j)
	}
	rep = importShared(t, s, imports.Places, "places.csv", demoDay)
	if rep.Rejected != 0 || rep.Added+rep.Updated+rep.Unchanged != 37 {
		t.Errorf("places.csv: %s", rep)
	}
}

// LatestSchema is the version of the last embedded migration, for the
// external tests.
func LatestSchema() (int, error) {
	ms, err := loadMigrations(migrationFiles)
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	return ms[len(ms)-1].version, nil
}
