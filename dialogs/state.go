package dialogs

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// step is where a resident is in the conversation.
type step uint8

// The steps, in the order of the intake where there is one.
const (
	stepStart         step = iota // nothing said yet: the next input gets the greeting
	stepConsent                   // asked for the required consent
	stepAge                       // 1/4
	stepField                     // 2/4: field of experience
	stepYears                     // 2/4: years of experience
	stepGoals                     // 3/4
	stepDistrict                  // 4/4
	stepConfirm                   // the summary: search, or change an answer
	stepEdit                      // which answer to change (also /profile)
	stepResults                   // results shown; paging, notices
	stepBrowse                    // consent refused: which district to browse
	stepBrowseResults             // consent refused: a district's programs and places
	stepForget                    // /forget: asked to confirm
	stepResume                    // came back mid-way: continue or start over
	stepDetails                   // one programme's or job opening's details, from the results
	numSteps
)

// stepInfo names each step: name is the stable name of State.Step (for
// drop-off statistics), code prefixes the data of the step's buttons.
var stepInfo = [numSteps]struct{ name, code string }{
	stepStart:         {"start", "new"},
	stepConsent:       {"consent", "cns"},
	stepAge:           {"age", "age"},
	stepField:         {"field", "fld"},
	stepYears:         {"years", "yrs"},
	stepGoals:         {"goals", "gol"},
	stepDistrict:      {"district", "dst"},
	stepConfirm:       {"confirm", "cfm"},
	stepEdit:          {"edit", "edt"},
	stepResults:       {"results", "res"},
	stepBrowse:        {"browse", "brw"},
	stepBrowseResults: {"browse_results", "brr"},
	stepForget:        {"forget", "fgt"},
	stepResume:        {"resume", "rsm"},
	stepDetails:       {"details", "dtl"},
}

func stepNamed(name string) (step, bool) {
	for i, si := range stepInfo {
		if si.name == name {
			return step(i), true
		}
	}
	return 0, false
}

// intake reports whether st is a question of the intake, where a resident
// who comes back is offered to continue or start over.
func (st step) intake() bool { return st >= stepAge && st <= stepEdit }

// choice is a yes/no answer that may not have been given yet.
type choice uint8

const (
	unasked choice = iota
	yes
	no
)

// State is one resident's place in the conversation: the step, the answers
// so far (only the minimum: age band, field, years band, goals, district),
// the two consents, and a location shared for the current results. The
// zero State is a fresh conversation. It encodes to a few hundred bytes of
// JSON with MarshalBinary.
type State struct {
	step    step
	ret     step // where /forget, /profile and the resume question return to
	consent choice
	notices choice
	done    bool // the resident confirmed the answers and saw results
	prof    data.Profile
	decade  uint8 // 4, 5, 6: the age question asks which half of that decade
	// span is the younger of two bands the age question asks between
	// ("환갑 지났어요": 60~64세 or 65세 이상).
	span data.AgeBand
	// confirm is a band the age question asks the resident to confirm
	// ("61세가 맞으세요?"), when two readings of what they typed disagree.
	confirm data.AgeBand
	// pend reports answers typed before the required consent, kept in the
	// session only (never stored) until the resident agrees (they are used
	// at once), refuses (they are dropped), or a day passes (dropped too).
	pend bool
	page uint8 // results page
	end  bool  // the results page shown is the last
	seen data.Date
	// item is the programme or job opening whose details are shown
	// (stepDetails, or an aside from there); remind is set while the
	// notices question asked there waits to set its reminder.
	item   data.AlertItem
	remind bool
	lost   bool // decoded from data that could not be read; not encoded
}

// stateVersion is the version of the encoding. A State written by another
// version decodes as a fresh conversation that apologises for the restart.
const stateVersion = 1

// maxItemID bounds the catalog id a state keeps, so that a state stays
// small.
const maxItemID = 120

// maxPage bounds results paging: nobody reads 150 items in a chat.
const maxPage = 50

// Profile returns the answers the resident agreed to have kept: the zero
// Profile unless Consented. It never holds a shared location (Profile.At
// is zero); the location stays in the session for the current results only.
func (s State) Profile() data.Profile {
	if s.consent != yes {
		return data.Profile{}
	}
	p := s.prof
	p.At = data.LatLon{}
	return p
}

// PendingTTL is the longest a channel keeps a session that holds answers
// typed before the required consent (State.Pending): a day, after which
// they are dropped whether or not the resident comes back.
const PendingTTL = 24 * time.Hour

// Pending reports whether the state holds answers typed before the
// required consent, kept in the session only: a channel saves such a
// session to expire within PendingTTL.
func (s State) Pending() bool { return s.pend }

// Consented reports whether the resident gave the required consent to
// keep their answers.
func (s State) Consented() bool { return s.consent == yes }

// Notices reports whether the resident asked for notices (and has not
// turned them off with /stop).
func (s State) Notices() bool { return s.notices == yes }

// Done reports whether the intake is complete: the resident consented,
// confirmed every answer and was shown results.
func (s State) Done() bool { return s.done }

// Step returns the stable name of the resident's step, for drop-off
// statistics: start, consent, age, field, years, goals, district, confirm,
// edit, results, browse, browse_results, forget, resume, details.
func (s State) Step() string { return stepInfo[s.step].name }

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

// Restore returns the State of a resident the channel knows from its store
// (a consented profile, with or without notices) whose session has
// expired: the answers are back, and /start offers to search with them.
// An incomplete profile resumes at its first missing answer.
func Restore(p data.Profile, notices bool) State {
	s := State{consent: yes, notices: no}
	if notices {
		s.notices = yes
	}
	s.prof = p
	s.prof.At = data.LatLon{}
	if !s.valid() {
		return State{}
	}
	s.step = s.firstMissing()
	s.done = s.step == stepConfirm
	if s.done {
		s.step = stepResults
	}
	return s
}

// wire is the JSON form of State. Enumerations are stored by their stable
// ids, not their numbers, so that reordering them never changes a meaning.
type wire struct {
	V       int         `json:"v"`
	Step    string      `json:"s,omitempty"`
	Ret     string      `json:"r,omitempty"`
	Consent choice      `json:"c,omitempty"`
	Notices choice      `json:"n,omitempty"`
	Done    bool        `json:"ok,omitempty"`
	Age     string      `json:"a,omitempty"`
	Field   string      `json:"f,omitempty"`
	Years   string      `json:"y,omitempty"`
	Goals   []string    `json:"g,omitempty"`
	Dist    string      `json:"d,omitempty"`
	At      *[2]float64 `json:"at,omitempty"`
	Decade  uint8       `json:"dec,omitempty"`
	Span    string      `json:"sp,omitempty"`
	Confirm string      `json:"cf,omitempty"`
	Pend    bool        `json:"pd,omitempty"`
	Page    uint8       `json:"p,omitempty"`
	End     bool        `json:"e,omitempty"`
	Seen    data.Date   `json:"t,omitempty"`
	Item    string      `json:"it,omitempty"`
	Remind  bool        `json:"rm,omitempty"`
}

// MarshalBinary encodes the state for a session store, as compact JSON with
// a version. It never fails.
func (s State) MarshalBinary() ([]byte, error) {
	w := wire{
		V:       stateVersion,
		Step:    stepInfo[s.step].name,
		Consent: s.consent,
		Notices: s.notices,
		Done:    s.done,
		Age:     s.prof.Age.ID(),
		Field:   s.prof.Field.ID(),
		Years:   s.prof.Years.ID(),
		Dist:    s.prof.District.Info().Code,
		Decade:  s.decade,
		Span:    s.span.ID(),
		Confirm: s.confirm.ID(),
		Pend:    s.pend,
		Page:    s.page,
		End:     s.end,
		Seen:    s.seen,
		Remind:  s.remind,
	}
	if s.item.ID != "" {
		w.Item = string(s.item.Kind) + ":" + s.item.ID
	}
	if s.ret != stepStart {
		w.Ret = stepInfo[s.ret].name
	}
	for _, g := range s.prof.Goals.List() {
		w.Goals = append(w.Goals, g.ID())
	}
	if s.prof.At.Valid() {
		w.At = &[2]float64{s.prof.At.Lat, s.prof.At.Lon}
	}
	return json.Marshal(w)
}

// UnmarshalBinary decodes a state written by MarshalBinary. Empty data is a
// fresh conversation. Data it cannot read (another version, damage) gives
// a fresh conversation whose first reply apologises for starting over; it
// never returns an error.
func (s *State) UnmarshalBinary(b []byte) error {
	*s = State{}
	if len(b) == 0 {
		return nil
	}
	var w wire
	if err := json.Unmarshal(b, &w); err != nil || w.V != stateVersion {
		s.lost = true
		return nil
	}
	t, ok := w.decode()
	if !ok || !t.valid() {
		s.lost = true
		return nil
	}
	*s = t
	return nil
}

// decode turns the wire form into a State; ok is false when any id is
// unknown.
func (w wire) decode() (State, bool) {
	var s State
	var ok bool
	if s.step, ok = stepNamed(w.Step); !ok {
		return State{}, false
	}
	if w.Ret != "" {
		if s.ret, ok = stepNamed(w.Ret); !ok {
			return State{}, false
		}
	}
	s.consent, s.notices, s.done = w.Consent, w.Notices, w.Done
	s.decade, s.page, s.end, s.seen, s.pend = w.Decade, w.Page, w.End, w.Seen, w.Pend
	s.remind = w.Remind
	if w.Item != "" {
		kind, id, _ := strings.Cut(w.Item, ":")
		s.item = data.AlertItem{Kind: data.AlertItemKind(kind), ID: id}
	}
	for _, b := range []struct {
		id  string
		dst *data.AgeBand
	}{{w.Span, &s.span}, {w.Confirm, &s.confirm}} {
		if b.id != "" {
			if *b.dst = data.AgeBandByID(b.id); *b.dst == 0 {
				return State{}, false
			}
		}
	}
	if w.Age != "" {
		if s.prof.Age = data.AgeBandByID(w.Age); s.prof.Age == 0 {
			return State{}, false
		}
	}
	if w.Field != "" {
		if s.prof.Field = data.FieldByName(w.Field); s.prof.Field == 0 {
			return State{}, false
		}
	}
	if w.Years != "" {
		if s.prof.Years = data.YearsBandByID(w.Years); s.prof.Years == 0 {
			return State{}, false
		}
	}
	for _, id := range w.Goals {
		g := data.GoalByName(id)
		if g == 0 {
			return State{}, false
		}
		s.prof.Goals = s.prof.Goals.With(g)
	}
	if w.Dist != "" {
		if s.prof.District = districtByCode(w.Dist); s.prof.District == 0 {
			return State{}, false
		}
	}
	if w.At != nil {
		s.prof.At = data.LatLon{Lat: w.At[0], Lon: w.At[1]}
		if !s.prof.At.Valid() {
			return State{}, false
		}
	}
	return s, true
}

// valid reports whether every part of the state is in range and the parts
// agree with each other.
func (s State) valid() bool {
	p := s.prof
	switch {
	case s.step >= numSteps, s.ret >= numSteps, s.ret == stepForget, s.ret == stepResume,
		s.consent > no, s.notices > no, s.page > maxPage,
		s.decade != 0 && (s.decade < 4 || s.decade > 6 || s.step != stepAge),
		s.span != 0 && (!s.span.Valid() || s.span == data.Age65Plus || s.step != stepAge),
		s.confirm != 0 && (!s.confirm.Valid() || s.step != stepAge),
		btoi(s.decade != 0)+btoi(s.span != 0)+btoi(s.confirm != 0) > 1,
		s.pend && s.consent == yes,
		p.Age != 0 && !p.Age.Valid(), p.Field != 0 && !p.Field.Valid(),
		p.Years != 0 && !p.Years.Valid(), !p.Goals.Valid(), p.Goals.Len() > data.MaxGoals,
		p.District != 0 && !p.District.Valid(), p.At != (data.LatLon{}) && !p.At.Valid(),
		s.seen < 0,
		s.item.ID == "" && (s.item.Kind != "" || s.step == stepDetails || s.ret == stepDetails),
		s.item.ID != "" && (s.item.Kind != data.AlertProgram && s.item.Kind != data.AlertJob || len(s.item.ID) > maxItemID ||
			s.step != stepDetails && s.ret != stepDetails),
		s.remind && s.step != stepDetails:
		return false
	case s.done && (s.consent != yes || s.firstMissing() != stepConfirm):
		return false
	case s.step.intake() || s.step == stepResults:
		return s.consent == yes
	case s.step == stepDetails || s.ret == stepDetails:
		return s.consent == yes && s.done
	case s.step == stepBrowseResults:
		return s.consent != yes && p.District != 0
	}
	return true
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// firstMissing returns the first intake question without an answer, or
// stepConfirm when every answer is in. Years are not asked of a resident
// without experience.
func (s State) firstMissing() step {
	p := s.prof
	switch {
	case p.Age == 0:
		return stepAge
	case p.Field == 0:
		return stepField
	case p.Years == 0 && p.Field != data.FieldNone:
		return stepYears
	case p.Goals == 0:
		return stepGoals
	case p.District == 0:
		return stepDistrict
	}
	return stepConfirm
}
