package dialogs

import (
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// detailsCatalog is the transcripts' catalog with a 선착순 course whose
// applications open later, a test fixture.
func detailsCatalog() *data.Catalog {
	c := fixtureCatalog()
	progs := append([]data.Program(nil), c.Programs()...)
	progs = append(progs, data.Program{ID: "test-first-come", Title: "시험용 선착순 재취업 교실", Category: "일자리", Goals: goals(data.GoalJob),
		Provider: "시험용 복지관", District: district("마포구"), Cost: 0,
		ApplyStart: data.NewDate(2026, 8, 3), ApplyEnd: data.NewDate(2026, 8, 7),
		Source: data.Source{Format: "test-fixture", ID: "first-come", URL: "https://example.kr/first-come"}})
	var places []data.Place
	for _, id := range []string{"c50_west", "c50_central", "test_counter"} {
		if p, ok := c.Place(id); ok {
			places = append(places, p)
		}
	}
	return data.NewCatalog(places, progs, c.Jobs())
}

// openDetails takes a resident to the results and opens the details of
// the item whose pick button's label starts with label.
func openDetails(t *testing.T, m *Machine, noPush bool, label string) (State, []Reply, *remindersKept) {
	t.Helper()
	k := &remindersKept{}
	var s State
	var replies []Reply
	step := func(in Input) {
		t.Helper()
		in.Today, in.NoPush = fixtureToday, noPush
		var effects []Effect
		var bad []string
		s, replies, effects, bad = playTurn(m, s, in, k)
		if bad = append(bad, checkTurn(s, replies, effects)...); len(bad) > 0 {
			t.Fatalf("%+v: %v", in, bad)
		}
	}
	press := func(prefix string) {
		t.Helper()
		for _, r := range replies {
			for _, row := range r.Buttons {
				for _, b := range row {
					if strings.HasPrefix(b.Label, prefix) && b.Data != "" {
						step(Input{Kind: InputButton, Text: b.Data})
						return
					}
				}
			}
		}
		t.Fatalf("no button %q in %+v", prefix, replies)
	}
	step(Input{Kind: InputCommand, Command: "start"})
	press(labelAgree)
	step(Input{Kind: InputText, Text: "55세 사무·행정 10년 재취업 마포구"})
	press(labelSearch)
	press(labelDetails)
	press(label)
	return s, replies, k
}

// buttonLabels lists the labels under replies.
func buttonLabels(replies []Reply) string {
	var ls []string
	for _, r := range replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				ls = append(ls, b.Label)
			}
		}
	}
	return strings.Join(ls, " | ")
}

// TestDetailsOfferTheRightReminder: a course whose applications open later
// offers 신청 시작 알림 (due the day before), one without dates none, and a
// channel that cannot message first (KakaoTalk) no reminder at all.
func TestDetailsOfferTheRightReminder(t *testing.T) {
	m := New(detailsCatalog(), fixtureOptions)
	_, replies, _ := openDetails(t, m, false, "1. 시험용 선착순")
	if got := buttonLabels(replies); !strings.Contains(got, labelRemindOpen) || strings.Contains(got, labelRemindDeadline) {
		t.Errorf("a course opening on 8/3 has buttons %q, want %q", got, labelRemindOpen)
	}
	if !strings.Contains(replies[0].Text, "신청: 8월 3일(월)부터 8월 7일(금)까지") {
		t.Errorf("details %q do not say the application dates", replies[0].Text)
	}
	s, replies, k := openDetails(t, m, false, "1. 시험용 선착순")
	s.notices = yes
	next, replies, effects, _ := playTurn(m, s, Input{Kind: InputButton, Text: "dtl:remind", Today: fixtureToday}, k)
	if len(effects) != 1 || effects[0].Kind != EffectRemind || effects[0].Reminder.Due != data.NewDate(2026, 8, 2) || effects[0].Reminder.Kind != data.ReminderOpen {
		t.Fatalf("effects %+v, want an opening reminder due 8/2", effects)
	}
	if bad := checkTurn(next, replies, effects); len(bad) > 0 {
		t.Fatal(bad)
	}
	if want := "신청 시작 하루 전인 8월 2일(일) 아침 9시에 알려 드릴게요."; replies[0].Text != want {
		t.Errorf("confirmation %q, want %q", replies[0].Text, want)
	}

	_, replies, _ = openDetails(t, m, false, "3. 서울50+인턴십")
	if got := buttonLabels(replies); strings.Contains(got, "알림") {
		t.Errorf("a programme taking applications all year has buttons %q: no reminder", got)
	}

	s, replies, k = openDetails(t, m, true, "1. 시험용 선착순")
	if got := buttonLabels(replies); strings.Contains(got, "알림") {
		t.Errorf("on a channel that cannot message first the details have %q", got)
	}
	_, replies, effects, _ = playTurn(m, s, Input{Kind: InputButton, Text: "dtl:remind", Today: fixtureToday, NoPush: true}, k)
	if len(effects) != 0 || !strings.Contains(replies[0].Text, "먼저 메시지를 보내 드릴 수 없어") {
		t.Errorf("a forged reminder press on KakaoTalk: %+v %q", effects, replies[0].Text)
	}
}

// TestDetailsSurviveTheSession: the item whose details are open is kept in
// the encoded state, and an aside (/profile) returns to it.
func TestDetailsSurviveTheSession(t *testing.T) {
	m := New(detailsCatalog(), fixtureOptions)
	s, _, k := openDetails(t, m, false, "1. 시험용 선착순")
	b, _ := s.MarshalBinary()
	var back State
	if err := back.UnmarshalBinary(b); err != nil || back != s || back.item.ID != "test-first-come" {
		t.Fatalf("state %s decodes to %+v, want %+v", b, back, s)
	}
	s, _, _, _ = playTurn(m, back, Input{Kind: InputCommand, Command: "profile", Today: fixtureToday}, k)
	_, replies, _, _ := playTurn(m, s, Input{Kind: InputButton, Text: "edt:back", Today: fixtureToday}, k)
	if len(replies) == 0 || !strings.HasPrefix(replies[0].Text, "시험용 선착순 재취업 교실") {
		t.Errorf("back from /profile shows %+v, want the details again", replies)
	}
}
