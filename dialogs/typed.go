package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// This file is typed text: a button's label typed, the words that work
// everywhere (처음으로, 이전, 도움말, 내 정보 보기, 내 정보 삭제, 알림 끄기),
// yes and no, and answers read by the parser (parse.go), one message
// filling every question it answers.

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
	if f == "" && !strings.ContainsAny(txt, "👍👌🙆") {
		t.reprompt(msgNotUnderstood)
		return
	}
	// Typing a button's label is pressing it. A goal typed at the goals
	// question is added, never taken away, so it is read below.
	for _, row := range append(t.keyboard(), t.compact()...) {
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
	tx := prepare(txt)
	it := readIntent(tx, txt)
	a := tx.answer(t.asking(), t.in.Today)
	if t.s.step == stepConsent {
		t.consentText(a, it)
		return
	}
	if a.empty() && a.other == 0 && t.wordsEverywhere(it) {
		return
	}
	if t.wordsOfStep(a, it) {
		return
	}
	t.answer(a)
}

// wordsEverywhere acts on the words that work at every step, said alone:
// the resident's rights, help, back and start over. "그만" alone starts
// over; "알림 그만" turns notices off.
func (t *turn) wordsEverywhere(it intent) bool {
	switch {
	case it.has(wantStop):
		t.stop()
	case it.has(wantForget):
		t.askForget()
	case it.has(wantProfile):
		t.profile()
	case it.has(wantHome):
		t.home()
	case it.has(wantBack):
		t.press(valBack)
	case it.has(wantHelp):
		t.help()
	default:
		return false
	}
	return true
}

// wordsOfStep acts on the words of the current question: yes and no,
// "다 골랐어요", "더 보기", "후반이요". It returns false to read the answers.
func (t *turn) wordsOfStep(a answer, it intent) bool {
	s := &t.s
	switch s.step {
	case stepAge:
		switch {
		case !a.empty():
		case s.decade != 0 && (it.has(wantEarly) || it.has(wantLate)) && !it.has(wantMid):
			b := data.AgeBandOf(int(s.decade) * 10)
			if it.has(wantLate) {
				b = data.AgeBandOf(int(s.decade)*10 + 5)
			}
			t.leadAge(b)
			t.advance()
			return true
		case s.confirm != 0 && it.has(wantYes):
			t.leadAge(s.confirm)
			t.advance()
			return true
		case s.confirm != 0 && it.has(wantNo):
			s.confirm = 0
			t.prompt()
			return true
		}
	case stepGoals:
		if it.has(wantDone) {
			t.takeGoals(a)
			t.pressGoal("done")
			return true
		}
	case stepConfirm:
		switch {
		case !a.empty():
			// A correction with its value ("은평 아니고 마포예요", "네 맞아요 아
			// 나이는 58이에요") is taken, and the summary shown again.
			return false
		case it.has(wantYes) || it.has(wantUnsure):
			// To "맞나요?", "괜찮아요" is "fine as it is": a search gives
			// nothing away.
			return t.press("yes")
		case it.has(wantNo):
			return t.press("edit")
		}
	case stepResults:
		switch {
		case !a.empty():
		case it.has(wantMore):
			return t.press("more")
		case it.has(wantChange):
			return t.press("edit")
		case foldedIs(labelNoticesYes, prepareFold(t.in.Text)):
			return t.press("yes")
		case foldedIs(labelNoticesNo, prepareFold(t.in.Text)):
			return t.press("no")
		}
	case stepForget:
		switch {
		case it.has(wantYes):
			return t.press("yes")
		case it.has(wantNo) || it.has(wantUnsure):
			return t.press("no")
		}
	case stepResume:
		switch {
		case it.has(wantYes):
			return t.press("go")
		case it.has(wantNo):
			return t.press("new")
		}
	case stepEdit, stepBrowse, stepBrowseResults:
	}
	return false
}

func prepareFold(s string) string { return data.Fold(s) }

// consentText answers what is typed at the consent question. Answers typed
// there are kept in the session only, and used as soon as the resident
// agrees; a refusal drops them.
func (t *turn) consentText(a answer, it intent) {
	if t.s.consent == yes && !a.empty() && !it.has(wantNo) {
		// Back at the question after agreeing: the answers are taken as
		// at any question.
		t.answer(a)
		return
	}
	kept := t.s.consent != yes && t.keepBeforeConsent(a)
	switch {
	case it.has(wantNo):
		t.pressConsent("no")
	case it.has(wantYes):
		t.pressConsent("yes")
	case it.has(wantForget):
		t.askForget()
	case it.has(wantHome):
		t.home()
	case it.has(wantDetails):
		t.pressConsent("more")
	case it.has(wantUnsure):
		t.send(Reply{Kind: ReplyText, Text: msgConsentWhich, Buttons: t.keyboard()})
	case it.has(wantExplain) || it.has(wantHelp) && !kept:
		t.send(Reply{Kind: ReplyText, Text: msgConsentExplain, Buttons: t.keyboard()})
	case kept:
		t.send(Reply{Kind: ReplyText, Text: msgPendingFacts(summary(t.s.prof), t.s.firstMissing() == stepConfirm), Buttons: t.keyboard()})
	case it.has(wantStop):
		t.stop()
	case it.has(wantProfile):
		t.profile()
	default:
		t.reprompt(msgNotUnderstood)
	}
}

// firstText reads the first message of a conversation, after the
// greeting: the answers it holds are kept as before the consent and said
// back with the consent's buttons; anything else (a hello) needs nothing
// more than the greeting.
func (t *turn) firstText() {
	txt := t.in.Text
	if !utf8.ValidString(txt) || utf8.RuneCountInString(txt) > maxTyped || data.Fold(txt) == "" {
		return
	}
	a := prepare(txt).answer(t.asking(), t.in.Today)
	if t.keepBeforeConsent(a) {
		t.send(Reply{Kind: ReplyText, Text: msgPendingFacts(summary(t.s.prof), t.s.firstMissing() == stepConfirm), Buttons: t.keyboard()})
	}
}

// keepBeforeConsent keeps the answers typed before the consent in the
// session, and reports whether there were any. An age that needs a
// question back is asked after the consent instead.
func (t *turn) keepBeforeConsent(a answer) bool {
	p := &t.s.prof
	kept := false
	if a.age != 0 {
		p.Age, kept = a.age, true
	}
	if a.field != 0 {
		p.Field, kept = a.field, true
		if a.field == data.FieldNone {
			p.Years = 0
		}
	}
	if a.years != 0 && p.Field != data.FieldNone {
		p.Years, kept = a.years, true
	}
	for _, g := range a.goals.List() {
		if p.Goals.Len() < data.MaxGoals {
			p.Goals, kept = p.Goals.With(g), true
		}
	}
	if a.district != 0 && a.other == 0 {
		p.District, kept = a.district, true
	}
	if kept {
		t.s.pend = true
	}
	return kept
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

// takeGoals adds the goals of a to the chosen ones, up to three.
func (t *turn) takeGoals(a answer) []string {
	var heard []string
	p := &t.s.prof
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
	return heard
}

// answer applies what typed text told us. One message fills every answer
// it holds, then the conversation moves to the first question still
// unanswered; a question about the age or the district comes first when
// the message needs one.
func (t *turn) answer(a answer) {
	switch t.s.step {
	case stepBrowse, stepBrowseResults:
		switch {
		case a.other != 0:
			t.askDistrictWhich(a.district, a.other)
		case a.district != 0:
			t.setDistrict(a.district)
			t.s.page = 0
			t.showBrowse()
		case a.outside:
			t.reprompt(msgOutsideSeoulTyped)
		default:
			t.reprompt(msgNotUnderstood)
		}
		return
	case stepForget, stepResume:
		t.reprompt(msgNotUnderstood)
		return
	}
	if a.empty() && a.other == 0 {
		if a.outside {
			t.reprompt(msgOutsideSeoulTyped)
		} else {
			t.reprompt(msgNotUnderstood)
		}
		return
	}
	var heard []string
	p := &t.s.prof
	var ageNote string
	if a.age != 0 {
		ageNote = t.setAge(a.age)
		heard = append(heard, a.age.Label())
	}
	// An age to ask about ("50대", "환갑 지났어요", "61살이고 72년생") is asked
	// next; an age given before stays until then, so that answers already
	// confirmed stay whole.
	askAge := a.asksAge() && a.age == 0
	if askAge && a.decade != 0 {
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
	heard = append(heard, t.takeGoals(a)...)
	if a.district != 0 && a.other == 0 {
		t.setDistrict(a.district)
		heard = append(heard, a.district.Name())
	}
	t.s.page = 0
	// Goals typed at the goals question stay there: more may follow.
	stay := t.s.step == stepGoals && a.goals != 0 && !askAge && a.other == 0
	// Say what was understood, so that a misreading shows at once, unless
	// the next message says it: the chosen goals at the goals question,
	// the age question, or the summary.
	onlyGoals := a.goals != 0 && a.age == 0 && !a.asksAge() && a.field == 0 && a.years == 0 && a.district == 0
	toSummary := !askAge && !stay && a.other == 0 && t.s.firstMissing() == stepConfirm
	if len(heard) > 0 && !(stay && onlyGoals) && !(askAge && len(heard) == 1 && a.decade != 0) && !toSummary {
		t.lead(msgHeard(heard))
	}
	if ageNote != "" {
		t.lead(ageNote)
	}
	switch {
	case askAge:
		t.askAge(a)
	case a.other != 0:
		t.askDistrictWhich(a.district, a.other)
	case stay:
		t.prompt()
	default:
		t.advance()
	}
}

// setAge records the age band, and returns the line for a resident
// outside the ages the service is for, saying where else to turn.
func (t *turn) setAge(b data.AgeBand) string {
	t.s.prof.Age = b
	t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
	switch b {
	case data.Age65Plus:
		return msgOver64
	case data.AgeUnder40:
		return msgUnder40
	}
	return ""
}

// leadAge records the age band and leads with its line, if any.
func (t *turn) leadAge(b data.AgeBand) {
	if note := t.setAge(b); note != "" {
		t.lead(note)
	}
}

// askAge asks the age question a typed answer needs: which half of a
// decade, which of two bands, or whether an age is right.
func (t *turn) askAge(a answer) {
	t.s.step = stepAge
	t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
	switch {
	case a.decade != 0:
		t.s.decade = uint8(a.decade)
	case a.span != 0:
		t.s.span = a.span
	case a.confirm != 0:
		t.s.confirm = a.confirm
		t.sayAge = a.confirmAge
	}
	t.prompt()
}

// askDistrictWhich asks which of two districts the resident lives in,
// with a button for each.
func (t *turn) askDistrictWhich(d1, d2 data.District) {
	st := stepDistrict
	if t.s.step == stepBrowse || t.s.step == stepBrowseResults {
		st = stepBrowse
	}
	t.s.step = st
	t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
	t.send(Reply{Kind: ReplyText, Text: msgDistrictWhich(d1, d2), Buttons: [][]Button{
		{btn(st, d1.Name(), districtCode(d1)), btn(st, d2.Name(), districtCode(d2))},
		navRow(st),
	}})
}

// help answers /help and the words that ask for it: what can be typed,
// the resident's rights in words, and a person to call.
func (t *turn) help() {
	t.send(Reply{Kind: ReplyText, Text: msgHelp, Buttons: [][]Button{{
		{Label: labelProfile, Data: codeHelp + ":profile"},
		{Label: labelForget, Data: codeHelp + ":forget"},
		{Label: labelNoticesOff, Data: codeHelp + ":stop"},
	}}})
	t.prompt()
}

// askForget asks before deleting everything, as /forget does.
func (t *turn) askForget() {
	t.enterAside(stepForget)
	t.prompt()
}
