package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

const staffChat = 9001

// TestStaffBroadcastReachesExactlyItsAudience: residents go through the
// conversation, a staff member writes an announcement for 은평구 and sends
// it, and exactly the residents of 은평구 who asked for notices, have not
// stopped them and have not blocked the bot receive it, once. The progress
// message ends saying it is done; /broadcasts and /stats show the figures.
func TestStaffBroadcastReachesExactlyItsAudience(t *testing.T) {
	d := startDasi(t, []int64{staffChat}, nil, 50)
	const (
		inEunpyeong  = 7001
		inEunpyeong2 = 7002
		noNotices    = 7003
		blocker      = 7004
		inMapo       = 7005
		stopper      = 7006
	)
	d.intake(inEunpyeong, "은평구", true)
	d.intake(inEunpyeong2, "은평구", true)
	d.intake(noNotices, "은평구", false)
	d.intake(blocker, "은평구", true)
	d.intake(inMapo, "마포구", true)
	d.intake(stopper, "은평구", true)
	d.say(stopper, "/stop")
	d.TG.ChatMember(blocker, "kicked")
	d.updates++
	d.WaitHandled(d.updates)
	if r, err := d.store.Resident(context.Background(), resident(inEunpyeong)); err != nil || !r.Notices || r.Profile.District.Name() != "은평구" || !r.IntakeDone {
		t.Fatalf("stored resident after the conversation: %+v, %v", r, err)
	}

	d.say(staffChat, "/broadcast")
	d.expect(staffChat, "보낼 안내문")
	const text = "[서부캠퍼스] 8월 4일(화) 오전 10시 디지털 기초 교실을 열어요. 전화 02-388-0600"
	d.say(staffChat, text)
	d.expect(staffChat, "누구에게 보낼까요?")
	d.press(staffChat, "stf:by:district")
	d.expect(staffChat, "어느 구에")
	d.press(staffChat, "stf:d:11380")
	d.expect(staffChat, "받는 분: 은평구 주민 2명", "보낼까요?")
	d.press(staffChat, "stf:send")

	progress := d.waitMessage(staffChat, "다 보냈어요")
	if !strings.Contains(progress.Text, "보냄 2") || progress.Edits == 0 || len(progress.Buttons) != 0 {
		t.Errorf("progress message %q (edits %d, buttons %v): want the final figures, edited in place, no stop button", progress.Text, progress.Edits, progress.Buttons)
	}
	for _, chat := range []int64{inEunpyeong, inEunpyeong2} {
		n := 0
		for _, m := range d.TG.Messages(chat) {
			if m.Text == text {
				n++
			}
		}
		if n != 1 {
			t.Errorf("resident %d of the audience received the announcement %d times, want once", chat, n)
		}
	}
	for _, chat := range []int64{noNotices, blocker, inMapo, stopper} {
		for _, m := range d.TG.Messages(chat) {
			if m.Text == text {
				t.Errorf("resident %d outside the audience received the announcement", chat)
			}
		}
	}

	d.say(staffChat, "/broadcasts")
	d.expect(staffChat, "#1", "은평구 주민", "마침", "보냄 2")
	if err := d.res.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	d.say(staffChat, "/stats")
	d.expect(staffChat, "지금 정보를 남겨 두신 분 6명", "알림 받음 4명 · 차단 1명", "4단계 사는 구 6명")
}

// TestNonStaffAreRefused: a resident who tries the staff commands, or
// presses a forged staff button, is told politely that they are for staff;
// the attempt is logged with the user id and nothing is sent.
func TestNonStaffAreRefused(t *testing.T) {
	d := startDasi(t, []int64{staffChat}, nil, 50)
	const resident = 7100
	d.intake(resident, "은평구", true)
	for _, cmd := range []string{"/broadcast", "/broadcasts", "/stats"} {
		d.say(resident, cmd)
		d.expect(resident, "담당자만")
	}
	d.TG.Press(resident, 1, "stf:send")
	d.updates++
	d.WaitHandled(d.updates)
	d.expect(resident, "담당자만")
	n := 0
	for _, line := range strings.Split(d.Logs.String(), "\n") {
		if strings.Contains(line, "staff command refused") && strings.Contains(line, `"resident":"telegram:7100"`) {
			n++
		}
	}
	if n != 4 {
		t.Errorf("logged %d refusals with the resident id, want 4:\n%s", n, d.Logs.String())
	}
	if bs, _ := d.store.Broadcasts(context.Background(), data.BroadcastStaff, 10); len(bs) != 0 {
		t.Errorf("a refused attempt created broadcasts: %+v", bs)
	}
}

// TestStaffCancelsARunningBroadcast: the stop button under the progress
// message stops a slow broadcast; what was not sent is never sent.
func TestStaffCancelsARunningBroadcast(t *testing.T) {
	d := startDasi(t, []int64{staffChat}, nil, 1)
	for chat := int64(7200); chat < 7205; chat++ {
		d.intake(chat, "은평구", true)
	}
	d.say(staffChat, "/broadcast")
	d.say(staffChat, "천천히 가는 안내")
	d.press(staffChat, "stf:all")
	d.expect(staffChat, "알림 받는 모든 분 5명")
	d.press(staffChat, "stf:send")
	d.waitMessage(staffChat, "보내는 중이에요")
	bs, _ := d.store.Broadcasts(context.Background(), data.BroadcastStaff, 1)
	d.press(staffChat, "stf:stop:1")
	d.expect(staffChat, "멈췄어요")
	final := d.waitMessage(staffChat, "보내기를 멈췄어요")
	// The messages claimed before the cancel are given back, not sent.
	var b data.Broadcast
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var err error
		if b, err = d.store.Broadcast(context.Background(), bs[0].ID); err != nil {
			t.Fatal(err)
		}
		if b.Counts.Pending() == 0 || time.Now().After(deadline) {
			break
		}
	}
	received := 0
	for chat := int64(7200); chat < 7205; chat++ {
		for _, m := range d.TG.Messages(chat) {
			if m.Text == "천천히 가는 안내" {
				received++
			}
		}
	}
	if b.State != data.BroadcastCancelled || b.Counts.Cancelled == 0 || b.Counts.Sent != received || b.Counts.Pending() != 0 {
		t.Errorf("after cancel: %s %+v, %d received (progress %q)", b.State, b.Counts, received, final.Text)
	}
}

// TestStaffDraftSurvivesARestart: the bot restarts twice while a staff
// member writes an announcement (after choosing to pick a district, and at
// the preview). Nothing has to be written again: the buttons shown before
// each restart carry on, and the announcement goes out once. The draft is
// spent with the broadcast: pressing 보내기 again sends nothing more.
func TestStaffDraftSurvivesARestart(t *testing.T) {
	d := startDasi(t, []int64{staffChat}, nil, 50)
	const listener = 7501
	d.intake(listener, "은평구", true)
	const text = "[서부캠퍼스] 다시 켜져도 이어서 보내는 안내예요."
	d.say(staffChat, "/broadcast")
	d.say(staffChat, text)
	d.press(staffChat, "stf:by:district")
	d.expect(staffChat, "어느 구에")

	d.restart()
	d.press(staffChat, "stf:d:11380")
	d.expect(staffChat, "받는 분: 은평구 주민 1명", "보낼까요?")

	d.restart()
	d.press(staffChat, "stf:send")
	d.waitMessage(staffChat, "다 보냈어요")
	d.press(staffChat, "stf:send")
	d.expect(staffChat, "지난 메시지의 버튼이에요")
	if n := countText(d.TG, listener, text); n != 1 {
		t.Errorf("the listener received the announcement %d times, want once", n)
	}
	if bs, _ := d.store.Broadcasts(context.Background(), data.BroadcastStaff, 10); len(bs) != 1 {
		t.Errorf("%d broadcasts stored, want 1", len(bs))
	}
	if draft, err := d.store.StaffDraft(context.Background(), resident(staffChat)); err != nil || draft != nil {
		t.Errorf("StaffDraft after sending = %q, %v; want none", draft, err)
	}
}
