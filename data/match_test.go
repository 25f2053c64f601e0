package data

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
)

var today = NewDate(2026, 7, 26)

func TestMatchAgeEligibility(t *testing.T) {
	prog := func(id string, minAge, maxAge int) Program {
		return Program{ID: id, Title: "디지털 기초 " + id, Goals: goalsOf(GoalDigital), MinAge: minAge, MaxAge: maxAge, Cost: -1}
	}
	programs := []Program{
		prog("min50", 50, 0),
		prog("50to64", 50, 64),
		prog("40to64", 40, 64),
		prog("max62", 0, 62),
		prog("47to60", 47, 60),
		prog("any", 0, 0),
	}
	c := NewCatalog(nil, programs, nil)
	// want maps each program the band may see to the age reason it carries
	// (0: none); programs absent from want must not be shown.
	tests := []struct {
		name string
		band AgeBand
		want map[string]ReasonKind
	}{
		{"45~49 never gets a program for 50 and over", Age45to49, map[string]ReasonKind{
			"40to64": ReasonAges, "max62": ReasonAges, "47to60": ReasonAgeCheck, "any": 0}},
		{"50~54 fits the 50+ programs whole", Age50to54, map[string]ReasonKind{
			"min50": ReasonAges, "50to64": ReasonAges, "40to64": ReasonAges, "max62": ReasonAges, "47to60": ReasonAges, "any": 0}},
		{"60~64 partly fits a program up to 62", Age60to64, map[string]ReasonKind{
			"min50": ReasonAges, "50to64": ReasonAges, "40to64": ReasonAges, "max62": ReasonAgeCheck, "47to60": ReasonAgeCheck, "any": 0}},
		{"65 and over is past every upper bound", Age65Plus, map[string]ReasonKind{
			"min50": ReasonAges, "any": 0}},
		{"under 40 is below every lower bound", AgeUnder40, map[string]ReasonKind{
			"max62": ReasonAges, "any": 0}},
		{"an unknown band must check every bound", AgeUnknown, map[string]ReasonKind{
			"min50": ReasonAgeCheck, "50to64": ReasonAgeCheck, "40to64": ReasonAgeCheck, "max62": ReasonAgeCheck, "47to60": ReasonAgeCheck, "any": 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Match(Query{Profile: Profile{Age: tt.band, Goals: goalsOf(GoalDigital)}, Today: today, Limit: maxLimit})
			if r.TotalPrograms != len(tt.want) {
				t.Errorf("TotalPrograms = %d, want %d", r.TotalPrograms, len(tt.want))
			}
			got := map[string]ReasonKind{}
			for _, h := range r.Programs {
				var k ReasonKind
				for _, rs := range h.Reasons {
					if rs.Kind == ReasonAges || rs.Kind == ReasonAgeCheck {
						k = rs.Kind
					}
				}
				got[h.Program.ID] = k
			}
			for id, k := range tt.want {
				if g, ok := got[id]; !ok {
					t.Errorf("%s not shown", id)
				} else if g != k && k == ReasonAgeCheck {
					t.Errorf("%s: age reason %d, want 나이 조건 확인 (%d)", id, g, k)
				}
			}
			for id := range got {
				if _, ok := tt.want[id]; !ok {
					t.Errorf("%s shown to band %s", id, tt.band.Label())
				}
			}
		})
	}
}

func TestMatchNeverExpired(t *testing.T) {
	d := func(s string) Date { return mustDate(t, s) }
	programs := []Program{
		{ID: "closed-yesterday", ApplyEnd: d("2026-07-25")},
		{ID: "closes-today", ApplyEnd: d("2026-07-26")},
		{ID: "course-ended", End: d("2026-07-20")},
		{ID: "course-ended-before-apply-end", ApplyEnd: d("2026-08-30"), End: d("2026-07-16")},
		{ID: "opens-later", ApplyStart: d("2026-08-18"), ApplyEnd: d("2026-09-08")},
		{ID: "standing"},
	}
	jobs := []Job{
		{ID: "job-past", Deadline: d("2026-07-01"), District: DistrictByName("은평구")},
		{ID: "job-today", Deadline: d("2026-07-26"), District: DistrictByName("은평구")},
		{ID: "job-until-filled", District: DistrictByName("은평구")},
	}
	c := NewCatalog(nil, programs, jobs)
	tests := []struct {
		name     string
		today    Date
		programs []string
		jobs     []string
	}{
		{"2026-07-26", today, []string{"closes-today", "opens-later", "standing"}, []string{"job-today", "job-until-filled"}},
		{"2026-07-27", today.AddDays(1), []string{"opens-later", "standing"}, []string{"job-until-filled"}},
		{"2026-12-01", d("2026-12-01"), []string{"standing"}, []string{"job-until-filled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Match(Query{Profile: Profile{District: DistrictByName("은평구")}, Today: tt.today, Limit: maxLimit})
			got := ids(r.Programs)
			slices.Sort(got)
			if !slices.Equal(got, tt.programs) || r.TotalPrograms != len(tt.programs) {
				t.Errorf("programs %v (total %d), want %v", got, r.TotalPrograms, tt.programs)
			}
			got = ids(r.Jobs)
			slices.Sort(got)
			if !slices.Equal(got, tt.jobs) || r.TotalJobs != len(tt.jobs) {
				t.Errorf("jobs %v (total %d), want %v", got, r.TotalJobs, tt.jobs)
			}
		})
	}
	t.Run("reasons name the deadline and the opening", func(t *testing.T) {
		r := c.Match(Query{Today: today, Limit: maxLimit})
		for _, h := range r.Programs {
			switch h.Program.ID {
			case "closes-today":
				if !slices.Contains(h.Reasons, Reason{Kind: ReasonDeadline, Date: today, Days: 0}) {
					t.Errorf("closes-today: reasons %+v lack the deadline today", h.Reasons)
				}
			case "opens-later":
				if !slices.Contains(h.Reasons, Reason{Kind: ReasonOpensSoon, Date: d("2026-08-18"), Days: 23}) {
					t.Errorf("opens-later: reasons %+v lack the opening day", h.Reasons)
				}
			case "standing":
				if !hasReason(h.Reasons, ReasonScheduleCheck) || hasReason(h.Reasons, ReasonAlwaysOpen) {
					t.Errorf("standing: reasons %+v, want 신청 일정 확인 and no 상시 모집", h.Reasons)
				}
			}
		}
	})
}

func TestMatchPlaces(t *testing.T) {
	eunpyeong := DistrictByName("은평구")
	places := []Place{
		{ID: "far", Name: "먼 곳", Kind: "center_50plus", District: DistrictByName("강동구"), At: LatLon{37.548231, 127.127155}, Status: PlaceOpen},
		{ID: "near", Name: "가까운 곳", Kind: "center_50plus", District: eunpyeong, At: LatLon{37.6005, 126.9320}, Status: PlaceOpen},
		{ID: "closed", Name: "닫힌 곳", Kind: "campus_50plus", District: eunpyeong, At: LatLon{37.5999, 126.9312}, Status: PlaceClosed},
		{ID: "district-only", Name: "구만 아는 곳", Kind: "job_center", District: DistrictByName("마포구"), Status: PlaceOpen},
		{ID: "nowhere-b", Name: "나 어딘지 모름", Kind: "tech_institute", Status: PlaceOpen},
		{ID: "nowhere-a", Name: "가 어딘지 모름", Kind: "tech_institute", Status: PlaceOpen},
		{ID: "unverified", Name: "확인 안 된 곳", Kind: "job_center", District: DistrictByName("중구"), Phone: "1588-9142", Status: PlaceUnverified},
	}
	c := NewCatalog(places, nil, nil)
	tests := []struct {
		name    string
		profile Profile
		want    []string
	}{
		{"from the district's point, by distance, placeless ones last by name", Profile{District: eunpyeong},
			[]string{"near", "district-only", "unverified", "far", "nowhere-a", "nowhere-b"}},
		{"from a shared location", Profile{District: eunpyeong, At: LatLon{37.5500, 127.1200}},
			[]string{"far", "unverified", "near", "district-only", "nowhere-a", "nowhere-b"}},
		{"no point: goals, then names", Profile{Goals: goalsOf(GoalTrain)},
			[]string{"nowhere-a", "nowhere-b", "near", "district-only", "far", "unverified"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Match(Query{Profile: tt.profile, Today: today, Limit: 10})
			if got := placeIDs(r.Places); !slices.Equal(got, tt.want) {
				t.Errorf("places %v, want %v", got, tt.want)
			}
			if r.TotalPlaces != len(tt.want) {
				t.Errorf("TotalPlaces = %d, want %d", r.TotalPlaces, len(tt.want))
			}
			for _, h := range r.Places {
				if h.Place.Status == PlaceClosed {
					t.Errorf("closed place %s shown", h.Place.ID)
				}
				if h.Place.Status == PlaceUnverified && h.Place.Phone != "" {
					t.Errorf("unverified place %s shown with a phone", h.Place.ID)
				}
				placeless := strings.HasPrefix(h.Place.ID, "nowhere")
				if wantDist := tt.profile.District != 0 && !placeless; h.HasDistance != wantDist {
					t.Errorf("%s: HasDistance = %v", h.Place.ID, h.HasDistance)
				}
				if len(h.Reasons) == 0 {
					t.Errorf("%s has no reason", h.Place.ID)
				}
			}
		})
	}
	t.Run("a closed place is still found by id", func(t *testing.T) {
		if p, ok := c.Place("closed"); !ok || p.Name != "닫힌 곳" {
			t.Errorf("Place(closed) = %+v, %v", p, ok)
		}
		if _, ok := c.Place("nothing"); ok {
			t.Error("Place(nothing) found")
		}
	})
	t.Run("the caller's places are not modified", func(t *testing.T) {
		if places[6].Phone == "" {
			t.Error("NewCatalog cleared the phone in the caller's slice")
		}
	})
}

func TestMatchRanking(t *testing.T) {
	eunpyeong, gangdong := DistrictByName("은평구"), DistrictByName("강동구")
	programs := []Program{
		{ID: "p-goal-far", Title: "디지털 배움", Goals: goalsOf(GoalDigital), District: gangdong, Cost: 1000},
		{ID: "p-field-near", Title: "회계 실무", District: eunpyeong, Cost: 0},
		{ID: "p-goal-field-far", Title: "AI로 하는 회계", District: gangdong, Cost: 1000},
		{ID: "p-goal-near-paid", Title: "스마트폰 교실", District: eunpyeong, Cost: 5000},
		{ID: "p-goal-near-free", Title: "스마트폰 교실 2", District: eunpyeong, Cost: 0},
		{ID: "p-goal-near-soon", Title: "키오스크 교실", District: eunpyeong, Cost: 5000, ApplyEnd: today.AddDays(3)},
		{ID: "p-online", Title: "온라인 디지털", Online: true, Cost: 0},
		{ID: "p-nothing", Title: "수채화", District: gangdong, Cost: 0},
	}
	jobs := []Job{
		{ID: "j-regular-near", Title: "사무원", District: eunpyeong},
		{ID: "j-social-far", Title: "가치동행일자리 참여자", District: gangdong},
		{ID: "j-field-far", Title: "경리 사무", Occupation: "회계사무원", District: gangdong},
		{ID: "j-outside", Title: "경리", Occupation: "회계사무원"},
	}
	c := NewCatalog(nil, programs, jobs)
	tests := []struct {
		name     string
		profile  Profile
		programs []string
		jobs     []string
	}{
		{"goals, then field, then distance, deadline, cost",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital, GoalJob), District: eunpyeong},
			[]string{"p-goal-field-far", "p-goal-near-soon", "p-goal-near-free", "p-goal-near-paid", "p-online", "p-goal-far", "p-field-near", "p-nothing"},
			[]string{"j-field-far", "j-outside", "j-regular-near", "j-social-far"}},
		{"social goal puts social jobs first",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalSocial), District: eunpyeong},
			nil,
			[]string{"j-social-far", "j-field-far", "j-outside", "j-regular-near"}},
		{"no goals: jobs by field and distance",
			Profile{Field: FieldOffice, District: eunpyeong},
			nil,
			[]string{"j-regular-near", "j-field-far", "j-outside", "j-social-far"}},
		{"learning goals alone: no jobs",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital, GoalLife), District: eunpyeong},
			nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Match(Query{Profile: tt.profile, Today: today, Limit: 20})
			if tt.programs != nil {
				if got := ids(r.Programs); !slices.Equal(got, tt.programs) {
					t.Errorf("programs\n got %v\nwant %v", got, tt.programs)
				}
			}
			if got := ids(r.Jobs); !slices.Equal(got, tt.jobs) {
				t.Errorf("jobs\n got %v\nwant %v", got, tt.jobs)
			}
			if r.TotalJobs != len(tt.jobs) {
				t.Errorf("TotalJobs = %d, want %d", r.TotalJobs, len(tt.jobs))
			}
		})
	}
}

func TestMatchResidence(t *testing.T) {
	eunpyeong := DistrictByName("은평구")
	programs := []Program{
		{ID: "eunpyeong-only", Title: "온라인스토어 창업교육", District: eunpyeong, DistrictOnly: true},
		{ID: "seoul", Title: "창업 사관학교", SeoulOnly: true},
	}
	c := NewCatalog(nil, programs, nil)
	tests := []struct {
		name    string
		profile Profile
		want    []string
	}{
		{"a resident of the district", Profile{District: eunpyeong}, []string{"eunpyeong-only", "seoul"}},
		{"a resident of another district", Profile{District: DistrictByName("마포구")}, []string{"seoul"}},
		{"a resident who gave only a location", Profile{At: LatLon{37.6, 126.93}}, []string{"seoul"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.profile.Goals = goalsOf(GoalStartup)
			r := c.Match(Query{Profile: tt.profile, Today: today, Limit: 10})
			if got := ids(r.Programs); !slices.Equal(got, tt.want) {
				t.Errorf("programs %v, want %v", got, tt.want)
			}
			for _, h := range r.Programs {
				if h.Program.DistrictOnly && !slices.Contains(h.Reasons, Reason{Kind: ReasonResidence, District: eunpyeong}) {
					t.Errorf("%s: reasons %+v lack the residence rule", h.Program.ID, h.Reasons)
				}
			}
		})
	}
}

func TestMatchReasons(t *testing.T) {
	eunpyeong := DistrictByName("은평구")
	west := Place{ID: "c50_west", Name: "서부캠퍼스", Kind: "campus_50plus", District: eunpyeong, At: LatLon{37.608442, 126.933496}, Status: PlaceOpen}
	programs := []Program{
		{ID: "excel", Title: "[AI디지털교육]숫자가 두렵지 않은 엑셀 완성", Category: "디지털기본", PlaceID: "c50_west", MinAge: 40, MaxAge: 64, Cost: 36000, ApplyEnd: today.AddDays(40)},
		{ID: "online", Title: "서울런4050 온라인 강좌", Goals: goalsOf(GoalDigital), Online: true, Cost: 0},
	}
	c := NewCatalog([]Place{west}, programs, nil)
	r := c.Match(Query{Profile: Profile{Age: Age50to54, Field: FieldOffice, Goals: goalsOf(GoalDigital), District: eunpyeong}, Today: today})
	want := map[string][]Reason{
		"excel": {
			{Kind: ReasonGoal, Goal: GoalDigital, Goals: goalsOf(GoalDigital)},
			{Kind: ReasonField, Field: FieldOffice},
			{Kind: ReasonDistance, Meters: 963, District: eunpyeong},
		},
		"online": {
			{Kind: ReasonGoal, Goal: GoalDigital, Goals: goalsOf(GoalDigital)},
			{Kind: ReasonOnline},
			{Kind: ReasonFree},
		},
	}
	for _, h := range r.Programs {
		if w := want[h.Program.ID]; !slices.Equal(h.Reasons, w) {
			t.Errorf("%s: reasons\n got %+v\nwant %+v", h.Program.ID, h.Reasons, w)
		}
	}
	t.Run("every goal served is named", func(t *testing.T) {
		both := goalsOf(GoalJob, GoalDigital)
		c := NewCatalog(nil, []Program{{ID: "both", Title: "디지털 재취업 과정", Goals: both, Online: true}}, nil)
		r := c.Match(Query{Profile: Profile{Goals: goalsOf(GoalJob, GoalDigital, GoalLife)}, Today: today})
		if len(r.Programs) != 1 || !slices.Contains(r.Programs[0].Reasons, Reason{Kind: ReasonGoal, Goal: GoalJob, Goals: both}) {
			t.Errorf("programs %+v: want one whose goal reason names 재취업 and 디지털", r.Programs)
		}
	})
	t.Run("from a shared location", func(t *testing.T) {
		r := c.Match(Query{Profile: Profile{Goals: goalsOf(GoalDigital), At: west.At}, Today: today})
		if !slices.Contains(r.Programs[0].Reasons, Reason{Kind: ReasonDistance, Meters: 0, FromLocation: true}) {
			t.Errorf("reasons %+v lack the distance from the location", r.Programs[0].Reasons)
		}
	})
	t.Run("an age check is never crowded out", func(t *testing.T) {
		r := c.Match(Query{Profile: Profile{Age: AgeUnknown, Field: FieldOffice, Goals: goalsOf(GoalDigital), District: eunpyeong}, Today: today})
		for _, h := range r.Programs {
			if h.Program.ID == "excel" && !hasReason(h.Reasons, ReasonAgeCheck) {
				t.Errorf("excel for an unknown age: reasons %+v lack 나이 조건 확인", h.Reasons)
			}
		}
	})
}

func TestMatchPaging(t *testing.T) {
	c := generated(t, 400, 3000, 1)
	q := Query{Profile: Profile{Age: Age50to54, Field: FieldFinance, Goals: goalsOf(GoalJob, GoalDigital), District: DistrictByName("은평구")}, Today: today, Limit: 60}
	all := c.Match(q)
	if len(all.Programs) != 60 || len(all.Jobs) != 60 {
		t.Fatalf("one page of 60: %d programs, %d jobs", len(all.Programs), len(all.Jobs))
	}
	var progs, jobs, places []string
	for off := 0; off < 60; off += 7 {
		p := c.Match(Query{Profile: q.Profile, Today: today, Offset: off, Limit: 7})
		if p.TotalPrograms != all.TotalPrograms || p.TotalJobs != all.TotalJobs || p.TotalPlaces != all.TotalPlaces {
			t.Fatalf("offset %d: totals %d/%d/%d, want %d/%d/%d", off, p.TotalPrograms, p.TotalJobs, p.TotalPlaces, all.TotalPrograms, all.TotalJobs, all.TotalPlaces)
		}
		progs, jobs = append(progs, ids(p.Programs)...), append(jobs, ids(p.Jobs)...)
		places = append(places, placeIDs(p.Places)...)
	}
	if want := ids(all.Programs); !slices.Equal(progs[:60], want) {
		t.Errorf("programs page by page differ from one page")
	}
	if want := ids(all.Jobs); !slices.Equal(jobs[:60], want) {
		t.Errorf("jobs page by page differ from one page")
	}
	if want := placeIDs(all.Places); !slices.Equal(places[:len(want)], want) {
		t.Errorf("places page by page differ from one page")
	}
	t.Run("the default page is 3", func(t *testing.T) {
		r := c.Match(Query{Profile: q.Profile, Today: today})
		if len(r.Programs) != 3 || len(r.Jobs) != 3 || len(r.Places) != 3 {
			t.Errorf("%d programs, %d jobs, %d places; want 3 each", len(r.Programs), len(r.Jobs), len(r.Places))
		}
	})
	t.Run("past the end", func(t *testing.T) {
		r := c.Match(Query{Profile: q.Profile, Today: today, Offset: all.TotalPrograms + all.TotalJobs})
		if len(r.Programs)+len(r.Jobs)+len(r.Places) != 0 || r.TotalPrograms != all.TotalPrograms {
			t.Errorf("got %d items, totals %d; want none and the same totals", len(r.Programs)+len(r.Jobs)+len(r.Places), r.TotalPrograms)
		}
	})
}

func TestMatchDeterministic(t *testing.T) {
	places, programs, jobs := generate(300, 2000, 7)
	c1 := NewCatalog(places, programs, jobs)
	rng := rand.New(rand.NewPCG(3, 4))
	shuffled := func(n int) []int { return rng.Perm(n) }
	p2 := make([]Program, len(programs))
	for i, j := range shuffled(len(programs)) {
		p2[j] = programs[i]
	}
	j2 := make([]Job, len(jobs))
	for i, j := range shuffled(len(jobs)) {
		j2[j] = jobs[i]
	}
	c2 := NewCatalog(places, p2, j2)
	for i, p := range profiles(50, 9) {
		q := Query{Profile: p, Today: today, Limit: 10}
		a, b, again := c1.Match(q), c2.Match(q), c1.Match(q)
		for _, r := range []Result{b, again} {
			if !slices.Equal(ids(a.Programs), ids(r.Programs)) || !slices.Equal(ids(a.Jobs), ids(r.Jobs)) || !slices.Equal(placeIDs(a.Places), placeIDs(r.Places)) {
				t.Fatalf("profile %d (%+v): orders differ between runs or input orders", i, p)
			}
		}
	}
}

// TestMatchAgainstScan checks the indexes against the plainest matcher
// there is: judge every item, sort them all by the same key, and page.
func TestMatchAgainstScan(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		c := generated(t, 300, 4000, seed)
		for i, p := range profiles(150, seed+100) {
			q := Query{Profile: p, Today: today.AddDays(int(seed*7) - 14), Offset: i % 4, Limit: 1 + i%12}
			got := c.Match(q)
			wantProgs, totalProgs := scan(c, &c.prog, q)
			if !slices.Equal(ids(got.Programs), wantProgs) || got.TotalPrograms != totalProgs {
				t.Fatalf("seed %d profile %+v: programs\n got %v (%d)\nwant %v (%d)", seed, p, ids(got.Programs), got.TotalPrograms, wantProgs, totalProgs)
			}
			wantJobs, totalJobs := scan(c, &c.job, q)
			if !(p.Goals == 0 || p.Goals.Has(GoalJob) || p.Goals.Has(GoalSocial)) {
				wantJobs, totalJobs = []string{}, 0
			}
			if !slices.Equal(ids(got.Jobs), wantJobs) || got.TotalJobs != totalJobs {
				t.Fatalf("seed %d profile %+v: jobs\n got %v (%d)\nwant %v (%d)", seed, p, ids(got.Jobs), got.TotalJobs, wantJobs, totalJobs)
			}
		}
	}
}

// scan ranks every item of x for q by brute force.
func scan(c *Catalog, x *index, q Query) ([]string, int) {
	s := new(scratch)
	m := c.newQuery(q, s)
	type ranked struct {
		key uint64
		id  string
	}
	var all []ranked
	for ci := range x.cells {
		cl := &x.cells[ci]
		for p := cl.start; p < cl.end; p++ {
			if cl.only != 0 && cl.only != m.district || fitAges(cl.minAge, cl.maxAge, m.band) == ageOut || int(x.due[p]) < m.day {
				continue
			}
			id := ""
			if x == &c.prog {
				id = c.programs[x.item[p]].ID
			} else {
				id = c.jobs[x.item[p]].ID
			}
			all = append(all, ranked{m.key(x, int32(ci), p), id})
		}
	}
	slices.SortStableFunc(all, func(a, b ranked) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return strings.Compare(a.id, b.id)
	})
	out := []string{}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	for i := q.Offset; i < len(all) && i < q.Offset+limit; i++ {
		out = append(out, all[i].id)
	}
	return out, len(all)
}

func TestLiveCatalog(t *testing.T) {
	var zero LiveCatalog
	if r := zero.Match(Query{}); len(r.Places) != 0 {
		t.Errorf("an empty LiveCatalog matched %d places", len(r.Places))
	}
	a := NewCatalog([]Place{{ID: "a", Name: "가", Status: PlaceOpen}}, nil, nil)
	b := NewCatalog([]Place{{ID: "b", Name: "나", Status: PlaceOpen}}, nil, nil)
	live := NewLiveCatalog(a)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 200 {
				r := live.Match(Query{Today: today})
				if len(r.Places) != 1 {
					t.Errorf("a query saw %d places, want one snapshot's 1", len(r.Places))
					return
				}
			}
		})
	}
	for i := range 200 {
		live.Store([]*Catalog{a, b}[i%2])
	}
	wg.Wait()
	live.Store(b)
	if _, ok := live.Place("b"); !ok {
		t.Error("Place(b) not found after Store(b)")
	}
	if _, ok := live.Place("a"); ok {
		t.Error("Place(a) found after Store(b)")
	}
}

func TestMatchZeroCatalog(t *testing.T) {
	var c *Catalog
	if r := c.Match(Query{Today: today}); r.TotalPlaces+r.TotalPrograms+r.TotalJobs != 0 {
		t.Errorf("nil catalog matched %+v", r)
	}
	r := NewCatalog(nil, nil, nil).Match(Query{Today: today, Profile: Profile{District: 1}})
	if len(r.Programs)+len(r.Jobs)+len(r.Places) != 0 {
		t.Errorf("empty catalog matched %+v", r)
	}
}
