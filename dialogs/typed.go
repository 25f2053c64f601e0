package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is typed text: the words that work everywhere (처음으로, 이전,
// 도움말), a button's label typed, yes and no, and answers read by the
// parser (parse.go), one message filling every question it answers.

// text handles typed text.
func (t *turn) text() {
	txt := t.in.Text
	switch {
	case !utf8.ValidString(txt):
		t.reprompt(msgNotUnderstood)
		return
	case utf8.RuneCountInString(txt) > maxTyped:
		t.reprompt(msgTooLong)
		return
	}
	f := data.Fold(txt)
	switch {
	case f == "":
		t.reprompt(msgNotUnderstood)
		return
	case in(f, wordsHome):
		t.home()
		return
	case in(f, wordsBack):
		t.press(valBack)
		return
	case in(f, wordsHelp):
		t.send(Reply{Kind: ReplyText, Text: msgHelp})
		t.prompt()
		return
	}
	// Typing a button's label is pressing it. A goal typed at the goals
	// question is added, never taken away, so it is read below.
	for _, row := range t.keyboard() {
		for _, b := range row {
			if b.Data == "" || !foldedIs(b.Label, f) {
				continue
			}
			if t.s.step == stepGoals && strings.HasPrefix(b.Data, "gol:") && b.Data != "gol:done" && b.Data != "gol:back" && b.Data != "gol:home" {
				continue
			}
			p, _ := parsePress(b.Data)
			if t.accepts(p.code) && t.press(p.val) {
				return
			}
		}
	}
	if t.yesNo(f) {
		return
	}
	t.answer(parseAnswer(txt, t.asking(), t.in.Today))
}

func in(f string, words []string) bool {
	for _, w := range words {
		if f == w {
			return true
		}
	}
	return false
}

// yesNo reads a typed yes or no at the questions that take one.
func (t *turn) yesNo(f string) bool {
	if t.s.step == stepResults {
		// The notices question is asked on the results step.
		switch {
		case foldedIs(labelNoticesYes, f):
			return t.press("yes")
		case foldedIs(labelNoticesNo, f):
			return t.press("no")
		}
		return false
	}
	y, n := in(f, wordsYes), in(f, wordsNo)
	if !y && !n {
		return false
	}
	var v [2]string
	switch t.s.step {
	case stepConsent, stepForget:
		v = [2]string{"yes", "no"}
	case stepConfirm:
		v = [2]string{"yes", "edit"}
	case stepResume:
		v = [2]string{"go", "new"}
	default:
		return false
	}
	if y {
		return t.press(v[0])
	}
	return t.press(v[1])
}

// asking says which question typed text answers, for the parser.
func (t *turn) asking() asking {
	switch t.s.step {
	case stepAge:
		return ctxAge
	case stepField:
		return ctxField
	case stepYears:
		return ctxYears
	case stepGoals:
		return ctxGoals
	case stepDistrict, stepBrowse, stepBrowseResults:
		return ctxDistrict
	}
	return ctxOther
}

// answer applies what typed text told us. One message fills every answer
// it holds, then the conversation moves to the first question still
// unanswered.
func (t *turn) answer(a answer) {
	switch t.s.step {
	case stepConsent:
		if a.empty() {
			t.reprompt(msgNotUnderstood)
		} else {
			t.reprompt(msgConsentFirst)
		}
		return
	case stepBrowse, stepBrowseResults:
		if a.district == 0 {
			t.reprompt(msgNotUnderstood)
			return
		}
		t.setDistrict(a.district)
		t.s.page = 0
		t.showBrowse()
		return
	case stepForget, stepResume:
		t.reprompt(msgNotUnderstood)
		return
	}
	if a.empty() {
		t.reprompt(msgNotUnderstood)
		return
	}
	var heard []string
	p := &t.s.prof
	if a.age != 0 {
		p.Age = a.age
		heard = append(heard, a.age.Label())
	}
	// A decade without its half ("50대") is asked about next; an age given
	// before stays until then, so that answers already confirmed stay whole.
	askHalf := a.decade != 0 && a.age == 0
	if askHalf {
		heard = append(heard, msgDecadeHeard(a.decade))
	}
	if a.field != 0 {
		t.setField(a.field)
		heard = append(heard, a.field.Label())
	}
	if a.years != 0 && p.Field != data.FieldNone {
		p.Years = a.years
		heard = append(heard, a.years.Label())
	}
	for _, g := range a.goals.List() {
		if p.Goals.Has(g) {
			continue
		}
		if p.Goals.Len() >= data.MaxGoals {
			t.lead(msgGoalsTooMany)
			break
		}
		p.Goals = p.Goals.With(g)
		heard = append(heard, g.Short())
	}
	if a.district != 0 {
		t.setDistrict(a.district)
		heard = append(heard, a.district.Name())
	}
	t.s.page = 0
	// Goals typed at the goals question stay there: more may follow.
	stay := t.s.step == stepGoals && a.goals != 0
	// Say what was understood, so that a misreading shows at once, unless
	// the next message says it: the chosen goals at the goals question,
	// the decade's question, or the summary.
	onlyGoals := a.goals != 0 && a.age == 0 && a.decade == 0 && a.field == 0 && a.years == 0 && a.district == 0
	onlyDecade := a.decade != 0 && len(heard) == 1
	toSummary := !askHalf && !stay && t.s.firstMissing() == stepConfirm
	if len(heard) > 0 && !(stay && onlyGoals) && !onlyDecade && !toSummary {
		t.lead(msgHeard(heard))
	}
	switch {
	case askHalf:
		t.s.step = stepAge
		t.s.decade = uint8(a.decade)
		t.prompt()
	case stay:
		t.prompt()
	default:
		t.advance()
	}
}
