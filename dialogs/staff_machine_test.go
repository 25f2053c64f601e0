package dialogs

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

func staffIn(kind InputKind, text string) Input {
	in := Input{Kind: kind, Text: text, Staff: true}
	if kind == InputCommand {
		in.Command, in.Text = text, ""
	}
	return in
}

// core applies the staff conversation's effects as a channel's core does,
// from a store it fakes, and keeps what it was asked to do.
type core struct {
	t          *testing.T
	count      int              // residents in any audience
	broadcasts []data.Broadcast // the store's broadcasts, newest first
	applied    []Effect
}

// run steps the staff conversation as the core does: apply the effects in
// order, feed the result back, step again, and gather every reply. It
// fails the test when a step breaks the contract: an effect with a
// result that is not the last, or a step that took a result asking for
// another.
func (c *core) run(s StaffState, in Input) (StaffState, []Reply) {
	c.t.Helper()
	next, replies, effects := Staff(s, in)
	for round := 0; ; round++ {
		var res *Result
		for i, e := range effects {
			c.applied = append(c.applied, e)
			if !e.Kind.HasResult() {
				continue
			}
			if i != len(effects)-1 {
				c.t.Fatalf("%s is not the last effect: %+v", e.Kind, effects)
			}
			r := c.apply(e)
			res = &r
		}
		if res == nil {
			return next, replies
		}
		if round > 0 {
			c.t.Fatalf("a step that took a result asked for %+v", effects)
		}
		var more []Reply
		next, more, effects = Staff(next, in.WithResult(*res))
		replies = append(replies, more...)
	}
}

func (c *core) apply(e Effect) Result {
	r := Result{Of: e.Kind}
	switch e.Kind {
	case EffectCountAudience:
		r.Count = c.count
	case EffectCreateBroadcast:
		b := data.Broadcast{ID: int64(len(c.broadcasts) + 1), Kind: data.BroadcastStaff, Text: e.Text, Audience: e.Audience,
			State: data.BroadcastRunning, Counts: data.DeliveryCounts{Recipients: c.count}}
		c.broadcasts = append([]data.Broadcast{b}, c.broadcasts...)
		r.Broadcast = b
	case EffectListBroadcasts:
		r.Broadcasts = c.broadcasts
	case EffectCancelBroadcast:
		r.NoBroadcast = true
		for i, b := range c.broadcasts {
			if b.ID == e.BroadcastID {
				r.NoBroadcast, r.WasRunning = false, b.State == data.BroadcastRunning
				if r.WasRunning {
					c.broadcasts[i].State = data.BroadcastCancelled
				}
				r.Broadcast = c.broadcasts[i]
			}
		}
	case EffectReadStats:
		r.Stats = data.Stats{Residents: c.count}
	}
	return r
}

func TestStaffWritesChoosesPreviewsAndSends(t *testing.T) {
	c := &core{t: t, count: 1234}
	var s StaffState
	s, out, effects := Staff(s, staffIn(InputCommand, "broadcast"))
	if !s.Active() || len(effects) != 0 || !strings.Contains(out[0].Text, "안내문") {
		t.Fatalf("/broadcast: active %v, %+v, %v", s.Active(), effects, out)
	}
	const text = "  8월 4일 디지털 교실을 열어요.  "
	s, out = c.run(s, staffIn(InputText, text))
	if !strings.Contains(out[0].Text, "누구에게") {
		t.Fatalf("after the text: %q", out[0].Text)
	}
	s, out = c.run(s, staffIn(InputButton, "stf:by:goal"))
	if len(out[0].Buttons) < 3 {
		t.Fatalf("goal buttons: %v", out[0].Buttons)
	}
	// The audience is counted by the core before anything is shown.
	counting, out, effects := Staff(s, staffIn(InputButton, "stf:g:digital"))
	if len(effects) != 1 || effects[0] != (Effect{Kind: EffectCountAudience, Audience: data.Audience{Goal: data.GoalDigital}}) || len(out) != 0 {
		t.Fatalf("goal chosen: %+v, %v", effects, out)
	}
	// Sending before the count is shown is not possible.
	if _, _, e := Staff(counting, staffIn(InputButton, "stf:send")); len(e) != 0 {
		t.Fatalf("sent without a preview: %+v", e)
	}
	s, out = c.run(s, staffIn(InputButton, "stf:g:digital"))
	if len(out) != 2 || out[0].Text != strings.TrimSpace(text) || !strings.Contains(out[1].Text, "디지털·AI 희망 1,234명") {
		t.Fatalf("preview: %v", out)
	}
	if b := out[0].Buttons; len(b) != 1 || b[0][0].Data != StopAlertsData {
		t.Errorf("the preview does not show the stop button residents will see: %v", b)
	}
	c.applied = nil
	s, out = c.run(s, staffIn(InputButton, "stf:send"))
	if len(c.applied) != 1 || c.applied[0] != (Effect{Kind: EffectCreateBroadcast, Text: strings.TrimSpace(text), Audience: data.Audience{Goal: data.GoalDigital}}) || s.Active() {
		t.Fatalf("send: %+v, active %v", c.applied, s.Active())
	}
	// The one message shown is the progress, marked for the worker to edit.
	if len(out) != 1 || out[0].Progress != 1 || !strings.Contains(out[0].Text, "안내 #1") || out[0].Buttons[0][0].Data != "stf:stop:1" {
		t.Fatalf("after sending: %+v", out)
	}
	// The confirm button pressed twice sends once.
	c.applied = nil
	if _, out = c.run(s, staffIn(InputButton, "stf:send")); len(c.applied) != 0 || !strings.Contains(out[0].Text, msgStaffOldButton) {
		t.Errorf("second press: %+v %v", c.applied, out)
	}
}

func TestStaffTypedDistrictEmptyAudienceAndCancel(t *testing.T) {
	c := &core{t: t}
	s, _ := c.run(StaffState{}, staffIn(InputCommand, "broadcast"))
	s, _ = c.run(s, staffIn(InputText, "안내"))
	s, _ = c.run(s, staffIn(InputButton, "stf:by:district"))
	s, out := c.run(s, staffIn(InputText, "부산"))
	if len(c.applied) != 0 || !strings.Contains(out[0].Text, "어느 구인지") {
		t.Fatalf("not a district: %+v %v", c.applied, out)
	}
	s, out = c.run(s, staffIn(InputText, "은평"))
	if len(c.applied) != 1 || c.applied[0].Kind != EffectCountAudience || c.applied[0].Audience.District != data.DistrictByName("은평구") {
		t.Fatalf("typed district: %+v", c.applied)
	}
	for _, row := range out[0].Buttons {
		for _, b := range row {
			if b.Data == "stf:send" {
				t.Error("a send button for nobody")
			}
		}
	}
	if _, _, e := Staff(s, staffIn(InputButton, "stf:send")); len(e) != 0 {
		t.Errorf("sent to nobody: %+v", e)
	}
	s, out = c.run(s, staffIn(InputText, "취소"))
	if s.Active() || !strings.Contains(out[0].Text, "보내지 않았어요") {
		t.Errorf("취소: active %v, %v", s.Active(), out)
	}
}

func TestStaffRejectsWhatCannotBeSent(t *testing.T) {
	s, _, _ := Staff(StaffState{}, staffIn(InputCommand, "broadcast"))
	for _, in := range []Input{
		staffIn(InputText, "   "),
		staffIn(InputText, strings.Repeat("가", maxAnnouncement+1)),
		staffIn(InputText, strings.Repeat("😀", maxAnnouncement/2+1)), // 2 UTF-16 units each
		staffIn(InputOther, ""),
		staffIn(InputButton, "stf:stop:x"),
	} {
		next, out, effects := Staff(s, in)
		if next != s || len(effects) != 0 || len(out) != 1 || !strings.Contains(out[0].Text, "안내문") {
			t.Errorf("%v %d chars: state changed %v, %+v, %v", in.Kind, utf8.RuneCountInString(in.Text), next != s, effects, out)
		}
	}
	if _, _, effects := Staff(s, staffIn(InputText, strings.Repeat("가", maxAnnouncement))); len(effects) != 0 {
		t.Errorf("the longest allowed text: %+v", effects)
	}
}

func TestNonStaffAreRefusedAndStaffInputIsRecognised(t *testing.T) {
	for _, c := range []struct {
		in    Input
		tried string
	}{
		{Input{Kind: InputCommand, Command: "broadcast"}, "broadcast"},
		{Input{Kind: InputCommand, Command: "stats"}, "stats"},
		{Input{Kind: InputButton, Text: "stf:send"}, "button"},
	} {
		if !IsStaffInput(c.in) {
			t.Errorf("IsStaffInput(%+v) = false", c.in)
		}
		s, out, effects := Staff(StaffState{}, c.in)
		if s.Active() || len(effects) != 1 || effects[0] != (Effect{Kind: EffectRefused, Tried: c.tried}) || !strings.Contains(out[0].Text, "담당자만") {
			t.Errorf("non-staff %+v: %+v %v", c.in, effects, out)
		}
	}
	for _, in := range []Input{{Kind: InputCommand, Command: "start"}, {Kind: InputButton, Text: "age:50"}, {Kind: InputText, Text: "/broadcast"}} {
		if IsStaffInput(in) {
			t.Errorf("IsStaffInput(%+v) = true", in)
		}
	}
}

// TestStaffShowsWhatTheStoreFound: /broadcasts, the stop button and
// /stats are answered only with what the core read, and a stop says
// whether it stopped anything.
func TestStaffShowsWhatTheStoreFound(t *testing.T) {
	c := &core{t: t, broadcasts: []data.Broadcast{
		{ID: 2, Kind: data.BroadcastStaff, Text: "두 번째 안내", State: data.BroadcastRunning, Counts: data.DeliveryCounts{Recipients: 10, Sent: 4}},
		{ID: 1, Kind: data.BroadcastStaff, Text: "첫 안내", State: data.BroadcastDone, Counts: data.DeliveryCounts{Recipients: 3, Sent: 3}},
	}}
	draft, _ := c.run(StaffState{}, staffIn(InputCommand, "broadcast"))
	s, out := c.run(draft, staffIn(InputCommand, "broadcasts"))
	if s != draft || len(out) != 1 || !strings.Contains(out[0].Text, "#2") || !strings.Contains(out[0].Text, "#1") {
		t.Fatalf("/broadcasts while writing: draft kept %v, %v", s == draft, out)
	}
	if got := fmt.Sprint(out[0].Buttons); got != "[[{#2 멈추기 stf:stop:2 }] [{새로 보기 stf:list }]]" {
		t.Errorf("list buttons %s; want a stop button for the running one and a refresh", got)
	}
	for _, step := range []struct {
		press, want string
	}{
		{"stf:stop:2", "안내 #2 보내기를 멈췄어요"},
		{"stf:stop:2", "안내 #2는 이미 끝났어요"},
		{"stf:stop:1", "안내 #1는 이미 끝났어요"},
		{"stf:stop:9", msgStaffNoSuch},
	} {
		if _, out = c.run(s, staffIn(InputButton, step.press)); len(out) != 1 || !strings.Contains(out[0].Text, step.want) {
			t.Errorf("%s: %v; want %q", step.press, out, step.want)
		}
	}
	if _, out = c.run(StaffState{}, staffIn(InputCommand, "stats")); len(out) != 1 || !strings.Contains(out[0].Text, "이용 현황") {
		t.Errorf("/stats: %v", out)
	}
	if _, out = c.run(StaffState{}, staffIn(InputButton, "stf:list")); len(out) != 1 || !strings.Contains(out[0].Text, msgStaffListHead) {
		t.Errorf("새로 보기: %v", out)
	}
}

// TestStaffResultsThatDoNotFit: a result fed back at the wrong time, or
// none, gets the current question again and asks for nothing: a step
// that takes a result never asks for another, so the core's loop ends.
func TestStaffResultsThatDoNotFit(t *testing.T) {
	for _, st := range []staffStep{staffIdle, staffWrite, staffAudience, staffDistrict, staffGoal, staffAge, staffPreview} {
		s := StaffState{step: st, text: "안내", n: 3}
		for _, r := range []*Result{nil, {}, {Of: EffectCountAudience, Count: 5}, {Of: EffectCreateBroadcast, Broadcast: data.Broadcast{ID: 4}},
			{Of: EffectListBroadcasts}, {Of: EffectCancelBroadcast, NoBroadcast: true}, {Of: EffectReadStats}, {Of: EffectRefused}} {
			next, out, effects := Staff(s, Input{Kind: InputResult, Result: r, Staff: true})
			if len(effects) != 0 || len(out) == 0 || out[0].Text == "" {
				t.Errorf("step %d, result %+v: %v, %+v", st, r, out, effects)
			}
			if r == nil || r.Of != EffectCountAudience || st != staffPreview {
				if next != s {
					t.Errorf("step %d, result %+v changed the state to %+v", st, r, next)
				}
			}
		}
	}
	// A result from someone who is not staff is refused like anything else.
	if _, _, effects := Staff(StaffState{}, Input{Kind: InputResult, Result: &Result{Of: EffectReadStats}}); len(effects) != 1 || effects[0].Kind != EffectRefused {
		t.Errorf("a non-staff result: %+v", effects)
	}
}

func TestStaffButtonsFitTelegram(t *testing.T) {
	var states []StaffState
	for _, st := range []staffStep{staffIdle, staffWrite, staffAudience, staffDistrict, staffGoal, staffAge, staffPreview} {
		states = append(states, StaffState{step: st, n: 3})
	}
	var replies []Reply
	for _, s := range states {
		replies = append(replies, s.ask("")...)
	}
	replies = append(replies, StaffProgress(data.Broadcast{ID: 1 << 40, State: data.BroadcastRunning}))
	replies = append(replies, staffList([]data.Broadcast{{ID: 1 << 40, State: data.BroadcastRunning}})...)
	for _, r := range replies {
		for _, row := range r.Buttons {
			for _, b := range row {
				if n := utf8.RuneCountInString(b.Label); n > maxLabel || n == 0 {
					t.Errorf("label %q has %d characters", b.Label, n)
				}
				if len(b.Data) > maxData {
					t.Errorf("data %q has %d bytes", b.Data, len(b.Data))
				}
			}
		}
	}
}

func TestFunnelNamesAreConversationSteps(t *testing.T) {
	for i, f := range funnel {
		if _, ok := stepNamed(f.name); !ok {
			t.Errorf("funnel step %q is not a step of the conversation", f.name)
		}
		if got, ok := FunnelStep(f.name); !ok || got != i {
			t.Errorf("FunnelStep(%q) = %d, %v", f.name, got, ok)
		}
	}
	for _, off := range []string{"browse", "edit", "forget", "resume"} {
		if _, ok := FunnelStep(off); ok {
			t.Errorf("FunnelStep(%q) is on the intake's path", off)
		}
	}
}

func TestStaffProgressAndStatsRead(t *testing.T) {
	b := data.Broadcast{ID: 12, State: data.BroadcastRunning, Audience: data.Audience{District: data.DistrictByName("은평구")},
		Counts: data.DeliveryCounts{Recipients: 1500, Sent: 1200, Blocked: 3}}
	got := StaffProgress(b)
	for _, want := range []string{"안내 #12", "은평구 주민 1,500명", "보내는 중", "보냄 1,200", "차단 3", "남음 297"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("progress %q lacks %q", got.Text, want)
		}
	}
	if len(got.Buttons) != 1 || got.Buttons[0][0].Data != "stf:stop:12" {
		t.Errorf("progress buttons %v", got.Buttons)
	}
	b.State, b.Counts.Sent = data.BroadcastDone, 1497
	if got := StaffProgress(b); !strings.Contains(got.Text, "다 보냈어요") || len(got.Buttons) != 0 || strings.Contains(got.Text, "남음") {
		t.Errorf("done: %q %v", got.Text, got.Buttons)
	}
	_, out, _ := Staff(StaffState{}, Input{Staff: true}.WithResult(Result{Of: EffectReadStats,
		Stats: data.Stats{Residents: 10, Reach: []data.StepReach{{Step: 0, Chats: 200}, {Step: 1, Chats: 150}, {Step: 2, Chats: 100}}}}))
	st := out[0].Text
	for _, want := range []string{"10명", "처음 인사 200명 (100)", "동의 질문 150명 (75)", "1단계 나이 100명 (50)", "결과 보기 0명 (0)"} {
		if !strings.Contains(st, want) {
			t.Errorf("stats %q lacks %q", st, want)
		}
	}
}

func TestAlertDigest(t *testing.T) {
	if _, ok := AlertDigest(nil, data.NewDate(2026, 7, 26)); ok {
		t.Error("a digest of nothing")
	}
	var hits []data.Hit
	for _, name := range []string{"가", "나", "다", "라", "마", "바", "사"} {
		j := &data.Job{Title: "일자리 " + name, Company: "회사", Deadline: data.NewDate(2026, 8, 14)}
		hits = append(hits, data.Hit{Job: j, Reasons: []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalJob}}})
	}
	hits = append(hits, data.Hit{Program: &data.Program{Title: "디지털 교실", Online: true}, Reasons: []data.Reason{{Kind: data.ReasonGoal, Goal: data.GoalDigital}}})
	text, ok := AlertDigest(hits, data.NewDate(2026, 7, 26))
	if !ok {
		t.Fatal("no digest")
	}
	for _, want := range []string{"[새 교육·활동]\n1. 디지털 교실", "온라인", "→ 디지털 목표", "[새 일자리]\n2. 일자리 가", "8월 14일 마감", "5. 일자리 라", "3개가 더", "알림 끄기"} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "일자리 마") {
		t.Errorf("more than five items listed:\n%s", text)
	}
}
