package dialogs

import "github.com/dasi-seoul/dasi/data"

// This file is the contract the channels code against. The conversation
// itself belongs to the intake issue; until it lands, Step only greets.

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

// State is one resident's place in the conversation. The zero State is a
// fresh conversation. It is small and encodes with MarshalBinary.
type State struct {
	V int `json:"v"`
}

// MarshalBinary encodes the state for a session store.
func (s State) MarshalBinary() ([]byte, error) { return []byte(`{"v":1}`), nil }

// UnmarshalBinary decodes a state written by MarshalBinary. Data it cannot
// read gives the zero State, never an error a resident would see.
func (s *State) UnmarshalBinary(b []byte) error {
	*s = State{V: 1}
	return nil
}

// Step applies one input to the state and returns the next state and the
// replies to show, in order. It never fails and never returns no reply.
func (m *Machine) Step(s State, in Input) (State, []Reply) {
	return State{V: 1}, []Reply{{Kind: ReplyText, Text: "안녕하세요. 준비 중이에요."}}
}
