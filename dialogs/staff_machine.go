package dialogs

import (
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the staff conversation, a small pure machine beside the
// resident's: /broadcast (write, choose the audience, preview with the
// number of recipients, confirm), /broadcasts (recent ones, stop a running
// one) and /stats. What needs the store comes back as a StaffRequest; the
// channel carries it out and shows the answer with StaffPreview,
// StaffStarted, StaffList, StaffCancelled or StaffStats.

// StaffState is a staff member's place in the staff conversation. The zero
// StaffState is idle. MarshalBinary and UnmarshalBinary let a channel keep
// a draft across restarts.
type StaffState struct {
	step staffStep
	text string
	aud  data.Audience
	n    int // recipients counted for the preview
}

type staffStep uint8

const (
	staffIdle     staffStep = iota
	staffWrite              // asked for the announcement
	staffAudience           // asked who should receive it
	staffDistrict           // which district
	staffGoal               // which goal
	staffAge                // which age band
	staffPreview            // shown the preview and the number of recipients
)

// Active reports whether a /broadcast is being written: the channel then
// passes the staff member's typed text to Staff rather than to the
// resident's conversation.
func (s StaffState) Active() bool { return s.step != staffIdle }

// staffCode prefixes the data of the staff conversation's buttons.
const staffCode = "stf"

// staffCommands are the commands only staff may use.
var staffCommands = [...]string{"broadcast", "broadcasts", "stats"}

// IsStaffInput reports whether in belongs to the staff conversation: a
// staff command or a press of one of its buttons. Anyone can send one;
// Staff refuses those who are not staff.
func IsStaffInput(in Input) bool {
	switch in.Kind {
	case InputCommand:
		for _, c := range staffCommands {
			if in.Command == c {
				return true
			}
		}
	case InputButton:
		return strings.HasPrefix(in.Text, staffCode+":")
	}
	return false
}

// StaffRequestKind says what the channel must do for the staff
// conversation.
type StaffRequestKind uint8

// The requests of the staff conversation.
const (
	// StaffNone: nothing; show the replies.
	StaffNone StaffRequestKind = iota
	// StaffCountAudience: count the residents of Audience, then show
	// StaffPreview(state, n).
	StaffCountAudience
	// StaffCreateBroadcast: store the broadcast of Text to Audience and start it, then
	// show StaffStarted(broadcast) as the message its progress edits.
	StaffCreateBroadcast
	// StaffListBroadcasts: read the recent broadcasts, then show StaffList.
	StaffListBroadcasts
	// StaffCancelBroadcast: stop broadcast BroadcastID, then show StaffCancelled.
	StaffCancelBroadcast
	// StaffReadStats: read the figures, then show StaffStats.
	StaffReadStats
	// StaffRefused: the sender is not staff; show the replies (a polite
	// refusal) and log the attempt.
	StaffRefused
)

// StaffRequest is what the channel must do after a staff step.
type StaffRequest struct {
	Kind        StaffRequestKind // what to do
	Text        string           // the announcement, for StaffCreateBroadcast
	Audience    data.Audience    // who receives it, for StaffCountAudience and StaffCreateBroadcast
	BroadcastID int64            // the broadcast to stop, for StaffCancelBroadcast
}

// maxAnnouncement is the longest announcement, in the UTF-16 units
// Telegram counts; it leaves no room for anything but the text itself.
const maxAnnouncement = data.MaxBroadcastText

// Staff applies one input of the staff conversation and returns the next
// state, the replies to show first, and what the channel must do. It never
// fails: input that does not fit gets the current question again.
func Staff(s StaffState, in Input) (StaffState, []Reply, StaffRequest) {
	if !in.Staff {
		return StaffState{}, []Reply{staffText(msgStaffOnly, nil)}, StaffRequest{Kind: StaffRefused}
	}
	switch in.Kind {
	case InputCommand:
		switch in.Command {
		case "broadcast":
			s = StaffState{step: staffWrite}
			return s, s.ask(""), StaffRequest{}
		case "broadcasts":
			return s, nil, StaffRequest{Kind: StaffListBroadcasts}
		case "stats":
			return s, nil, StaffRequest{Kind: StaffReadStats}
		}
		// Another command ends the draft; the channel passes it on.
		return StaffState{}, nil, StaffRequest{}
	case InputButton:
		return s.press(strings.TrimPrefix(in.Text, staffCode+":"))
	case InputText:
		return s.typed(strings.TrimSpace(in.Text))
	}
	if s.step == staffWrite {
		return s, s.ask(msgStaffTextOnly), StaffRequest{}
	}
	return s, s.ask(msgStaffPressButton), StaffRequest{}
}

// press handles a button of the staff conversation.
func (s StaffState) press(val string) (StaffState, []Reply, StaffRequest) {
	if id, ok := strings.CutPrefix(val, "stop:"); ok {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return s, s.ask(msgStaffOldButton), StaffRequest{}
		}
		return s, nil, StaffRequest{Kind: StaffCancelBroadcast, BroadcastID: n}
	}
	switch val {
	case "list":
		return s, nil, StaffRequest{Kind: StaffListBroadcasts}
	case "cancel":
		if !s.Active() {
			return s, s.ask(msgStaffOldButton), StaffRequest{}
		}
		return StaffState{}, []Reply{staffText(msgStaffCancelled, nil)}, StaffRequest{}
	}
	kind, arg, _ := strings.Cut(val, ":")
	switch {
	case s.step == staffAudience && kind == "all":
		return s.count(data.Audience{})
	case s.step == staffAudience && kind == "by":
		switch arg {
		case "district":
			s.step = staffDistrict
		case "goal":
			s.step = staffGoal
		case "age":
			s.step = staffAge
		default:
			return s, s.ask(msgStaffOldButton), StaffRequest{}
		}
		return s, s.ask(""), StaffRequest{}
	case s.step == staffDistrict && kind == "d":
		if d := data.DistrictByName(arg); d.Valid() {
			return s.count(data.Audience{District: d})
		}
	case s.step == staffGoal && kind == "g":
		if g := data.GoalByName(arg); g.Valid() {
			return s.count(data.Audience{Goal: g})
		}
	case s.step == staffAge && kind == "a":
		if a := data.AgeBandByID(arg); a.Valid() {
			return s.count(data.Audience{Age: a})
		}
	case s.step == staffPreview && kind == "send" && s.n > 0:
		return StaffState{}, nil, StaffRequest{Kind: StaffCreateBroadcast, Text: s.text, Audience: s.aud}
	case s.step == staffPreview && kind == "again":
		s.step = staffAudience
		return s, s.ask(""), StaffRequest{}
	}
	return s, s.ask(msgStaffOldButton), StaffRequest{}
}

// typed handles typed text.
func (s StaffState) typed(text string) (StaffState, []Reply, StaffRequest) {
	if s.Active() && in(fold(text), wordsStaffCancel) {
		return StaffState{}, []Reply{staffText(msgStaffCancelled, nil)}, StaffRequest{}
	}
	switch s.step {
	case staffWrite:
		if text == "" {
			return s, s.ask(msgStaffEmpty), StaffRequest{}
		}
		if n := utf16Units(text); n > maxAnnouncement {
			return s, s.ask(msgStaffTooLong(n, maxAnnouncement)), StaffRequest{}
		}
		s.text, s.step = text, staffAudience
		return s, s.ask(""), StaffRequest{}
	case staffDistrict:
		if d := data.DistrictByName(text); d.Valid() {
			return s.count(data.Audience{District: d})
		}
		return s, s.ask(msgStaffNoDistrict), StaffRequest{}
	case staffIdle:
		return s, []Reply{staffText(msgStaffIdle, nil)}, StaffRequest{}
	}
	return s, s.ask(msgStaffPressButton), StaffRequest{}
}

// count moves to the preview of audience a, once the channel has counted it.
func (s StaffState) count(a data.Audience) (StaffState, []Reply, StaffRequest) {
	s.aud, s.step, s.n = a, staffPreview, 0
	return s, nil, StaffRequest{Kind: StaffCountAudience, Audience: a}
}

// StaffPreview shows the announcement as residents will read it and asks
// to confirm sending it to the n residents of the chosen audience.
func StaffPreview(s StaffState, n int) (StaffState, []Reply) {
	if s.step != staffPreview {
		return s, s.ask("")
	}
	s.n = n
	if n == 0 {
		return s, []Reply{staffText(msgStaffNobody(audienceText(s.aud)), s.previewButtons())}
	}
	return s, []Reply{
		{Kind: ReplyText, Text: s.text, Buttons: [][]Button{{StopAlertsButton()}}},
		staffText(msgStaffConfirm(audienceText(s.aud), n), s.previewButtons()),
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

// StaffStarted is the message that shows a broadcast's progress; the
// channel edits it as deliveries go out (StaffProgress).
func StaffStarted(b data.Broadcast) Reply { return StaffProgress(b) }

// StaffProgress is the progress message of a staff broadcast as it stands:
// with a button to stop it while it runs.
func StaffProgress(b data.Broadcast) Reply {
	var buttons [][]Button
	if b.State == data.BroadcastRunning {
		buttons = [][]Button{{staffBtn(labelStaffStop, "stop:"+strconv.FormatInt(b.ID, 10))}}
	}
	return staffText(msgStaffProgress(b), buttons)
}

// StaffList shows the recent broadcasts, newest first, each with its
// totals and, while it runs, a button to stop it.
func StaffList(bs []data.Broadcast) []Reply {
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

// StaffCancelled says what stopping broadcast b did; wasRunning is whether
// it was still running when asked.
func StaffCancelled(b data.Broadcast, wasRunning bool) []Reply {
	if !wasRunning {
		return []Reply{staffText(msgStaffNotRunning(b), nil)}
	}
	return []Reply{staffText(msgStaffStopped(b), nil)}
}

// StaffNoBroadcast says a broadcast to stop was not found.
func StaffNoBroadcast() []Reply { return []Reply{staffText(msgStaffNoSuch, nil)} }

// StaffStats shows the figures of /stats.
func StaffStats(st data.Stats) []Reply { return []Reply{staffText(msgStaffStats(st), nil)} }

// FunnelStep returns the place in the intake of the conversation step named
// name (State.Step): 0 for start up to 8 for results. Steps off the intake's
// path (browse, edit, forget, resume) give false. Channels record the
// furthest place each chat reached; /stats shows where residents drop off.
func FunnelStep(name string) (int, bool) {
	for i, f := range funnel {
		if f.name == name {
			return i, true
		}
	}
	return 0, false
}

func staffBtn(label, val string) Button { return Button{Label: label, Data: staffCode + ":" + val} }

func staffText(text string, buttons [][]Button) Reply {
	return Reply{Kind: ReplyText, Text: text, Buttons: buttons}
}

// utf16Units is the length of s as Telegram counts it.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
