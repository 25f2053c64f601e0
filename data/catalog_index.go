package data

import (
	"cmp"
	"slices"
)

// index files the programs or the jobs of a catalog for matching.
//
// Items are filed in cells: all items of a cell share every property that
// scoring and eligibility read except their own dates (the goals they
// serve, the fields they fit, where they are, their cost, ages, residence
// rule, window class, waiting list and restrictions), and a cell's items
// are sorted by deadline, then ID, so that expired items form a prefix
// found by binary search.
//
// Cells that share the properties a query scores by group (goals, fields,
// spot) form a group. A query scores each group once, skips the groups
// that cannot serve the resident (no goal of theirs, another trade, too
// far), and reads the rest best first, stopping as soon as no item of
// the remaining groups can make the page (see index.top).
type index struct {
	groups []group
	cells  []cell
	// Per position, cell by cell (cell.start to cell.end): the item's index
	// in Catalog.programs or Catalog.jobs, its deadline, the day its
	// applications open (0 when open already or unknown) and its rank by ID.
	item   []int32
	due    []uint16
	opens  []uint16
	starts []uint16
	rank   []uint32
	// Runs of a course (15기, 16기; 7월, 8월) in one cell form a family,
	// of which an answer lists one (index.head): famPrev is the position
	// of the previous run (-1 for the first or a course alone) and famNext
	// whether a later one follows; famPrevDue holds, cell by cell
	// (cell.fstart to cell.fend), the deadlines of the previous runs of
	// every run but the first, sorted, to count the families.
	famPrev    []int32
	famNext    []bool
	famPrevDue []uint16
}

// groupKey is what the group part of an item's score depends on.
type groupKey struct {
	goals    Goals
	fit      fieldSet // the fields its words fit (FieldNone left out)
	trade    fieldSet // the fields its trade words name: it is for those alone
	beginner bool     // its words welcome beginners (입문, 경력무관)
	counsel  bool     // a programme of counselling (상담, 컨설팅): where one starts whose experience is not known
	spot     uint16
}

// cellKey is everything scoring and eligibility read of an item but its
// own dates.
type cellKey struct {
	groupKey
	pending        bool // its window is unknown or between rounds
	cost           costClass
	waitlist       bool
	restricted     bool // it states who it is for beyond ages and residence
	minAge, maxAge uint8
	only           District // DistrictOnly: residents of this district only
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
	pending        bool
	cost           costClass
	waitlist       bool
	restricted     bool
	minAge, maxAge uint8
	only           District
	// dated is set when an item of the cell opens later or has started
	// already, whose score its own dates lower (match_score.go): then
	// scores do not fall along the cell.
	dated        bool
	fstart, fend int32 // its runs' previous deadlines in famPrevDue
}

// buildIndex files the items whose keys, deadlines, opening and starting
// days (0: none), ID ranks and families (the same non-empty string for
// runs of one course; nil for none) are given.
func buildIndex(keys []cellKey, dues, opens, starts []uint16, ranks []uint32, families []string) index {
	var x index

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
		x.cells[ci] = cell{group: int32(gi), pending: k.pending, cost: k.cost, waitlist: k.waitlist,
			restricted: k.restricted, minAge: k.minAge, maxAge: k.maxAge, only: k.only}
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
	x.opens = make([]uint16, len(keys))
	x.starts = make([]uint16, len(keys))
	x.rank = make([]uint32, len(keys))
	x.famPrev = make([]int32, len(keys))
	x.famNext = make([]bool, len(keys))
	last := map[string]int32{}
	for ci := range x.cells {
		cl := &x.cells[ci]
		items := x.item[cl.start:cl.end]
		slices.SortFunc(items, func(a, b int32) int {
			return cmp.Or(cmp.Compare(dues[a], dues[b]), cmp.Compare(ranks[a], ranks[b]))
		})
		clear(last)
		cl.fstart = int32(len(x.famPrevDue))
		for p := cl.start; p < cl.end; p++ {
			i := x.item[p]
			x.due[p], x.opens[p], x.starts[p], x.rank[p] = dues[i], opens[i], starts[i], ranks[i]
			cl.dated = cl.dated || opens[i] != 0 || starts[i] != 0
			x.famPrev[p] = -1
			if families == nil || families[i] == "" {
				continue
			}
			if q, ok := last[families[i]]; ok {
				x.famPrev[p], x.famNext[q] = q, true
				x.famPrevDue = append(x.famPrevDue, x.due[q])
			}
			last[families[i]] = p
		}
		cl.fend = int32(len(x.famPrevDue))
		slices.Sort(x.famPrevDue[cl.fstart:cl.fend])
	}
	return x
}

// count returns how many items of a cell m would be listed: those not
// past their deadline, one run of each course.
func (x *index) count(m *query, cl *cell) int {
	n := cl.end - cl.start - firstDue(x.due[cl.start:cl.end], m.day)
	prev := x.famPrevDue[cl.fstart:cl.fend]
	return int(n - (int32(len(prev)) - firstDue(prev, m.day)))
}

// head reports whether the item at position p is the run of its course
// an answer lists: the first that does not close within a day, or the
// last of them all when every run does (a counsellor sends a resident to
// the next round rather than to one closing today); an item of no
// family always is.
func (x *index) head(m *query, p int32) bool {
	urgent := func(q int32) bool { return m.day != 0 && x.due[q] != noDue && int(x.due[q]) <= m.day+1 }
	if q := x.famPrev[p]; q >= 0 && !urgent(q) {
		return false
	}
	return !x.famNext[p] || !urgent(p)
}

// compareCellKeys orders cell keys so that the cells of a group are adjacent.
func compareCellKeys(a, b cellKey) int {
	return cmp.Or(
		cmp.Compare(a.goals, b.goals), cmp.Compare(a.fit, b.fit), cmp.Compare(a.trade, b.trade),
		compareBool(a.beginner, b.beginner), compareBool(a.counsel, b.counsel), cmp.Compare(a.spot, b.spot),
		compareBool(a.pending, b.pending), cmp.Compare(a.cost, b.cost), compareBool(a.waitlist, b.waitlist),
		compareBool(a.restricted, b.restricted), cmp.Compare(a.minAge, b.minAge), cmp.Compare(a.maxAge, b.maxAge),
		cmp.Compare(a.only, b.only),
	)
}

// compareBool orders false before true.
func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
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
