package data

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// BenchmarkMatch measures matching at the size the catalog issue names:
// 100,000 jobs and 10,000 generated programs plus the real places and the
// standing programs of the seed, queried
// with varied residents (bands, fields, one to three goals, districts or
// shared locations, first pages and "더 보기" pages).
//
// It reports per-query latency percentiles (p50-ns/query, p99-ns/query)
// from one timing per query, the heap in use with the catalog built
// (heap-MB, of which the indexes take index-MB), and, for the indexed
// matcher, its speed-up over a full scan of every item with the same
// ranking (x-faster-than-scan, medians of the same run).
//
//	go test -run '^$' -bench Match -benchmem ./data
func BenchmarkMatch(b *testing.B) {
	const nJobs, nPrograms = 100_000, 10_000
	_, programs, jobs := generate(nPrograms, nJobs, 2026)
	places, standing := seed(b)
	programs = append(programs, standing...)

	heapItems := heapInUse()
	start := time.Now()
	c := NewCatalog(places, programs, jobs)
	build := time.Since(start)
	heapAll := heapInUse()

	qs := make([]Query, 4096)
	for i, p := range profiles(len(qs), 7) {
		qs[i] = Query{Profile: p, Today: today, Offset: []int{0, 0, 0, 0, 3, 6}[i%6], Limit: 3}
	}
	report := func(b *testing.B, took []time.Duration) (p50 float64) {
		slices.Sort(took)
		p50 = float64(took[len(took)/2])
		b.ReportMetric(p50, "p50-ns/query")
		b.ReportMetric(float64(took[len(took)*99/100]), "p99-ns/query")
		return p50
	}

	var scanP50 float64
	b.Run("full-scan", func(b *testing.B) {
		s := new(scratch)
		took := make([]time.Duration, 0, b.N)
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			fullScan(c, qs[i%len(qs)], s)
			took = append(took, time.Since(t0))
		}
		scanP50 = report(b, took)
	})
	b.Run("indexed", func(b *testing.B) {
		took := make([]time.Duration, 0, b.N)
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			c.Match(qs[i%len(qs)])
			took = append(took, time.Since(t0))
		}
		p50 := report(b, took)
		b.ReportMetric(float64(heapAll)/(1<<20), "heap-MB")
		b.ReportMetric(float64(heapAll-heapItems)/(1<<20), "index-MB")
		b.ReportMetric(float64(build.Milliseconds()), "build-ms")
		if scanP50 > 0 {
			b.ReportMetric(scanP50/p50, "x-faster-than-scan")
		}
	})
	runtime.KeepAlive(programs)
	runtime.KeepAlive(jobs)
}

// heapInUse returns the bytes of heap in use after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

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
