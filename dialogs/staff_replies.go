package dialogs

import (
	"strconv"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is what the staff conversation shows: each step's question
// and buttons, the preview, a broadcast's progress, the list of recent
// broadcasts and what stopping one did. The sentences are in
// staff_messages.go.

// preview shows the announcement as residents will read it and asks to
// confirm sending it to the s.n residents of the chosen audience.
func (s StaffState) preview() []Reply {
	if s.n == 0 {
		return []Reply{staffText(msgStaffNobody(audienceText(s.aud))+msgStaffUnreachable(s.np), s.previewButtons())}
	}
	return []Reply{
		{Kind: ReplyText, Text: s.text, Buttons: [][]Button{{StopAlertsButton()}}},
		staffText(msgStaffConfirm(audienceText(s.aud), s.n)+msgStaffUnreachable(s.np), s.previewButtons()),
	}
}

// previewButtons are the preview's buttons: send (when anyone would
// receive it), choose the audience again, cancel.
func (s StaffState) previewButtons() [][]Button {
	again := []Button{staffBtn(labelStaffAgain, "again"), staffBtn(labelStaffCancel, "cancel")}
	if s.n == 0 {
		return [][]Button{again}
	}
	return [][]Button{{staffBtn(labelStaffSend, "send")}, again}
}

// The grids of audiences, built once; never modified.
var (
	staffDistricts = choiceButtons(staffCode+":d:", data.Districts(), data.District.Name, districtCode)
	staffGoals     = choiceButtons(staffCode+":g:", data.AllGoals[:], data.Goal.Label, data.Goal.ID)
	staffAges      = choiceButtons(staffCode+":a:", data.AgeBands[:], data.AgeBand.Label, data.AgeBand.ID)
)

// ask asks the current step's question, after lead when it is not empty.
func (s StaffState) ask(lead string) []Reply {
	var (
		text    string
		buttons [][]Button
	)
	cancel := []Button{staffBtn(labelStaffCancel, "cancel")}
	switch s.step {
	case staffIdle:
		text = msgStaffIdle
	case staffWrite:
		text, buttons = msgStaffAskText, [][]Button{cancel}
	case staffAudience:
		text = msgStaffAskAudience
		buttons = [][]Button{
			{staffBtn(labelStaffAll, "all")},
			{staffBtn(labelStaffByDistrict, "by:district"), staffBtn(labelStaffByGoal, "by:goal"), staffBtn(labelStaffByAge, "by:age")},
			cancel,
		}
	case staffDistrict:
		text, buttons = msgStaffAskDistrict, append(grid(staffDistricts, 4), cancel)
	case staffGoal:
		text, buttons = msgStaffAskGoal, append(grid(staffGoals, 2), cancel)
	case staffAge:
		text, buttons = msgStaffAskAge, append(grid(staffAges, 3), cancel)
	case staffPreview:
		text, buttons = msgStaffAskConfirm, s.previewButtons()
	}
	if lead != "" {
		text = lead + "\n" + text
	}
	return []Reply{staffText(text, buttons)}
}

// StaffProgress is the progress message of a staff broadcast as it stands,
// with a button to stop it while it runs. Staff shows it when the broadcast
// is created (marked with Reply.Progress); the broadcast worker edits that
// message to it as deliveries go out.
func StaffProgress(b data.Broadcast) Reply {
	var buttons [][]Button
	if b.State == data.BroadcastRunning {
		buttons = [][]Button{{staffBtn(labelStaffStop, "stop:"+strconv.FormatInt(b.ID, 10))}}
	}
	return staffText(msgStaffProgress(b), buttons)
}

// staffList shows the recent broadcasts, newest first, each with its
// totals and, while it runs, a button to stop it.
func staffList(bs []data.Broadcast) []Reply {
	if len(bs) == 0 {
		return []Reply{staffText(msgStaffNoBroadcasts, nil)}
	}
	var (
		b       strings.Builder
		buttons [][]Button
	)
	b.WriteString(msgStaffListHead)
	for _, bc := range bs {
		b.WriteString("\n\n")
		b.WriteString(msgStaffListItem(bc))
		if bc.State == data.BroadcastRunning {
			buttons = append(buttons, []Button{staffBtn(labelStaffStopN(bc.ID), "stop:"+strconv.FormatInt(bc.ID, 10))})
		}
	}
	buttons = append(buttons, []Button{staffBtn(labelStaffRefresh, "list")})
	return []Reply{staffText(b.String(), buttons)}
}

// staffCancelled says what stopping a broadcast did: r is the result of
// EffectCancelBroadcast.
func staffCancelled(r Result) []Reply {
	switch {
	case r.NoBroadcast:
		return []Reply{staffText(msgStaffNoSuch, nil)}
	case !r.WasRunning:
		return []Reply{staffText(msgStaffNotRunning(r.Broadcast), nil)}
	}
	return []Reply{staffText(msgStaffStopped(r.Broadcast), nil)}
}

func staffBtn(label, val string) Button { return Button{Label: label, Data: staffCode + ":" + val} }

func staffText(text string, buttons [][]Button) Reply {
	return Reply{Kind: ReplyText, Text: text, Buttons: buttons}
}
