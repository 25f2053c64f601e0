package imports

import (
	"context"
	"fmt"

	"github.com/dasi-seoul/dasi/data"
)

// batch is the reading side of one import: it hands each item to the sink,
// counts what the sink did and the items past their deadline, rejects the
// records that cannot be used (an id this import already wrote among
// them), and knows the stored places, for joins. One batch may read
// several files (the seed's two), which then count as one import.
type batch struct {
	sink   Sink
	today  data.Date
	file   string // name in messages: the file, "-" for standard input
	report *Report

	places *placeIndex // the places known to this import, loaded on first use
	// seen maps the catalog ids written by this import, by kind, to the
	// record that wrote them, to reject a duplicate.
	seen map[string]int
}

// newBatch returns a batch writing to sink, counting into report.
func newBatch(sink Sink, file string, today data.Date, report *Report) *batch {
	return &batch{sink: sink, file: file, today: today, report: report, seen: map[string]int{}}
}

// reject records that record n (a line when line is set) could not be
// used because of field. The first MaxListed are kept with their reason;
// the rest are only counted, so that memory does not grow with a file of
// bad records.
func (b *batch) reject(n int, line bool, field, reason string) {
	b.report.Rejected++
	if len(b.report.Rejects) < MaxListed {
		b.report.Rejects = append(b.report.Rejects, Reject{File: b.file, N: n, Line: line, Field: field, Reason: reason})
	}
}

// skip records that record n (a line when line is set) was left out on
// purpose, because of field: it is not something dasi recommends. Like
// rejects, the first MaxListed are kept.
func (b *batch) skip(n int, line bool, field, reason string) {
	b.report.Skipped++
	if len(b.report.Skips) < MaxListed {
		b.report.Skips = append(b.report.Skips, Reject{File: b.file, N: n, Line: line, Field: field, Reason: reason})
	}
}

// usable returns how many records this import stored or found stored.
func (r Report) usable() int { return r.Added + r.Updated + r.Unchanged + r.Expired }

// placeIndex returns the places stored so far, loading them once.
func (b *batch) placeIndex(ctx context.Context) (*placeIndex, error) {
	if b.places == nil {
		ps, err := b.sink.Places(ctx)
		if err != nil {
			return nil, fmt.Errorf("places: %w", err)
		}
		b.places = newPlaceIndex(ps)
	}
	return b.places, nil
}

// first reports whether this import has not written the item id of kind
// yet, remembering record n as its writer; a repeated id is rejected,
// naming the record that wrote it.
func (b *batch) first(kind Kind, id string, n int, line bool) bool {
	key := string(kind) + "\x00" + id
	if first, dup := b.seen[key]; dup {
		b.reject(n, line, "id", fmt.Sprintf("%s is already in record %d of this file", id, first))
		return false
	}
	b.seen[key] = n
	return true
}

// putPlace stores p, read from record n.
func (b *batch) putPlace(ctx context.Context, n int, line bool, p data.Place) error {
	if !b.first(Places, p.ID, n, line) {
		return nil
	}
	p.Source.ImportedAt = b.today
	o, err := b.sink.PutPlace(ctx, p)
	if err != nil {
		return err
	}
	if o != Kept && b.places != nil {
		b.places.add(p)
	}
	b.count(o, false)
	return nil
}

// putProgram stores p, read from record n.
func (b *batch) putProgram(ctx context.Context, n int, line bool, p data.Program) error {
	if !b.first(Programs, p.ID, n, line) {
		return nil
	}
	p.Source.ImportedAt = b.today
	o, err := b.sink.PutProgram(ctx, p)
	if err != nil {
		return err
	}
	b.count(o, programExpired(p, b.today))
	return nil
}

// putJob stores j, read from record n.
func (b *batch) putJob(ctx context.Context, n int, line bool, j data.Job) error {
	if !b.first(Jobs, j.ID, n, line) {
		return nil
	}
	j.Source.ImportedAt = b.today
	o, err := b.sink.PutJob(ctx, j)
	if err != nil {
		return err
	}
	b.count(o, jobExpired(j, b.today))
	return nil
}

// count adds one item's outcome to the report. An expired item counts as
// expired whatever the write did: it is stored but will not be recommended.
func (b *batch) count(o Outcome, expired bool) {
	switch {
	case o == Kept:
	case expired:
		b.report.Expired++
	case o == Added:
		b.report.Added++
	case o == Updated:
		b.report.Updated++
	default:
		b.report.Unchanged++
	}
}

// programExpired reports whether p can no longer be joined at today: the
// last day matching would recommend it (Program.LastDay) has passed.
func programExpired(p data.Program, today data.Date) bool {
	last := p.LastDay()
	return !last.IsZero() && last < today
}

// jobExpired reports whether j's applications closed before today.
func jobExpired(j data.Job, today data.Date) bool {
	return !j.Deadline.IsZero() && j.Deadline < today
}
