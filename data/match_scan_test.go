package data

// fullScan is the baseline the indexes are measured against: the same
// ranking and page, computed by judging every program and job of the
// catalog one by one.
func fullScan(c *Catalog, q Query, s *scratch) (programs, jobs int) {
	m := c.newQuery(q, s)
	depth := q.Offset + q.Limit
	for _, x := range []*index{&c.prog, &c.job} {
		s.top.reset(depth)
		total := 0
		for ci := range x.cells {
			cl := &x.cells[ci]
			if !m.eligible(cl.minAge, cl.maxAge, cl.only) {
				continue
			}
			for p := cl.start; p < cl.end; p++ {
				if int(x.due[p]) < m.day {
					continue
				}
				total++
				s.top.offer(m.key(x, int32(ci), p), p, int32(ci))
			}
		}
		s.top.sort()
		if x == &c.prog {
			programs = total
		} else {
			jobs = total
		}
	}
	return programs, jobs
}
