package data

import (
	"cmp"
	"math/bits"
	"slices"
)

// placeEntry is a place being ranked.
type placeEntry struct {
	key    uint64
	info   int32 // index in Catalog.shown
	meters int32
	has    bool
}

// rankPlaces ranks the places that may be shown and returns a page of
// them, and the nearest place with a verified phone number (nil when none
// has one). First come the places that suit the resident: of a kind that
// serves one of their goals (any goal: a 50플러스 campus or centre, for a
// resident who named none), open to their age, and not a second door
// (placeKinds); then the others. Within each, by distance from the
// resident, a place known only by its district's point counted
// approxMeters farther, so that it ranks after verified places at a
// similar distance; at equal distance, the place serving more of the
// resident's goals; then by name. Places without a distance (no point of
// their own nor a district, or a resident without location or district)
// come after those with one.
func (c *Catalog) rankPlaces(m *query, s *scratch, offset, limit int) ([]PlaceHit, *PlaceHit) {
	s.places = s.places[:0]
	for i, pi := range c.shown {
		e := placeEntry{info: int32(i)}
		var class, nodist, eff uint64
		if !c.suits(m, &pi) {
			class = 1
		}
		if m.point && pi.spot > spotOnline {
			e.has, e.meters = true, m.meters[pi.spot]
			eff = uint64(e.meters)
			if c.spotApprox[pi.spot] {
				eff += approxMeters
			}
		} else {
			nodist = 1
		}
		other := uint64(3 - min(bits.OnesCount8(uint8(pi.goals&m.goals)), 3))
		e.key = class<<60 | nodist<<59 | min(eff, 1<<26-1)<<32 | other<<28 | uint64(pi.nameRank)
		s.places = append(s.places, e)
	}
	slices.SortFunc(s.places, func(a, b placeEntry) int { return cmp.Compare(a.key, b.key) })

	var call *PlaceHit
	for _, e := range s.places {
		p := &c.places[c.shown[e.info].idx]
		if p.Status == PlaceOpen && p.Phone != "" {
			h := c.placeHit(m, e, nil)
			call = &h
			break
		}
	}
	if offset >= len(s.places) {
		return nil, call
	}
	page := s.places[offset:min(offset+limit, len(s.places))]
	hits := make([]PlaceHit, len(page))
	rs := make([]Reason, 0, len(page)*maxReasons)
	for i, e := range page {
		n := len(rs)
		hits[i] = c.placeHit(m, e, rs)
		rs = rs[:n+len(hits[i].Reasons)]
	}
	return hits, call
}

// suits reports whether a place suits the resident as a first door.
func (c *Catalog) suits(m *query, pi *placeInfo) bool {
	if pi.second {
		return false
	}
	if pi.minAge > 0 && m.band.Valid() {
		if _, hi := m.band.Range(); hi < int(pi.minAge) {
			return false
		}
	}
	if m.goals == 0 {
		return pi.full
	}
	return pi.goals&m.goals != 0
}

// placeHit returns the hit of a ranked place, its reasons appended to rs:
// where it is, the resident's goals it serves, or else its kind.
func (c *Catalog) placeHit(m *query, e placeEntry, rs []Reason) PlaceHit {
	pi := &c.shown[e.info]
	p := &c.places[pi.idx]
	n := len(rs)
	if e.has {
		if r, ok := m.location(pi.spot); ok {
			rs = append(rs, r)
		}
	}
	if both := pi.goals & m.goals; both != 0 {
		rs = append(rs, Reason{Kind: ReasonGoal, Goal: firstGoal(both), Goals: both})
	}
	if len(rs) == n {
		rs = append(rs, Reason{Kind: ReasonPlaceKind, PlaceKind: p.Kind})
	}
	slices.SortFunc(rs[n:], func(a, b Reason) int { return cmp.Compare(a.Kind, b.Kind) })
	return PlaceHit{Place: p, Meters: int(e.meters), HasDistance: e.has, Approx: e.has && c.spotApprox[pi.spot],
		Reasons: rs[n:len(rs):len(rs)]}
}
