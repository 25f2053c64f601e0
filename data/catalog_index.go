package data

import (
	"cmp"
	"math/bits"
	"slices"
)

// index files the programs or the jobs of a catalog for matching.
//
// Items are filed in cells: all items of a cell share every property that
// ranking and eligibility look at except their deadline (the goals they
// serve, the fields they fit, where they are, their cost, their ages and
// residence rule), and a cell's items are sorted by deadline, then ID, so
// that expired items form a prefix and keys grow along the cell.
//
// Cells that share the properties giving the top bits of the key (goals,
// fields, spot) form a group. A query bins the groups by those bits and reads
// the bins best first, stopping as soon as the page is full: items of later
// bins rank below every item read. The totals come from the eligibility
// groups, which hold the deadlines of all items with the same age bounds
// and residence rule, sorted, so that counting is one binary search each.
type index struct {
	groups []group
	cells  []cell
	// Per position, cell by cell (cell.start to cell.end): the item's index
	// in Catalog.programs or Catalog.jobs, its deadline and its rank by ID.
	item []int32
	due  []uint16
	rank []uint32

	elig    []eligGroup
	eligDue []uint16

	// unknownFar ranks items with no location last among their peers (jobs:
	// an opening outside the 25 districts) instead of neutral (programs: a
	// city-wide programme).
	unknownFar bool
}

// groupKey is what the top bits of an item's key depend on.
type groupKey struct {
	goals  Goals
	fields fieldSet
	spot   uint16
}

// cellKey is everything ranking and eligibility read of an item but its
// deadline.
type cellKey struct {
	groupKey
	cost           costClass
	minAge, maxAge uint8
	only           District // DistrictOnly: residents of this district only
}

// eligKey is what eligibility reads of an item: its ages and residence rule.
type eligKey struct {
	minAge, maxAge uint8
	only           District
}

// group is a run of cells with the same groupKey.
type group struct {
	groupKey
	cstart, cend int32 // its cells
}

// cell is a run of positions whose items share a cellKey.
type cell struct {
	start, end     int32 // its positions
	group          int32
	cost           costClass
	minAge, maxAge uint8
	only           District
}

// eligGroup holds the deadlines of the items with one eligKey.
type eligGroup struct {
	eligKey
	start, end int32 // its deadlines in eligDue
}

// numTiers is the number of values of the key's top five bits (goals,
// field, distance band), by which a query bins the groups.
const numTiers = 32

// buildIndex files the items whose keys, deadlines and ID ranks are given.
func buildIndex(keys []cellKey, dues []uint16, ranks []uint32, unknownFar bool) index {
	x := index{unknownFar: unknownFar}

	// Cells in key order, so that the cells of a group are adjacent.
	cellOf := make(map[cellKey]int32)
	var distinct []cellKey
	for _, k := range keys {
		if _, ok := cellOf[k]; !ok {
			cellOf[k] = 0
			distinct = append(distinct, k)
		}
	}
	slices.SortFunc(distinct, compareCellKeys)
	x.cells = make([]cell, len(distinct))
	for ci, k := range distinct {
		cellOf[k] = int32(ci)
		if ci == 0 || k.groupKey != distinct[ci-1].groupKey {
			x.groups = append(x.groups, group{groupKey: k.groupKey, cstart: int32(ci)})
		}
		gi := len(x.groups) - 1
		x.groups[gi].cend = int32(ci + 1)
		x.cells[ci] = cell{group: int32(gi), cost: k.cost, minAge: k.minAge, maxAge: k.maxAge, only: k.only}
	}

	// Positions: count, then place each item, then sort each cell.
	itemCell := make([]int32, len(keys))
	for i, k := range keys {
		ci := cellOf[k]
		itemCell[i] = ci
		x.cells[ci].end++
	}
	var at int32
	for ci := range x.cells {
		n := x.cells[ci].end
		x.cells[ci].start, x.cells[ci].end = at, at
		at += n
	}
	x.item = make([]int32, len(keys))
	for i, ci := range itemCell {
		cl := &x.cells[ci]
		x.item[cl.end] = int32(i)
		cl.end++
	}
	x.due = make([]uint16, len(keys))
	x.rank = make([]uint32, len(keys))
	for _, cl := range x.cells {
		items := x.item[cl.start:cl.end]
		slices.SortFunc(items, func(a, b int32) int {
			return cmp.Or(cmp.Compare(dues[a], dues[b]), cmp.Compare(ranks[a], ranks[b]))
		})
		for p := cl.start; p < cl.end; p++ {
			x.due[p] = dues[x.item[p]]
			x.rank[p] = ranks[x.item[p]]
		}
	}

	// Eligibility groups, each with its deadlines sorted.
	eligOf := make(map[eligKey]int32)
	for _, k := range distinct {
		ek := eligKey{k.minAge, k.maxAge, k.only}
		if _, ok := eligOf[ek]; !ok {
			eligOf[ek] = int32(len(x.elig))
			x.elig = append(x.elig, eligGroup{eligKey: ek})
		}
	}
	for _, k := range keys {
		x.elig[eligOf[eligKey{k.minAge, k.maxAge, k.only}]].end++
	}
	at = 0
	for ei := range x.elig {
		n := x.elig[ei].end
		x.elig[ei].start, x.elig[ei].end = at, at
		at += n
	}
	x.eligDue = make([]uint16, len(keys))
	for i, k := range keys {
		e := &x.elig[eligOf[eligKey{k.minAge, k.maxAge, k.only}]]
		x.eligDue[e.end] = dues[i]
		e.end++
	}
	for _, e := range x.elig {
		slices.Sort(x.eligDue[e.start:e.end])
	}
	return x
}

// compareCellKeys orders cell keys so that the cells of a group are adjacent.
func compareCellKeys(a, b cellKey) int {
	return cmp.Or(
		cmp.Compare(a.goals, b.goals), cmp.Compare(a.fields, b.fields), cmp.Compare(a.spot, b.spot),
		cmp.Compare(a.cost, b.cost), cmp.Compare(a.minAge, b.minAge), cmp.Compare(a.maxAge, b.maxAge),
		cmp.Compare(a.only, b.only),
	)
}

// eligible reports whether m may be shown items of the given age bounds and
// residence rule.
func (m *query) eligible(minAge, maxAge uint8, only District) bool {
	return (only == 0 || only == m.district) && fitAges(minAge, maxAge, m.band) != ageOut
}

// tier returns the top five bits of the keys of a group's items.
func (m *query) tier(g *group, unknownFar bool) (tier uint8, tens uint64) {
	goals := min(bits.OnesCount8(uint8(g.goals&m.goals)), 3)
	field := 1
	if g.fields.has(m.field) {
		field = 0
	}
	band, tens := m.where(g.spot, unknownFar)
	return uint8((3-goals)<<3 | field<<2 | int(band)), tens
}

// key returns the ranking key of the item at position p of cell ci. The
// query path computes the same key by parts.
func (m *query) key(x *index, ci int32, p int32) uint64 {
	cl := &x.cells[ci]
	tier, tens := m.tier(&x.groups[cl.group], x.unknownFar)
	return uint64(tier)<<shiftBand | uint64(cl.cost)<<shiftCost | tens<<shiftMeters |
		m.dueKey(x.due[p]) | uint64(x.rank[p])
}

// top fills t with the best depth items of the index for m, sorted, and
// returns how many items m may be shown in all.
func (x *index) top(m *query, depth int, t *topK, s *scratch) (total int) {
	for _, e := range x.elig {
		if m.eligible(e.minAge, e.maxAge, e.only) {
			total += int(e.end - e.start - firstDue(x.eligDue[e.start:e.end], m.day))
		}
	}
	t.reset(depth)
	if depth == 0 || total == 0 {
		return total
	}

	// Bin the groups by tier (a counting sort), then read the bins in order.
	var off [numTiers + 1]int32
	tiers := slices.Grow(s.tiers[:0], len(x.groups))[:len(x.groups)]
	tens := slices.Grow(s.tens[:0], len(x.groups))[:len(x.groups)]
	for gi := range x.groups {
		tiers[gi], tens[gi] = m.tier(&x.groups[gi], x.unknownFar)
		off[tiers[gi]+1]++
	}
	for i := 1; i <= numTiers; i++ {
		off[i] += off[i-1]
	}
	order := slices.Grow(s.order[:0], len(x.groups))[:len(x.groups)]
	next := off
	for gi, tr := range tiers {
		order[next[tr]] = int32(gi)
		next[tr]++
	}
	s.tiers, s.tens, s.order = tiers, tens, order

	for tr := 0; tr < numTiers && len(t.e) < t.k; tr++ {
		for _, gi := range order[off[tr]:off[tr+1]] {
			g := &x.groups[gi]
			gp := uint64(tr)<<shiftBand | tens[gi]<<shiftMeters
			for ci := g.cstart; ci < g.cend; ci++ {
				cl := &x.cells[ci]
				if !m.eligible(cl.minAge, cl.maxAge, cl.only) {
					continue
				}
				prefix := gp | uint64(cl.cost)<<shiftCost
				for p := cl.start + firstDue(x.due[cl.start:cl.end], m.day); p < cl.end; p++ {
					// Keys grow along a cell: once one misses the page, the rest do.
					if !t.offer(prefix|m.dueKey(x.due[p])|uint64(x.rank[p]), p, ci) {
						break
					}
				}
			}
		}
	}
	t.sort()
	return total
}

// firstDue returns the index of the first deadline in dues (sorted) that
// is not before day.
func firstDue(dues []uint16, day int) int32 {
	lo, hi := 0, len(dues)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if int(dues[h]) < day {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return int32(lo)
}
