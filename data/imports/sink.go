package imports

import (
	"context"

	"github.com/dasi-seoul/dasi/data"
)

// Store is the catalog store an import writes into; *sqlite.Store
// satisfies it. The importers need nothing else of it: they read their
// input, hand each item to the Sink of one write transaction, and leave the
// SQL to the store.
type Store interface {
	// WriteImport calls write with the Sink of one write transaction,
	// then records the import in the store's imports log (kind, file, and
	// the counts write left in rep) and commits. When write or the store
	// fails, everything is rolled back and the error returned as is: an
	// import that fails changes nothing.
	WriteImport(ctx context.Context, kind Kind, file string, rep *Report, write func(context.Context, Sink) error) error
}

// Sink is where one import writes, inside the transaction WriteImport
// holds. Items are stored by their catalog id (ID), replacing the item
// with that id; an item's Source.ImportedAt is stored as the day it was
// written. The Put methods return what they did, or the store's error,
// which fails the whole import.
type Sink interface {
	// Places returns every stored place (closed ones included), for
	// joining the organisation names of the sources to places.
	Places(ctx context.Context) ([]data.Place, error)
	// PutPlace stores p unless an identical place is stored.
	PutPlace(ctx context.Context, p data.Place) (Outcome, error)
	// PutProgram stores p unless an identical program is stored.
	PutProgram(ctx context.Context, p data.Program) (Outcome, error)
	// PutJob stores j unless an identical job opening is stored.
	PutJob(ctx context.Context, j data.Job) (Outcome, error)
	// RemoveUnlisted deletes the programs or job openings of kind that
	// format wrote and whose ids are not in listed, when the previous
	// complete listing of that source lacked them too (one miss only marks
	// them: paged listings shift while they are read). It returns how many
	// it deleted and how many it marked as missed once.
	RemoveUnlisted(ctx context.Context, kind Kind, format string, listed map[string]bool) (removed, marked int, err error)
}

// Outcome is what a Sink did with one item.
type Outcome uint8

// The outcomes of a Put.
const (
	// Added: no item had the id; the item is stored.
	Added Outcome = iota + 1
	// Updated: the item replaced a different one with the same id.
	Updated
	// Unchanged: an identical item is stored; nothing was written.
	Unchanged
	// Kept: nothing was written because the store keeps another import's
	// version of the item. Only the seed meets it (an operator's item
	// replaced the seed's by id, and wins); it is not counted in the
	// Report.
	Kept
)
