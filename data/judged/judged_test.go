package judged

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/sqlite"
	"github.com/dasi-seoul/dasi/internal/sharedtest"
)

// today is the crawl date of the real files, the day the judged set was
// written for (DASI_NOW=2026-07-26).
var today = data.NewDate(2026, 7, 26)

// The targets of issue 9 ("Done when").
const (
	targetPrecision = 0.90 // programmes: share of the first three that are eligible, current, relevant and near
	targetRecall    = 0.80 // must-appear items among the first five
	targetJobs      = 0.80 // job openings shown that are relevant (or an honest "none fits")
	targetFirst     = 0.95 // first place right
)

// realCatalog imports the real 50플러스 files into a fresh store (seeded
// with the embedded seed) at today, and returns its catalog.
func realCatalog(t *testing.T) *data.Catalog {
	t.Helper()
	ctx := context.Background()
	lectures := sharedtest.Data(t, "50plus/lectures.json")
	announcements := sharedtest.Data(t, "50plus/announcements.json")
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "judged.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, f := range []struct {
		kind imports.Kind
		path string
	}{{imports.Programs, lectures}, {imports.Jobs, announcements}} {
		r, err := os.Open(f.path)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := imports.File(ctx, st, r, imports.Options{Kind: f.kind, File: filepath.Base(f.path), Today: today})
		r.Close()
		if err != nil {
			t.Fatalf("import %s: %v", f.path, err)
		}
		for _, rj := range rep.Rejects {
			t.Errorf("rejected: %s", rj)
		}
		t.Logf("import %s: %s", filepath.Base(f.path), rep)
	}
	c, err := st.Catalog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestJudged scores the answers for every resident of the judged set
// against the counsellor's labels, prints the figures per group and fails
// below the targets of issue 9.
func TestJudged(t *testing.T) {
	cat := realCatalog(t)
	j := &judge{t: t, labels: loadLabels(t), places: loadPlaces(t, sharedtest.Data(t, "places.csv"))}
	residents := loadResidents(t)
	j.checkCoverage(cat)

	groups := map[string]*figures{}
	var order []string
	add := func(name string, a *answer) {
		f, ok := groups[name]
		if !ok {
			f = &figures{}
			groups[name] = f
			order = append(order, name)
		}
		f.add(a)
	}
	var all []*answer
	for _, r := range residents {
		a := j.score(r, cat.Match(data.Query{Profile: r.profile(), Today: today, Limit: 5}))
		all = append(all, a)
		add("all", a)
		add(lifeArea(r.district), a)
		if r.browse {
			add("goal browse", a)
		}
		for _, g := range r.goals.List() {
			add("goal "+g.ID(), a)
		}
		if testing.Verbose() {
			t.Log(a.String())
		}
	}
	slices.Sort(order[1:])
	var b strings.Builder
	fmt.Fprintf(&b, "judged set at %s, %d residents\n%s\n", today, len(residents), header())
	for _, name := range order {
		fmt.Fprintf(&b, "%s\n", groups[name].row(name))
	}
	t.Log("\n" + b.String())

	f := groups["all"]
	for _, c := range []struct {
		what       string
		got, want  float64
		fewer, bad bool
	}{
		{"programme precision", f.precision(), targetPrecision, true, false},
		{"recall", f.recall(), targetRecall, true, false},
		{"job openings relevant or an honest none-fits", f.jobShare(), targetJobs, true, false},
		{"first place right", f.firstShare(), targetFirst, true, false},
	} {
		if c.got < c.want {
			t.Errorf("%s %.1f%%, want at least %.0f%%", c.what, 100*c.got, 100*c.want)
		}
	}
	if f.otherDistrict > 0 {
		t.Errorf("%d district-only programmes of another district shown, want 0", f.otherDistrict)
	}
	if f.falseReasons > 0 {
		t.Errorf("%d false reasons, want 0", f.falseReasons)
	}
	if f.past > 0 {
		t.Errorf("%d programmes whose only run is past shown, want 0", f.past)
	}
	if f.noneFitMissing > 0 {
		t.Errorf("%d answers lack the honest none-fits line the labels require", f.noneFitMissing)
	}
	if t.Failed() && !testing.Verbose() {
		for _, a := range all {
			if a.problems() {
				t.Log(a.String())
			}
		}
	}
}

// checkCoverage fails the test when the catalog holds an item the judged
// set has no label for, or a label names an item the catalog lacks: the
// set labels all of it.
func (j *judge) checkCoverage(c *data.Catalog) {
	var ids []string
	for _, p := range c.Programs() {
		ids = append(ids, p.ID)
	}
	for _, jb := range c.Jobs() {
		ids = append(ids, jb.ID)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		seen[id] = true
		if j.labels[id] == nil {
			j.t.Errorf("catalog item %s has no label in items.tsv", id)
		}
	}
	for id, l := range j.labels {
		if !seen[id] && (l.kind == "programme" || l.kind == "job") {
			j.t.Errorf("items.tsv labels %s (%s), which the catalog does not hold", id, l.kind)
		}
	}
}
