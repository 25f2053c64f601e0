package dialogs

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

func labels(r Reply) []string {
	var ls []string
	for _, row := range r.Buttons {
		for _, b := range row {
			ls = append(ls, b.Label)
		}
	}
	return ls
}

func hasLabel(r Reply, label string) bool {
	for _, l := range labels(r) {
		if l == label {
			return true
		}
	}
	return false
}

// TestResultsTurnMessages holds the results to few messages, since each is
// a notification on the resident's phone: one per group, the way on under
// the last group, the map pin, and the notices question on its own with
// only its two answers (it is optional, and asked apart from the rest).
func TestResultsTurnMessages(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	full := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob, data.GoalDigital), District: district("은평구")}
	s, msgs, effects := m.Step(State{step: stepConfirm, consent: yes, prof: full, seen: fixtureToday},
		Input{Kind: InputButton, Text: "cfm:yes", Today: fixtureToday})
	if len(effects) != 1 || effects[0].Kind != EffectProfile || effects[0].Profile != full {
		t.Errorf("effects %+v; want the confirmed profile stored", effects)
	}
	kinds := make([]string, len(msgs))
	for i, r := range msgs {
		switch {
		case r.Kind == ReplyPlace:
			kinds[i] = "pin"
		case len(r.Items) > 0:
			kinds[i] = r.Heading[:strings.Index(r.Heading, " ")]
		default:
			kinds[i] = r.Text
		}
	}
	if len(msgs) != 5 || msgs[3].Kind != ReplyPlace {
		t.Fatalf("results turn shows %d messages %q; want programs, jobs, places, pin, notices question", len(msgs), kinds)
	}
	places, question := msgs[2], msgs[4]
	if !hasLabel(places, labelMore) || !hasLabel(places, labelChangeCond) || !hasLabel(places, labelHome) {
		t.Errorf("the last group's buttons are %q; want 더 보기, 조건 바꾸기 and 처음으로 under it", labels(places))
	}
	if !strings.Contains(places.Foot, msgFooter) || !strings.HasSuffix(places.Text, "\n\n"+places.Foot) {
		t.Errorf("the last group does not close with %q:\n%s", msgFooter, places.Text)
	}
	// A person to call ends the page: the fixture's one place with a
	// verified phone.
	if want := "\n전화로 물어보시려면: 시험용 상담 창구 ☎ 02-000-0000"; !strings.HasSuffix(places.Foot, want) {
		t.Errorf("the page does not end with %q:\n%s", want, places.Foot)
	}
	if got := labels(question); question.Text != msgNoticesAsk || len(got) != 2 || got[0] != labelNoticesYes || got[1] != labelNoticesNo {
		t.Errorf("notices question %q with buttons %q; want it alone with %q and %q", question.Text, got, labelNoticesYes, labelNoticesNo)
	}
	for _, r := range msgs {
		if hasLabel(r, labelNotify) {
			t.Errorf("%q offers %q beside the notices question", r.Text, labelNotify)
		}
	}

	// 더 보기: the groups only, the way on under the last; the button
	// for notices is back, since the question was let pass.
	_, msgs, _ = m.Step(s, Input{Kind: InputButton, Text: "res:more", Today: fixtureToday})
	// The fixture's two job openings were all on page 1.
	if len(msgs) != 2 || !strings.HasPrefix(msgs[0].Heading, "참여하실") || !strings.HasPrefix(msgs[1].Heading, "찾아가실") {
		t.Fatalf("더 보기 shows %d messages; want programs and places", len(msgs))
	}
	if last := msgs[1]; last.Foot == "" || !hasLabel(last, labelChangeCond) || !hasLabel(last, labelNotify) {
		t.Errorf("the last group of page 2 has foot %q and buttons %q", last.Foot, labels(last))
	}
	for _, r := range msgs[:1] {
		if l := labels(r); len(l) > 0 {
			t.Errorf("%q carries the buttons %q; the way on belongs under the last group", r.Heading, l)
		}
	}
}

// TestResultsEmptyGroup: a group that found nothing is said at the top of
// the next group's message, naming the nearest place listed there as where
// to turn; the nearest place's pin still follows.
func TestResultsEmptyGroup(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	// 재취업 and 인생설계 in 도봉구 with teaching experience: programs and
	// places, no job opening in the field in the fixture.
	p := data.Profile{Age: data.Age55to59, Field: data.FieldEducation, Years: data.Years20Plus,
		Goals: goals(data.GoalLife, data.GoalJob), District: district("도봉구")}
	_, msgs, _ := m.Step(State{step: stepConfirm, consent: yes, notices: no, prof: p, seen: fixtureToday},
		Input{Kind: InputButton, Text: "cfm:yes", Today: fixtureToday})
	if len(msgs) != 3 || msgs[2].Kind != ReplyPlace {
		t.Fatalf("%d messages; want programs, places with the note and the way on, pin", len(msgs))
	}
	places := msgs[1]
	want := msgNotFound(false, true, false, false, places.Items[0].Title)
	if !strings.HasPrefix(places.Heading, "찾아가실 수 있는") || places.Lead != want || !strings.HasPrefix(places.Text, want+"\n\n") {
		t.Errorf("places message opens %q / %q; want the note %q", places.Lead, places.Heading, want)
	}
	if !hasLabel(places, labelNotify) {
		t.Errorf("notices already answered no: the way on should offer %q, got %q", labelNotify, labels(places))
	}
}

// TestResultsNoJobsNotAsked: a resident whose goals do not ask for job
// openings (인생설계 only) is not told that none fits.
func TestResultsNoJobsNotAsked(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	p := data.Profile{Age: data.Age55to59, Field: data.FieldEducation, Years: data.Years20Plus,
		Goals: goals(data.GoalLife), District: district("도봉구")}
	_, msgs, _ := m.Step(State{step: stepConfirm, consent: yes, notices: no, prof: p, seen: fixtureToday},
		Input{Kind: InputButton, Text: "cfm:yes", Today: fixtureToday})
	if len(msgs) != 3 || msgs[2].Kind != ReplyPlace {
		t.Fatalf("%d messages; want programs, places, pin", len(msgs))
	}
	places := msgs[1]
	if places.Lead != "" || strings.Contains(places.Text, "일자리 공고") || strings.Contains(places.Text, "일자리 상담") {
		t.Errorf("places message opens %q: a resident who asked for no jobs is told of none:\n%s", places.Lead, places.Text)
	}
}

// TestMsgNotFound never points to places below when there are none, and
// gives 120 when there are.
func TestMsgNotFound(t *testing.T) {
	for i := range 16 {
		noProgs, noJobs, noPlaces, browse := i&1 != 0, i&2 != 0, i&4 != 0, i&8 != 0
		if browse && noJobs {
			continue // browsing shows no job openings
		}
		got := msgNotFound(noProgs, noJobs, noPlaces, browse, "")
		if !noPlaces && noJobs && !noProgs {
			// With the nearest place known, the note names it as where to turn.
			if named := msgNotFound(noProgs, noJobs, noPlaces, browse, "서부캠퍼스"); !strings.Contains(named, "가까운 서부캠퍼스에서 일자리 상담") {
				t.Errorf("no jobs, a place known: %q; want it named as where to turn", named)
			}
		}
		switch {
		case !noProgs && !noJobs && !noPlaces:
			if got != "" {
				t.Errorf("everything found, yet %q", got)
			}
		case noPlaces:
			if !strings.Contains(got, "120") || strings.Contains(got, "아래") {
				t.Errorf("no places (%v %v %v): %q; want 120 and nothing below", noProgs, noJobs, browse, got)
			}
		default:
			if !strings.Contains(got, "아래 가까운 곳") {
				t.Errorf("(%v %v %v): %q; want the places below", noProgs, noJobs, browse, got)
			}
		}
		if strings.Count(got, "\n") > 0 {
			t.Errorf("%q is more than one line", got)
		}
	}
}

// TestDetailsSayWhoFor: an item's details say who may join beyond ages
// and residence, a posting that names no work place says so, a full
// course says it only takes a waiting list, and a programme between
// rounds does not offer its closed round's last day (issue 9).
func TestDetailsSayWhoFor(t *testing.T) {
	job := &data.Job{ID: "j", Title: "요양시설 종사자 채용", Company: "복지센터", Restrictions: data.RestrictWomen, Licence: "요양보호사"}
	for _, want := range []string{"여성만 모집", "요양보호사 자격 필요", "근무지 미기재"} {
		if d, _ := jobDetail(job, nil, fixtureToday); !strings.Contains(d, want) {
			t.Errorf("job detail %q lacks %q", d, want)
		}
	}
	taxi := &data.Job{ID: "t", Title: "택시 기사 모집", District: district("서초구"), Licence: "택시운전자격", MinAge: 60}
	if d, _ := jobDetail(taxi, nil, fixtureToday); !strings.Contains(d, "택시운전자격 필요") || !strings.Contains(d, "만 60세 이상 대상") || strings.Contains(d, "미기재") {
		t.Errorf("taxi detail %q: want the licence and the ages, and its district", d)
	}
	full := &data.Program{ID: "p", Title: "엑셀", Waitlist: true, Restrictions: data.RestrictMen, Cost: -1}
	if d, _ := programDetail(full, nil, "", fixtureToday); !strings.Contains(d, "대기 신청만 가능") || !strings.Contains(d, "남성만 모집") {
		t.Errorf("full course detail %q: want the waiting list and who it is for", d)
	}
	between := &data.Program{ID: "b", Title: "가치동행일자리", ApplyEnd: data.NewDate(2026, 3, 4), Window: data.WindowBetween, Cost: -1}
	rs := []data.Reason{{Kind: data.ReasonBetweenRounds, Date: between.ApplyEnd}}
	if d, _ := programDetail(between, rs, "", fixtureToday); strings.Contains(d, "까지 신청") {
		t.Errorf("between rounds detail %q offers the closed round's last day", d)
	}
}

// TestDetailsFitWithWhoFor: who may apply is never left out of an item to
// keep its details within maxDetail: the remarks and the spare parts make
// room (the wage outlasts the company's name), and a source naming more
// conditions than one line holds has the rest said at the head of the
// reasons.
func TestDetailsFitWithWhoFor(t *testing.T) {
	care := &data.Job{ID: "c", Title: "재가 요양보호사 (여자)", Company: "서울특별시 어느구 재가노인복지센터 방문요양팀",
		Wage: "시급 10,320원 (주 15시간 이상 주휴수당, 4대보험 가입)", MinAge: 50,
		Restrictions: data.RestrictWomen, Licence: "요양보호사", Deadline: data.NewDate(2026, 8, 9)}
	d, more := jobDetail(care, nil, fixtureToday)
	for _, want := range []string{"근무지 미기재", "만 50세 이상 대상", "여성만 모집", "요양보호사 자격 필요", "시급 10,320원"} {
		if !strings.Contains(d, want) {
			t.Errorf("job detail %q lacks %q", d, want)
		}
	}
	if n := utf8.RuneCountInString(d); n > maxDetail || more != "" || strings.Contains(d, "주휴수당") {
		t.Errorf("job detail of %d characters %q (more %q); want at most %d without the remarks", n, d, more, maxDetail)
	}

	every := data.RestrictWomen | data.RestrictMen | data.RestrictHomemakers | data.RestrictSingleHousehold |
		data.RestrictLowIncome | data.RestrictVulnerable
	p := &data.Program{ID: "p", Title: "돌봄 입문 과정", Provider: "어느 구 복지관", Waitlist: true, Restrictions: every,
		Licence: "요양보호사", Cost: 0, Source: data.Source{URL: "https://example.org/p"}}
	it, _ := hitItem(data.Hit{Program: p, Reasons: []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalTrain}}}, "", fixtureToday, false)
	if n := utf8.RuneCountInString(it.Detail); n > maxDetail {
		t.Errorf("details of %d characters: %q", n, it.Detail)
	}
	both := it.Detail + " · " + it.Reasons
	for _, x := range every.List() {
		if !strings.Contains(both, restrictionText[x]) {
			t.Errorf("%q is said nowhere:\n%s\n→ %s", restrictionText[x], it.Detail, it.Reasons)
		}
	}
	for _, want := range []string{wordWaitlist, "요양보호사 자격 필요", "직업훈련 목표"} {
		if !strings.Contains(both, want) {
			t.Errorf("%q is said nowhere:\n%s\n→ %s", want, it.Detail, it.Reasons)
		}
	}
}

// TestMsgCall: every page offers a person to call, the nearest place with
// a verified phone or 120다산콜센터.
func TestMsgCall(t *testing.T) {
	if got := msgCall(nil); !strings.Contains(got, "120다산콜센터 ☎ 120") {
		t.Errorf("msgCall(nil) = %q", got)
	}
	h := &data.PlaceHit{Place: &data.Place{Name: "서부캠퍼스", Phone: "02-000-0000", Status: data.PlaceOpen}}
	if got := msgCall(h); !strings.Contains(got, "서부캠퍼스 ☎ 02-000-0000") {
		t.Errorf("msgCall(place) = %q", got)
	}
}

// TestWork24PostingCarriesItsNotice: a 고용24 posting is shown with the
// source notice 고용24's terms ask for, under its reasons; a posting of
// another source is not.
func TestWork24PostingCarriesItsNotice(t *testing.T) {
	j := &data.Job{ID: "work24-K1", Title: "아파트 전기기사", Company: "OO시설관리", Deadline: data.NewDate(2026, 9, 20),
		Source: data.Source{Format: "work24", ID: "K1", URL: "https://www.work24.go.kr/x"}}
	it, _ := hitItem(data.Hit{Job: j}, "", fixtureToday, false)
	it.N = 1
	text := layout(Reply{Heading: "일자리", Items: []Item{it}})
	if !strings.HasSuffix(text, "\n   본 자료는 고용노동부 고용24(www.work24.go.kr)에서 제공된 정보입니다.") {
		t.Errorf("the posting lacks its notice:\n%s", text)
	}
	j.Source.Format = "getjobinfo"
	if it, _ := hitItem(data.Hit{Job: j}, "", fixtureToday, false); it.Notice != "" {
		t.Errorf("a GetJobInfo posting carries 고용24's notice")
	}
}
