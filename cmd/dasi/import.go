package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

const importUsage = `usage:
  dasi import [--format FORMAT] [--max-size SIZE] KIND FILE|-
  dasi import jobs --from-api[=seoul|work24]
  dasi import programs --from-api=50plus

KIND and the formats it reads (recognised from the content; --format forces one):
  programs  50plus-lectures, 50plus-openapi, programs-csv
  jobs      getjobinfo (JSON or XML), work24, 50plus-announcements
  places    places-csv

--from-api reads a source's whole listing: Seoul's GetJobInfo (bare --from-api or
=seoul; SEOUL_API_URL, SEOUL_API_KEY), 고용24's job list for Seoul (=work24;
WORK24_API_URL, WORK24_API_KEY), or the 50플러스 Open API's courses and
가치동행일자리 rounds (=50plus; FIFTYPLUS_API_URL, FIFTYPLUS_API_KEY). An item
two listings in a row lack is removed; dasi serve does the same by itself.
Rejected records go to standard error as FILE:record N: FIELD: reason, and
records left out on purpose (not something dasi recommends) with "(skipped)",
the first 100 of each, then "... and N more"; the last line on standard output
counts added, updated, unchanged, expired, rejected and skipped. A record is
rejected over 64 KB, a title over 300 characters, any other text over 4,000.
--max-size (default 256MB; KB, MB and GB) refuses a larger file whole, and so
is a file whose every record is rejected: exit status 1, nothing changed.
`

// apiTimeout bounds one call of the Seoul Open API.
const apiTimeout = time.Minute

// runImport runs "dasi import": it loads one file (or the Seoul Open API)
// into the catalog in DASI_DB. Each rejected record is written to stderr;
// the counts are the last line of stdout. A file that cannot be used as a
// whole returns an error naming it, and the catalog is left unchanged.
func runImport(ctx context.Context, cfg config, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	format := fs.String("format", "", "force the input format")
	var fromAPI apiFlag
	fs.Var(&fromAPI, "from-api", "read a source's API: seoul (bare), work24 or 50plus")
	maxSize := fs.String("max-size", imports.SizeText(imports.DefaultMaxSize), "the largest file to read")
	// Flags may come before or after KIND and FILE.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "dasi import: %v\n\n%s", err, importUsage)
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	bad := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "dasi import: %s\n\n%s", fmt.Sprintf(format, a...), importUsage)
		return errUsage
	}
	if len(pos) == 0 {
		return bad("missing KIND (programs, jobs or places)")
	}
	limit, ok := imports.ParseSize(*maxSize)
	if !ok {
		return bad("--max-size %q: want a size such as 256MB, 1GB or 500KB", *maxSize)
	}
	kind := imports.Kind(pos[0])
	if len(imports.Formats(kind)) == 0 {
		return bad("unknown KIND %q: want programs, jobs or places", pos[0])
	}
	if *format != "" && !slices.Contains(imports.Formats(kind), *format) {
		return bad("--format %s does not load %s: want one of %s", *format, kind, strings.Join(imports.Formats(kind), ", "))
	}
	api := string(fromAPI)
	switch {
	case api != "" && apiKinds[api] == "":
		return bad("--from-api=%s: want seoul, work24 or 50plus", api)
	case api != "" && apiKinds[api] != kind:
		return bad("--from-api=%s loads %s", api, apiKinds[api])
	case api != "" && len(pos) > 1:
		return bad("--from-api takes no FILE")
	case api != "" && *format != "":
		return bad("--from-api reads the API's own format; leave out --format")
	case api == "" && len(pos) != 2:
		return bad("want KIND and one FILE (or - for standard input)")
	}

	store, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()

	var rep imports.Report
	source := apiNames[api]
	if api != "" {
		rep, err = importFromAPI(ctx, cfg, store, api)
	} else {
		name := pos[1]
		source = name
		var (
			r      io.ReadCloser
			stream bool
		)
		if r, stream, err = openInput(name, stdin, limit); err != nil {
			return err
		}
		defer r.Close()
		opt := imports.Options{Kind: kind, Format: *format, File: name, Today: cfg.today(), MaxSize: limit}
		if stream {
			// A stream may be slow to arrive: it is copied beside the
			// database first, so the import holds the write lock only
			// while it writes.
			opt.SpoolDir = filepath.Dir(cfg.DB)
		}
		rep, err = imports.File(ctx, store, r, opt)
	}
	if errors.Is(err, imports.ErrAllRejected) {
		printRejects(stderr, rep)
	}
	if err != nil {
		return err
	}
	printRejects(stderr, rep)
	fmt.Fprintf(stdout, "%s: %s from %s, deadlines judged on %s\n", kind, rep.Format, source, cfg.today())
	if rep.Removed > 0 {
		fmt.Fprintf(stdout, "removed %d items the last two listings lacked (filled or withdrawn)\n", rep.Removed)
	}
	if rep.Unlisted > 0 {
		fmt.Fprintf(stdout, "%d items this listing lacks are kept for now, removed if the next listing lacks them too\n", rep.Unlisted)
	}
	fmt.Fprintln(stdout, rep)
	return nil
}

// printRejects writes the rejected and the skipped records the report
// kept, one a line, each list followed by "... and N more" when the report
// counted more than it kept.
func printRejects(w io.Writer, rep imports.Report) {
	for _, rj := range rep.Rejects {
		fmt.Fprintln(w, rj)
	}
	if more := rep.Rejected - len(rep.Rejects); more > 0 {
		fmt.Fprintf(w, "... and %d more rejected\n", more)
	}
	for _, sk := range rep.Skips {
		fmt.Fprintf(w, "%s (skipped)\n", sk)
	}
	if more := rep.Skipped - len(rep.Skips); more > 0 {
		fmt.Fprintf(w, "... and %d more skipped\n", more)
	}
}

// openInput opens the content to import: the file name, or stdin for "-".
// stream is set for what is not a regular file (standard input from a
// pipe, a named pipe): it may be slow to arrive, and the import copies it
// first (Options.SpoolDir). A regular file larger than limit is refused at
// once. The caller closes the result. The error names the file.
func openInput(name string, stdin io.Reader, limit int64) (r io.ReadCloser, stream bool, err error) {
	f, ok := stdin.(*os.File)
	if name != "-" {
		if f, err = os.Open(name); err != nil {
			return nil, false, fmt.Errorf("%s: cannot read the file: %w", name, errors.Unwrap(err))
		}
		ok = true
	} else if !ok {
		return io.NopCloser(stdin), true, nil
	}
	fi, err := f.Stat()
	switch {
	case err != nil:
		return f, true, nil
	case fi.IsDir():
		f.Close()
		return nil, false, fmt.Errorf("%s: is a directory: name one file", name)
	case fi.Mode().IsRegular() && fi.Size() > limit:
		f.Close()
		return nil, false, fmt.Errorf("%s: the file is %w of %s (%s; see --max-size); nothing was imported", name, imports.ErrTooLarge, imports.SizeText(limit), imports.SizeText(fi.Size()))
	}
	if name == "-" {
		return io.NopCloser(f), !fi.Mode().IsRegular(), nil // stdin stays open
	}
	return f, !fi.Mode().IsRegular(), nil
}
