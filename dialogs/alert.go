package dialogs

import (
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the personal alert: the message a resident who asked for
// notices gets when new programs or job openings match their answers, at
// most once a day, and the button under every announcement that stops them.

// StopAlertsData is the data of the "알림 끄기" button under announcements
// and alerts. [Machine.Step] takes its press as the /stop command, whatever
// step the resident is at; a channel passes it on like any other press.
const StopAlertsData = "ntc:stop"

// isStopPress reports whether in is a press of the "알림 끄기" button.
func isStopPress(in Input) bool { return in.Kind == InputButton && in.Text == StopAlertsData }

// IsStop reports whether in asks to stop notices: the /stop command, or a
// press of the "알림 끄기" button under an announcement or alert. The
// conversation answers both the same way; a channel that keeps notices
// apart from the conversation (a resident the conversation cannot know)
// withdraws them on either.
func IsStop(in Input) bool {
	return isStopPress(in) || in.Kind == InputCommand && in.Command == "stop"
}

// StopAlertsButton is the button under every announcement and alert.
func StopAlertsButton() Button { return Button{Label: labelNoticesOff, Data: StopAlertsData} }

// maxAlertItems is how many items one digest lists; the rest are counted.
const maxAlertItems = 5

const (
	msgAlertHead     = "새 소식이 있어요. 알려 주신 조건에 맞는 것만 골랐어요."
	msgAlertPrograms = "새 교육·활동"
	msgAlertJobs     = "새 일자리"
	msgAlertFoot     = "알림을 그만 받으시려면 아래 '알림 끄기'를 눌러 주세요."
)

// msgAlertMore counts the items a digest leaves out.
func msgAlertMore(n int) string {
	return "이 밖에도 " + strconv.Itoa(n) + "개가 더 있어요. /start 를 보내시면 맞는 것을 더 찾아 드려요."
}

// AlertDigest returns the text of a personal alert listing hits (matches
// among the new items only), each with a line of why it matched and its
// official page; ok is false when there is nothing to announce. The text
// fits one message (maxDigestText): items that would not fit are counted
// with the ones past maxAlertItems.
func AlertDigest(hits []data.Hit, today data.Date) (text string, ok bool) {
	var progs, jobs []data.Hit
	for _, h := range hits {
		switch {
		case h.Program != nil:
			progs = append(progs, h)
		case h.Job != nil:
			jobs = append(jobs, h)
		}
	}
	total := len(progs) + len(jobs)
	if total == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString(msgAlertHead)
	n := 0
	for _, g := range []struct {
		head string
		hits []data.Hit
	}{{msgAlertPrograms, progs}, {msgAlertJobs, jobs}} {
		if len(g.hits) == 0 || n == maxAlertItems {
			continue
		}
		head := "\n\n[" + g.head + "]"
		for _, h := range g.hits {
			if n == maxAlertItems {
				break
			}
			it, _ := hitItem(h, "", today, false)
			it.N = n + 1
			var ib strings.Builder
			ib.WriteString(head + "\n")
			writeItem(&ib, it, nil, nil)
			if it.URL != "" {
				ib.WriteString("\n   " + it.URL)
			}
			if !digestFits(b.String()+ib.String(), total-n-1) {
				break
			}
			b.WriteString(ib.String())
			head = ""
			n++
		}
	}
	if total > n {
		b.WriteString("\n\n" + msgAlertMore(total-n))
	}
	b.WriteString("\n\n" + msgAlertFoot)
	return b.String(), true
}

// digestFits reports whether a digest whose items so far are text, with
// more items left out, still fits one message with its closing lines.
func digestFits(text string, more int) bool {
	n := textUnits(text) + textUnits("\n\n"+msgAlertFoot)
	if more > 0 {
		n += textUnits("\n\n" + msgAlertMore(more))
	}
	return n <= maxDigestText
}
