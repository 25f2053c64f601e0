package judged

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// This file holds the scoring rules of the judged set's README ("Rules the
// scoring test must use") and the figures they add up to.

// nearMeters is how far counts as near for the judged set.
const nearMeters = 10_000

// judge scores answers against the labels.
type judge struct {
	t      *testing.T
	labels map[string]*label
	places map[string]*place
}

// answer is one resident's scored answer.
type answer struct {
	r *resident

	programs []verdict // the first five programmes
	jobs     []verdict // the first five job openings
	place    string    // the first place's id
	placeOK  bool

	mustFound, mustTotal       int // programmes and jobs together
	mustProgFound, mustProgAll int
	mustJobFound, mustJobAll   int
	fits                       int // programmes the labels say fit (eligible, current, relevant, near)
	noneFitMissing             bool
	placeFalse                 []string
}

// verdict is one shown item judged.
type verdict struct {
	id                                string
	eligible, current, relevant, near bool
	otherDistrict, past, wrongKind    bool
	falseReasons                      []string
}

// good reports whether the item is all a counsellor asks.
func (v verdict) good() bool { return v.eligible && v.current && v.relevant && v.near }

// point is where distances are measured from for r.
func (j *judge) point(r *resident) data.LatLon {
	if r.at.Valid() {
		return r.at
	}
	return r.district.Point()
}

// near reports whether an item at where is near r (README: within 10 km,
// or online, city-wide, Seoul-wide or unknown; a place without a point by
// its 구).
func (j *judge) near(r *resident, where []string) bool {
	from := j.point(r)
	for _, w := range where {
		switch w {
		case "online", "citywide", "seoul", "unknown":
			return true
		}
		if p, ok := j.places[w]; ok {
			switch {
			case p.at.Valid():
				if from.MetersTo(p.at) <= nearMeters {
					return true
				}
			case !p.district.Valid():
				return true
			case p.district == r.district || from.MetersTo(p.district.Point()) <= nearMeters:
				return true
			}
			continue
		}
		d := data.DistrictByName(w)
		if !d.Valid() {
			j.t.Fatalf("where %q is neither a place nor a district", w)
		}
		if d == r.district || from.MetersTo(d.Point()) <= nearMeters {
			return true
		}
	}
	return false
}

// districts returns the 구 an item at where is in (none for online,
// city-wide or unknown places).
func (j *judge) districts(where []string) []data.District {
	var out []data.District
	for _, w := range where {
		if p, ok := j.places[w]; ok {
			if p.district.Valid() {
				out = append(out, p.district)
			}
			continue
		}
		if d := data.DistrictByName(w); d.Valid() {
			out = append(out, d)
		}
	}
	return out
}

// agesOK says whether r may join an item with the ages rule of l: its band
// overlaps the rule; a band only partly inside it (or no age, browsing)
// only when the answer states the rule.
func agesOK(r *resident, l *label, stated bool) bool {
	if l.minAge == 0 && l.maxAge == 0 {
		return true
	}
	if !r.ageBand.Valid() {
		return stated
	}
	lo, hi := r.ageBand.Range()
	top := l.maxAge
	if top == 0 {
		top = 1000
	}
	switch {
	case hi < l.minAge || lo > top:
		return false
	case lo >= l.minAge && hi <= top:
		return true
	}
	return stated
}

// statesAges reports whether a hit's reasons state its age rule.
func statesAges(h *data.Hit) bool {
	if h == nil {
		return false
	}
	for _, rs := range h.Reasons {
		if (rs.Kind == data.ReasonAgeCheck || rs.Kind == data.ReasonAges) && (rs.MinAge > 0 || rs.MaxAge > 0) {
			return true
		}
	}
	return false
}

// eligible reports whether r may join the item (README, Eligible); h is
// the hit shown, nil when judging the labels alone (then a restriction
// dasi does not ask about makes the item ineligible, as it would be
// unless the answer states it).
func (j *judge) eligible(r *resident, l *label, h *data.Hit) bool {
	if l.districtOnly != 0 && l.districtOnly != r.district {
		return false
	}
	if !agesOK(r, l, statesAges(h)) {
		return false
	}
	for _, x := range l.restrictions {
		if strings.HasPrefix(x, "hours:") {
			continue
		}
		if h == nil || !slices.Contains(stated(h), x) {
			return false
		}
	}
	return true
}

// relevant reports whether the item serves r (README, Relevant).
func relevant(r *resident, l *label, job bool) bool {
	fieldOK := !r.field.Valid() || l.fields[r.field.ID()]
	if job {
		return l.kind == "job" && fieldOK
	}
	if l.kind != "programme" {
		return false
	}
	if !r.browse && l.goals&r.goals == 0 {
		return false
	}
	return fieldOK || l.fields["any"]
}

// fitsAlone reports whether the labels alone say the programme fits r.
func (j *judge) fitsAlone(r *resident, l *label) bool {
	return j.eligible(r, l, nil) && l.current() && relevant(r, l, false) && j.near(r, l.where)
}

// judgeHit judges one shown programme or job opening.
func (j *judge) judgeHit(r *resident, h *data.Hit, job bool) verdict {
	id := hitID(h)
	l := j.labels[id]
	if l == nil {
		j.t.Errorf("%s: shown item %s has no label", r.name, id)
		return verdict{id: id, falseReasons: []string{"unlabelled"}}
	}
	v := verdict{
		id:       id,
		eligible: j.eligible(r, l, h),
		current:  l.current(),
		relevant: relevant(r, l, job),
		near:     j.near(r, l.where),
		past:     l.window == "past",
	}
	v.otherDistrict = l.districtOnly != 0 && l.districtOnly != r.district
	v.wrongKind = (job && l.kind != "job") || (!job && l.kind != "programme")
	v.falseReasons = j.falseItemReasons(r, l, h)
	return v
}

// falseItemReasons returns the reasons of a hit that are untrue of the
// item (README, false reasons).
func (j *judge) falseItemReasons(r *resident, l *label, h *data.Hit) []string {
	var out []string
	for _, rs := range h.Reasons {
		switch rs.Kind {
		case data.ReasonGoal:
			for _, g := range rs.Goals.With(rs.Goal).List() {
				if !l.goals.Has(g) {
					out = append(out, "goal "+g.ID())
				}
			}
		case data.ReasonField:
			if !l.fields[rs.Field.ID()] {
				out = append(out, "field "+rs.Field.ID())
			}
		case data.ReasonResidence:
			if l.districtOnly != rs.District {
				out = append(out, "residence "+rs.District.Name())
			}
		case data.ReasonOnline:
			if !slices.Contains(l.where, "online") {
				out = append(out, "online")
			}
		case data.ReasonDistrict, data.ReasonDistance:
			if s := j.falseLocation(r, l.where, rs); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// falseLocation says what is untrue in a location reason about something
// at where ("" when nothing is): "사시는 은평구" of a thing in another
// district, a distance to a place without a point not marked as rough, a
// rough distance under 100 m ("약 0m"), or a distance far from the
// judge's reading of the address.
func (j *judge) falseLocation(r *resident, where []string, rs data.Reason) string {
	ds := j.districts(where)
	if rs.Kind == data.ReasonDistrict {
		if !slices.Contains(ds, rs.District) {
			return "in " + rs.District.Name()
		}
		return ""
	}
	if rs.Approx && rs.Meters < 100 {
		return fmt.Sprintf("rough distance %dm", rs.Meters)
	}
	from := j.point(r)
	var wrong string
	for _, w := range where {
		p, ok := j.places[w]
		if !ok {
			continue
		}
		ref := p.at
		if !ref.Valid() {
			ref = p.judged
		}
		if !ref.Valid() {
			if !rs.Approx {
				wrong = "exact distance to a place of unknown location"
				continue
			}
			return ""
		}
		d := from.MetersTo(ref)
		tol := max(1500, d/4)
		if !rs.Approx && (rs.Meters-d > tol || d-rs.Meters > tol) {
			wrong = fmt.Sprintf("distance %dm, truly about %dm", rs.Meters, d)
			continue
		}
		return "" // one of the places it may be at (where lists alternatives)
	}
	if wrong != "" {
		return wrong
	}
	if !rs.Approx && len(ds) > 0 {
		return "exact distance to a district"
	}
	return ""
}

// score judges r's answer.
func (j *judge) score(r *resident, res data.Result) *answer {
	a := &answer{r: r}
	for i := range res.Programs {
		a.programs = append(a.programs, j.judgeHit(r, &res.Programs[i], false))
	}
	// A resident who only browses a district is shown no job openings
	// (dialogs leaves them out), so none are judged.
	for i := range res.Jobs {
		if !r.browse {
			a.jobs = append(a.jobs, j.judgeHit(r, &res.Jobs[i], true))
		}
	}
	ids := func(vs []verdict) []string {
		var out []string
		for _, v := range vs {
			out = append(out, v.id)
		}
		return out
	}
	for _, id := range r.mustPrograms {
		a.mustProgAll++
		if slices.Contains(ids(a.programs), id) {
			a.mustProgFound++
		}
	}
	for _, id := range r.mustJobs {
		a.mustJobAll++
		if slices.Contains(ids(a.jobs), id) {
			a.mustJobFound++
		}
	}
	a.mustFound, a.mustTotal = a.mustProgFound+a.mustJobFound, a.mustProgAll+a.mustJobAll
	a.noneFitMissing = r.noneFit && !j.honestNoneFit(res)
	for _, l := range j.labels {
		if j.fitsAlone(r, l) {
			a.fits++
		}
	}
	if len(res.Places) > 0 {
		ph := res.Places[0]
		a.place = ph.Place.ID
		a.placeOK = slices.Contains(r.firstPlaces, a.place)
	}
	for _, ph := range res.Places[:min(3, len(res.Places))] {
		p := j.places[ph.Place.ID]
		if p == nil {
			j.t.Errorf("%s: place %s is not in places.tsv", r.name, ph.Place.ID)
			continue
		}
		for _, rs := range ph.Reasons {
			switch rs.Kind {
			case data.ReasonGoal:
				for _, g := range rs.Goals.With(rs.Goal).List() {
					if !p.serves.Has(g) {
						a.placeFalse = append(a.placeFalse, p.id+": goal "+g.ID())
					}
				}
			case data.ReasonDistrict, data.ReasonDistance:
				if s := j.falseLocation(r, []string{p.id}, rs); s != "" {
					a.placeFalse = append(a.placeFalse, p.id+": "+s)
				}
			}
		}
	}
	return a
}

// hitID returns the catalog id of a hit.
func hitID(h *data.Hit) string {
	if h.Program != nil {
		return h.Program.ID
	}
	return h.Job.ID
}

// problems reports whether the answer misses a target.
func (a *answer) problems() bool {
	for i, v := range a.programs {
		if (i < 3 && !v.good()) || len(v.falseReasons) > 0 {
			return true
		}
	}
	for i, v := range a.jobs {
		if (i < 3 && !v.good()) || len(v.falseReasons) > 0 {
			return true
		}
	}
	return !a.placeOK || a.noneFitMissing || a.mustFound < a.mustTotal || len(a.placeFalse) > 0
}

// String describes the answer: each shown item with what is wrong with it.
func (a *answer) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): must %d/%d, fits %d, first place %s", a.r.name, a.r.district.Name(), a.mustFound, a.mustTotal, a.fits, a.place)
	if !a.placeOK {
		fmt.Fprintf(&b, " (want %s)", strings.Join(a.r.firstPlaces, " or "))
	}
	if a.noneFitMissing {
		b.WriteString(", no honest none-fits line")
	}
	for _, s := range a.placeFalse {
		fmt.Fprintf(&b, "\n    place false reason: %s", s)
	}
	for _, g := range []struct {
		name string
		vs   []verdict
	}{{"programme", a.programs}, {"job", a.jobs}} {
		for i, v := range g.vs {
			fmt.Fprintf(&b, "\n    %s %d %s %s", g.name, i+1, v.id, v.flags())
		}
	}
	return b.String()
}

// flags lists what is wrong with a shown item, or "ok".
func (v verdict) flags() string {
	var f []string
	for _, x := range []struct {
		bad  bool
		name string
	}{{!v.eligible, "ineligible"}, {!v.current, "not-current"}, {!v.relevant, "irrelevant"}, {!v.near, "far"},
		{v.otherDistrict, "OTHER-DISTRICT"}, {v.past, "PAST"}, {v.wrongKind, "not-a-" + "programme-or-job"}} {
		if x.bad {
			f = append(f, x.name)
		}
	}
	for _, s := range v.falseReasons {
		f = append(f, "FALSE("+s+")")
	}
	if len(f) == 0 {
		return "ok"
	}
	return strings.Join(f, " ")
}

// figures add up the answers of a group of residents.
type figures struct {
	residents                      int
	progGood, progShown            int
	mustFound, mustTotal           int
	mustProgFound, mustProgTotal   int
	mustJobFound, mustJobTotal     int
	otherDistrict, past, wrongKind int
	falseReasons                   int
	short                          int
	jobGood, jobShown              int
	honestNoneFit, noneFitMissing  int
	firstOK, firstAll              int
}

// add counts one answer.
func (f *figures) add(a *answer) {
	f.residents++
	for i, v := range a.programs {
		if i < 3 {
			f.progShown++
			if v.good() {
				f.progGood++
			}
		}
		f.falseReasons += len(v.falseReasons)
		if v.otherDistrict {
			f.otherDistrict++
		}
		if v.past {
			f.past++
		}
		if v.wrongKind {
			f.wrongKind++
		}
	}
	if len(a.programs) < 3 && a.fits >= 3 {
		f.short++
	}
	for i, v := range a.jobs {
		if i < 3 {
			f.jobShown++
			if v.good() {
				f.jobGood++
			}
		}
		f.falseReasons += len(v.falseReasons)
	}
	f.falseReasons += len(a.placeFalse)
	if !a.r.browse && len(a.jobs) == 0 && (a.r.goals.Has(data.GoalJob) || a.r.noneFit) {
		f.honestNoneFit++
	}
	if a.noneFitMissing {
		f.noneFitMissing++
	}
	f.mustFound += a.mustFound
	f.mustTotal += a.mustTotal
	f.mustProgFound += a.mustProgFound
	f.mustProgTotal += a.mustProgAll
	f.mustJobFound += a.mustJobFound
	f.mustJobTotal += a.mustJobAll
	f.firstAll++
	if a.placeOK {
		f.firstOK++
	}
}

// share returns n/d, 1 when d is 0.
func share(n, d int) float64 {
	if d == 0 {
		return 1
	}
	return float64(n) / float64(d)
}

func (f *figures) precision() float64  { return share(f.progGood, f.progShown) }
func (f *figures) recall() float64     { return share(f.mustFound, f.mustTotal) }
func (f *figures) firstShare() float64 { return share(f.firstOK, f.firstAll) }

// jobShare is the share of job answers that are right: each opening shown
// that is relevant counts one, each honest "none fits" answer counts one.
func (f *figures) jobShare() float64 {
	return share(f.jobGood+f.honestNoneFit, f.jobShown+f.honestNoneFit)
}

// header names the columns of row.
func header() string {
	return fmt.Sprintf("%-14s %4s %16s %14s %10s %10s %5s %5s %5s %5s %14s %6s %10s",
		"group", "res", "precision", "recall", "programmes", "jobs", "other", "past", "false", "short", "jobs relevant", "honest", "1st place")
}

// row prints a group's figures.
func (f *figures) row(name string) string {
	pct := func(n, d int) string { return fmt.Sprintf("%d/%d %3.0f%%", n, d, 100*share(n, d)) }
	return fmt.Sprintf("%-14s %4d %16s %14s %10s %10s %5d %5d %5d %5d %14s %6d %10s",
		name, f.residents, pct(f.progGood, f.progShown), pct(f.mustFound, f.mustTotal),
		fmt.Sprintf("%d/%d", f.mustProgFound, f.mustProgTotal), fmt.Sprintf("%d/%d", f.mustJobFound, f.mustJobTotal),
		f.otherDistrict, f.past, f.falseReasons, f.short, pct(f.jobGood, f.jobShown), f.honestNoneFit, pct(f.firstOK, f.firstAll))
}

// stated returns the restrictions a hit states, in the judged set's words
// (women, men, target:주부, licence:요양보호사…).
func stated(h *data.Hit) []string {
	var r data.Restrictions
	var licence string
	switch {
	case h.Program != nil:
		r, licence = h.Program.Restrictions, h.Program.Licence
	case h.Job != nil:
		r, licence = h.Job.Restrictions, h.Job.Licence
	}
	var out []string
	for _, x := range r.List() {
		switch x {
		case data.RestrictHomemakers:
			out = append(out, "target:주부")
		default:
			out = append(out, x.IDs())
		}
	}
	if licence != "" {
		out = append(out, "licence:"+licence)
	}
	return out
}

// honestNoneFit reports whether the answer says honestly that no job
// opening fits nearby.
func (j *judge) honestNoneFit(res data.Result) bool {
	if !res.JobsAsked || len(res.Jobs) > 0 || len(res.Places) == 0 {
		return false
	}
	p := j.places[res.Places[0].Place.ID]
	return p != nil && p.serves.Has(data.GoalJob)
}
