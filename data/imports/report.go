package imports

import (
	"errors"
	"fmt"

	"github.com/dasi-seoul/dasi/data"
)

// Options describes one import.
type Options struct {
	Kind Kind
	// Format forces a format; empty means recognise it from the content.
	Format string
	// File names the input in messages and in the imports log: the file
	// name, or "-" (the default) for standard input.
	File string
	// Today is the day deadlines are judged against (items past their
	// deadline are stored and counted as expired) and the day recorded as
	// each written item's ImportedAt. Zero means the real date.
	Today data.Date
	// MaxSize is the most bytes File reads; a larger input is refused
	// whole (ErrTooLarge). Zero means DefaultMaxSize.
	MaxSize int64
	// SpoolDir, when set, makes File copy the input to a temporary file
	// in that directory (after recognising its format from its start)
	// and import from there, so that a slow stream (standard input, a
	// pipe) never holds the store's write lock while it is awaited; the
	// copy is removed before File returns. Empty: read the input inside
	// the transaction, as a regular file can be.
	SpoolDir string
}

// Report counts what an import did. Every usable record lands in exactly
// one of Added, Updated, Unchanged and Expired; Expired items are stored
// (new or not) but past their deadline on Options.Today.
type Report struct {
	Format                                       string
	Added, Updated, Unchanged, Expired, Rejected int
	// Skipped counts the records left out on purpose: readable, but not
	// something dasi recommends (a resident service, a children's class).
	Skipped int
	// Removed counts the items deleted because two complete listings of
	// their source in a row lacked them: only the API fetchers
	// (GetJobInfoAPI, Work24API, FiftyPlusAPI) read listings. A file never
	// removes anything.
	Removed int
	// Unlisted counts the items this listing lacked for the first time:
	// kept, and removed if the next listing lacks them too.
	Unlisted int
	// Rejects explains the first MaxListed rejected records, in input
	// order; Rejected counts them all.
	Rejects []Reject
	// Skips says why the first MaxListed skipped records were left out,
	// in input order; Skipped counts them all.
	Skips []Reject
}

// String returns the counts as the last line of "dasi import" prints them:
// "added=N updated=N unchanged=N expired=N rejected=N skipped=N".
func (r Report) String() string {
	return fmt.Sprintf("added=%d updated=%d unchanged=%d expired=%d rejected=%d skipped=%d",
		r.Added, r.Updated, r.Unchanged, r.Expired, r.Rejected, r.Skipped)
}

// Reject says why one record of an import could not be used.
type Reject struct {
	File   string // file name, "-" for standard input
	N      int    // 1-based record number, or line number when Line is set
	Line   bool   // N is a line (CSV) rather than a record (JSON, XML)
	Field  string // the source's field name
	Reason string
}

// String returns "FILE:record N: FIELD: reason" ("FILE:line N: …" for CSV).
func (r Reject) String() string {
	unit := "record"
	if r.Line {
		unit = "line"
	}
	return fmt.Sprintf("%s:%s %d: %s: %s", r.File, unit, r.N, r.Field, r.Reason)
}

// ErrUnknownFormat is wrapped by the error of an import whose format
// could not be recognised.
var ErrUnknownFormat = errors.New("unknown format")

// errTruncated marks a file that ends before its document does.
var errTruncated = errors.New("truncated")

// APIError is a source's error envelope: the Seoul Open API's RESULT (such
// as INFO-200 "해당하는 데이터가 없습니다" or ERROR-336), the 50플러스 Open
// API's header, or 고용24's messageCd.
type APIError struct {
	Code, Message string
}

// Error returns the code and message: "the source answered with an
// error: INFO-200 해당하는 데이터가 없습니다.".
func (e *APIError) Error() string {
	return fmt.Sprintf("the source answered with an error: %s %s", e.Code, e.Message)
}
