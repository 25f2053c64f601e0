package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/dasi-seoul/dasi/data/imports"
	"github.com/dasi-seoul/dasi/data/sqlite"
)

const importUsage = `usage:
  dasi import [--format FORMAT] KIND FILE|-
  dasi import jobs --from-api

KIND and the formats it reads (recognised from the content; --format forces one):
  programs  50plus-lectures, 50plus-openapi, programs-csv
  jobs      getjobinfo (JSON or XML), work24, 50plus-announcements
  places    places-csv

--from-api pages through the Seoul Open API GetJobInfo (SEOUL_API_URL, SEOUL_API_KEY)
and removes the GetJobInfo openings it no longer lists.
Rejected records go to standard error as FILE:record N: FIELD: reason, and
records left out on purpose (not something dasi recommends) with "(skipped)";
the last line on standard output counts added, updated, unchanged, expired,
rejected and skipped.
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
	fromAPI := fs.Bool("from-api", false, "page through the Seoul Open API (jobs only)")
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
	kind := imports.Kind(pos[0])
	if len(imports.Formats(kind)) == 0 {
		return bad("unknown KIND %q: want programs, jobs or places", pos[0])
	}
	if *format != "" && !slices.Contains(imports.Formats(kind), *format) {
		return bad("--format %s does not load %s: want one of %s", *format, kind, strings.Join(imports.Formats(kind), ", "))
	}
	switch {
	case *fromAPI && kind != imports.Jobs:
		return bad("--from-api loads jobs only")
	case *fromAPI && len(pos) > 1:
		return bad("--from-api takes no FILE")
	case *fromAPI && *format != "":
		return bad("--from-api reads the API's own format; leave out --format")
	case !*fromAPI && len(pos) != 2:
		return bad("want KIND and one FILE (or - for standard input)")
	}

	store, err := sqlite.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer store.Close()

	var rep imports.Report
	source := "the Seoul Open API (GetJobInfo)"
	if *fromAPI {
		if cfg.SeoulAPIKey == "" {
			return errors.New("SEOUL_API_KEY: required for --from-api: get a key at data.seoul.go.kr")
		}
		client := &http.Client{Timeout: apiTimeout}
		rep, err = imports.GetJobInfoAPI(ctx, store, client, cfg.SeoulAPIURL, cfg.SeoulAPIKey.reveal(), cfg.today())
	} else {
		name := pos[1]
		source = name
		var r io.ReadCloser
		if r, err = openInput(name, stdin); err != nil {
			return err
		}
		defer r.Close()
		rep, err = imports.File(ctx, store, r, imports.Options{Kind: kind, Format: *format, File: name, Today: cfg.today()})
	}
	if err != nil {
		return err
	}
	for _, rj := range rep.Rejects {
		fmt.Fprintln(stderr, rj)
	}
	for _, sk := range rep.Skips {
		fmt.Fprintf(stderr, "%s (skipped)\n", sk)
	}
	fmt.Fprintf(stdout, "%s: %s from %s, deadlines judged on %s\n", kind, rep.Format, source, cfg.today())
	if rep.Removed > 0 {
		fmt.Fprintf(stdout, "removed %d openings the API no longer lists (filled or withdrawn)\n", rep.Removed)
	}
	fmt.Fprintln(stdout, rep)
	return nil
}

// openInput opens the content to import: the file name, or stdin for
// "-". A stream (standard input, a pipe such as a download piped in) may be
// slow to arrive, so it is read to its end first: the import holds the
// database's write lock only while it writes, never while it waits for
// input. The caller closes the result. The error names the file.
func openInput(name string, stdin io.Reader) (io.ReadCloser, error) {
	r, what := io.NopCloser(stdin), "standard input"
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the file: %w", name, errors.Unwrap(err))
		}
		fi, err := f.Stat()
		switch {
		case err == nil && fi.IsDir():
			f.Close()
			return nil, fmt.Errorf("%s: is a directory: name one file", name)
		case err == nil && fi.Mode().IsRegular():
			return f, nil
		}
		r, what = f, "the file"
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read %s: %w", name, what, err)
	}
	return io.NopCloser(bytes.NewReader(b)), nil
}
