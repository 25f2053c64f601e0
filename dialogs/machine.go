package dialogs

import (
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// This file is the step itself: the turn that gathers replies and
// effects, moving between questions (back, home, the asides and the return
// from them), and the changes several kinds of input share.

// Catalog is what the conversation needs of the catalog: matching, places
// by id (deep links from a campus QR code), and programmes and job
// openings by id (an item's details, reminders). *data.Catalog and
// *data.LiveCatalog satisfy it.
type Catalog interface {
	Match(q data.Query) data.Result
	Place(id string) (data.Place, bool)
	Program(id string) (*data.Program, bool)
	Job(id string) (*data.Job, bool)
}

// Machine runs the conversation. It holds no per-resident data and is safe
// for concurrent use.
type Machine struct {
	cat  Catalog
	opts Options
}

// Options say who runs the service, for the privacy notice residents read
// in the consent's details (자세히 보기) and in /profile, as 개인정보 보호법
// asks of a processing notice. A zero field is left out of what residents
// read; the channel warns the operator at startup.
type Options struct {
	// PrivacyURL is the page of the privacy policy (개인정보 처리방침), an
	// http(s) URL, shown as a link button.
	PrivacyURL string
	// OperatorContact says who runs the service and how to reach them, in
	// one short line of Korean ("서울시50플러스재단 디지털팀 02-000-0000").
	OperatorContact string
}

// New returns a Machine that answers from cat, with opts for the privacy
// notice.
func New(cat Catalog, opts Options) *Machine { return &Machine{cat: cat, opts: opts} }

// Step applies one input to the state and returns the next state, the
// replies to show, in order, and the effects the channel's core applies,
// in order, before it saves the state and shows the replies. It never
// fails and never returns no reply: every input, whatever it is, gets at
// least one message with a way forward. None of its effects has a result
// ([EffectKind.HasResult]); it takes an InputResult as it takes
// InputOther.
//
// A press of the "알림 끄기" button under an announcement or alert
// ([StopAlertsData]) is /stop, whatever the step; the answer is a new
// message, and the announcement stays as it was.
//
// /profile, and a press of a button that cancels a reminder, ask for the
// resident's reminders ([EffectListReminders]); the step that takes them
// lists them, and shows nothing, leaving the state as it was, when there
// are none.
func (m *Machine) Step(s State, in Input) (State, []Reply, []Effect) {
	if !s.valid() {
		s = State{lost: true}
	}
	if in.Kind == InputResult && in.Result != nil && in.Result.Of == EffectListReminders {
		t := &turn{m: m, in: in, s: s}
		if s.consent == yes {
			t.listReminders(in.Result.Reminders)
		}
		return t.s, t.out, nil
	}
	if isStopPress(in) {
		in = Input{Kind: InputCommand, Command: "stop", Today: in.Today, Staff: in.Staff, NoPush: in.NoPush}
	}
	t := &turn{m: m, in: in, s: s}
	// A resident who comes back mid-way after a day or more and says
	// something that does not answer the question is asked whether to
	// continue or start over.
	t.paused = in.Today != 0 && s.seen != 0 && s.seen < in.Today && s.step.intake()
	if s.lost {
		t.lead(msgLost)
		t.s.lost = false
	}
	// Answers typed before the consent are kept for a day at most.
	if t.s.pend && in.Today != 0 && t.s.seen != 0 && in.Today > t.s.seen {
		t.s.prof, t.s.pend = data.Profile{}, false
		t.lead(msgPendingDropped)
	}
	switch {
	case t.s.step == stepStart && in.Kind != InputCommand:
		// The first thing a resident sends, whatever it is, is answered
		// with the greeting. Answers it holds (on a channel where the
		// first message is typed, KakaoTalk) are kept as answers typed
		// before the consent are.
		t.greet(data.Place{}, false)
		if in.Kind == InputText {
			t.firstText()
		}
	case in.Kind == InputCommand:
		t.command()
	case in.Kind == InputButton:
		t.button()
	case in.Kind == InputText:
		t.text()
	case in.Kind == InputLocation:
		t.location()
	default:
		t.reprompt(msgOther)
	}
	if in.Today > t.s.seen {
		t.s.seen = in.Today
	}
	if !t.shown() {
		t.prompt()
	}
	if t.s.step != stepDetails && t.s.ret != stepDetails {
		t.s.item = data.AlertItem{}
	}
	if t.s.step != stepDetails {
		t.s.remind = false
	}
	return t.s, t.out, t.effects
}

// turn is one Step in progress: the state being changed and the replies
// and effects being gathered.
type turn struct {
	m       *Machine
	in      Input
	s       State
	out     []Reply
	effects []Effect
	leads   []string // lines to put before the next message
	paused  bool
	// zone is the 생활권 (1 to 5) whose districts the compact view of the
	// district question shows on this turn, 0 for the five 생활권.
	zone int
	// fieldPage is the page (1 or 2) of fields the compact view of the
	// field question shows on this turn.
	fieldPage int
	// sayAge is the age the age question asks the resident to confirm on
	// this turn ("61세가 맞으세요?"); the state keeps only its band.
	sayAge int
	// noDetails is set when the results page shown on this turn lists no
	// programme or job opening: no 자세히 보기.
	noDetails bool
}

// lead queues a line to open the next message ("잘 알아듣지 못했어요.").
func (t *turn) lead(line string) { t.leads = append(t.leads, line) }

// send adds a reply, opening a text with the queued lines. A results
// message takes them as its Lead and is laid out here; for any other
// text, when together they would pass four lines, the queued lines go
// first on their own.
func (t *turn) send(r Reply) {
	switch {
	case r.Kind != ReplyText:
	case len(r.Items) > 0:
		if len(t.leads) > 0 {
			if r.Lead != "" {
				t.leads = append(t.leads, r.Lead)
			}
			r.Lead, t.leads = strings.Join(t.leads, "\n"), nil
		}
		r.Text = layout(r)
	case len(t.leads) == 0:
	case len(t.leads)+strings.Count(r.Text, "\n")+1 > maxLines:
		t.out = append(t.out, Reply{Kind: ReplyText, Text: strings.Join(t.leads, "\n")})
		t.leads = nil
	default:
		if r.CompactText != "" {
			r.CompactText = strings.Join(append(t.leads[:len(t.leads):len(t.leads)], r.CompactText), "\n")
		}
		r.Text, t.leads = strings.Join(append(t.leads, r.Text), "\n"), nil
	}
	t.out = append(t.out, r)
}

// maxLines is the most lines a message has, so that it reads at a glance.
const maxLines = 4

// say sends a message without buttons.
func (t *turn) say(text string) { t.send(Reply{Kind: ReplyText, Text: text}) }

// effect asks the channel to record or delete something.
func (t *turn) effect(e Effect) { t.effects = append(t.effects, e) }

// shown reports whether a message was sent, and sends queued lines.
func (t *turn) shown() bool {
	if len(t.leads) > 0 {
		t.out = append(t.out, Reply{Kind: ReplyText, Text: strings.Join(t.leads, "\n")})
		t.leads = nil
	}
	for _, r := range t.out {
		if r.Kind == ReplyText && r.Text != "" {
			return true
		}
	}
	return false
}

// reprompt asks the current question again, opened by note. A resident
// back after a pause is asked whether to continue or start over instead.
// The consent question is asked again in one line, not its whole text.
func (t *turn) reprompt(note string) {
	if t.paused {
		t.offerResume(msgBackUnfinished)
		return
	}
	t.lead(note)
	if t.s.step == stepConsent {
		t.send(Reply{Kind: ReplyText, Text: msgConsentAgain, Buttons: t.keyboard()})
		return
	}
	t.prompt()
}

// goTo moves to st and asks its question.
func (t *turn) goTo(st step) {
	t.s.step = st
	if st != stepAge {
		t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
	}
	t.prompt()
}

// advance moves to the first unanswered question, or to the summary.
func (t *turn) advance() { t.goTo(t.s.firstMissing()) }

// enterAside moves to an aside (the edit menu, /forget, the resume
// question) that returns to where the resident was.
func (t *turn) enterAside(st step) {
	switch t.s.step {
	case stepEdit, stepForget, stepResume:
	default:
		t.s.ret = t.s.step
	}
	t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
	t.s.step = st
}

// offerResume asks a resident who came back mid-way whether to continue.
func (t *turn) offerResume(opening string) {
	t.paused = false
	t.lead(opening)
	t.enterAside(stepResume)
	t.prompt()
}

// home restarts: the intake from its first question for a resident who
// consented, the greeting for one who did not.
func (t *turn) home() {
	if t.s.consent != yes {
		t.greet(data.Place{}, false)
		return
	}
	t.s = State{consent: yes, notices: t.s.notices, seen: t.s.seen}
	t.lead(msgRestart)
	t.goTo(stepAge)
}

// back goes to the previous question.
func (t *turn) back() {
	switch t.s.step {
	case stepAge:
		if t.s.decade != 0 || t.s.span != 0 || t.s.confirm != 0 {
			// From the question about a typed age, back to the age question.
			t.s.decade, t.s.span, t.s.confirm = 0, 0, 0
			t.prompt()
			return
		}
		t.goTo(stepConsent)
	case stepBrowse:
		t.goTo(stepConsent)
	case stepField:
		t.goTo(stepAge)
	case stepYears:
		t.goTo(stepField)
	case stepGoals:
		if t.s.prof.Field == data.FieldNone {
			t.goTo(stepField)
		} else {
			t.goTo(stepYears)
		}
	case stepDistrict:
		t.goTo(stepGoals)
	case stepConfirm:
		t.goTo(stepDistrict)
	case stepResults:
		t.goTo(stepConfirm)
	case stepDetails:
		t.showResults()
	case stepBrowseResults:
		t.goTo(stepBrowse)
	case stepEdit:
		if t.s.ret == stepStart {
			t.advance()
		} else {
			t.returnFromAside()
		}
	case stepForget, stepResume:
		t.returnFromAside()
	default:
		t.prompt()
	}
}

// returnFromAside goes back to where the resident was before the aside.
func (t *turn) returnFromAside() {
	r := t.s.ret
	t.s.ret = stepStart
	switch {
	case r == stepStart:
		t.greet(data.Place{}, false)
	case (r.intake() || r == stepResults) && t.s.consent != yes,
		r == stepBrowseResults && t.s.prof.District == 0,
		r == stepResults && !t.s.done,
		r == stepDetails && !t.s.done:
		t.home()
	case r == stepDetails:
		t.goTo(stepDetails)
	case r == stepResults:
		t.goTo(stepResults)
	case r == stepBrowseResults:
		t.showBrowse()
	case r == stepConfirm:
		t.advance()
	default:
		t.goTo(r)
	}
}

// setNotices records notices on or off, for the channel too, and returns
// the sentence that confirms it.
func (t *turn) setNotices(on bool) string {
	t.effect(Effect{Kind: EffectNotices, On: on})
	if on {
		t.s.notices = yes
		return msgNoticesOn
	}
	t.s.notices = no
	return msgNoticesOff
}

// forget deletes everything: the channel's records, then the session.
func (t *turn) forget() {
	t.effect(Effect{Kind: EffectForget})
	t.s = State{seen: t.s.seen}
	t.send(Reply{Kind: ReplyText, Text: msgForgotten, Buttons: [][]Button{{btn(stepStart, labelHome, valHome)}}})
}

// search runs the confirmed intake: the profile is stored, results shown,
// and the optional notices question asked once.
func (t *turn) search() {
	t.s.done = true
	t.s.page = 0
	t.effect(Effect{Kind: EffectProfile, Profile: t.s.Profile()})
	t.showResults()
	if t.s.notices == unasked && !t.in.NoPush {
		// Asked once: a resident who lets it pass is not asked again, and
		// keeps the 새 소식 알림 받기 button.
		t.askNotices()
		t.s.notices = no
	}
}

func (t *turn) askNotices() {
	t.send(Reply{Kind: ReplyText, Text: msgNoticesAsk, Buttons: [][]Button{{
		{Label: labelNoticesYes, Data: codeNotices + ":yes"},
		{Label: labelNoticesNo, Data: codeNotices + ":no"},
	}}})
}

func (t *turn) nextPage() {
	if t.s.page < maxPage {
		t.s.page++
	}
}

func (t *turn) setField(f data.Field) {
	t.s.prof.Field = f
	if f == data.FieldNone {
		t.s.prof.Years = 0
	}
}

// setDistrict records the district; a location shared before no longer
// stands for the resident.
func (t *turn) setDistrict(d data.District) {
	if d != t.s.prof.District {
		t.s.prof.At = data.LatLon{}
	}
	t.s.prof.District = d
}
