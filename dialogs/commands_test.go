package dialogs

import (
	"fmt"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestStopButtonIsStopAtEveryStep: the "알림 끄기" button under an
// announcement or alert, pressed at any step (midway, after a pause, with
// notices on or off, with or without consent), is answered exactly as
// /stop: the same state, messages and effects, and always a new message,
// never an edit of the announcement.
func TestStopButtonIsStopAtEveryStep(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	full := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob), District: district("은평구")}
	tried := 0
	for st := step(0); st < numSteps; st++ {
		for _, consent := range []choice{unasked, yes, no} {
			for _, notices := range []choice{unasked, yes, no} {
				for _, seen := range []data.Date{fixtureToday, fixtureToday.AddDays(-3)} {
					s := State{step: st, consent: consent, notices: notices, prof: full, seen: seen, done: consent == yes}
					if st == stepBrowseResults || consent != yes {
						s.done = false
					}
					if !s.valid() {
						continue
					}
					tried++
					stop := Input{Kind: InputCommand, Command: "stop", Today: fixtureToday}
					press := Input{Kind: InputButton, Text: StopAlertsData, Today: fixtureToday}
					if !IsStop(stop) || !IsStop(press) {
						t.Fatal("IsStop does not know /stop and its button")
					}
					s1, out1, eff1 := m.Step(s, stop)
					s2, out2, eff2 := m.Step(s, press)
					if s1 != s2 || fmt.Sprint(out1, eff1) != fmt.Sprint(out2, eff2) {
						t.Errorf("at %s (%+v): the button answers %+v %v, /stop %+v %v", s.Step(), s, out2, eff2, out1, eff1)
					}
					if len(eff2) != 1 || eff2[0] != (Effect{Kind: EffectNotices, On: false}) {
						t.Errorf("at %s: effects %+v; want notices off", s.Step(), eff2)
					}
					for _, r := range out2 {
						if r.Edit {
							t.Errorf("at %s: the answer to the button edits the announcement: %q", s.Step(), r.Text)
						}
					}
				}
			}
		}
	}
	if tried < 40 {
		t.Fatalf("only %d valid states tried", tried)
	}
	for _, in := range []Input{{Kind: InputText, Text: "/stop"}, {Kind: InputButton, Text: "edt:off"}, {Kind: InputCommand, Command: "start"}} {
		if IsStop(in) {
			t.Errorf("IsStop(%+v) = true", in)
		}
	}
}
