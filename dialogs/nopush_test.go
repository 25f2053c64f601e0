package dialogs

import (
	"strings"
	"testing"

	"github.com/dasi-seoul/dasi/data"
)

// TestNoPushAsksNoNotices: on a channel that cannot message first
// (KakaoTalk), the confirmed intake shows results without the notices
// question, and no button anywhere offers notices.
func TestNoPushAsksNoNotices(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	full := data.Profile{Age: data.Age50to54, Field: data.FieldFinance, Years: data.Years20Plus,
		Goals: goals(data.GoalJob, data.GoalDigital), District: district("은평구")}
	in := func(kind InputKind, text string) Input {
		return Input{Kind: kind, Text: text, Today: fixtureToday, NoPush: true}
	}
	s, msgs, _ := m.Step(State{step: stepConfirm, consent: yes, prof: full, seen: fixtureToday}, in(InputButton, "cfm:yes"))
	noNotices := func(what string, msgs []Reply) {
		t.Helper()
		for _, r := range msgs {
			if strings.Contains(r.Text, msgNoticesAsk) {
				t.Errorf("%s: the notices question was asked", what)
			}
			for _, l := range labels(r) {
				if l == labelNotify || l == labelNoticesOn || l == labelNoticesYes {
					t.Errorf("%s: a button %q offers notices", what, l)
				}
			}
		}
	}
	noNotices("results", msgs)
	s2, msgs, _ := m.Step(s, in(InputButton, "res:edit"))
	noNotices("edit menu", msgs)
	_, msgs, effects := m.Step(s2, in(InputButton, "edt:on"))
	noNotices("a forged 알림 받기", msgs)
	if len(effects) != 0 || !strings.Contains(msgs[0].Text, msgNoPush) {
		t.Errorf("a press of 알림 받기 gave %+v, %q; want no effect and why not", effects, msgs[0].Text)
	}
	_, msgs, effects = m.Step(s, in(InputButton, "res:yes"))
	if len(effects) != 0 || !strings.Contains(msgs[0].Text, msgNoPush) {
		t.Errorf("a press of 받을게요 gave %+v, %q; want no effect and why not", effects, msgs[0].Text)
	}
}

// TestCompactFits: every question's compact view (or its buttons, when it
// has none) holds at most MaxCompact buttons, and the districts and fields
// are all reachable through it.
func TestCompactFits(t *testing.T) {
	m := New(fixtureCatalog(), fixtureOptions)
	count := func(rows [][]Button) int {
		n := 0
		for _, r := range rows {
			n += len(r)
		}
		return n
	}
	seen := map[string]bool{}
	var walk func(s State, in Input, depth int)
	walk = func(s State, in Input, depth int) {
		_, msgs, _ := m.Step(s, in)
		last := msgs[len(msgs)-1]
		rows := last.Compact
		if len(rows) == 0 {
			rows = last.Buttons
		}
		if n := count(rows); n > MaxCompact {
			t.Errorf("step %s after %q: %d buttons", s.Step(), in.Text, n)
		}
		for _, r := range rows {
			for _, b := range r {
				seen[strings.TrimPrefix(b.Label, checkMark)] = true
				if depth > 0 && (strings.Contains(b.Data, ":z") || strings.HasSuffix(b.Data, ":p2") || strings.HasSuffix(b.Data, ":p1")) {
					walk(s, Input{Kind: InputButton, Text: b.Data, Today: fixtureToday, NoPush: true}, depth-1)
				}
			}
		}
	}
	for _, st := range []step{stepAge, stepField, stepYears, stepGoals, stepDistrict, stepBrowse, stepConfirm, stepEdit} {
		s := State{step: st, consent: yes, prof: data.Profile{Age: data.Age50to54, Field: data.FieldFinance}, seen: fixtureToday}
		walk(s, Input{Kind: InputText, Text: "?", Today: fixtureToday, NoPush: true}, 1)
	}
	for _, d := range data.Districts() {
		if !seen[d.Name()] {
			t.Errorf("%s is not reachable in the compact view", d.Name())
		}
	}
	for _, f := range data.Fields {
		if !seen[f.Label()] {
			t.Errorf("%s is not reachable in the compact view", f.Label())
		}
	}
}

// TestStaffCountsKakaoApart: the preview says how many residents of the
// audience are on KakaoTalk and will not receive it (kept across a
// restart), and /stats counts each channel.
func TestStaffCountsKakaoApart(t *testing.T) {
	s := StaffState{step: staffPreview, text: "안내", aud: data.Audience{District: district("은평구")}, n: 5, np: 3}
	var restored StaffState
	b, _ := s.MarshalBinary()
	if err := restored.UnmarshalBinary(b); err != nil || restored != s {
		t.Fatalf("restored %+v, want %+v", restored, s)
	}
	out := restored.preview()
	if got := out[len(out)-1].Text; !strings.Contains(got, "5명") || !strings.Contains(got, "카카오톡으로 이용하시는 3명은 먼저 보낼 수 없어") {
		t.Errorf("preview: %q", got)
	}
	s.n = 0
	if got := s.preview()[0].Text; !strings.Contains(got, "카카오톡으로 이용하시는 3명") {
		t.Errorf("preview to nobody: %q", got)
	}
	if got := msgStaffStats(data.Stats{Residents: 10, Kakao: 4}); !strings.Contains(got, "텔레그램 6명 · 카카오톡 4명") {
		t.Errorf("/stats: %q", got)
	}
}
