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
// one) and /stats. What needs the store comes back as an effect with a
// result (count the audience, create the broadcast, list, stop, read the
// figures); the channel's core applies it and feeds the result back to
// Staff, which answers with what to show. The replies are in
// staff_replies.go.

// StaffState is a staff member's place in the staff conversation. The zero
// StaffState is idle. MarshalBinary and UnmarshalBinary let a channel keep
// a draft across restarts.
type StaffState struct {
	step staffStep
	text string
	aud  data.Audience
	n    int // recipients counted for the preview
	np   int // residents of the audience on a channel that cannot be messaged first
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

// maxAnnouncement is the longest announcement, in the UTF-16 units
// Telegram counts; it leaves no room for anything but the text itself.
const maxAnnouncement = data.MaxBroadcastText

// Staff applies one input of the staff conversation and returns the next
// state, the replies to show, in order, and the effects the channel's core
// applies, in order, before it saves the state and shows the replies. At
// most one effect has a result ([EffectKind.HasResult]), and it is the
// last: the core feeds the result back ([Input.WithResult]) and calls
// Staff again with the state it returned, adding the replies of that step
// to these; a step that takes a result asks for no other. Staff never
// fails: input that does not fit gets the current question again, and a
// sender who is not staff is refused politely (EffectRefused).
func Staff(s StaffState, in Input) (StaffState, []Reply, []Effect) {
	if !in.Staff {
		tried := in.Command
		if in.Kind == InputButton {
			tried = "button"
		}
		return StaffState{}, []Reply{staffText(msgStaffOnly, nil)}, []Effect{{Kind: EffectRefused, Tried: tried}}
	}
	switch in.Kind {
	case InputCommand:
		switch in.Command {
		case "broadcast":
			s = StaffState{step: staffWrite}
			return s, s.ask(""), nil
		case "broadcasts":
			return s, nil, []Effect{{Kind: EffectListBroadcasts}}
		case "stats":
			return s, nil, []Effect{{Kind: EffectReadStats}}
		}
		// Another command ends the draft; the channel passes it on.
		return StaffState{}, nil, nil
	case InputButton:
		return s.press(strings.TrimPrefix(in.Text, staffCode+":"))
	case InputText:
		return s.typed(strings.TrimSpace(in.Text))
	case InputResult:
		return s.result(in.Result)
	}
	if s.step == staffWrite {
		return s, s.ask(msgStaffTextOnly), nil
	}
	return s, s.ask(msgStaffPressButton), nil
}

// press handles a button of the staff conversation.
func (s StaffState) press(val string) (StaffState, []Reply, []Effect) {
	if id, ok := strings.CutPrefix(val, "stop:"); ok {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return s, s.ask(msgStaffOldButton), nil
		}
		return s, nil, []Effect{{Kind: EffectCancelBroadcast, BroadcastID: n}}
	}
	switch val {
	case "list":
		return s, nil, []Effect{{Kind: EffectListBroadcasts}}
	case "cancel":
		if !s.Active() {
			return s, s.ask(msgStaffOldButton), nil
		}
		return StaffState{}, []Reply{staffText(msgStaffCancelled, nil)}, nil
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
			return s, s.ask(msgStaffOldButton), nil
		}
		return s, s.ask(""), nil
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
		return StaffState{}, nil, []Effect{{Kind: EffectCreateBroadcast, Text: s.text, Audience: s.aud}}
	case s.step == staffPreview && kind == "again":
		s.step = staffAudience
		return s, s.ask(""), nil
	}
	return s, s.ask(msgStaffOldButton), nil
}

// typed handles typed text.
func (s StaffState) typed(text string) (StaffState, []Reply, []Effect) {
	if s.Active() && in(data.Fold(text), wordsStaffCancel) {
		return StaffState{}, []Reply{staffText(msgStaffCancelled, nil)}, nil
	}
	switch s.step {
	case staffWrite:
		if text == "" {
			return s, s.ask(msgStaffEmpty), nil
		}
		if n := utf16Units(text); n > maxAnnouncement {
			return s, s.ask(msgStaffTooLong(n, maxAnnouncement)), nil
		}
		s.text, s.step = text, staffAudience
		return s, s.ask(""), nil
	case staffDistrict:
		if d := data.DistrictByName(text); d.Valid() {
			return s.count(data.Audience{District: d})
		}
		return s, s.ask(msgStaffNoDistrict), nil
	case staffIdle:
		return s, []Reply{staffText(msgStaffIdle, nil)}, nil
	}
	return s, s.ask(msgStaffPressButton), nil
}

// count moves to the preview of audience a, which the core counts.
func (s StaffState) count(a data.Audience) (StaffState, []Reply, []Effect) {
	s.aud, s.step, s.n, s.np = a, staffPreview, 0, 0
	return s, nil, []Effect{{Kind: EffectCountAudience, Audience: a}}
}

// result shows what an effect found. A result that does not fit (none, or
// a count when no preview waits for one) gets the current question again.
func (s StaffState) result(r *Result) (StaffState, []Reply, []Effect) {
	if r == nil {
		return s, s.ask(""), nil
	}
	switch r.Of {
	case EffectCountAudience:
		if s.step != staffPreview {
			return s, s.ask(""), nil
		}
		s.n, s.np = r.Count, r.Unreachable
		return s, s.preview(), nil
	case EffectCreateBroadcast:
		rep := StaffProgress(r.Broadcast)
		rep.Progress = r.Broadcast.ID
		return s, []Reply{rep}, nil
	case EffectListBroadcasts:
		return s, staffList(r.Broadcasts), nil
	case EffectCancelBroadcast:
		return s, staffCancelled(*r), nil
	case EffectReadStats:
		return s, []Reply{staffText(msgStaffStats(r.Stats), nil)}, nil
	}
	return s, s.ask(""), nil
}

// utf16Units is the length of s as Telegram counts it.
func utf16Units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
