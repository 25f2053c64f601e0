package imports

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dasi-seoul/dasi/data"
)

// File reads one file of kind opt.Kind from r and writes its items into
// store's catalog in one transaction (Store.WriteImport), with a row in the
// imports log. Records that cannot be used (over a limit among them:
// MaxTitle, MaxText, MaxRecord) are skipped, counted in the report's
// Rejected and, the first MaxListed of them, explained in its Rejects. It
// returns an error, and changes nothing, when the input cannot be used as a
// whole: unreadable, larger than opt.MaxSize (ErrTooLarge), of an unknown
// format (ErrUnknownFormat) or one that does not load this kind, truncated
// or malformed, text that is neither UTF-8 nor EUC-KR (ErrBadText), an
// error envelope (*APIError), or every record rejected (ErrAllRejected,
// with the report of the rejects); or when the store fails. The error
// names opt.File.
//
// Memory does not grow with the input: records are read one at a time and
// only the first MaxListed rejects are kept. The transaction lasts as long
// as reading r, unless opt.SpoolDir is set (see Options).
func File(ctx context.Context, store Store, r io.Reader, opt Options) (Report, error) {
	var rep Report
	if opt.File == "" {
		opt.File = "-"
	}
	if opt.Today.IsZero() {
		opt.Today = data.Today()
	}
	if opt.MaxSize <= 0 {
		opt.MaxSize = DefaultMaxSize
	}
	if len(Formats(opt.Kind)) == 0 {
		return rep, fmt.Errorf("import: unknown kind %q: want programs, jobs or places", opt.Kind)
	}
	lim := &sizeLimit{r: r, max: opt.MaxSize, left: opt.MaxSize}
	br := bufio.NewReaderSize(lim, 64<<10)
	format := opt.Format
	if format == "" {
		f, err := detectFormat(br)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", opt.File, lim.or(err))
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
	if opt.SpoolDir != "" {
		f, err := spool(br, opt.SpoolDir)
		if err != nil {
			return rep, fmt.Errorf("%s: %w", opt.File, lim.or(err))
		}
		defer f.Close()
		br = bufio.NewReaderSize(f, 64<<10)
	}
	rep.Format = format
	err := store.WriteImport(ctx, opt.Kind, opt.File, &rep, func(ctx context.Context, sink Sink) error {
		if err := readFormat(ctx, newBatch(sink, opt.File, opt.Today, &rep), format, br); err != nil {
			return err
		}
		if rep.Rejected > 0 && rep.usable() == 0 && rep.Skipped == 0 {
			return fmt.Errorf("%w (%s); nothing was imported", ErrAllRejected, thousands(rep.Rejected))
		}
		return nil
	})
	if errors.Is(err, ErrAllRejected) {
		return rep, fmt.Errorf("%s: %w", opt.File, err)
	}
	if err != nil {
		return Report{}, fmt.Errorf("%s: %w", opt.File, lim.or(err))
	}
	return rep, nil
}

// sizeLimit reads r up to left bytes; reading more fails with an error
// wrapping ErrTooLarge.
type sizeLimit struct {
	r    io.Reader
	max  int64
	left int64
	hit  bool
}

// Read implements io.Reader.
func (l *sizeLimit) Read(p []byte) (int, error) {
	if l.left <= 0 {
		// One byte more than the limit tells a file of exactly the limit
		// from a larger one.
		var one [1]byte
		if n, _ := l.r.Read(one[:]); n == 0 {
			return 0, io.EOF
		}
		l.hit = true
		return 0, l.err()
	}
	n, err := l.r.Read(p[:min(int64(len(p)), l.left)])
	l.left -= int64(n)
	return n, err
}

// err is the error of an input over the limit.
func (l *sizeLimit) err() error {
	return fmt.Errorf("the input is %w of %s (dasi import --max-size); nothing was imported", ErrTooLarge, SizeText(l.max))
}

// or returns the limit's error when the input went over it (whatever
// reading it made of that), else err.
func (l *sizeLimit) or(err error) error {
	if l.hit {
		return l.err()
	}
	return err
}

// spool copies the rest of r into a new temporary file in dir and returns
// it positioned at its start. The file is unlinked at once: it lives until
// it is closed, and a crash leaves nothing behind.
func spool(r io.Reader, dir string) (*os.File, error) {
	f, err := os.CreateTemp(dir, ".dasi-import-*")
	if err != nil {
		return nil, fmt.Errorf("cannot keep a copy of the input to import: %w", err)
	}
	os.Remove(f.Name())
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return nil, fmt.Errorf("reading the input: %w", err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("reading the copy of the input: %w", err)
	}
	return f, nil
}

// readFormat reads r in the given format, writing through b. JSON and CSV
// come in UTF-8 or EUC-KR, told apart by their bytes; XML in the encoding
// its declaration names.
func readFormat(ctx context.Context, b *batch, format string, r *bufio.Reader) error {
	text := func() io.Reader { return newTextReader(r, "") }
	switch format {
	case Format50PlusLectures:
		return read50PlusLectures(ctx, b, text())
	case Format50PlusOpenAPI:
		return read50PlusOpenAPI(ctx, b, text())
	case FormatProgramsCSV:
		return readProgramsCSV(ctx, b, text(), FormatProgramsCSV)
	case FormatGetJobInfo:
		if c, _ := firstByte(r); c == '<' {
			x, err := newXMLInput(r)
			if err != nil {
				return err
			}
			return readGetJobInfoXML(x, b.putJobInfo(ctx))
		}
		_, err := readGetJobInfoJSON(text(), 0, b.putJobInfo(ctx))
		return err
	case FormatWork24:
		x, err := newXMLInput(r)
		if err != nil {
			return err
		}
		return readWork24(ctx, b, x)
	case Format50PlusAnnouncements:
		return read50PlusAnnouncements(ctx, b, text())
	case FormatPlacesCSV:
		return readPlacesCSV(ctx, b, text(), FormatPlacesCSV, false)
	}
	return fmt.Errorf("%w %q", ErrUnknownFormat, format)
}
