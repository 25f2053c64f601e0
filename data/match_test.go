package data

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

var today = NewDate(2026, 7, 26)

func TestMatchAgeEligibility(t *testing.T) {
	prog := func(id string, minAge, maxAge int) Program {
		return Program{ID: id, Title: "디지털 기초 " + id, Goals: goalsOf(GoalDigital), MinAge: minAge, MaxAge: maxAge, Cost: -1,
			Window: WindowRolling}
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
		{ID: "all-year", Window: WindowRolling},
		{ID: "only-run-past", Window: WindowPast},
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
		{"2026-07-26", today, []string{"all-year", "closes-today", "opens-later"}, []string{"job-today", "job-until-filled"}},
		{"2026-07-27", today.AddDays(1), []string{"all-year", "opens-later"}, []string{"job-until-filled"}},
		{"2026-12-01", d("2026-12-01"), []string{"all-year"}, []string{"job-until-filled"}},
		{"no today: no deadline is judged, a past run still never shown", 0,
			[]string{"all-year", "closed-yesterday", "closes-today", "course-ended", "course-ended-before-apply-end", "opens-later"},
			[]string{"job-past", "job-today", "job-until-filled"}},
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
	t.Run("reasons name the deadline, the opening and applications all year", func(t *testing.T) {
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
			case "all-year":
				if !hasReason(h.Reasons, ReasonAlwaysOpen) || hasReason(h.Reasons, ReasonScheduleCheck) {
					t.Errorf("all-year: reasons %+v, want 상시 and no 신청 일정 확인", h.Reasons)
				}
			}
		}
	})
}

// TestMatchWindows checks issue 9's rule of time: programs taking
// applications now come first; one program of unknown schedule or between
// rounds follows them, saying so; a past run is never shown.
func TestMatchWindows(t *testing.T) {
	mapo := DistrictByName("마포구")
	prog := func(id string, w Window) Program {
		return Program{ID: id, Title: "디지털 교실 " + id, Goals: goalsOf(GoalDigital), District: mapo, Window: w, Cost: -1}
	}
	dated := prog("dated", WindowDates)
	dated.ApplyEnd = today.AddDays(10)
	between := prog("between", WindowBetween)
	between.ApplyEnd = NewDate(2026, 3, 4)
	now := []Program{prog("rolling", WindowRolling), dated}
	later := []Program{prog("unknown", WindowUnknown), between, prog("no-dates", WindowDates), prog("past", WindowPast)}
	q := Query{Profile: Profile{Goals: goalsOf(GoalDigital), District: mapo}, Today: today, Limit: 10}

	r := NewCatalog(nil, slices.Concat(now, later), nil).Match(q)
	if got, want := ids(r.Programs), []string{"dated", "rolling", "between"}; !slices.Equal(got, want) || r.TotalPrograms != 3 {
		t.Errorf("programs %v (total %d), want %v: those open now, then one of those that are not", got, r.TotalPrograms, want)
	}
	for _, h := range r.Programs {
		if h.Program.ID == "between" && !slices.Contains(h.Reasons, Reason{Kind: ReasonBetweenRounds, Date: between.ApplyEnd}) {
			t.Errorf("between: reasons %+v lack the closed round", h.Reasons)
		}
	}

	// A round said to have closed on a day still to come names no day.
	soon := between
	soon.ApplyEnd = today.AddDays(3)
	r = NewCatalog(nil, []Program{soon}, nil).Match(q)
	if len(r.Programs) != 1 || !slices.Contains(r.Programs[0].Reasons, Reason{Kind: ReasonBetweenRounds}) {
		t.Errorf("between rounds with a later date: %+v", r.Programs)
	}

	r = NewCatalog(nil, later, nil).Match(q)
	if len(r.Programs) != 1 || r.TotalPrograms != 1 || r.Programs[0].Program.ID == "past" {
		t.Fatalf("with nothing open now: programs %v (total %d), want one that is not past", ids(r.Programs), r.TotalPrograms)
	}
	if h := r.Programs[0]; h.Program.ID != "between" && !hasReason(h.Reasons, ReasonScheduleCheck) {
		t.Errorf("%s: reasons %+v lack 신청 일정 확인", h.Program.ID, h.Reasons)
	}
}

// TestMatchFamilies checks that an answer lists one run of a course given
// in runs (15기, 16기…), and that a run closing today gives way to the
// next one.
func TestMatchFamilies(t *testing.T) {
	place := Place{ID: "ctr", Name: "센터", Kind: "center_50plus", District: DistrictByName("서대문구"), At: LatLon{37.5915, 126.9429}, Status: PlaceOpen}
	run := func(n, days int) Program {
		return Program{ID: "run" + string(rune('0'+n)), Title: "청소연구소와함께하는 홈매니저양성과정 1" + string(rune('0'+n)) + "기",
			PlaceID: "ctr", District: place.District, ApplyEnd: today.AddDays(days), Cost: 0}
	}
	q := Query{Profile: Profile{Goals: goalsOf(GoalTrain), District: place.District}, Today: today, Limit: 10}
	tests := []struct {
		name string
		runs []Program
		want string
	}{
		{"the next run", []Program{run(5, 12), run(6, 26), run(7, 40)}, "run5"},
		{"a run closing today gives way", []Program{run(5, 0), run(6, 26)}, "run6"},
		{"the last when every run closes today or tomorrow", []Program{run(5, 0), run(6, 1)}, "run6"},
		{"a run alone, closing today", []Program{run(5, 0)}, "run5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewCatalog([]Place{place}, tt.runs, nil).Match(q)
			if got := ids(r.Programs); !slices.Equal(got, []string{tt.want}) || r.TotalPrograms != 1 {
				t.Errorf("programs %v (total %d), want [%s]", got, r.TotalPrograms, tt.want)
			}
		})
	}
}

func TestMatchPlaces(t *testing.T) {
	eunpyeong := DistrictByName("은평구")
	places := []Place{
		{ID: "far", Name: "먼 곳", Kind: "center_50plus", District: DistrictByName("강동구"), At: LatLon{37.548231, 127.127155}, Status: PlaceOpen},
		{ID: "near", Name: "가까운 곳", Kind: "center_50plus", District: eunpyeong, At: LatLon{37.6005, 126.9320}, Status: PlaceOpen, Phone: "02-000-0000"},
		{ID: "closed", Name: "닫힌 곳", Kind: "campus_50plus", District: eunpyeong, At: LatLon{37.5999, 126.9312}, Status: PlaceClosed},
		{ID: "district-only", Name: "구만 아는 곳", Kind: "center_50plus", District: DistrictByName("서대문구"), Status: PlaceOpen},
		{ID: "tech", Name: "기술교육원", Kind: "tech_institute", District: eunpyeong, At: LatLon{37.6010, 126.9330}, Status: PlaceOpen},
		{ID: "women", Name: "여성발전센터", Kind: "women_center", District: eunpyeong, At: LatLon{37.6000, 126.9313}, Status: PlaceOpen},
		{ID: "nowhere", Name: "어딘지 모름", Kind: "center_50plus", Status: PlaceOpen},
		{ID: "unverified", Name: "확인 안 된 곳", Kind: "job_center", District: eunpyeong, Phone: "1588-9142", Status: PlaceUnverified},
	}
	c := NewCatalog(places, nil, nil)
	tests := []struct {
		name    string
		profile Profile
		want    []string
	}{
		{"no goal: the all-round doors by distance, the others after", Profile{District: eunpyeong},
			[]string{"near", "district-only", "far", "nowhere", "women", "tech", "unverified"}},
		{"training: a 기술교육원 and the centres alike, by distance", Profile{District: eunpyeong, Goals: goalsOf(GoalTrain)},
			[]string{"near", "tech", "district-only", "far", "nowhere", "women", "unverified"}},
		{"from a shared location", Profile{District: eunpyeong, Goals: goalsOf(GoalJob), At: LatLon{37.5500, 127.1200}},
			[]string{"far", "district-only", "near", "nowhere", "tech", "women", "unverified"}},
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
			if r.Call == nil || r.Call.Place.ID != "near" {
				t.Errorf("Call = %+v, want the place with a verified phone", r.Call)
			}
			for _, h := range r.Places {
				if h.Place.Status == PlaceUnverified && h.Place.Phone != "" {
					t.Errorf("unverified place %s shown with a phone", h.Place.ID)
				}
				if len(h.Reasons) == 0 {
					t.Errorf("%s has no reason", h.Place.ID)
				}
				for _, rs := range h.Reasons {
					if rs.Kind == ReasonDistance && rs.Approx && rs.Meters < 100 {
						t.Errorf("%s: a rough distance of %d m", h.Place.ID, rs.Meters)
					}
				}
			}
		})
	}
	t.Run("a place known only by its district ranks after a verified one at a similar distance", func(t *testing.T) {
		mapo := DistrictByName("마포구")
		pt := mapo.Point()
		c := NewCatalog([]Place{
			{ID: "rough", Name: "가", Kind: "center_50plus", District: mapo, Status: PlaceOpen},
			{ID: "verified", Name: "나", Kind: "center_50plus", District: mapo, At: LatLon{pt.Lat + 0.005, pt.Lon}, Status: PlaceOpen},
		}, nil, nil)
		r := c.Match(Query{Profile: Profile{District: mapo}, Today: today})
		if got := placeIDs(r.Places); !slices.Equal(got, []string{"verified", "rough"}) {
			t.Errorf("places %v, want the verified one (560 m) first", got)
		}
		if !slices.Contains(r.Places[1].Reasons, Reason{Kind: ReasonDistrict, District: mapo}) {
			t.Errorf("rough: reasons %+v, want 사시는 마포구, not a distance", r.Places[1].Reasons)
		}
	})
	t.Run("a 60+ centre is not a younger resident's first door", func(t *testing.T) {
		gwangjin := DistrictByName("광진구")
		c := NewCatalog([]Place{
			{ID: "senior", Name: "시니어일자리지원센터", Kind: "job_center", District: gwangjin, Status: PlaceOpen},
			{ID: "campus", Name: "캠퍼스", Kind: "campus_50plus", District: gwangjin, At: LatLon{37.5440, 127.0750}, Status: PlaceOpen},
		}, []Program{{ID: "sjc", Title: "시니어 일자리", Goals: goalsOf(GoalJob), PlaceID: "senior", MinAge: 60, Window: WindowRolling}}, nil)
		for band, want := range map[AgeBand]string{Age50to54: "campus", Age65Plus: "senior"} {
			r := c.Match(Query{Profile: Profile{Age: band, Goals: goalsOf(GoalJob), District: gwangjin}, Today: today})
			if r.Places[0].Place.ID != want {
				t.Errorf("%s: first place %s, want %s", band.Label(), r.Places[0].Place.ID, want)
			}
		}
	})
	t.Run("a closed place is still found by id", func(t *testing.T) {
		if p, ok := c.Place("closed"); !ok || p.Name != "닫힌 곳" {
			t.Errorf("Place(closed) = %+v, %v", p, ok)
		}
		if _, ok := c.Place("nothing"); ok {
			t.Error("Place(nothing) found")
		}
	})
	t.Run("the caller's places are not modified", func(t *testing.T) {
		if places[7].Phone == "" {
			t.Error("NewCatalog cleared the phone in the caller's slice")
		}
	})
}

// TestMatchRanking checks the score: goal and field fit, distance, cost
// add up; a course teaching another trade, a job in another field or
// beyond nearMeters, and a program serving none of the resident's goals
// are not shown; farther programs only when none is near.
func TestMatchRanking(t *testing.T) {
	eunpyeong, gangdong := DistrictByName("은평구"), DistrictByName("강동구")
	rolling := func(p Program) Program { p.Window = WindowRolling; return p }
	programs := []Program{
		rolling(Program{ID: "p-fit-far", Title: "AI로 하는 회계", District: gangdong, Cost: 0}),
		rolling(Program{ID: "p-fit-near", Title: "회계 실무 엑셀", District: eunpyeong, Cost: -1}),
		rolling(Program{ID: "p-goal-near-paid", Title: "스마트폰 교실", District: eunpyeong, Cost: 5000}),
		rolling(Program{ID: "p-goal-near-free", Title: "키오스크 교실", District: eunpyeong, Cost: 0}),
		rolling(Program{ID: "p-online", Title: "온라인 디지털 강좌", Online: true, Cost: 0}),
		rolling(Program{ID: "p-other-trade", Title: "바리스타 취업 과정", District: eunpyeong, Cost: 0}),
		rolling(Program{ID: "p-no-goal", Title: "수채화 교실", District: eunpyeong, Cost: 0}),
		rolling(Program{ID: "p-goal-far", Title: "디지털 배움", District: gangdong, Cost: 0}),
	}
	jobs := []Job{
		{ID: "j-field-near", Title: "경리 사원", District: eunpyeong},
		{ID: "j-field-far", Title: "경리 사원", District: gangdong},
		{ID: "j-field-no-place", Title: "경리 사무 보조"},
		{ID: "j-other-field", Title: "요양보호사", District: eunpyeong},
		{ID: "j-social", Title: "가치동행일자리 참여자", District: eunpyeong},
	}
	c := NewCatalog(nil, programs, jobs)
	tests := []struct {
		name      string
		profile   Profile
		programs  []string
		jobs      []string
		jobsAsked bool
	}{
		{"field fit, then goal and distance and cost; no far one while near ones serve",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital, GoalJob), District: eunpyeong},
			[]string{"p-fit-near", "p-goal-near-free", "p-goal-near-paid", "p-online"},
			[]string{"j-field-near", "j-field-no-place"}, true},
		{"far programs only when nothing near serves",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital), District: DistrictByName("강동구")},
			nil, []string{}, false},
		{"a social goal alone: social-contribution openings only",
			Profile{Goals: goalsOf(GoalSocial), District: eunpyeong},
			[]string{}, []string{"j-social"}, true},
		{"no goal: every opening of the field, nearest first",
			Profile{Field: FieldFinance, District: eunpyeong},
			nil, []string{"j-field-near", "j-field-no-place"}, true},
		{"learning goals alone: no jobs",
			Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital, GoalLife), District: eunpyeong},
			nil, []string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := c.Match(Query{Profile: tt.profile, Today: today, Limit: 20})
			if tt.programs != nil {
				if got := ids(r.Programs); !slices.Equal(got, tt.programs) {
					t.Errorf("programs\n got %v\nwant %v", got, tt.programs)
				}
			}
			if got := ids(r.Jobs); !slices.Equal(got, tt.jobs) || r.TotalJobs != len(tt.jobs) {
				t.Errorf("jobs\n got %v (total %d)\nwant %v", got, r.TotalJobs, tt.jobs)
			}
			if r.JobsAsked != tt.jobsAsked {
				t.Errorf("JobsAsked = %v, want %v", r.JobsAsked, tt.jobsAsked)
			}
		})
	}
	t.Run("counselling first for a resident who gave goals but no field", func(t *testing.T) {
		mapo := DistrictByName("마포구")
		c := NewCatalog(nil, []Program{
			rolling(Program{ID: "course", Title: "취업 준비 교실", District: mapo, Cost: 0}),
			rolling(Program{ID: "counsel", Title: "경력설계·취업 상담", District: DistrictByName("서대문구"), Cost: 0}),
		}, nil)
		r := c.Match(Query{Profile: Profile{Goals: goalsOf(GoalJob), District: mapo}, Today: today})
		if got := ids(r.Programs); !slices.Equal(got, []string{"counsel", "course"}) {
			t.Errorf("no field: programs %v, want the counselling first", got)
		}
		r = c.Match(Query{Profile: Profile{District: mapo}, Today: today})
		if got := ids(r.Programs); !slices.Equal(got, []string{"course", "counsel"}) {
			t.Errorf("browsing: programs %v, want the nearer first", got)
		}
	})
	t.Run("programs far away when nothing near serves", func(t *testing.T) {
		r := c.Match(Query{Profile: Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital), District: DistrictByName("도봉구")}, Today: today, Limit: 20})
		if got := ids(r.Programs); !slices.Contains(got, "p-online") || slices.Contains(got, "p-fit-far") {
			t.Errorf("programs %v: online is near from anywhere, so the far ones stay out", got)
		}
		c := NewCatalog(nil, []Program{programs[0], programs[7]}, nil)
		r = c.Match(Query{Profile: Profile{Field: FieldFinance, Goals: goalsOf(GoalDigital), District: DistrictByName("도봉구")}, Today: today, Limit: 20})
		if got := ids(r.Programs); !slices.Equal(got, []string{"p-fit-far", "p-goal-far"}) {
			t.Errorf("programs %v, want the far ones, the field's first", got)
		}
	})
}

func TestMatchResidence(t *testing.T) {
	eunpyeong := DistrictByName("은평구")
	programs := []Program{
		{ID: "eunpyeong-only", Title: "온라인스토어 창업교육", District: eunpyeong, DistrictOnly: true, Window: WindowRolling},
		{ID: "seoul", Title: "창업 사관학교", SeoulOnly: true, Window: WindowRolling},
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
		{ID: "online", Title: "서울런4050 온라인 강좌", Goals: goalsOf(GoalDigital), Online: true, Cost: 0, Window: WindowRolling},
		{ID: "district", Title: "디지털동행플라자", Goals: goalsOf(GoalDigital), District: DistrictByName("서대문구"), Window: WindowRolling, Cost: -1},
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
		"district": {
			{Kind: ReasonGoal, Goal: GoalDigital, Goals: goalsOf(GoalDigital)},
			{Kind: ReasonDistance, Meters: 2710, District: eunpyeong, Approx: true},
			{Kind: ReasonAlwaysOpen},
		},
	}
	for _, h := range r.Programs {
		if w := want[h.Program.ID]; !slices.Equal(h.Reasons, w) {
			t.Errorf("%s: reasons\n got %+v\nwant %+v", h.Program.ID, h.Reasons, w)
		}
	}
	t.Run("every goal served is named", func(t *testing.T) {
		both := goalsOf(GoalJob, GoalDigital)
		c := NewCatalog(nil, []Program{{ID: "both", Title: "디지털 재취업 과정", Goals: both, Online: true, Window: WindowRolling}}, nil)
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
	c := generated(t, 3000, 3000, 1)
	q := Query{Profile: Profile{Age: Age50to54, Goals: goalsOf(GoalJob, GoalDigital, GoalLife), District: DistrictByName("은평구")}, Today: today, Limit: 60}
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
// there is: judge every item, sort them all by the same key, apply the
// same rules, and page.
func TestMatchAgainstScan(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		c := generated(t, 600, 4000, seed)
		for i, p := range profiles(150, seed+100) {
			q := Query{Profile: p, Today: today.AddDays(int(seed*7) - 14), Offset: i % 4, Limit: 1 + i%12}
			got := c.Match(q)
			wantProgs, totalProgs := scan(c, q, false)
			if !slices.Equal(ids(got.Programs), wantProgs) || got.TotalPrograms != totalProgs {
				t.Fatalf("seed %d profile %+v: programs\n got %v (%d)\nwant %v (%d)", seed, p, ids(got.Programs), got.TotalPrograms, wantProgs, totalProgs)
			}
			wantJobs, totalJobs := scan(c, q, true)
			if !slices.Equal(ids(got.Jobs), wantJobs) || got.TotalJobs != totalJobs {
				t.Fatalf("seed %d profile %+v: jobs\n got %v (%d)\nwant %v (%d)", seed, p, ids(got.Jobs), got.TotalJobs, wantJobs, totalJobs)
			}
		}
	}
}

// scan ranks every program (or job) for q by brute force (fullScan) and
// returns the page's ids and the total.
func scan(c *Catalog, q Query, job bool) ([]string, int) {
	m := c.newQuery(q, new(scratch))
	x := &c.prog
	if job {
		x = &c.job
		switch {
		case m.goals == 0 || m.goals.Has(GoalJob):
			m.jobGoals = goalsOf(GoalJob)
		case m.goals.Has(GoalSocial):
			m.jobGoals = goalsOf(GoalSocial)
		default:
			return []string{}, 0
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	page, total, _ := fullScan(c, x, m, job, q.Offset, limit, nil)
	out := []string{}
	for _, e := range page {
		if job {
			out = append(out, c.jobs[x.item[e.pos]].ID)
		} else {
			out = append(out, c.programs[x.item[e.pos]].ID)
		}
	}
	return out, total
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
