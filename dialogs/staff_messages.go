package dialogs

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the staff section of the message catalog: what campus and
// centre staff read in /broadcast, /broadcasts and /stats, and the refusal
// anyone else gets. Plain 해요체 like the residents' messages; figures with
// thousands separators.

// Staff button labels (at most 14 characters).
const (
	labelStaffAll        = "알림 받는 모든 분"
	labelStaffByDistrict = "구별로"
	labelStaffByGoal     = "하고 싶은 일별로"
	labelStaffByAge      = "나이대별로"
	labelStaffSend       = "보내기"
	labelStaffAgain      = "다시 고르기"
	labelStaffCancel     = "취소"
	labelStaffStop       = "보내기 멈추기"
	labelStaffRefresh    = "새로 보기"
)

// labelStaffStopN stops broadcast #id, in a list.
func labelStaffStopN(id int64) string {
	if l := "#" + strconv.FormatInt(id, 10) + " 멈추기"; utf8.RuneCountInString(l) <= maxLabel {
		return l
	}
	return labelStaffStop
}

// Words that cancel a draft when typed, folded (see fold).
var wordsStaffCancel = []string{"취소", "그만", "안보낼게요", "멈춰"}

const (
	msgStaffOnly         = "이 명령은 캠퍼스·센터 담당자만 쓸 수 있어요.\n궁금하신 것이 있으시면 /help 를 보내 주세요."
	msgStaffAskText      = "주민분들께 보낼 안내문을 한 메시지로 써 주세요.\n쓰신 그대로 보내져요. (4,096자까지)"
	msgStaffTextOnly     = "안내문은 글로만 보낼 수 있어요."
	msgStaffEmpty        = "안내문이 비어 있어요."
	msgStaffAskAudience  = "누구에게 보낼까요?\n알림 받기에 동의한 분들께만 가요."
	msgStaffAskDistrict  = "어느 구에 사시는 분들께 보낼까요?"
	msgStaffAskGoal      = "어떤 일을 하고 싶다고 하신 분들께 보낼까요?"
	msgStaffAskAge       = "어느 나이대 분들께 보낼까요?"
	msgStaffAskConfirm   = "위 안내문을 보낼까요?"
	msgStaffNoDistrict   = "어느 구인지 알아듣지 못했어요."
	msgStaffPressButton  = "아래 버튼에서 골라 주세요."
	msgStaffOldButton    = "지난 메시지의 버튼이에요."
	msgStaffCancelled    = "보내지 않았어요. 새로 쓰시려면 /broadcast 를 보내 주세요."
	msgStaffIdle         = "담당자 명령: /broadcast 안내 보내기 · /broadcasts 보낸 안내 보기 · /stats 이용 현황"
	msgStaffNoBroadcasts = "아직 보낸 안내가 없어요. /broadcast 로 보내실 수 있어요."
	msgStaffListHead     = "최근에 보낸 안내예요."
	msgStaffNoSuch       = "그 안내를 찾지 못했어요. /broadcasts 로 다시 보세요."
)

// msgStaffTooLong says the announcement is over Telegram's limit.
func msgStaffTooLong(n, limit int) string {
	return fmt.Sprintf("안내문이 너무 길어요. (%s자, %s자까지 보낼 수 있어요)", thousands(n), thousands(limit))
}

// msgStaffNobody says the audience holds nobody.
func msgStaffNobody(aud string) string {
	return aud + " 중에는 지금 알림을 받는 분이 없어요. 다른 분들을 고르시겠어요?"
}

// msgStaffConfirm asks to send to n residents.
func msgStaffConfirm(aud string, n int) string {
	return fmt.Sprintf("위와 같이 받으시게 돼요.\n받는 분: %s %s명\n보낼까요?", aud, thousands(n))
}

// msgStaffUnreachable says, after a preview's count, how many residents
// of the audience are on KakaoTalk, which cannot be messaged first: they
// do not receive it. Empty when there are none.
func msgStaffUnreachable(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("\n(카카오톡으로 이용하시는 %s명은 먼저 보낼 수 없어 받지 않아요.)", thousands(n))
}

// audienceText names an audience: "알림 받는 모든 분", "은평구 주민",
// "디지털·AI를 원하는 분", "50~54세".
func audienceText(a data.Audience) string {
	var parts []string
	if a.District.Valid() {
		parts = append(parts, a.District.Name()+" 주민")
	}
	if a.Goal.Valid() {
		parts = append(parts, a.Goal.Label()+" 희망")
	}
	if a.Age.Valid() {
		parts = append(parts, a.Age.Label())
	}
	if len(parts) == 0 {
		return "알림 받는 모든 분"
	}
	return strings.Join(parts, " · ")
}

// msgStaffProgress is a broadcast's progress message.
func msgStaffProgress(b data.Broadcast) string {
	c := b.Counts
	head := fmt.Sprintf("안내 #%d · %s %s명", b.ID, audienceText(b.Audience), thousands(c.Recipients))
	switch b.State {
	case data.BroadcastDone:
		return head + "\n다 보냈어요.\n" + countsText(c, false)
	case data.BroadcastCancelled:
		return head + "\n보내기를 멈췄어요.\n" + countsText(c, false)
	}
	if c.Recipients == 0 {
		return head + "\n받으실 분이 없어 보내지 않았어요."
	}
	return head + "\n보내는 중이에요.\n" + countsText(c, true)
}

// countsText is a broadcast's totals in one line; zero figures other than
// "보냄" are left out.
func countsText(c data.DeliveryCounts, running bool) string {
	parts := []string{"보냄 " + thousands(c.Sent)}
	if c.Blocked > 0 {
		parts = append(parts, "차단 "+thousands(c.Blocked))
	}
	if c.Failed > 0 {
		parts = append(parts, "실패 "+thousands(c.Failed))
	}
	if c.Cancelled > 0 {
		parts = append(parts, "안 보냄 "+thousands(c.Cancelled))
	}
	if p := c.Pending(); p > 0 || running {
		parts = append(parts, "남음 "+thousands(p))
	}
	return strings.Join(parts, " · ")
}

// msgStaffListItem is one broadcast in /broadcasts.
func msgStaffListItem(b data.Broadcast) string {
	t := b.CreatedAt.In(data.Seoul())
	state := map[data.BroadcastState]string{
		data.BroadcastRunning:   "보내는 중",
		data.BroadcastDone:      "마침",
		data.BroadcastCancelled: "멈춤",
	}[b.State]
	return fmt.Sprintf("#%d · %d월 %d일 %02d:%02d · %s · %s\n「%s」\n%s",
		b.ID, t.Month(), t.Day(), t.Hour(), t.Minute(), audienceText(b.Audience), state,
		firstWords(b.Text, 30), countsText(b.Counts, b.State == data.BroadcastRunning))
}

// firstWords is the start of text on one line, at most n characters.
func firstWords(text string, n int) string {
	line, _, more := strings.Cut(strings.TrimSpace(text), "\n")
	if r := []rune(line); len(r) > n {
		return string(r[:n]) + "…"
	} else if more {
		return line + "…"
	}
	return line
}

// msgStaffStopped says a broadcast was stopped.
func msgStaffStopped(b data.Broadcast) string {
	return fmt.Sprintf("안내 #%d 보내기를 멈췄어요. 이미 보낸 %s건 말고는 보내지 않아요.", b.ID, thousands(b.Counts.Sent))
}

// msgStaffNotRunning says a broadcast had already finished.
func msgStaffNotRunning(b data.Broadcast) string {
	return fmt.Sprintf("안내 #%d는 이미 끝났어요.\n%s", b.ID, countsText(b.Counts, false))
}

// funnel is the intake's path by State.Step name, with the label staff read.
var funnel = [...]struct{ name, label string }{
	{"start", "처음 인사"},
	{"consent", "동의 질문"},
	{"age", "1단계 나이"},
	{"field", "2단계 경력 분야"},
	{"years", "2단계 경력 기간"},
	{"goals", "3단계 하고 싶은 일"},
	{"district", "4단계 사는 구"},
	{"confirm", "조건 확인"},
	{"results", "결과 보기"},
}

// msgStaffStats is /stats.
func msgStaffStats(st data.Stats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "이용 현황이에요.\n\n지금 정보를 남겨 두신 분 %s명\n", thousands(st.Residents))
	fmt.Fprintf(&b, "• 맞춤 안내 동의 %s명 · 입력 마침 %s명 · 알림 받음 %s명 · 차단 %s명\n",
		thousands(st.Profiles), thousands(st.Intakes), thousands(st.Notices), thousands(st.Blocked))
	fmt.Fprintf(&b, "• 텔레그램 %s명 · 카카오톡 %s명 (카카오톡은 안내·알림을 먼저 보낼 수 없어요)\n",
		thousands(st.Residents-st.Kakao), thousands(st.Kakao))
	fmt.Fprintf(&b, "\n처음부터 지금까지\n• 동의 %s번 · 동의 안 함 %s번 · 알림 동의 %s번\n• 입력 마침 %s번 · 삭제 요청 %s명 · 1년 지나 삭제 %s명\n",
		thousands(st.ConsentsGiven), thousands(st.ConsentsRefused), thousands(st.NoticesGiven),
		thousands(st.IntakesCompleted), thousands(st.Forgotten), thousands(st.Expired))
	b.WriteString("\n단계별로 와 주신 분 (처음 인사를 100으로)")
	reach := make([]int, len(funnel))
	for _, r := range st.Reach {
		if r.Step >= 0 && r.Step < len(reach) {
			reach[r.Step] = r.Chats
		}
	}
	for i, f := range funnel {
		fmt.Fprintf(&b, "\n• %s %s명", f.label, thousands(reach[i]))
		if reach[0] > 0 {
			fmt.Fprintf(&b, " (%d)", (reach[i]*100+reach[0]/2)/reach[0])
		}
	}
	return b.String()
}
