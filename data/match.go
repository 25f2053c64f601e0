package data

import (
	"cmp"
	"math"
	"slices"
)

// This file is the matching API that dialogs and cmd code against, and the
// query path of programs and jobs: eligibility, relevance, the score
// (match_score.go), paging. catalog.go builds the indexes it reads;
// match_reasons.go says why each item was chosen; match_places.go ranks
// the places; match_table.go and category.go hold the tables of fields
// and goals.

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
	// The totals count every item each group would list, so a channel
	// knows whether "더 보기" has more to show.
	TotalPrograms, TotalJobs, TotalPlaces int
	// JobsAsked is set when the resident's goals call for job openings
	// (재취업, 사회공헌 일자리, or no goal known): then no Jobs means that
	// no opening fits them nearby, which an answer says plainly, with
	// where to turn (the places, Call).
	JobsAsked bool
	// Call is the nearest place whose phone number is verified, for a
	// resident who would rather ask a person; nil when no place near has
	// one (an answer then names 120다산콜센터).
	Call *PlaceHit
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

// The reasons matching gives, in the order a result shows them.
const (
	// ReasonGoal: the item serves the resident's goals Reason.Goals;
	// Reason.Goal is the first of them in display order.
	ReasonGoal ReasonKind = iota + 1
	// ReasonField: the item fits the resident's experience Reason.Field
	// (FieldNone: it is open to beginners).
	ReasonField
	// ReasonDistance: the item is Reason.Meters away, measured from the
	// location the resident shared (Reason.FromLocation) or else from
	// their district's point near its 구청 (Reason.District). Reason.Approx
	// says the item stands at its district's point (a job, a place without
	// coordinates), so the distance is only roughly right; it is never
	// given under 100 m then.
	ReasonDistance
	// ReasonDistrict: the item is in the resident's district Reason.District.
	ReasonDistrict
	// ReasonOnline: the item is online, open from anywhere.
	ReasonOnline
	// ReasonAges: the resident's band fits the ages MinAge..MaxAge (0: no bound).
	ReasonAges
	// ReasonAgeCheck: the resident's band only partly fits MinAge..MaxAge;
	// shown as "나이 조건 확인 필요".
	ReasonAgeCheck
	// ReasonDeadline: applications close on Reason.Date, Reason.Days from today.
	ReasonDeadline
	// ReasonOpensSoon: applications open on Reason.Date, Reason.Days from today.
	ReasonOpensSoon
	// ReasonFree: the item costs nothing.
	ReasonFree
	// ReasonAlwaysOpen: the item takes applications all year, or until
	// the post is filled.
	ReasonAlwaysOpen
	// ReasonResidence: the item is for residents of Reason.District only,
	// which the resident is.
	ReasonResidence
	// ReasonPlaceKind: the place is of kind Reason.PlaceKind (places.csv
	// kind, such as "tech_institute"); given when nothing else is known.
	ReasonPlaceKind
	// ReasonScheduleCheck: no source gives the program's current dates (a
	// standing programme that recruits on its own calendar): the resident
	// should check when to apply.
	ReasonScheduleCheck
	// ReasonBetweenRounds: the program's last round closed (on Reason.Date,
	// when known) and the next is not announced yet.
	ReasonBetweenRounds
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

const (
	defaultLimit = 3
	maxLimit     = 100  // a page holds at most this many items
	maxDepth     = 1000 // Offset+Limit beyond this gives an empty page
)

// Match returns the resident's ranked results, each with its reasons
// (README, Matching). It never returns an item that is past its deadline
// on q.Today or whose only run is over, a closed place, a program for ages
// the resident's band cannot reach or for residents of another district,
// a program that serves none of the resident's goals or teaches a trade
// that is not theirs, nor a job opening in another field or farther than
// nearMeters. A zero q.Today judges no deadline. Jobs are given when the
// resident's goals include 재취업 (all openings), or 사회공헌 일자리
// (social-contribution openings), or when no goal is known.
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
	res.TotalPrograms = c.prog.top(m, depth, false, s)
	res.Programs = hits(page(s.top.e, offset), func(e entry, rs []Reason) (Hit, []Reason) {
		p := &c.programs[c.prog.item[e.pos]]
		cl := &c.prog.cells[e.cell]
		return Hit{Program: p}, m.programReasons(rs, p, &c.prog.groups[cl.group], cl, c.prog.due[e.pos])
	})
	switch {
	case m.goals == 0 || m.goals.Has(GoalJob):
		m.jobGoals = goalsOf(GoalJob)
	case m.goals.Has(GoalSocial):
		m.jobGoals = goalsOf(GoalSocial)
	}
	if m.jobGoals != 0 {
		res.JobsAsked = true
		res.TotalJobs = c.job.top(m, depth, true, s)
		res.Jobs = hits(page(s.top.e, offset), func(e entry, rs []Reason) (Hit, []Reason) {
			j := &c.jobs[c.job.item[e.pos]]
			return Hit{Job: j}, m.jobReasons(rs, j, &c.job.groups[c.job.cells[e.cell].group], c.job.due[e.pos])
		})
	}
	res.TotalPlaces = len(c.shown)
	res.Places, res.Call = c.rankPlaces(m, s, offset, limit)
	return res
}

// page returns the entries from offset on.
func page(e []entry, offset int) []entry {
	if offset >= len(e) {
		return nil
	}
	return e[offset:]
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
	far    topK
	places []placeEntry
	gscore []int32 // per group: its score, or -1 when it does not serve the resident
	gtier  []uint8 // per group: tierNow (near) or tierFar
	order  []int32
	bucket []int32
}

// query is one Query prepared for the indexes.
type query struct {
	cat          *Catalog
	goals        Goals
	jobGoals     Goals // the goals a job must serve to be shown (0: no jobs)
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
		cat:      c,
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

// ageFit says how a resident's band fits an item's ages.
type ageFit uint8

const (
	ageAny     ageFit = iota // the item has no age bounds
	ageFits                  // the whole band is within the bounds
	agePartial               // part of the band is: "나이 조건 확인 필요"
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

// eligible reports whether m may be shown the items of cell cl.
func (m *query) eligible(cl *cell) bool {
	return (cl.only == 0 || cl.only == m.district) && fitAges(cl.minAge, cl.maxAge, m.band) != ageOut
}

// scoreGroup returns a group's part of its items' scores and its tier
// (tierNow when near, tierFar when not), or ok false when its items do not
// serve the resident: none of their goals (jobs: of the goals jobs are
// shown for), another trade or field, or (jobs) farther than nearMeters.
func (c *Catalog) scoreGroup(m *query, g *group, job bool) (score int, tier uint64, ok bool) {
	goals := m.goals
	if job {
		goals = m.jobGoals
	}
	both := g.goals & goals
	if goals != 0 && both == 0 {
		return 0, 0, false
	}
	fp, ok := fieldPoints(m.field, &g.groupKey, job, m.goals != 0)
	if !ok {
		return 0, 0, false
	}
	score = goalPoints(goals, g.goals) + fp
	tier = tierNow
	switch {
	case g.spot == spotOnline:
		score += ptsOnline
	case g.spot == spotNone:
		score += ptsCitywide
	case !m.point:
		score += ptsNoPoint
	default:
		d := int(m.meters[g.spot])
		if d > nearMeters {
			if job {
				return 0, 0, false
			}
			tier = tierFar
		}
		if c.spotApprox[g.spot] {
			d += approxMeters
		}
		score += distancePoints(d)
		if m.district != 0 && c.spotDistrict[g.spot] == m.district {
			score += ptsOwnDistrict
		}
	}
	return score, tier, true
}

// top fills s.top with the best depth items of the index for m, in order,
// and returns how many items m would be listed in all: the items taking
// applications now and near; then at most pendingShown of unknown schedule
// or between rounds; then, only when none of those serves the resident,
// the farther ones (programs only: a job farther than nearMeters is never
// listed).
func (x *index) top(m *query, depth int, job bool, s *scratch) (total int) {
	c := m.cat
	s.top.reset(depth)
	ng := len(x.groups)
	s.gscore = slices.Grow(s.gscore[:0], ng)[:ng]
	s.gtier = slices.Grow(s.gtier[:0], ng)[:ng]
	var nowNear, pendNear, nowFar int
	for gi := range x.groups {
		g := &x.groups[gi]
		score, tier, ok := c.scoreGroup(m, g, job)
		if !ok {
			s.gscore[gi] = -1
			continue
		}
		s.gscore[gi], s.gtier[gi] = int32(score), uint8(tier)
		for ci := g.cstart; ci < g.cend; ci++ {
			cl := &x.cells[ci]
			if !m.eligible(cl) {
				continue
			}
			n := x.count(m, cl)
			switch {
			case cl.pending && tier == tierNow:
				pendNear += n
			case cl.pending:
			case tier == tierNow:
				nowNear += n
			default:
				nowFar += n
			}
		}
	}
	pend := min(pendNear, pendingShown)
	total = nowNear + pend
	showFar := !job && total == 0
	if showFar {
		total = nowFar
	}
	if depth == 0 || total == 0 {
		s.top.e = s.top.e[:0]
		return total
	}

	if nowNear > 0 {
		x.collect(m, s, &s.top, tierNow, false)
	}
	s.top.sort()
	if pend > 0 && len(s.top.e) < depth {
		s.far.reset(pend)
		x.collect(m, s, &s.far, tierNow, true)
		s.far.sort()
		for _, e := range s.far.e {
			e.key = e.key&^(3<<shiftTier) | tierPending<<shiftTier
			s.top.e = append(s.top.e, e)
		}
	}
	if showFar {
		x.collect(m, s, &s.top, tierFar, false)
		s.top.sort()
	}
	s.top.e = s.top.e[:min(len(s.top.e), depth)]
	return total
}

// collect offers t the items of tier (tierNow: near; tierFar: far) whose
// cells are pending or not, best first, stopping once no group left can
// beat the worst item kept. Groups are read in buckets of their best
// possible score, highest first.
func (x *index) collect(m *query, s *scratch, t *topK, tier uint64, pending bool) {
	// Bucket the candidate groups by their best possible score.
	const bucketShift = 4
	nb := maxScore>>bucketShift + 1
	s.bucket = slices.Grow(s.bucket[:0], nb+1)[:nb+1]
	clear(s.bucket)
	best := func(gi int) int { return int(s.gscore[gi]) + ptsFree }
	for gi := range x.groups {
		if s.gscore[gi] >= 0 && uint64(s.gtier[gi]) == tier {
			s.bucket[min(best(gi), maxScore)>>bucketShift+1]++
		}
	}
	for b := 1; b <= nb; b++ {
		s.bucket[b] += s.bucket[b-1]
	}
	n := int(s.bucket[nb])
	s.order = slices.Grow(s.order[:0], n)[:n]
	next := s.bucket[:nb]
	for gi := range x.groups {
		if s.gscore[gi] >= 0 && uint64(s.gtier[gi]) == tier {
			b := min(best(gi), maxScore) >> bucketShift
			s.order[next[b]] = int32(gi)
			next[b]++
		}
	}
	// next[b] is now the end of bucket b: read buckets from the top.
	for b := nb - 1; b >= 0; b-- {
		lo := int32(0)
		if b > 0 {
			lo = next[b-1]
		}
		if t.full() && keyOf(tier, (b+1)<<bucketShift, 0, 0) > t.worst() {
			break
		}
		for _, gi := range s.order[lo:next[b]] {
			g := &x.groups[gi]
			gs := int(s.gscore[gi])
			if t.full() && keyOf(tier, best(int(gi)), 0, 0) > t.worst() {
				continue
			}
			for ci := g.cstart; ci < g.cend; ci++ {
				cl := &x.cells[ci]
				if cl.pending != pending || !m.eligible(cl) {
					continue
				}
				cs := gs + cellPoints(cl)
				if t.full() && keyOf(tier, cs, 0, 0) > t.worst() {
					continue
				}
				for p := cl.start + firstDue(x.due[cl.start:cl.end], m.day); p < cl.end; p++ {
					if !x.head(m, p) {
						continue
					}
					key := keyOf(tier, cs+m.itemPoints(x.opens[p], x.starts[p]), x.due[p], x.rank[p])
					if !t.offer(key, p, ci) && !cl.dated {
						// Keys grow along a cell whose items' own dates
						// take no points: once one misses the page, the
						// rest do.
						break
					}
				}
			}
		}
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

// full reports whether t holds k entries.
func (t *topK) full() bool { return len(t.e) >= t.k }

// worst returns the largest key kept; t must not be empty.
func (t *topK) worst() uint64 { return t.e[0].key }

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

// LastDay returns the last day the program may be recommended: the
// earlier of the end of applications and the end of the course, whichever
// are known; zero when the program takes applications all year, or its
// window is not judged by its dates (between rounds, when ApplyEnd is the
// closed round's).
func (p *Program) LastDay() Date {
	switch {
	case p.Window == WindowBetween || p.Window == WindowRolling || p.Window == WindowUnknown:
		return 0
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
