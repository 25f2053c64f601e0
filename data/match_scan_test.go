package data

import (
	"cmp"
	"slices"
)

// scanned is one item the full scan ranks: its key and position.
type scanned struct {
	key uint64
	pos int32
}

// fullScan is the baseline the indexes are measured and checked against:
// the same answer, computed by judging every item of x one by one (its
// group's score, its cell's, its own), sorting them all, and applying the
// rules of index.top: the items taking applications now and near, then at
// most pendingShown of unknown schedule or between rounds, then (programs
// only) the farther ones when there is no other. It returns the page
// [offset, offset+limit) and the total, using buf.
func fullScan(c *Catalog, x *index, m *query, job bool, offset, limit int, buf []scanned) ([]scanned, int, []scanned) {
	all := buf[:0]
	var now, pend, far int
	for ci := range x.cells {
		cl := &x.cells[ci]
		gs, tier, ok := c.scoreGroup(m, &x.groups[cl.group], job)
		if !ok || !m.eligible(cl) {
			continue
		}
		for p := cl.start; p < cl.end; p++ {
			if int(x.due[p]) < m.day || !x.head(m, p) {
				continue
			}
			t := tier
			switch {
			case cl.pending && tier == tierFar:
				continue
			case cl.pending:
				t = tierPending
				pend++
			case tier == tierNow:
				now++
			default:
				far++
			}
			all = append(all, scanned{keyOf(t, gs+cellPoints(cl)+m.itemPoints(x.opens[p], x.starts[p]), x.due[p], x.rank[p]), p})
		}
	}
	slices.SortFunc(all, func(a, b scanned) int { return cmp.Compare(a.key, b.key) })
	// all is now: tierNow, tierPending, tierFar.
	keep := all[:0]
	shownPending := 0
	for _, e := range all {
		switch tier := e.key >> shiftTier; {
		case tier == tierPending && shownPending < pendingShown:
			shownPending++
			keep = append(keep, e)
		case tier == tierPending:
		case tier == tierFar && (job || now+min(pend, pendingShown) > 0):
		default:
			keep = append(keep, e)
		}
	}
	total := len(keep)
	if offset >= len(keep) {
		return nil, total, all
	}
	return keep[offset:min(offset+limit, len(keep))], total, all
}
