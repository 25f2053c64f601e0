package dialogs

import (
	"github.com/dasi-seoul/dasi/data"
)

// This file is the button presses of the resident's conversation: whether
// a press belongs to the current step, and what each step's buttons do.

// button handles a button press.
func (t *turn) button() {
	p, ok := parsePress(t.in.Text)
	if !ok {
		t.reprompt(msgOldButton)
		return
	}
	if p.code == codeHelp && t.pressHelp(p.val) {
		return
	}
	if p.code == codeReminder && t.pressReminder(p.val) {
		return
	}
	if !t.accepts(p.code) {
		t.reprompt(msgOldButton)
		return
	}
	if !t.press(p.val) {
		t.reprompt(msgOldButton)
	}
}

// accepts reports whether the current step takes buttons with this code.
func (t *turn) accepts(code string) bool {
	if code == stepInfo[t.s.step].code {
		return true
	}
	return code == codeNotices && (t.s.step == stepResults || t.s.step == stepDetails)
}

// codeNotices prefixes the buttons of the optional notices question, which
// is asked on the results step.
const codeNotices = "ntc"

// codeHelp prefixes the buttons under the help message, which work at
// every step as the words they stand for do: 내 정보 보기, 내 정보 삭제,
// 알림 끄기.
const codeHelp = "hlp"

// pressHelp acts on a button under the help message.
func (t *turn) pressHelp(val string) bool {
	switch val {
	case "profile":
		t.profile()
	case "forget":
		t.askForget()
	case "stop":
		t.stop()
	default:
		return false
	}
	return true
}

// press acts on a button value of the current step; false when the value
// is not one of the step's.
func (t *turn) press(val string) bool {
	switch val {
	case valBack:
		if t.s.step == stepConsent {
			t.prompt()
		} else {
			t.back()
		}
		return true
	case valHome:
		t.home()
		return true
	}
	if t.pressView(val) {
		return true
	}
	switch t.s.step {
	case stepConsent:
		return t.pressConsent(val)
	case stepAge:
		if val == "again" {
			t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
			t.prompt()
			return true
		}
		b := data.AgeBandByID(val)
		if b == 0 {
			return false
		}
		t.leadAge(b)
		t.advance()
	case stepField:
		f := data.FieldByName(val)
		if f == 0 {
			return false
		}
		t.setField(f)
		t.advance()
	case stepYears:
		y := data.YearsBandByID(val)
		if y == 0 {
			return false
		}
		t.s.prof.Years = y
		t.advance()
	case stepGoals:
		return t.pressGoal(val)
	case stepDistrict:
		d := districtByCode(val)
		if d == 0 {
			return false
		}
		t.setDistrict(d)
		t.advance()
	case stepConfirm:
		switch val {
		case "yes":
			if t.s.firstMissing() != stepConfirm {
				// A summary from before an answer was taken back.
				t.advance()
				return true
			}
			t.search()
		case "edit":
			t.enterAside(stepEdit)
			t.prompt()
		default:
			return false
		}
	case stepEdit:
		return t.pressEdit(val)
	case stepResults:
		return t.pressResults(val)
	case stepDetails:
		return t.pressDetails(val)
	case stepBrowse:
		d := districtByCode(val)
		if d == 0 {
			return false
		}
		t.setDistrict(d)
		t.s.page = 0
		t.showBrowse()
	case stepBrowseResults:
		switch val {
		case "more":
			t.nextPage()
			t.showBrowse()
		case "dst":
			t.goTo(stepBrowse)
		case "consent":
			t.goTo(stepConsent)
		default:
			return false
		}
	case stepForget:
		switch val {
		case "yes":
			t.forget()
		case "no":
			t.lead(msgForgetKept)
			t.returnFromAside()
		default:
			return false
		}
	case stepResume:
		switch val {
		case "go":
			t.returnFromAside()
		case "new":
			t.s.ret = stepStart
			t.home()
		default:
			return false
		}
	default:
		return false
	}
	return true
}

func (t *turn) pressConsent(val string) bool {
	switch val {
	case "yes":
		t.s.consent = yes
		t.effect(Effect{Kind: EffectConsent, On: true})
		if t.s.pend {
			// What was typed before is used at once: with every answer in,
			// the consent line has said it back, and the search runs.
			t.s.pend = false
			if t.s.firstMissing() == stepConfirm {
				t.search()
				return true
			}
			t.lead(msgHeard([]string{summary(t.s.prof)}))
		}
		t.advance()
	case "no":
		if t.s.pend {
			// Answers typed before the consent are dropped on a refusal.
			t.s.prof, t.s.pend = data.Profile{}, false
		}
		t.s.consent, t.s.done = no, false
		t.s.prof = data.Profile{District: t.s.prof.District, At: t.s.prof.At}
		if t.s.notices == yes {
			t.s.notices = no
		}
		t.effect(Effect{Kind: EffectConsent, On: false})
		t.lead(msgRefused)
		t.goTo(stepBrowse)
	case "more":
		t.send(Reply{Kind: ReplyText, Text: msgConsentDetails(t.m.opts.OperatorContact), Buttons: append(t.privacyRow(), t.keyboard()...)})
	default:
		return false
	}
	return true
}

func (t *turn) pressGoal(val string) bool {
	if val == "done" {
		if t.s.prof.Goals == 0 {
			t.lead(msgGoalsNone)
			t.prompt()
			return true
		}
		t.advance()
		return true
	}
	g := data.GoalByName(val)
	if g == 0 || g.ID() != val {
		return false
	}
	switch {
	case t.s.prof.Goals.Has(g) && t.s.done && t.s.prof.Goals.Len() == 1:
		// Answers already searched with stay whole: the new goal is
		// chosen first, then the old one taken off.
		t.lead(msgGoalsKeepOne)
	case t.s.prof.Goals.Has(g):
		t.s.prof.Goals = t.s.prof.Goals.Without(g)
	case t.s.prof.Goals.Len() >= data.MaxGoals:
		t.lead(msgGoalsTooMany)
	default:
		t.s.prof.Goals = t.s.prof.Goals.With(g)
	}
	t.prompt()
	// The goals message is redrawn in place, so its checks follow the taps.
	t.out[len(t.out)-1].Edit = true
	return true
}

func (t *turn) pressEdit(val string) bool {
	switch val {
	case "age":
		t.goTo(stepAge)
	case "field":
		t.goTo(stepField)
	case "years":
		if t.s.prof.Field == data.FieldNone {
			return false
		}
		t.goTo(stepYears)
	case "goals":
		t.goTo(stepGoals)
	case "district":
		t.goTo(stepDistrict)
	case "on", "off":
		if val == "on" && t.in.NoPush {
			t.lead(msgNoPush)
			t.prompt()
			return true
		}
		t.lead(t.setNotices(val == "on"))
		t.prompt()
	case "forget":
		t.enterAside(stepForget)
		t.prompt()
	default:
		return false
	}
	return true
}

func (t *turn) pressResults(val string) bool {
	if t.in.NoPush && (val == "notify" || val == "yes") {
		// Notices cannot reach a resident of this channel.
		t.send(Reply{Kind: ReplyText, Text: msgNoPush, Buttons: t.footer(true)})
		return true
	}
	switch val {
	case "more":
		t.nextPage()
		t.showResults()
	case "edit":
		t.s.ret = stepConfirm
		t.s.step = stepEdit
		t.prompt()
	case "profile":
		t.profile()
	case "notify":
		if t.s.notices == yes {
			t.send(Reply{Kind: ReplyText, Text: msgNoticesAlso, Buttons: t.footer(true)})
		} else {
			t.askNotices()
		}
	case "yes", "no":
		t.send(Reply{Kind: ReplyText, Text: t.setNotices(val == "yes"), Buttons: t.footer(true)})
	case "pick":
		t.pick()
	default:
		return t.open(val)
	}
	return true
}

// privacyRow is the link to the privacy policy, when the operator gave one.
func (t *turn) privacyRow() [][]Button {
	if t.m.opts.PrivacyURL == "" {
		return nil
	}
	return [][]Button{{{Label: labelPrivacy, URL: t.m.opts.PrivacyURL}}}
}

// districtByCode returns the district whose 시군구 code is exactly code
// (button data, a session), or the zero District.
func districtByCode(code string) data.District {
	for d := data.District(1); d.Valid(); d++ {
		if d.Info().Code == code {
			return d
		}
	}
	return 0
}
