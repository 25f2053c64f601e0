package dialogs

import (
	"encoding/json"

	"github.com/dasi-seoul/dasi/data"
)

// staffStateVersion is the version of StaffState's stored form.
const staffStateVersion = 1

// staffStepNames name the staff steps in the stored form, so that
// reordering them never changes a meaning.
var staffStepNames = [...]string{
	staffIdle:     "",
	staffWrite:    "write",
	staffAudience: "audience",
	staffDistrict: "district",
	staffGoal:     "goal",
	staffAge:      "age",
	staffPreview:  "preview",
}

// staffWire is the stored form of a StaffState: the audience by its ids.
type staffWire struct {
	V    int    `json:"v"`
	Step string `json:"s,omitempty"`
	Text string `json:"t,omitempty"`
	Dist string `json:"d,omitempty"`
	Goal string `json:"g,omitempty"`
	Age  string `json:"a,omitempty"`
	N    int    `json:"n,omitempty"`
	NP   int    `json:"np,omitempty"`
}

// MarshalBinary encodes the state for a store, so that a /broadcast being
// written survives a restart, as compact JSON with a version. It never
// fails.
func (s StaffState) MarshalBinary() ([]byte, error) {
	return json.Marshal(staffWire{
		V:    staffStateVersion,
		Step: staffStepNames[s.step],
		Text: s.text,
		Dist: s.aud.District.Info().Code,
		Goal: s.aud.Goal.ID(),
		Age:  s.aud.Age.ID(),
		N:    s.n,
		NP:   s.np,
	})
}

// UnmarshalBinary decodes a state written by MarshalBinary. Empty data,
// and data it cannot read (another version, damage, an id it does not
// know), give the idle state: the staff member writes the announcement
// again. It never returns an error.
func (s *StaffState) UnmarshalBinary(b []byte) error {
	*s = StaffState{}
	var w staffWire
	if len(b) == 0 || json.Unmarshal(b, &w) != nil || w.V != staffStateVersion {
		return nil
	}
	t := StaffState{text: w.Text, n: w.N, np: w.NP}
	found := false
	for step, name := range staffStepNames {
		if name == w.Step {
			t.step, found = staffStep(step), true
		}
	}
	if w.Dist != "" {
		t.aud.District = data.DistrictByName(w.Dist)
		found = found && t.aud.District.Valid()
	}
	if w.Goal != "" {
		t.aud.Goal = data.GoalByName(w.Goal)
		found = found && t.aud.Goal.Valid()
	}
	if w.Age != "" {
		t.aud.Age = data.AgeBandByID(w.Age)
		found = found && t.aud.Age.Valid()
	}
	if found && t.step != staffIdle {
		*s = t
	}
	return nil
}
