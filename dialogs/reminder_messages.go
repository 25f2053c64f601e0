package dialogs

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the message catalog of an item's details and of reminders:
// the details view, the reminder buttons and their confirmation, the list
// in /profile, and the messages the reminder sender pushes.

// Button labels (at most 14 characters).
const (
	labelDetails        = "자세히 보기"
	labelRemindDeadline = "마감 전 알림"
	labelRemindOpen     = "신청 시작 알림"
	labelOpenPage       = "안내 페이지 열기"
	labelToList         = "목록으로"
)

const (
	msgPick               = "어느 것을 자세히 보실까요? 아래에서 눌러 주세요."
	msgPickGroups         = "교육·활동이 먼저, 일자리가 다음이에요."
	msgPickNothing        = "이 쪽에는 자세히 볼 교육이나 일자리가 없어요."
	msgItemGone           = "그 안내는 내려가서 지금은 볼 수 없어요."
	msgRemindNeedsNotices = "알림을 보내 드리려면 알림 받기에 동의해 주셔야 해요."
	msgRemindNotSet       = "알림은 맞춰 두지 않았어요."
	msgRemindNoDate       = "이 안내는 신청 날짜가 정해져 있지 않아 알림을 맞춰 드릴 수 없어요."
	msgRemindNoPush       = "이 대화방에서는 먼저 메시지를 보내 드릴 수 없어 알림을 맞춰 드릴 수 없어요."
	msgReminderCancelled  = "알림을 취소했어요."
	msgRemindersHead      = "맞춰 두신 알림이에요. 취소하시려면 아래 버튼을 눌러 주세요."
	msgRemindersHeadOff   = "맞춰 두신 알림이에요. 지금은 알림을 꺼 두셔서 보내 드리지 않아요."
	wordItemGone          = "내려간 안내"
)

// labelCancelReminder is the button that cancels reminder n of the list.
func labelCancelReminder(n int) string { return strconv.Itoa(n) + "번 알림 취소" }

// weekdays are the days of the week as a date says them: "7월 24일(금)".
var weekdays = [...]string{"일", "월", "화", "수", "목", "금", "토"}

// dayWithWeekday writes a date with its day of the week: "7월 24일(금)",
// with the year when it is not today's.
func dayWithWeekday(d, today data.Date) string {
	return day(d, today) + "(" + weekdays[d.Time().Weekday()] + ")"
}

// msgProgramDates is a programme's application dates in the details.
func msgProgramDates(p *data.Program, today data.Date) string {
	switch {
	case p.Window == data.WindowRolling:
		return "신청: 언제든 받아요"
	case p.Window == data.WindowBetween:
		return "신청: 지난 모집이 끝났고 다음 일정은 아직 안 나왔어요"
	case p.Window == data.WindowUnknown, p.ApplyStart == 0 && p.ApplyEnd == 0:
		return "신청: 날짜는 안내 페이지에서 확인해 주세요"
	case p.ApplyStart != 0 && p.ApplyEnd != 0:
		return "신청: " + dayWithWeekday(p.ApplyStart, today) + "부터 " + dayWithWeekday(p.ApplyEnd, today) + "까지"
	case p.ApplyStart != 0:
		return "신청: " + dayWithWeekday(p.ApplyStart, today) + "부터"
	}
	return "신청: " + dayWithWeekday(p.ApplyEnd, today) + "까지"
}

// msgJobDates is a job opening's deadline in the details.
func msgJobDates(j *data.Job, today data.Date) string {
	if j.Deadline == 0 {
		return "마감: " + wordUntilHire
	}
	return "마감: " + dayWithWeekday(j.Deadline, today)
}

// msgWherePhone is where an item is and the phone to ask, in the details;
// "" when neither is known.
func msgWherePhone(where, phone string) string {
	switch {
	case where != "" && phone != "":
		return "곳: " + where + " ☎ " + phone
	case where != "":
		return "곳: " + where
	case phone != "":
		return "☎ " + phone
	}
	return ""
}

// msgReminderSet confirms a reminder in one line: "마감 이틀 전인 7월
// 22일(수) 아침 9시에 알려 드릴게요."
func msgReminderSet(r data.Reminder) string {
	return whenReminded(r) + " 알려 드릴게요."
}

// whenReminded says when a reminder goes out, and before what.
func whenReminded(r data.Reminder) string {
	at := dayWithWeekday(r.Due, r.Due) + " 아침 9시에"
	switch {
	case r.Kind == data.ReminderOpen && r.Due == r.On.AddDays(-1):
		return "신청 시작 하루 전인 " + at
	case r.Kind == data.ReminderOpen:
		return "신청 시작일인 " + at
	case r.Due == r.On.AddDays(-2):
		return "마감 이틀 전인 " + at
	case r.Due == r.On:
		return "마감일인 " + at
	}
	return "마감 하루 전인 " + at
}

// msgReminderLine is one reminder in the /profile list.
func msgReminderLine(n int, title string, r data.Reminder) string {
	what := "마감 전"
	if r.Kind == data.ReminderOpen {
		what = "신청 시작 전"
	}
	return strconv.Itoa(n) + ". " + shortTitle(title) + " · " + dayWithWeekday(r.Due, r.Due) + " 아침 (" + what + ")"
}

// shortTitle cuts a title for a line of a list.
func shortTitle(title string) string {
	const most = 20
	title = strings.Join(strings.Fields(title), " ")
	if utf8.RuneCountInString(title) <= most {
		return title
	}
	return cutAtWord(title, most)
}

// ReminderText is the message a reminder pushes on its day: what opens or
// closes when, the item's title, and its page on a line of its own.
func ReminderText(r data.Reminder, title, url string, today data.Date) string {
	var head string
	switch {
	case r.Kind == data.ReminderOpen && r.On == today:
		head = "오늘부터 신청을 받아요: " + title
	case r.Kind == data.ReminderOpen:
		head = dayWithWeekday(r.On, today) + "부터 신청을 받아요: " + title
	case r.On == today:
		head = "오늘이 신청 마감이에요: " + title
	default:
		head = dayWithWeekday(r.On, today) + "에 신청이 마감돼요: " + title
	}
	text := "맞춰 두신 알림이에요.\n" + head
	if url != "" {
		text += "\n" + url
	}
	return text
}

// ReminderMovedText tells a resident that an item's date changed and
// when the reminder goes out now, in one line.
func ReminderMovedText(r data.Reminder, title string) string {
	what := "마감일이"
	if r.Kind == data.ReminderOpen {
		what = "신청 시작일이"
	}
	return shortTitle(title) + withTopic(shortTitle(title)) + " " + what + " " + dayWithWeekday(r.On, r.Due) + "로 바뀌어, " + whenReminded(r) + " 알려 드릴게요."
}

// ReminderCancelledText tells a resident that a reminder was cancelled
// because its item was taken down, or no longer has the date, in one line.
// An empty title (an item gone before the sender knew it) is said without
// its name.
func ReminderCancelledText(title string, gone bool) string {
	switch {
	case title == "" && gone:
		return "맞춰 두신 알림 하나는 안내가 내려가서 취소했어요. '내 정보 보기'에서 남은 알림을 보실 수 있어요."
	case title == "":
		return "맞춰 두신 알림 하나는 신청 날짜가 바뀌어 취소했어요. '내 정보 보기'에서 남은 알림을 보실 수 있어요."
	case gone:
		return shortTitle(title) + " 안내가 내려가서 맞춰 두신 알림을 취소했어요."
	}
	return shortTitle(title) + withTopic(shortTitle(title)) + " 신청 날짜가 바뀌어 맞춰 두신 알림을 취소했어요."
}

// ReminderButtons are the buttons under a pushed reminder: the "알림
// 끄기" button, as under every message the resident did not ask for.
func ReminderButtons() [][]Button { return [][]Button{{StopAlertsButton()}} }
