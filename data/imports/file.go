package imports

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data"
)

// File reads one file of kind opt.Kind from r and writes its items into
// store's catalog in one transaction (Store.WriteImport), with a row in the
// imports log. Records that cannot be used are skipped and listed in the
// report's Rejects. It returns an error, and changes nothing, when the
// input cannot be used as a whole: unreadable, of an unknown format
// (ErrUnknownFormat) or one that does not load this kind, truncated or
// malformed, or an error envelope (*APIError); or when the store fails.
// The error names opt.File.
//
// The transaction lasts as long as reading r: a caller reading from a
// stream that may be slow to arrive (standard input, a pipe) reads it to
// its end first, so that the store's write lock is never held while the
// input is awaited.
func File(ctx context.Context, store Store, r io.Reader, opt Options) (Report, error) {
	var rep Report
	if opt.File == "" {
		opt.File = "-"
	}
	if opt.Today.IsZero() {
		opt.Today = data.DateOf(time.Now())
	}
	if len(Formats(opt.Kind)) == 0 {
		return rep, fmt.Errorf("import: unknown kind %q: want programs, jobs or places", opt.Kind)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	format := opt.Format
	if format == "" {
		f, err := detectFormat(br)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", opt.File, err)
		}
		format = f
	}
	kind, ok := formatKind(format)
	if !ok {
		return rep, fmt.Errorf("%s: %w %q: want one of %s", opt.File, ErrUnknownFormat, format, strings.Join(Formats(opt.Kind), ", "))
	}
	if kind != opt.Kind {
		return rep, fmt.Errorf("%s: this is a %s file, which \"dasi import %s\" loads, not %s", opt.File, format, kind, opt.Kind)
	}
	rep.Format = format
	err := store.WriteImport(ctx, opt.Kind, opt.File, &rep, func(ctx context.Context, sink Sink) error {
		return readFormat(ctx, newBatch(sink, opt.File, opt.Today, &rep), format, br)
	})
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", opt.File, err)
	}
	return rep, nil
}

// readFormat reads r in the given format, writing through b.
func readFormat(ctx context.Context, b *batch, format string, r *bufio.Reader) error {
	switch format {
	case Format50PlusLectures:
		return read50PlusLectures(ctx, b, r)
	case Format50PlusOpenAPI:
		return read50PlusOpenAPI(ctx, b, r)
	case FormatProgramsCSV:
		return readProgramsCSV(ctx, b, r, FormatProgramsCSV)
	case FormatGetJobInfo:
		if c, _ := firstByte(r); c == '<' {
			return readGetJobInfoXML(r, b.putJobInfo(ctx))
		}
		_, err := readGetJobInfoJSON(r, 0, b.putJobInfo(ctx))
		return err
	case FormatWork24:
		return readWork24(ctx, b, r)
	case Format50PlusAnnouncements:
		return read50PlusAnnouncements(ctx, b, r)
	case FormatPlacesCSV:
		return readPlacesCSV(ctx, b, r, FormatPlacesCSV, false)
	}
	return fmt.Errorf("%w %q", ErrUnknownFormat, format)
}
