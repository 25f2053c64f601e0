package dialogs

import (
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

func TestStaffWritesChoosesPreviewsAndSends(t *testing.T) {
	var s StaffState
	s, out, req := Staff(s, staffIn(InputCommand, "broadcast"))
	if !s.Active() || req.Kind != StaffNone || !strings.Contains(out[0].Text, "안내문") {
		t.Fatalf("/broadcast: active %v, %v, %v", s.Active(), req, out)
	}
	const text = "  8월 4일 디지털 교실을 열어요.  "
	s, out, _ = Staff(s, staffIn(InputText, text))
	if !strings.Contains(out[0].Text, "누구에게") {
		t.Fatalf("after the text: %q", out[0].Text)
	}
	s, out, _ = Staff(s, staffIn(InputButton, "stf:by:goal"))
	if len(out[0].Buttons) < 3 {
		t.Fatalf("goal buttons: %v", out[0].Buttons)
	}
	s, out, req = Staff(s, staffIn(InputButton, "stf:g:digital"))
	if req.Kind != StaffCountAudience || req.Audience != (data.Audience{Goal: data.GoalDigital}) || len(out) != 0 {
		t.Fatalf("goal chosen: %+v, %v", req, out)
	}
	// Sending before the count is shown is not possible.
	if _, _, r := Staff(s, staffIn(InputButton, "stf:send")); r.Kind == StaffCreateBroadcast {
		t.Fatal("sent without a preview")
	}
	s, out = StaffPreview(s, 1234)
	if len(out) != 2 || out[0].Text != strings.TrimSpace(text) || !strings.Contains(out[1].Text, "디지털·AI 희망 1,234명") {
		t.Fatalf("preview: %v", out)
	}
	if b := out[0].Buttons; len(b) != 1 || b[0][0].Data != StopAlertsData {
		t.Errorf("the preview does not show the stop button residents will see: %v", b)
	}
	s, _, req = Staff(s, staffIn(InputButton, "stf:send"))
	if req.Kind != StaffCreateBroadcast || req.Text != strings.TrimSpace(text) || req.Audience.Goal != data.GoalDigital || s.Active() {
		t.Fatalf("send: %+v, active %v", req, s.Active())
	}
	// The confirm button pressed twice sends once.
	if _, out, r := Staff(s, staffIn(InputButton, "stf:send")); r.Kind != StaffNone || !strings.Contains(out[0].Text, msgStaffOldButton) {
		t.Errorf("second press: %+v %v", r, out)
	}
}

func TestStaffTypedDistrictEmptyAudienceAndCancel(t *testing.T) {
	s, _, _ := Staff(StaffState{}, staffIn(InputCommand, "broadcast"))
	s, _, _ = Staff(s, staffIn(InputText, "안내"))
	s, _, _ = Staff(s, staffIn(InputButton, "stf:by:district"))
	s, out, req := Staff(s, staffIn(InputText, "부산"))
	if req.Kind != StaffNone || !strings.Contains(out[0].Text, "어느 구인지") {
		t.Fatalf("not a district: %+v %v", req, out)
	}
	s, _, req = Staff(s, staffIn(InputText, "은평"))
	if req.Kind != StaffCountAudience || req.Audience.District != data.DistrictByName("은평구") {
		t.Fatalf("typed district: %+v", req)
	}
	s, out = StaffPreview(s, 0)
	for _, row := range out[0].Buttons {
		for _, b := range row {
			if b.Data == "stf:send" {
				t.Error("a send button for nobody")
			}
		}
	}
	if _, _, r := Staff(s, staffIn(InputButton, "stf:send")); r.Kind == StaffCreateBroadcast {
		t.Error("sent to nobody")
	}
	s, out, _ = Staff(s, staffIn(InputText, "취소"))
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
		next, out, req := Staff(s, in)
		if next != s || req.Kind != StaffNone || len(out) != 1 || !strings.Contains(out[0].Text, "안내문") {
			t.Errorf("%v %d chars: state changed %v, %+v, %v", in.Kind, utf8.RuneCountInString(in.Text), next != s, req, out)
		}
	}
	if _, _, req := Staff(s, staffIn(InputText, strings.Repeat("가", maxAnnouncement))); req.Kind != StaffNone {
		t.Errorf("the longest allowed text: %+v", req)
	}
}

func TestNonStaffAreRefusedAndStaffInputIsRecognised(t *testing.T) {
	for _, in := range []Input{
		{Kind: InputCommand, Command: "broadcast"},
		{Kind: InputCommand, Command: "stats"},
		{Kind: InputButton, Text: "stf:send"},
	} {
		if !IsStaffInput(in) {
			t.Errorf("IsStaffInput(%+v) = false", in)
		}
		s, out, req := Staff(StaffState{}, in)
		if s.Active() || req.Kind != StaffRefused || !strings.Contains(out[0].Text, "담당자만") {
			t.Errorf("non-staff %+v: %+v %v", in, req, out)
		}
	}
	for _, in := range []Input{{Kind: InputCommand, Command: "start"}, {Kind: InputButton, Text: "age:50"}, {Kind: InputText, Text: "/broadcast"}} {
		if IsStaffInput(in) {
			t.Errorf("IsStaffInput(%+v) = true", in)
		}
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
	replies = append(replies, StaffList([]data.Broadcast{{ID: 1 << 40, State: data.BroadcastRunning}})...)
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
	st := StaffStats(data.Stats{Residents: 10, Reach: []data.StepReach{{Step: 0, Chats: 200}, {Step: 1, Chats: 150}, {Step: 2, Chats: 100}}})[0].Text
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
