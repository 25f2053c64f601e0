package data

import (
	"cmp"
	"slices"
)

// maxReasons is how many reasons an item gets at most: the top facts, so
// that they fit in one short line.
const maxReasons = 3

// reasonList collects candidate reasons in order of importance.
type reasonList struct {
	r [16]Reason
	n int
}

// add appends r unless the list is full.
func (l *reasonList) add(r Reason) {
	if l.n < len(l.r) {
		l.r[l.n] = r
		l.n++
	}
}

// appendTo appends the most important reasons to dst, in display order
// (the order of the ReasonKind constants).
func (l *reasonList) appendTo(dst []Reason) []Reason {
	n := len(dst)
	dst = append(dst, l.r[:min(l.n, maxReasons)]...)
	slices.SortStableFunc(dst[n:], func(a, b Reason) int { return cmp.Compare(a.Kind, b.Kind) })
	return dst
}

// location returns the reason a spot gives, and false when it gives none:
// in the resident's district, for an item known only by that district's
// point (its distance from there says nothing); else its distance, from
// the shared location or the district's point, rough for an item known
// only by its district's point (never under 100 m, which a rough point
// cannot tell). The spot must be a point and the resident must have one.
func (m *query) location(spot uint16) (Reason, bool) {
	approx := m.cat.spotApprox[spot]
	d := int(m.meters[spot])
	switch {
	case approx && m.district != 0 && m.cat.spotDistrict[spot] == m.district:
		return Reason{Kind: ReasonDistrict, District: m.district}, true
	case approx && d < 100:
		return Reason{}, false
	}
	return Reason{Kind: ReasonDistance, Meters: d, FromLocation: m.fromLocation, District: m.district, Approx: approx}, true
}

// programReasons appends to dst the reasons a program was chosen, the
// candidates in order of importance (reasonList keeps the first
// maxReasons): ages only partly fitting, when to apply for a program of
// unknown schedule or between rounds, applications yet to open, goal,
// field, where, a close deadline, residence rule, free,
// ages fitting, and the deadline or that it is open all year.
func (m *query) programReasons(dst []Reason, p *Program, g *group, cl *cell, due uint16) []Reason {
	var l reasonList
	fit := fitAges(cl.minAge, cl.maxAge, m.band)
	if fit == agePartial {
		l.add(Reason{Kind: ReasonAgeCheck, MinAge: p.MinAge, MaxAge: p.MaxAge})
	}
	switch {
	case p.Window == WindowBetween:
		// The closed round's last day, when it is known and past.
		r := Reason{Kind: ReasonBetweenRounds}
		if p.ApplyEnd != 0 && (m.today == 0 || p.ApplyEnd < m.today) {
			r.Date = p.ApplyEnd
		}
		l.add(r)
	case cl.pending:
		l.add(Reason{Kind: ReasonScheduleCheck})
	}
	if p.ApplyStart != 0 && m.today != 0 && p.ApplyStart > m.today {
		l.add(Reason{Kind: ReasonOpensSoon, Date: p.ApplyStart, Days: dayNumber(p.ApplyStart) - m.day})
	}
	if both := g.goals & m.goals; both != 0 {
		l.add(Reason{Kind: ReasonGoal, Goal: firstGoal(both), Goals: both})
	}
	if fitsField(m.field, &g.groupKey, false) {
		l.add(Reason{Kind: ReasonField, Field: m.field})
	}
	switch {
	case g.spot == spotOnline:
		l.add(Reason{Kind: ReasonOnline})
	case g.spot != spotNone && m.point:
		if r, ok := m.location(g.spot); ok {
			l.add(r)
		}
	}
	soon := due != noDue && m.day != 0 && int(due)-m.day <= soonDays
	if soon {
		l.add(m.deadline(p.LastDay(), due))
	}
	if cl.only != 0 {
		l.add(Reason{Kind: ReasonResidence, District: cl.only})
	}
	if cl.cost == costFree {
		l.add(Reason{Kind: ReasonFree})
	}
	if fit == ageFits {
		l.add(Reason{Kind: ReasonAges, MinAge: p.MinAge, MaxAge: p.MaxAge})
	}
	switch {
	case cl.pending:
	case due == noDue:
		l.add(Reason{Kind: ReasonAlwaysOpen})
	case !soon:
		l.add(m.deadline(p.LastDay(), due))
	}
	return l.appendTo(dst)
}

// jobReasons appends to dst the reasons a job was chosen: goal, field,
// where, deadline.
func (m *query) jobReasons(dst []Reason, j *Job, g *group, due uint16) []Reason {
	var l reasonList
	goal := GoalJob
	if m.jobGoals.Has(GoalSocial) {
		goal = GoalSocial
	}
	if m.goals.Has(goal) {
		l.add(Reason{Kind: ReasonGoal, Goal: goal, Goals: goalsOf(goal)})
	}
	if fitsField(m.field, &g.groupKey, true) {
		l.add(Reason{Kind: ReasonField, Field: m.field})
	}
	if g.spot != spotNone && m.point {
		if r, ok := m.location(g.spot); ok {
			l.add(r)
		}
	}
	if due == noDue {
		l.add(Reason{Kind: ReasonAlwaysOpen})
	} else {
		l.add(m.deadline(dateOfDay(int(due)), due))
	}
	return l.appendTo(dst)
}

// deadline returns the reason naming the last day d (day number due).
func (m *query) deadline(d Date, due uint16) Reason {
	r := Reason{Kind: ReasonDeadline, Date: d}
	if m.day != 0 {
		r.Days = int(due) - m.day
	}
	return r
}

// firstGoal returns the first goal of s in display order.
func firstGoal(s Goals) Goal {
	for _, g := range AllGoals {
		if s.Has(g) {
			return g
		}
	}
	return GoalUnknown
}
