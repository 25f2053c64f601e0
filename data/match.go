package data

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// This file is the matching API that dialogs and cmd code against, and the
// query path: ranking, paging and reasons. catalog.go builds the indexes it
// reads; match_table.go holds the tables of goals and fields.

// Query asks for one resident's results.
type Query struct {
	Profile Profile
	// Today is the date deadlines are judged against.
	Today Date
	// Offset and Limit page each group (programs, jobs, places)
	// independently: the results at positions [Offset, Offset+Limit).
	// Limit 0 means 3.
	Offset, Limit int
}

// Result is one resident's ranked programs, jobs and places.
type Result struct {
	Programs []Hit
	Jobs     []Hit
	Places   []PlaceHit
	// The totals count every eligible item of each group, so a channel
	// knows whether "더 보기" has more to show.
	TotalPrograms, TotalJobs, TotalPlaces int
}

// Hit is one recommended program or job with the reasons it was chosen.
// Exactly one of Program and Job is set; both point into the Catalog and
// must not be modified.
type Hit struct {
	Program *Program
	Job     *Job
	Reasons []Reason
}

// PlaceHit is one recommended place. Meters is the distance from the
// resident (their shared location, else their district's point) when
// HasDistance is set. A place without coordinates of its own stands at its
// district's point: then Approx is set, and from its own district's point
// Meters is 0 and its reasons say it is in the district (ReasonDistrict):
// show no distance then. A place with neither coordinates nor district is
// listed by name only.
type PlaceHit struct {
	Place       *Place
	Meters      int
	HasDistance bool
	Approx      bool
	Reasons     []Reason
}

// ReasonKind says why an item was chosen. Channels render reasons in words
// (package dialogs holds the sentences); data only says which facts hold.
type ReasonKind uint8

// The reasons matching gives.
const (
	// ReasonGoal: the item serves the resident's goals Reason.Goals;
	// Reason.Goal is the first of them in display order.
	ReasonGoal ReasonKind = iota + 1
	// ReasonField: the item fits the resident's experience Reason.Field.
	ReasonField
	// ReasonDistance: the item is Reason.Meters away; Reason.FromLocation
	// says whether from the shared location or from the district's point
	// (Reason.District). Reason.Approx says the item stands at its
	// district's point (a job, a place without coordinates), so the
	// distance is only roughly right.
	ReasonDistance
	// ReasonDistrict: the item is in the resident's district Reason.District.
	ReasonDistrict
	// ReasonOnline: the item is online, open from anywhere.
	ReasonOnline
	// ReasonAges: the resident's band fits the ages MinAge..MaxAge (0: no bound).
	ReasonAges
	// ReasonAgeCheck: the resident's band only partly fits MinAge..MaxAge;
	// shown as "나이 조건 확인".
	ReasonAgeCheck
	// ReasonDeadline: applications close on Reason.Date, Reason.Days from today.
	ReasonDeadline
	// ReasonOpensSoon: applications open on Reason.Date, Reason.Days from today.
	ReasonOpensSoon
	// ReasonFree: the item costs nothing.
	ReasonFree
	// ReasonAlwaysOpen: the job takes applications until the post is
	// filled.
	ReasonAlwaysOpen
	// ReasonResidence: the item is for residents of Reason.District only,
	// which the resident is.
	ReasonResidence
	// ReasonPlaceKind: the place is of kind Reason.PlaceKind (places.csv
	// kind, such as "tech_institute"); given when nothing else is known.
	ReasonPlaceKind
	// ReasonScheduleCheck: the program's source gives no dates (a standing
	// programme that recruits on its own calendar): the resident should
	// check when to apply.
	ReasonScheduleCheck
)

// Reason is one fact behind a recommendation. Only the fields its Kind
// names are set.
type Reason struct {
	Kind         ReasonKind
	Goal         Goal
	Goals        Goals
	Field        Field
	District     District
	Meters       int
	FromLocation bool
	Approx       bool
	MinAge       int
	MaxAge       int
	Date         Date
	Days         int
	PlaceKind    string
}

// Ranking. Programs and jobs rank by one 64-bit key, smaller first, whose
// fields from the top are (DESIGN.md, Matching):
//
//	2 bits  goals of the resident the item serves (more first)
//	1 bit   fits the resident's field of experience
//	2 bits  distance band: near, middle (also online and city-wide), far,
//	        unknown (a job outside the 25 districts)
//	1 bit   deadline within soonDays
//	2 bits  cost: free, unknown, charged
//	16 bits distance in tens of metres
//	16 bits deadline (day number; none last)
//	24 bits rank of the item's ID (the deterministic tie-break)
const (
	nearMeters = 3000 // within a short trip: the near band
	midMeters  = 8000 // beyond it, the far band
	soonDays   = 14   // a deadline this close ranks first and is named

	defaultLimit = 3
	maxLimit     = 100  // a page holds at most this many items
	maxDepth     = 1000 // Offset+Limit beyond this gives an empty page
)

// Where the fields of the key start. The top five bits (goals, field,
// distance band) are the tier that groups of items are binned by (see
// index.top); the tier's lowest bit is shiftBand.
const (
	shiftBand   = 59
	shiftSoon   = 58
	shiftCost   = 56
	shiftMeters = 40
	shiftDue    = 24
)

// Distance bands.
const (
	bandNear uint64 = iota
	bandMid
	bandFar
	bandUnknown
)

// Match returns the resident's ranked results, each with its reasons
// (DESIGN.md, Matching). It never returns an item that is past its deadline
// on q.Today, a closed place, a program for ages the resident's band cannot
// reach or for residents of another district. A zero q.Today judges no
// deadline. Jobs are given when the resident's goals include 재취업 or
// 사회공헌 일자리, or when no goal is known; a resident who asked only for
// learning or planning gets programs and places alone.
func (c *Catalog) Match(q Query) Result {
	if c == nil {
		return Result{}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	limit = min(limit, maxLimit)
	offset := max(q.Offset, 0)
	depth := 0
	if offset < maxDepth {
		depth = min(offset+limit, maxDepth)
	}

	s := c.scratch.Get().(*scratch)
	defer c.scratch.Put(s)
	m := c.newQuery(q, s)

	var res Result
	res.TotalPrograms = c.prog.top(m, depth, &s.top, s)
	res.Programs = hits(s.top.page(offset), func(e entry, rs []Reason) (Hit, []Reason) {
		p := &c.programs[c.prog.item[e.pos]]
		cl := &c.prog.cells[e.cell]
		return Hit{Program: p}, m.programReasons(rs, p, &c.prog.groups[cl.group], cl, c.prog.due[e.pos])
	})
	if m.goals == 0 || m.goals.Has(GoalJob) || m.goals.Has(GoalSocial) {
		res.TotalJobs = c.job.top(m, depth, &s.top, s)
		res.Jobs = hits(s.top.page(offset), func(e entry, rs []Reason) (Hit, []Reason) {
			return Hit{Job: &c.jobs[c.job.item[e.pos]]}, m.jobReasons(rs, &c.job.groups[c.job.cells[e.cell].group], c.job.due[e.pos])
		})
	}
	res.TotalPlaces = len(c.shown)
	res.Places = c.rankPlaces(m, s, offset, limit)
	return res
}

// hits turns a page of ranked entries into hits: hit returns an entry's
// hit and appends its reasons to rs. The reasons of the whole page share
// one allocation.
func hits(page []entry, hit func(e entry, rs []Reason) (Hit, []Reason)) []Hit {
	if len(page) == 0 {
		return nil
	}
	out := make([]Hit, len(page))
	rs := make([]Reason, 0, len(page)*maxReasons)
	for i, e := range page {
		n := len(rs)
		out[i], rs = hit(e, rs)
		out[i].Reasons = rs[n:len(rs):len(rs)]
	}
	return out
}

// scratch is one query's working memory, pooled so that a query allocates
// only its result.
type scratch struct {
	meters []int32
	top    topK
	places []placeEntry
	tiers  []uint8
	tens   []uint64
	order  []int32
}

// query is one Query prepared for the indexes.
type query struct {
	goals        Goals
	field        Field
	band         AgeBand
	district     District
	point        bool // the resident has a point: a shared location or a district
	fromLocation bool
	today        Date
	day          int     // today's day number; 0 judges no deadline
	meters       []int32 // metres from the resident to each spot
}

// newQuery prepares q: the resident's point (shared location, else the
// district's) and the distance from it to every spot, in s.
func (c *Catalog) newQuery(q Query, s *scratch) *query {
	p := q.Profile
	m := &query{
		goals:    p.Goals,
		field:    p.Field,
		band:     p.Age,
		district: p.District,
		today:    q.Today,
	}
	if !p.District.Valid() {
		m.district = 0
	}
	if q.Today != 0 {
		m.day = min(max(dayNumber(q.Today), 0), noDue-1)
	}
	var from LatLon
	switch {
	case p.At.Valid():
		from, m.point, m.fromLocation = p.At, true, true
	case m.district != 0:
		from, m.point = m.district.Point(), true
	}
	s.meters = slices.Grow(s.meters[:0], len(c.spots))[:len(c.spots)]
	if m.point {
		for i := spotOnline + 1; i < len(c.spots); i++ {
			s.meters[i] = int32(min(from.MetersTo(c.spots[i]), math.MaxInt32))
		}
	}
	m.meters = s.meters
	return m
}

// where returns the distance band and the distance key of a spot.
func (m *query) where(spot uint16, unknownFar bool) (band, tens uint64) {
	switch {
	case spot == spotNone && unknownFar:
		return bandUnknown, 0xFFFF
	case spot <= spotOnline || !m.point:
		return bandMid, midMeters / 10
	}
	d := m.meters[spot]
	switch {
	case d <= nearMeters:
		band = bandNear
	case d <= midMeters:
		band = bandMid
	default:
		band = bandFar
	}
	return band, uint64(min(d/10, 0xFFFF))
}

// dueKey returns the part of the key an item's deadline gives.
func (m *query) dueKey(due uint16) uint64 {
	soon := uint64(1)
	if due != noDue && int(due)-m.day <= soonDays {
		soon = 0
	}
	return soon<<shiftSoon | uint64(due)<<shiftDue
}

// ageFit says how a resident's band fits an item's ages.
type ageFit uint8

const (
	ageAny     ageFit = iota // the item has no age bounds
	ageFits                  // the whole band is within the bounds
	agePartial               // part of the band is: "나이 조건 확인"
	ageOut                   // no age of the band is
)

// fitAges says how band fits the ages minAge..maxAge (0: no bound). An
// unknown band only partly fits an item with bounds.
func fitAges(minAge, maxAge uint8, band AgeBand) ageFit {
	if minAge == 0 && maxAge == 0 {
		return ageAny
	}
	if !band.Valid() {
		return agePartial
	}
	lo, hi := band.Range()
	top := int(maxAge)
	if top == 0 {
		top = math.MaxInt
	}
	switch {
	case hi < int(minAge) || lo > top:
		return ageOut
	case lo >= int(minAge) && hi <= top:
		return ageFits
	default:
		return agePartial
	}
}

// topK keeps the k smallest keys offered: a max-heap while filling, sorted
// by sort.
type topK struct {
	k int
	e []entry
}

// entry is one ranked item: its key and where the index holds it.
type entry struct {
	key  uint64
	pos  int32 // position in the index
	cell int32
}

// reset empties t to keep the k smallest keys.
func (t *topK) reset(k int) {
	t.k = k
	t.e = slices.Grow(t.e[:0], k)
}

// offer keeps the entry if it is among the k smallest so far, and reports
// whether it did.
func (t *topK) offer(key uint64, pos, cell int32) bool {
	if len(t.e) < t.k {
		t.e = append(t.e, entry{key, pos, cell})
		for i := len(t.e) - 1; i > 0; {
			up := (i - 1) / 2
			if t.e[up].key >= t.e[i].key {
				break
			}
			t.e[up], t.e[i] = t.e[i], t.e[up]
			i = up
		}
		return true
	}
	if t.k == 0 || key >= t.e[0].key {
		return false
	}
	t.e[0] = entry{key, pos, cell}
	for i := 0; ; {
		big := i
		if l := 2*i + 1; l < len(t.e) && t.e[l].key > t.e[big].key {
			big = l
		}
		if r := 2*i + 2; r < len(t.e) && t.e[r].key > t.e[big].key {
			big = r
		}
		if big == i {
			break
		}
		t.e[i], t.e[big] = t.e[big], t.e[i]
		i = big
	}
	return true
}

// sort orders the kept entries by key, smallest first.
func (t *topK) sort() {
	slices.SortFunc(t.e, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
}

// page returns the sorted entries from offset on.
func (t *topK) page(offset int) []entry {
	if offset >= len(t.e) {
		return nil
	}
	return t.e[offset:]
}

// placeEntry is a place being ranked.
type placeEntry struct {
	key    uint64
	info   int32 // index in Catalog.shown
	meters int32
	has    bool
}

// rankPlaces ranks the places that may be shown: by distance; at equal
// distance, places whose kind serves more of the resident's goals first;
// then by name. Places without a distance (no point of their own, no district, or a
// resident without location or district) come last, by relevance and name.
func (c *Catalog) rankPlaces(m *query, s *scratch, offset, limit int) []PlaceHit {
	s.places = s.places[:0]
	for i, pi := range c.shown {
		e := placeEntry{info: int32(i)}
		other := uint64(3 - min(bits.OnesCount8(uint8(pi.goals&m.goals)), 3))
		if m.point && pi.spot > spotOnline {
			e.has, e.meters = true, m.meters[pi.spot]
			e.key = uint64(e.meters)<<34 | other<<32 | uint64(pi.nameRank)
		} else {
			e.key = 1<<63 | other<<32 | uint64(pi.nameRank)
		}
		s.places = append(s.places, e)
	}
	slices.SortFunc(s.places, func(a, b placeEntry) int { return cmp.Compare(a.key, b.key) })
	if offset >= len(s.places) {
		return nil
	}
	page := s.places[offset:min(offset+limit, len(s.places))]
	hits := make([]PlaceHit, len(page))
	rs := make([]Reason, 0, len(page)*maxReasons)
	for i, e := range page {
		pi := &c.shown[e.info]
		p := &c.places[pi.idx]
		n := len(rs)
		if e.has {
			rs = append(rs, m.location(pi.spot))
		}
		if both := pi.goals & m.goals; both != 0 {
			rs = append(rs, Reason{Kind: ReasonGoal, Goal: firstGoal(both), Goals: both})
		}
		if len(rs) == n {
			rs = append(rs, Reason{Kind: ReasonPlaceKind, PlaceKind: p.Kind})
		}
		slices.SortFunc(rs[n:], func(a, b Reason) int { return cmp.Compare(a.Kind, b.Kind) })
		hits[i] = PlaceHit{Place: p, Meters: int(e.meters), HasDistance: e.has, Approx: e.has && isDistrictSpot(pi.spot),
			Reasons: rs[n:len(rs):len(rs)]}
	}
	return hits
}

// maxReasons is how many reasons an item gets at most: the top facts, so
// that they fit in one short line.
const maxReasons = 3

// reasonList collects candidate reasons in order of importance.
type reasonList struct {
	r [12]Reason
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

// location returns the reason a spot gives: in the resident's district, or
// its distance. The spot must be a point and the resident must have one.
func (m *query) location(spot uint16) Reason {
	if !m.fromLocation && spot == spotOfDistrict(m.district) {
		return Reason{Kind: ReasonDistrict, District: m.district}
	}
	return Reason{Kind: ReasonDistance, Meters: int(m.meters[spot]), FromLocation: m.fromLocation, District: m.district,
		Approx: isDistrictSpot(spot)}
}

// isDistrictSpot reports whether a spot is a district's point, where items
// without coordinates of their own stand.
func isDistrictSpot(spot uint16) bool {
	return spot > spotOnline && spot <= spotOfDistrict(District(NumDistricts))
}

// programReasons appends to dst the reasons a program was chosen, the
// candidates in order of importance (reasonList keeps the first
// maxReasons): ages only partly fitting, applications yet to open, goal,
// field, where, a close deadline, residence rule, free, ages fitting, and
// when to apply.
func (m *query) programReasons(dst []Reason, p *Program, g *group, cl *cell, due uint16) []Reason {
	var l reasonList
	fit := fitAges(cl.minAge, cl.maxAge, m.band)
	if fit == agePartial {
		l.add(Reason{Kind: ReasonAgeCheck, MinAge: p.MinAge, MaxAge: p.MaxAge})
	}
	if p.ApplyStart != 0 && m.today != 0 && p.ApplyStart > m.today {
		l.add(Reason{Kind: ReasonOpensSoon, Date: p.ApplyStart, Days: dayNumber(p.ApplyStart) - m.day})
	}
	if both := g.goals & m.goals; both != 0 {
		l.add(Reason{Kind: ReasonGoal, Goal: firstGoal(both), Goals: both})
	}
	if g.fields.has(m.field) {
		l.add(Reason{Kind: ReasonField, Field: m.field})
	}
	switch {
	case g.spot == spotOnline:
		l.add(Reason{Kind: ReasonOnline})
	case g.spot != spotNone && m.point:
		l.add(m.location(g.spot))
	}
	soon := due != noDue && int(due)-m.day <= soonDays
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
	case due == noDue:
		l.add(Reason{Kind: ReasonScheduleCheck})
	case !soon:
		l.add(m.deadline(p.LastDay(), due))
	}
	return l.appendTo(dst)
}

// jobReasons appends to dst the reasons a job was chosen: goal, field,
// where, deadline.
func (m *query) jobReasons(dst []Reason, g *group, due uint16) []Reason {
	var l reasonList
	switch {
	case g.goals.Has(GoalSocial) && m.goals.Has(GoalSocial):
		l.add(Reason{Kind: ReasonGoal, Goal: GoalSocial, Goals: Goals(0).With(GoalSocial)})
	case m.goals.Has(GoalJob):
		l.add(Reason{Kind: ReasonGoal, Goal: GoalJob, Goals: Goals(0).With(GoalJob)})
	}
	if g.fields.has(m.field) {
		l.add(Reason{Kind: ReasonField, Field: m.field})
	}
	if g.spot != spotNone && m.point {
		l.add(m.location(g.spot))
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

// LastDay returns the last day the program may be recommended: the
// earlier of the end of applications and the end of the course, whichever
// are known; zero when the program takes applications all year.
func (p *Program) LastDay() Date {
	switch {
	case p.ApplyEnd == 0:
		return p.End
	case p.End == 0:
		return p.ApplyEnd
	default:
		return min(p.ApplyEnd, p.End)
	}
}

// dateOfDay is the inverse of dayNumber.
func dateOfDay(n int) Date {
	// Civil from days, after Howard Hinnant's public-domain algorithm.
	z := n + 10957 + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	mo := mp + 3
	if mo > 12 {
		mo -= 12
	}
	if mo <= 2 {
		y++
	}
	return Date(y*10000 + mo*100 + d)
}
