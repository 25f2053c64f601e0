package imports

import (
	"context"
	"fmt"
	"io"

	"github.com/dasi-seoul/dasi/data"
)

// SeedFile is one file of a seed: the name rejects and errors give it, and
// its content.
type SeedFile struct {
	Name    string
	Content io.Reader
}

// ReadSeed reads a seed into sink as one import on today, counting into
// rep: first its places, in the layout of places.csv, leaving out the
// closed ones (the seed holds only places that may be shown); then its
// programs, in the programs template, whose place_id may name one of
// those places. Every item gets Source.Format FormatSeed. Records that
// cannot be used are listed in rep.Rejects, as in any import. It returns
// the sink's error, or an error naming the file that cannot be used as a
// whole.
func ReadSeed(ctx context.Context, sink Sink, today data.Date, rep *Report, places, programs SeedFile) error {
	b := newBatch(sink, places.Name, today, rep)
	if err := readPlacesCSV(ctx, b, places.Content, FormatSeed, true); err != nil {
		return fmt.Errorf("%s: %w", places.Name, err)
	}
	b.file = programs.Name
	if err := readProgramsCSV(ctx, b, programs.Content, FormatSeed); err != nil {
		return fmt.Errorf("%s: %w", programs.Name, err)
	}
	return nil
}
