package dialogs

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// fixedCatalog answers every query with the same result, so that a
// benchmark measures the conversation, not matching.
type fixedCatalog struct {
	res   data.Result
	place data.Place
}

func (c fixedCatalog) Match(data.Query) data.Result { return c.res }
func (c fixedCatalog) Place(string) (data.Place, bool) {
	return c.place, true
}
func (c fixedCatalog) Program(string) (*data.Program, bool) { return c.res.Programs[0].Program, true }
func (c fixedCatalog) Job(string) (*data.Job, bool)         { return c.res.Jobs[0].Job, true }

func benchCatalog() fixedCatalog {
	west := &data.Place{ID: "c50_west", Name: "서울시50플러스 서부캠퍼스", District: district("은평구"),
		Address: "서울특별시 은평구 통일로 684", At: data.LatLon{Lat: 37.608442, Lon: 126.933496}, Status: data.PlaceOpen}
	prog := &data.Program{Title: "중장년 인생설계학교", PlaceID: "c50_west", Cost: 0, Source: data.Source{URL: "https://50plus.or.kr"}}
	job := &data.Job{Title: "시험용 공고: 경리 사무원", Company: "시험용 회사", District: district("은평구"), Deadline: data.NewDate(2026, 8, 14)}
	rs := []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalJob}, {Kind: data.ReasonDistance, Meters: 1200, District: district("은평구")}}
	hits := func(h data.Hit) []data.Hit { return []data.Hit{h, h, h} }
	return fixedCatalog{place: *west, res: data.Result{
		Programs: hits(data.Hit{Program: prog, Reasons: rs}), Jobs: hits(data.Hit{Job: job, Reasons: rs}),
		Places:        []data.PlaceHit{{Place: west, Meters: 1200, HasDistance: true, Reasons: rs}, {Place: west}, {Place: west}},
		TotalPrograms: 12, TotalJobs: 5, TotalPlaces: 30,
	}}
}

// BenchmarkStep measures one (state, input) step without matching, for the
// inputs a resident sends most. It also reports msgs/op, the messages the
// step shows: each is a phone notification and a Bot API request.
func BenchmarkStep(b *testing.B) {
	m := New(benchCatalog(), Options{})
	full := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob, data.GoalDigital), District: district("은평구")}
	cases := []struct {
		name string
		s    State
		in   Input
	}{
		{"press_age", State{step: stepAge, consent: yes, seen: fixtureToday}, Input{Kind: InputButton, Text: "age:50"}},
		{"press_goal", State{step: stepGoals, consent: yes, prof: data.Profile{Age: data.Age50to54, Field: data.FieldNone}, seen: fixtureToday},
			Input{Kind: InputButton, Text: "gol:job"}},
		{"typed_all", State{step: stepAge, consent: yes, seen: fixtureToday}, Input{Kind: InputText, Text: "52세 회계 사무 20년 재취업 은평구"}},
		{"typed_unknown", State{step: stepField, consent: yes, prof: data.Profile{Age: data.Age50to54}, seen: fixtureToday},
			Input{Kind: InputText, Text: "어제 비가 와서요"}},
		{"old_button", State{step: stepField, consent: yes, prof: data.Profile{Age: data.Age50to54}, seen: fixtureToday},
			Input{Kind: InputButton, Text: "age:50"}},
		{"results", State{step: stepConfirm, consent: yes, prof: full, seen: fixtureToday}, Input{Kind: InputButton, Text: "cfm:yes"}},
		{"results_more", State{step: stepResults, consent: yes, notices: no, done: true, prof: full, seen: fixtureToday},
			Input{Kind: InputButton, Text: "res:more"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			c.in.Today = fixtureToday
			b.ReportAllocs()
			var replies []Reply
			for b.Loop() {
				_, replies, _ = m.Step(c.s, c.in)
			}
			b.ReportMetric(float64(len(replies)), "msgs/op")
		})
	}
}

// BenchmarkStateCodec measures what a channel adds per update: decoding
// the session and encoding it again.
func BenchmarkStateCodec(b *testing.B) {
	s := State{step: stepResults, consent: yes, notices: yes, done: true, seen: fixtureToday,
		prof: data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
			Goals: goals(data.GoalJob, data.GoalDigital), District: district("은평구")}}
	enc, _ := s.MarshalBinary()
	b.ReportAllocs()
	for b.Loop() {
		var t State
		_ = t.UnmarshalBinary(enc)
		_, _ = t.MarshalBinary()
	}
}
