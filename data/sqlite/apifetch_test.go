package sqlite

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/internal/sourcetest"
)

// noPace reads a fake's pages without pausing.
var noPace = imports.APIOptions{Pace: -1}

// jobIDs returns the catalog ids of the stored job openings of format.
func jobIDs(t *testing.T, s *Store, format string) []string {
	t.Helper()
	js, err := loadJobs(context.Background(), s.db)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, j := range js {
		if j.Source.Format == format {
			ids = append(ids, j.ID)
		}
	}
	return ids
}

// TestWork24APIFollowsTheListing reads a 고용24 listing of 250 Seoul
// postings over three pages, and one outside Seoul: each Seoul posting is
// stored with its 고용24 page and the source notice its terms ask for;
// the other is skipped. A changed posting is updated; one the next two
// listings lack is removed, one listing lacking it only marks it.
func TestWork24APIFollowsTheListing(t *testing.T) {
	ctx := context.Background()
	fake := &sourcetest.Work24{Key: "w24-key"}
	var ps []sourcetest.Posting
	for i := 1; i <= 250; i++ {
		ps = append(ps, sourcetest.Posting{ID: fmt.Sprintf("K%04d", i), Title: fmt.Sprintf("아파트 경비원 %d", i),
			Company: "OO관리", Region: "서울 노원구", Close: "2026-09-20"})
	}
	fake.Set(append(ps, sourcetest.Posting{ID: "K9999", Title: "공장 관리", Region: "경기 수원시", Close: "2026-09-20"})...)
	srv := httptest.NewServer(fake)
	defer srv.Close()
	s, _ := openTest(t)

	rep, err := imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace)
	if err != nil || rep.Added != 250 || rep.Skipped != 1 {
		t.Fatalf("first listing: %s, %v", rep, err)
	}
	if fake.Calls() != 3 {
		t.Errorf("%d calls for 251 postings, want 3 pages of 100", fake.Calls())
	}
	j := jobByID(t, s, "work24-K0001")
	if j.Source.Note != imports.Work24Notice || !strings.HasPrefix(j.Source.URL, "https://www.work24.go.kr/") || j.District != data.DistrictByName("노원구") {
		t.Errorf("stored %+v", j)
	}

	ps[0].Title = "아파트 경비원 (주간)"
	fake.Set(ps[:200]...)
	rep, err = imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace)
	if err != nil || rep.Updated != 1 || rep.Removed != 0 || rep.Unlisted != 50 {
		t.Fatalf("50 postings fewer: %s removed=%d unlisted=%d, %v", rep, rep.Removed, rep.Unlisted, err)
	}
	if n := len(jobIDs(t, s, imports.FormatWork24)); n != 250 {
		t.Errorf("%d postings after one listing without 50, want 250 still", n)
	}
	// K0201-K0210 come back; the other 40 stay away a second time.
	fake.Set(ps[:210]...)
	rep, err = imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace)
	if err != nil || rep.Removed != 40 {
		t.Fatalf("second listing without 40: %s removed=%d, %v", rep, rep.Removed, err)
	}
	if n := len(jobIDs(t, s, imports.FormatWork24)); n != 210 {
		t.Errorf("%d postings, want 210", n)
	}
	if j := jobByID(t, s, "work24-K0001"); j.Title != "아파트 경비원 (주간)" {
		t.Errorf("updated title %q", j.Title)
	}
	// One more listing without K0201-K0210's neighbours: they were listed
	// last time, so they are only marked again.
	fake.Set(ps[:200]...)
	if rep, err = imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace); err != nil || rep.Removed != 0 || rep.Unlisted != 10 {
		t.Errorf("returned postings missed once: %s removed=%d unlisted=%d, %v", rep, rep.Removed, rep.Unlisted, err)
	}
}

// TestWork24APIFailureChangesNothing: a refused key, a source down, and an
// empty listing each fail the import whole, the key never shown.
func TestWork24APIFailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	fake := &sourcetest.Work24{Key: "w24-key"}
	fake.Set(sourcetest.Posting{ID: "K1", Title: "경비원", Region: "서울 은평구", Close: "2026-09-20"})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	s, _ := openTest(t)
	if _, err := imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace); err != nil {
		t.Fatal(err)
	}
	var ae *imports.APIError
	if _, err := imports.Work24API(ctx, s, srv.URL, "wrong-key-77", demoDay, noPace); !errors.As(err, &ae) || strings.Contains(err.Error(), "wrong-key-77") {
		t.Errorf("wrong key: %v", err)
	}
	fake.Fail(true)
	if _, err := imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("source down: %v", err)
	}
	fake.Fail(false)
	fake.Set()
	if _, err := imports.Work24API(ctx, s, srv.URL, "w24-key", demoDay, noPace); err == nil {
		t.Error("an empty listing was taken")
	}
	if ids := jobIDs(t, s, imports.FormatWork24); len(ids) != 1 {
		t.Errorf("after failures: %v, want the one posting", ids)
	}
}

// TestFiftyPlusAPIReadsCoursesAndRounds reads education/list and
// job1/list: a course and a 가치동행일자리 round with its application
// period, for Seoul residents of 40 and over; a round gone from two
// listings leaves.
func TestFiftyPlusAPIReadsCoursesAndRounds(t *testing.T) {
	ctx := context.Background()
	fake := &sourcetest.FiftyPlus{Key: "fp-key"}
	course := sourcetest.Course{Title: "[AI디지털교육] 숫자가 두렵지 않은 엑셀 완성", Org: "서부캠퍼스",
		ApplyStart: "2026-07-01", ApplyEnd: "2026-08-04", Start: "2026-08-05", End: "2026-08-21", Yr: "2026"}
	round := sourcetest.Round{Name: "서울 중장년 가치동행일자리 하반기 참여자 모집", Org: "중부캠퍼스",
		ApplyStart: "2026-07-28", ApplyEnd: "2026-08-08", Start: "2026-09-01", End: "2026-12-31", Yr: "2026"}
	fake.Set([]sourcetest.Course{course}, []sourcetest.Round{round})
	srv := httptest.NewServer(fake)
	defer srv.Close()
	s, _ := openTest(t)
	rep, err := imports.FiftyPlusAPI(ctx, s, srv.URL, "fp-key", demoDay, noPace)
	if err != nil || rep.Added != 2 {
		t.Fatalf("first listing: %s, %v", rep, err)
	}
	var got *data.Program
	for _, p := range catalogPrograms(t, s) {
		if strings.HasPrefix(p.ID, "50plusjob1-") {
			got = &p
		}
	}
	if got == nil {
		t.Fatal("no 가치동행일자리 round stored")
	}
	if got.ApplyStart != 20260728 || got.ApplyEnd != 20260808 || got.MinAge != 40 || !got.SeoulOnly ||
		!got.Goals.Has(data.GoalSocial) || !strings.Contains(got.Schedule, "시급 10,320원") {
		t.Errorf("round stored as %+v", *got)
	}
	fake.Set([]sourcetest.Course{course}, nil)
	if rep, err = imports.FiftyPlusAPI(ctx, s, srv.URL, "fp-key", demoDay, noPace); err != nil || rep.Unlisted != 1 {
		t.Fatalf("round missed once: %s unlisted=%d, %v", rep, rep.Unlisted, err)
	}
	if rep, err = imports.FiftyPlusAPI(ctx, s, srv.URL, "fp-key", demoDay, noPace); err != nil || rep.Removed != 1 {
		t.Fatalf("round missed twice: %s removed=%d, %v", rep, rep.Removed, err)
	}
	if _, err := imports.FiftyPlusAPI(ctx, s, srv.URL, "bad-key-55", demoDay, noPace); err == nil || strings.Contains(err.Error(), "bad-key-55") {
		t.Errorf("bad key: %v", err)
	}
}

// BenchmarkWork24API25k refreshes a listing of 25,000 고용24 postings (250
// pages of 100, unpaced) from a local fake into a database that holds
// them already: the steady state of a 6-hourly refresh, Seoul's 고용24
// listing being of that size.
func BenchmarkWork24API25k(b *testing.B) {
	ctx := context.Background()
	fake := &sourcetest.Work24{Key: "k"}
	ps := make([]sourcetest.Posting, 25_000)
	for i := range ps {
		ps[i] = sourcetest.Posting{ID: fmt.Sprintf("K%06d", i), Title: fmt.Sprintf("아파트 경비원 %d", i), Company: "OO관리",
			Region: "서울 노원구", Close: "2026-09-20"}
	}
	fake.Set(ps...)
	srv := httptest.NewServer(fake)
	defer srv.Close()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := imports.Work24API(ctx, s, srv.URL, "k", demoDay, noPace); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		rep, err := imports.Work24API(ctx, s, srv.URL, "k", demoDay, noPace)
		if err != nil || rep.Unchanged != 25_000 {
			b.Fatalf("%s, %v", rep, err)
		}
	}
}
