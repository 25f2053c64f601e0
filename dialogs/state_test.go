package dialogs

import (
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

func TestZeroStateIsFresh(t *testing.T) {
	var s State
	if s.Step() != "start" || s.Consented() || s.Notices() || s.Done() || s.Profile() != (data.Profile{}) {
		t.Errorf("zero State: step %q consented %v notices %v done %v profile %+v", s.Step(), s.Consented(), s.Notices(), s.Done(), s.Profile())
	}
	var back State
	if err := back.UnmarshalBinary(nil); err != nil || back != s {
		t.Errorf("empty session decodes to %+v, %v; want the zero State", back, err)
	}
}

// TestUnreadableSessionsRestartPolitely: whatever a session store hands
// back, the resident gets an apology and the greeting, never an error.
func TestUnreadableSessionsRestartPolitely(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	for _, raw := range []string{
		`{"v":0}`, `{"v":2,"s":"age"}`, `{"v":1,"s":"nowhere"}`, `{"v":1,"s":"age"}`, // age without consent
		`{"v":1,"s":"age","c":1,"a":"99"}`, `{"v":1,"s":"results","c":1,"ok":true}`, // done without answers
		`{"v":1,"s":"age","c":1,"g":["job","train","startup","digital"]}`,
		`{"v":1,"s":"age","c":1,"at":[500,0]}`, `{"v":1,"s":"age","c":7}`,
		`not json`, `null`, `[]`, "\xff",
	} {
		var s State
		if err := s.UnmarshalBinary([]byte(raw)); err != nil {
			t.Errorf("UnmarshalBinary(%s) = %v; want no error", raw, err)
		}
		next, replies, _ := m.Step(s, Input{Kind: InputText, Text: "안녕하세요", Today: fixtureToday})
		if len(replies) == 0 || replies[0].Text[:len(msgLost)] != msgLost {
			t.Errorf("after session %s, first reply %+v; want the apology", raw, replies)
		}
		if next.Step() != "consent" {
			t.Errorf("after session %s, step %q; want consent", raw, next.Step())
		}
	}
}

// TestFinishedIntakeEncodesSmall holds the largest finished intake (every
// answer, three goals, a shared location, deep in results) to 512 bytes.
func TestFinishedIntakeEncodesSmall(t *testing.T) {
	s := State{step: stepResults, ret: stepBrowseResults, consent: yes, notices: yes, done: true, page: maxPage, end: true,
		prof: data.Profile{Age: data.Age65Plus, Field: data.FieldSelfEmployed, Years: data.Years20Plus,
			Goals: goals(data.GoalStartup, data.GoalDigital, data.GoalLife), District: district("동대문구"),
			At: data.LatLon{Lat: 37.574123456789, Lon: 127.039876543211}},
		seen: fixtureToday}
	if !s.valid() {
		t.Fatalf("test state is invalid: %+v", s)
	}
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("finished intake: %d bytes: %s", len(b), b)
	if len(b) > 512 {
		t.Errorf("finished intake encodes to %d bytes; want at most 512", len(b))
	}
	var back State
	if err := back.UnmarshalBinary(b); err != nil || back != s {
		t.Errorf("round trip: %+v, %v; want %+v", back, err, s)
	}
}

// TestProfileKeepsOnlyTheMinimum: what a channel stores has no location,
// and nothing at all without consent.
func TestProfileKeepsOnlyTheMinimum(t *testing.T) {
	p := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob), District: district("은평구"), At: data.LatLon{Lat: 37.6, Lon: 126.93}}
	s := State{step: stepResults, consent: yes, done: true, prof: p}
	want := p
	want.At = data.LatLon{}
	if got := s.Profile(); got != want {
		t.Errorf("Profile() = %+v; want %+v", got, want)
	}
	s.consent = no
	if got := s.Profile(); got != (data.Profile{}) {
		t.Errorf("Profile() without consent = %+v; want nothing", got)
	}
}

func TestRestore(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	p := data.Profile{Age: data.Age55to59, Field: data.FieldNone, Goals: goals(data.GoalLife), District: district("도봉구")}
	s := Restore(p, true)
	if !s.Consented() || !s.Notices() || !s.Done() || s.Profile() != p {
		t.Fatalf("Restore: consented %v notices %v done %v profile %+v", s.Consented(), s.Notices(), s.Done(), s.Profile())
	}
	_, replies, _ := m.Step(s, Input{Kind: InputCommand, Command: "start", Today: fixtureToday})
	if got := replies[0].Text; got != msgWelcomeBack+"\n"+msgConfirm+"\n"+summary(p) {
		t.Errorf("/start after Restore says %q; want the summary to search with", got)
	}
	part := Restore(data.Profile{Age: data.Age40to44}, false)
	if part.Done() || part.Step() != "field" {
		t.Errorf("Restore of an incomplete profile: done %v step %q; want field", part.Done(), part.Step())
	}
}

// TestEveryLabelFits opens every question with every option chosen (the
// longest labels carry a check mark) and checks labels and data.
func TestEveryLabelFits(t *testing.T) {
	full := data.Profile{Goals: goals(data.GoalTrain, data.GoalSocial, data.GoalLife)}
	for st := step(0); st < numSteps; st++ {
		for _, p := range []data.Profile{{}, full} {
			for _, f := range data.Fields {
				p.Field = f
				tt := &turn{m: New(fixtureCatalog(), fixtureOptions), s: State{step: st, consent: yes, prof: p}}
				for _, row := range tt.keyboard() {
					for _, b := range row {
						if n := len([]rune(b.Label)); n > maxLabel {
							t.Errorf("step %s: label %q has %d characters", stepInfo[st].name, b.Label, n)
						}
						if len(b.Data) > maxData {
							t.Errorf("step %s: data %q has %d bytes", stepInfo[st].name, b.Data, len(b.Data))
						}
					}
				}
			}
		}
	}
	for _, l := range []string{labelNoticesYes, labelNoticesNo, ShareLocationButton()} {
		if n := len([]rune(l)); n > maxLabel {
			t.Errorf("label %q has %d characters", l, n)
		}
	}
}

// TestOldButtonsNeverAct: a button of any other step, pressed at any step,
// changes nothing but asks the current question again.
func TestOldButtonsNeverAct(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	at := State{step: stepGoals, consent: yes, prof: data.Profile{Age: data.Age50to54, Field: data.FieldNone}}
	for st := step(1); st < numSteps; st++ {
		if st == stepGoals {
			continue
		}
		for _, val := range []string{"yes", "no", "50", "11380", "job", "more", valBack, valHome} {
			in := Input{Kind: InputButton, Text: stepInfo[st].code + ":" + val, Today: fixtureToday}
			next, replies, effects := m.Step(at, in)
			next.seen = at.seen
			if next != at || len(effects) != 0 {
				t.Errorf("%s changed the state or asked for effects: %+v -> %+v, %+v", in.Text, at, next, effects)
			}
			if len(replies) != 1 || replies[0].Text[:len(msgOldButton)] != msgOldButton {
				t.Errorf("%s: replies %+v; want the old-button re-prompt", in.Text, replies)
			}
		}
	}
}

// TestEarlierSessionsDecode: a session written before the age questions
// and the answers kept before consent were added decodes unchanged, and
// the new parts survive their encoding within the size limit.
func TestEarlierSessionsDecode(t *testing.T) {
	var s State
	old := `{"v":1,"s":"results","c":1,"n":2,"ok":true,"a":"50","f":"finance","y":"20","g":["job","digital"],"d":"11380","t":20260726}`
	if err := s.UnmarshalBinary([]byte(old)); err != nil || s.lost || s.Step() != "results" || s.prof.Age != data.Age50to54 || !s.Done() {
		t.Fatalf("a session of today's version decodes as %+v (err %v)", s, err)
	}
	for _, st := range []State{
		{step: stepAge, consent: yes, confirm: data.Age60to64, prof: data.Profile{Field: data.FieldFinance, Years: data.Years20Plus, Goals: goals(data.GoalJob, data.GoalTrain, data.GoalLife), District: district("동대문구")}, seen: fixtureToday},
		{step: stepAge, consent: yes, span: data.Age60to64, seen: fixtureToday},
		{step: stepConsent, pend: true, prof: data.Profile{Age: data.Age45to49, Field: data.FieldIT, Years: data.Years10to20, Goals: goals(data.GoalStartup, data.GoalDigital, data.GoalSocial), District: district("강남구")}, seen: fixtureToday},
	} {
		b, _ := st.MarshalBinary()
		var back State
		if err := back.UnmarshalBinary(b); err != nil || back != st || len(b) > 512 {
			t.Errorf("%s (%d bytes) decodes as %+v", b, len(b), back)
		}
	}
	for _, bad := range []string{
		`{"v":1,"s":"field","c":1,"cf":"60"}`,        // a question about the age, off the age question
		`{"v":1,"s":"age","c":1,"sp":"65"}`,          // no band after 65세 이상
		`{"v":1,"s":"age","c":1,"sp":"50","dec":5}`,  // two questions at once
		`{"v":1,"s":"age","c":1,"pd":true,"a":"50"}`, // kept before consent, after it
		`{"v":1,"s":"age","c":1,"cf":"90"}`,          // no such band
	} {
		var x State
		if err := x.UnmarshalBinary([]byte(bad)); err != nil || !x.lost {
			t.Errorf("%s decodes as %+v; want a fresh start with the apology", bad, x)
		}
	}
}
