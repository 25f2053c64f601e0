package data

import "math/bits"

// This file is the score programs and jobs are ranked by (README,
// Matching): points for the goals an item serves, the resident's field it
// fits, how near it is, its cost, and whether it can be joined now, added
// up, so that no single criterion outranks all the others. Before any
// points, an item must serve the resident: one of their goals, a field
// that is theirs (a course teaching another trade is not for them), and
// near enough (within nearMeters, online or city-wide; a farther course
// only when nothing nearer serves). Points are in tenths.
const (
	ptsGoal       = 400 // serves one of the resident's goals, and only that
	ptsGoalSpread = 100 // what serving other goals too takes away, at most
	ptsGoalMore   = 80  // each further goal of theirs it serves
	ptsBrowseGoal = 50  // each goal an item serves, for a resident who named none

	ptsField         = 300 // fits the resident's field of experience: "○○ 경력 살리기"
	ptsBeginnerTrade = 150 // teaches a trade a beginner may learn, to a resident of 경력 없음
	ptsBeginnerWords = 50  // a course for beginners (입문, 기초), to a resident of 경력 없음
	ptsCounsel       = 150 // counselling, to a resident who named goals but not their experience: a counsellor starts there

	// Distance: ptsDoor at the resident's door, one point less every
	// metersPerPoint to bandMeters (ptsDoor-100), then to nearMeters
	// (ptsDoor-200); farther, one point less every 100 m down to 0.
	ptsDoor        = 300
	metersPerPoint = 50
	bandMeters     = 5000
	nearMeters     = 10000
	ptsOnline      = 180 // open from home: as good as a course about 6 km away
	ptsCitywide    = 160 // no one venue (a city-wide scheme), or a job that names no work place
	ptsNoPoint     = 200 // the resident gave no district nor location: distance says nothing
	ptsOwnDistrict = 30  // in the resident's own district
	// approxMeters is added to the distance of a place or job known only
	// by its district's point, so that it ranks after verified places at
	// a similar distance.
	approxMeters = 1000

	ptsFree       = 30  // costs nothing
	ptsCharged    = -10 // has a fee
	ptsWaitlist   = -60 // full: only a waiting list
	ptsRestricted = -80 // for some residents only (여성, 주부…): dasi does not know whether the resident is one

	ptsNotOpenYet = -30 // applications open later
	ptsStarted    = -60 // the course has begun: joining now means joining late

	// soonDays: a deadline this close is named first among the reasons.
	soonDays = 7

	// maxScore bounds every score (the key stores maxScore-score in
	// scoreBits bits).
	maxScore  = 1<<scoreBits - 1
	scoreBits = 12

	// pendingShown is how many programs of unknown schedule or between
	// rounds an answer lists, after every program taking applications
	// now: one is enough to say that it exists and when to look again.
	pendingShown = 1
)

// Tiers come before the score in the key: an item of a lower tier ranks
// before every item of a higher one.
const (
	tierNow     uint64 = iota // takes applications now (or all year), and near
	tierPending               // schedule unknown or between rounds, near
	tierFar                   // takes applications now, farther than nearMeters
)

// Where the parts of a key start: tier, maxScore-score, deadline, ID rank.
const (
	shiftTier  = 52
	shiftScore = 40
	shiftDue   = 24
)

// keyOf returns the ranking key of an item: smaller ranks first.
func keyOf(tier uint64, score int, due uint16, rank uint32) uint64 {
	score = min(max(score, 0), maxScore)
	return tier<<shiftTier | uint64(maxScore-score)<<shiftScore | uint64(due)<<shiftDue | uint64(rank)
}

// goalPoints returns the points of an item serving the goals item for a
// resident with the goals wanted: ptsGoal for one of theirs, less the
// more other goals it serves (a course about the resident's goal fits
// better than one that touches it among three others: 가치동행 is a job,
// 서울런4050's online catalogue only also leads to one), ptsGoalMore for
// each further one of theirs. A resident who named no goal is best served
// by an item serving many (a campus's course list), ptsBrowseGoal each.
func goalPoints(wanted, item Goals) int {
	if wanted == 0 {
		return ptsBrowseGoal * bits.OnesCount8(uint8(item))
	}
	both := bits.OnesCount8(uint8(wanted & item))
	if both == 0 {
		return 0
	}
	all := bits.OnesCount8(uint8(item))
	return ptsGoal - ptsGoalSpread + ptsGoalSpread*both/all + ptsGoalMore*(both-1)
}

// fieldPoints returns the points a group of items earns from the
// resident's field f, and whether it serves the resident at all: a course
// that teaches another trade does not, nor a job in another field (a job
// of no known field only serves a resident who gave none). A resident
// with goals but no field (counselFirst) is sent to counselling first.
func fieldPoints(f Field, g *groupKey, job, counselFirst bool) (pts int, ok bool) {
	switch {
	case !f.Valid() && g.counsel && counselFirst:
		return ptsCounsel, true
	case !f.Valid():
		return 0, true
	case f == FieldNone && job:
		return ptsBeginnerTrade, g.beginner
	case f == FieldNone && g.trade == 0 && g.beginner:
		return ptsBeginnerWords, true
	case f == FieldNone && g.trade == 0:
		return 0, true
	case f == FieldNone:
		return ptsBeginnerTrade, g.trade&^tradesForBeginners == 0
	case g.fit.has(f):
		return ptsField, true
	case job || g.trade != 0:
		return 0, false
	}
	return 0, true
}

// fitsField reports whether the field reason is true of a group for f:
// its words name f, or it teaches a trade open to beginners (for 경력
// 없음), or it is a job open to them.
func fitsField(f Field, g *groupKey, job bool) bool {
	switch {
	case !f.Valid():
		return false
	case f == FieldNone && job:
		return g.beginner
	case f == FieldNone:
		return g.trade != 0 && g.trade&^tradesForBeginners == 0
	}
	return g.fit.has(f)
}

// distancePoints returns the points of an item d metres from the
// resident (the approximate ones already moved away by approxMeters).
func distancePoints(d int) int {
	switch {
	case d <= bandMeters:
		return ptsDoor - d/metersPerPoint
	case d <= nearMeters:
		return ptsDoor - 100 - (d-bandMeters)/metersPerPoint
	}
	return max(0, ptsDoor-200-(d-nearMeters)/100)
}

// costPoints returns the points of a cost class.
func costPoints(c costClass) int {
	switch c {
	case costFree:
		return ptsFree
	case costCharged:
		return ptsCharged
	}
	return 0
}

// cellPoints returns the points a cell's items share beyond their group's.
func cellPoints(cl *cell) int {
	p := costPoints(cl.cost)
	if cl.waitlist {
		p += ptsWaitlist
	}
	if cl.restricted {
		p += ptsRestricted
	}
	return p
}

// itemPoints returns the points an item earns from its own dates on the
// query's day: not open yet, or begun already.
func (m *query) itemPoints(opens, starts uint16) int {
	p := 0
	if m.day != 0 && opens != 0 && int(opens) > m.day {
		p += ptsNotOpenYet
	}
	if m.day != 0 && starts != 0 && int(starts) < m.day {
		p += ptsStarted
	}
	return p
}
