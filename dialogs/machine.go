package dialogs

import (
	"strings"
	"unicode/utf8"

	"github.com/dasi-seoul/dasi/data"
)

// Catalog is what the conversation needs of the catalog: matching, and
// places by id (deep links from a campus QR code). *data.Catalog satisfies it.
type Catalog interface {
	Match(q data.Query) data.Result
	Place(id string) (data.Place, bool)
}

// Machine runs the conversation. It holds no per-resident data and is safe
// for concurrent use.
type Machine struct {
	cat Catalog
}

// New returns a Machine that answers from cat.
func New(cat Catalog) *Machine { return &Machine{cat: cat} }

// Step applies one input to the state and returns the next state and the
// replies to show, in order. It never fails and never returns no reply:
// every input, whatever it is, gets at least one message with a way
// forward.
func (m *Machine) Step(s State, in Input) (State, []Reply) {
	if !s.valid() {
		s = State{lost: true}
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
	switch {
	case t.s.step == stepStart && in.Kind != InputCommand:
		// The first thing a resident sends, whatever it is, is answered
		// with the greeting.
		t.greet(data.Place{}, false)
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
	return t.s, t.out
}

// turn is one Step in progress: the state being changed and the replies
// being gathered.
type turn struct {
	m      *Machine
	in     Input
	s      State
	out    []Reply
	leads  []string // lines to put before the next message
	paused bool
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
		r.Text, t.leads = strings.Join(append(t.leads, r.Text), "\n"), nil
	}
	t.out = append(t.out, r)
}

// maxLines is the most lines a message has, so that it reads at a glance.
const maxLines = 4

// say sends a message without buttons.
func (t *turn) say(text string) { t.send(Reply{Kind: ReplyText, Text: text}) }

// effect records a change the channel must persist.
func (t *turn) effect(r Reply) { t.out = append(t.out, r) }

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
func (t *turn) reprompt(note string) {
	if t.paused {
		t.offerResume(msgBackUnfinished)
		return
	}
	t.lead(note)
	t.prompt()
}

// goTo moves to st and asks its question.
func (t *turn) goTo(st step) {
	t.s.step = st
	if st != stepAge {
		t.s.decade = 0
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
	t.s.decade = 0
	t.s.step = st
}

// command handles /start, /help, /profile, /forget, /stop and unknown
// commands.
func (t *turn) command() {
	name, _, _ := strings.Cut(strings.ToLower(strings.TrimPrefix(t.in.Command, "/")), "@")
	switch name {
	case "start":
		t.start(strings.TrimSpace(t.in.Text))
	case "help":
		t.send(Reply{Kind: ReplyText, Text: msgHelp})
		t.prompt()
	case "profile":
		t.profile()
	case "forget":
		t.enterAside(stepForget)
		t.prompt()
	case "stop":
		t.stop()
	default:
		// Staff commands reach here only from a channel that does not
		// serve staff (see Staff): to a resident they are unknown.
		t.reprompt(msgUnknownCmd)
	}
}

// start answers /start, with a deep-link payload such as a place id.
func (t *turn) start(payload string) {
	place, ok := t.deepLink(payload)
	midway := t.s.step.intake() || (t.s.step == stepForget || t.s.step == stepResume) && t.s.ret.intake()
	// The place's district is pre-selected, unless the resident already
	// gave one in this intake or a finished one.
	if ok && place.District.Valid() && (t.s.prof.District == 0 || !midway && !t.s.done) {
		t.s.prof.District = place.District
		t.s.prof.At = data.LatLon{}
	}
	switch {
	case midway:
		if ok {
			t.lead(msgFromPlaceShort(place.Name))
		}
		t.offerResume(msgUnfinished)
	case t.s.done:
		t.lead(msgWelcomeBack)
		t.goTo(stepConfirm)
	default:
		t.greet(place, ok)
	}
}

// deepLink returns the place a /start payload names. Payloads are at most
// 64 characters of A-Z a-z 0-9 _ -; anything else, or an unknown id, is
// ignored.
func (t *turn) deepLink(payload string) (data.Place, bool) {
	if payload == "" || len(payload) > 64 {
		return data.Place{}, false
	}
	for _, r := range payload {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return data.Place{}, false
		}
	}
	return t.m.cat.Place(payload)
}

// greet starts a conversation: the greeting, then the consent question.
func (t *turn) greet(place data.Place, fromPlace bool) {
	t.s = State{prof: data.Profile{District: t.s.prof.District}, notices: t.s.notices, seen: t.s.seen}
	if fromPlace {
		t.say(msgFromPlace(place.Name, place.District))
	} else {
		t.say(msgGreeting)
	}
	t.goTo(stepConsent)
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
	case stepAge, stepBrowse:
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
		r == stepResults && !t.s.done:
		t.home()
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

// profile answers /profile: the answers kept, with buttons to change one.
func (t *turn) profile() {
	if t.s.consent != yes {
		t.say(msgNoProfile)
		t.goTo(stepConsent)
		return
	}
	t.enterAside(stepEdit)
	t.send(Reply{Kind: ReplyText, Text: msgProfile(summary(t.s.prof), t.s.notices == yes), Buttons: t.keyboard()})
}

// stop answers /stop: notices off, whatever the state says, since the
// channel's record is what counts.
func (t *turn) stop() {
	if t.s.notices == yes {
		t.lead(msgStopped)
	} else {
		t.lead(msgStopNothing)
	}
	t.setNotices(false)
	t.prompt()
}

// button handles a button press.
func (t *turn) button() {
	p, ok := parsePress(t.in.Text)
	if !ok {
		t.reprompt(msgOldButton)
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
	return code == codeNotices && t.s.step == stepResults
}

// codeNotices prefixes the buttons of the optional notices question, which
// is asked on the results step.
const codeNotices = "ntc"

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
	switch t.s.step {
	case stepConsent:
		return t.pressConsent(val)
	case stepAge:
		b := data.AgeBandByID(val)
		if b == 0 {
			return false
		}
		t.s.prof.Age = b
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
		t.effect(Reply{Kind: ReplyConsent, On: true})
		t.advance()
	case "no":
		t.s.consent, t.s.done = no, false
		t.s.prof = data.Profile{District: t.s.prof.District, At: t.s.prof.At}
		if t.s.notices == yes {
			t.s.notices = no
		}
		t.effect(Reply{Kind: ReplyConsent, On: false})
		t.lead(msgRefused)
		t.goTo(stepBrowse)
	case "more":
		t.send(Reply{Kind: ReplyText, Text: msgConsentMore, Buttons: t.keyboard()})
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
	switch val {
	case "more":
		t.nextPage()
		t.showResults()
	case "edit":
		t.s.ret = stepConfirm
		t.s.step = stepEdit
		t.prompt()
	case "notify":
		if t.s.notices == yes {
			t.send(Reply{Kind: ReplyText, Text: msgNoticesAlso, Buttons: t.footer(true)})
		} else {
			t.askNotices()
		}
	case "yes", "no":
		t.send(Reply{Kind: ReplyText, Text: t.setNotices(val == "yes"), Buttons: t.footer(true)})
	default:
		return false
	}
	return true
}

// setNotices records notices on or off, for the channel too, and returns
// the sentence that confirms it.
func (t *turn) setNotices(on bool) string {
	t.effect(Reply{Kind: ReplyNotices, On: on})
	if on {
		t.s.notices = yes
		return msgNoticesOn
	}
	t.s.notices = no
	return msgNoticesOff
}

// forget deletes everything: the channel's records, then the session.
func (t *turn) forget() {
	t.effect(Reply{Kind: ReplyForget})
	t.s = State{seen: t.s.seen}
	t.send(Reply{Kind: ReplyText, Text: msgForgotten, Buttons: [][]Button{{btn(stepStart, labelHome, valHome)}}})
}

// search runs the confirmed intake: the profile is stored, results shown,
// and the optional notices question asked once.
func (t *turn) search() {
	t.s.done = true
	t.s.page = 0
	t.effect(Reply{Kind: ReplyProfile, Profile: t.s.Profile()})
	t.showResults()
	if t.s.notices == unasked {
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

func districtByCode(code string) data.District {
	d := data.DistrictByName(code)
	if d.Info().Code != code {
		return 0
	}
	return d
}

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
	f := fold(txt)
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

// location handles a shared location: its district is the resident's, and
// distances are measured from it for the current results.
func (t *turn) location() {
	switch t.s.step {
	case stepConsent:
		t.reprompt(msgConsentFirst)
		return
	case stepForget, stepResume:
		t.reprompt(msgNotUnderstood)
		return
	}
	at := t.in.At
	d := nearestDistrict(at)
	if d == 0 {
		t.reprompt(msgOutsideSeoul)
		return
	}
	if t.s.step == stepResults {
		// After the search the location only moves where distances are
		// measured from; the confirmed district stays.
		t.s.prof.At = at
		t.s.page = 0
		t.lead(msgNearHere)
		t.showResults()
		return
	}
	t.s.prof.District = d
	t.s.prof.At = at
	t.s.page = 0
	t.lead(msgLocated(d))
	switch t.s.step {
	case stepBrowse, stepBrowseResults:
		t.showBrowse()
	default:
		t.advance()
	}
}
